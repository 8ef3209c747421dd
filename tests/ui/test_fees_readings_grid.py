"""经理 → 抄表录入 (issue 14): readings typed keyboard-only, Enter moves down, outliers and negative usage
flagged before saving."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from app.models import ChargeMethod, FeeKind
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def water(db):
    services, _ = fee_services(db)
    ids = build_property(services)
    add_items(services)
    item = services.billing.save_item({"name": "水费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED,
                                       "unit_price": "3.45", "unit_label": "元/吨", "start_date": "2026-01-01"})
    services.billing.save_readings(item, "2026-09", {ids["a"]: "90", ids["b"]: "40"})
    services.billing.save_readings(item, "2026-10", {ids["a"]: "100", ids["b"]: "50"})
    return services, ids, item


def type_reading(qtbot, table, text):
    qtbot.keyClick(table, text[0])  # typing starts the editor (AnyKeyPressed)
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.text() == text[0]
    qtbot.keyClicks(editor, text[1:])
    row = table.currentIndex().row()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    if row + 1 < table.model().rowCount():
        qtbot.waitUntil(lambda: table.currentIndex().row() == row + 1)


def test_keyboard_entry_flags_and_saves(qtbot, qtmodeltester, water, monkeypatch):
    from ui.application import install_font
    from ui.tabs.fees_readings import ReadingsGridPage

    install_font(QApplication.instance())
    services, ids, item = water
    page = ReadingsGridPage(services)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    page.period.setText("2026-11")
    page.reload()
    qtmodeltester.check(page.model)
    model = page.model
    assert [model.index(r, 0).data() for r in range(3)] == ["1-1-101", "1-1-102", "1-1-201"]
    assert (model.index(0, 1).data(), model.index(0, 2).data()) == ("100.00", "10.00")
    page.table.setFocus()
    type_reading(qtbot, page.table, "112")
    assert page.table.currentIndex().row() == 1  # Enter went to the next room
    type_reading(qtbot, page.table, "45")
    assert model.index(0, 4).data() == "12.00" and model.index(0, 5).data() == ""
    assert "小于上次读数" in model.index(1, 5).data()
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page.save_button.click()
    assert warnings and "1-1-102" in warnings[-1]
    with services.ctx.read() as s:  # nothing stored
        from sqlalchemy import func, select

        from app.models import MeterReading
        assert s.scalar(select(func.count(MeterReading.id)).where(MeterReading.period == "2026-11")) == 0

    page.table.setCurrentIndex(model.index(1, 3))
    type_reading(qtbot, page.table, "95")  # 45 used: more than 3 × the average of 10
    assert "3倍" in model.index(1, 5).data()
    page.grab().save("/tmp/i14_readings.png")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    page.save_button.click()
    assert asked and "1-1-102" in asked[-1]
    sheet = {r.unit_id: r.reading for r in services.meters.sheet(item, "2026-11")}
    assert sheet[ids["a"]] == Decimal("112.00") and sheet[ids["b"]] == Decimal("95.00")
    assert "已保存 2 户" in page.status.text()


def test_a_meter_change_from_the_grid_makes_a_lower_reading_right(qtbot, water, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.tabs.fees_readings import MeterChangeDialog, ReadingsGridPage

    services, ids, item = water
    page = ReadingsGridPage(services)
    qtbot.addWidget(page)
    page.show()
    page.period.setText("2026-11")
    page.reload()
    model = page.model
    page.table.setFocus()
    type_reading(qtbot, page.table, "7")  # 1-1-101: below the last reading 100
    assert "小于上次读数" in model.index(0, 5).data()
    page.table.setCurrentIndex(model.index(0, 3))
    page.change_button.click()
    dialog = page.findChild(MeterChangeDialog)
    assert dialog is not None and "1-1-101" in dialog.windowTitle()
    dialog.field("old_final").setText("90")  # below the last reading: refused under the field
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "旧表止码" in dialog.errors()["old_final"] and dialog.isVisible()
    dialog.field("old_final").setText("110")
    dialog.field("new_start").setText("2")
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert model.index(0, 3).data() == "7"  # what was typed stays
    assert model.index(0, 4).data() == "15.00" and model.index(0, 5).data() == ""  # 10 old + 5 new
    page.save_button.click()
    assert {r.unit_id: r.reading for r in services.meters.sheet(item, "2026-11")}[ids["a"]] == Decimal("7.00")
