"""设备台账 page: add through the form, filter, history in the detail pane, QR labels, 报修 linked back."""

from __future__ import annotations

from app.services.register_base import linked_orders
from ui.pages.engineering.equipment import EquipmentPage


def make_page(qtbot, services):
    page = EquipmentPage(services)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    return page


def fill(dialog, **values):
    for name, value in values.items():
        editor = dialog.field(name)
        if hasattr(editor, "setText"):
            editor.setText(value)
        else:
            editor.setCurrentIndex(editor.findData(value))


def test_add_edit_filter_and_history(qtbot, qtmodeltester, services):
    page = make_page(qtbot, services)
    assert page.register.total() == 0
    dialog = page.add()
    fill(dialog, code="gps-001", name="1号生活水泵", system="water", location="泵房", installed_on="2020/5/1")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert page.register.total() == 1 and page.current().code == "GPS-001"
    qtmodeltester.check(page.register.model)
    assert page.pane.title.text() == "GPS-001  1号生活水泵"

    dialog = page.add()  # a bad date stays in the form with the message under the field, nothing saved
    fill(dialog, code="X1", name="风机", system="hvac", installed_on="2020-13-01")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "installed_on" in dialog.errors() and dialog.isVisible()
    dialog.reject()
    assert page.register.total() == 1

    page.register.reload(select=lambda r: r.code == "GPS-001")
    log = page.add_log()
    fill(log, summary="更换机械密封", cost="350")
    log.buttons.button(log.buttons.StandardButton.Save).click()
    assert [r.summary for r in page.pane.model.rows()] == ["更换机械密封"]
    qtmodeltester.check(page.pane.model)

    combo = page.register._combos["system"]
    combo.setCurrentIndex(combo.findData("fire"))
    assert page.register.total() == 0


def test_labels_and_linked_repair_order(qtbot, services):
    services.equipment.save({"code": "DT-01", "name": "1号电梯", "system": "elevator", "location": "1栋"})
    page = make_page(qtbot, services)
    pdf = page.print_labels()  # nothing selected: the whole list
    assert pdf.startswith(b"%PDF") and page.last_preview.isVisible()
    page.last_preview.accept()
    page.register.table.selectRow(0)
    dialog = page.report_fault()
    assert dialog.field("category").currentData() == "elevator"
    dialog.field("description").setPlainText("电梯异响")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    with services.ctx.read() as s:
        orders = linked_orders(s, "equipment", [page.current().id])
    assert [o.description for o in orders] == ["电梯异响"]
    assert any("电梯异响" in r.summary for r in page.pane.model.rows())


def test_team_without_the_right_sees_a_message(qtbot, as_role):
    from ui.tabs.base import RoleTab
    from ui.tabs.engineering import pages

    tab = RoleTab(pages(as_role("security")))
    qtbot.addWidget(tab)
    page = tab.page("设备台账")
    assert page.register.total() == 0 and "查看设备台账" in page.register.count_label.text()
    assert page.add_action is None  # no 新增/编辑 without equipment.manage


def test_export_and_import_through_the_page(qtbot, services, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    services.equipment.save({"code": "DT-01", "name": "1号电梯", "system": "elevator"})
    page = make_page(qtbot, services)
    path = str(tmp_path / "ledger.xlsx")
    assert page.export_ledger(path) == 1 and path in shown[-1]
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active.append(["DT-02", "2号电梯", "电梯"])
    wb.active.append(["DT-03", "", "飞船"])
    wb.save(path)
    assert page.import_ledger(path) is None
    assert "第4行 设备名称" in shown[-1] and "第4行 所属系统" in shown[-1] and page.register.total() == 1
    wb.active.delete_rows(4)
    wb.save(path)
    assert page.import_ledger(path).created == 1 and page.register.total() == 2


def test_every_engineering_label_is_marked_for_translation():
    from app.models import ENGINEERING_LABELS, INVENTORY_LABELS
    from ui import engineering_labels

    assert set(ENGINEERING_LABELS.values()) | set(INVENTORY_LABELS.values()) <= set(engineering_labels._MARKED)
