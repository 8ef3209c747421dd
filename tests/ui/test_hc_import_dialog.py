"""Switching from HC小区 through the window (issue 19): the import dialog shows the recognised layout, the
placeholder counts, the fee items to map and the keep-ID choice; the archive shows and filters 待核实."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from app.models import Person
from tests.app.hc_files import bad_check_digit, hc_workbook, owner, room, space, valid_id
from ui.pages.archive import ArchivePage

SHOTS = Path("/tmp/shots")


def cjk(widget):
    """The widget in the bundled CJK font, as the application shows it (screenshots render Chinese), without
    changing the application font for other tests."""
    from PySide6.QtGui import QFont, QFontDatabase

    from app.resources import font_path

    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font_path())))
    if families:
        widget.setFont(QFont(families[0], 10))
    return widget


def shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def hc_file(tmp_path: Path) -> Path:
    return hc_workbook(
        tmp_path / "hc.xlsx", buildings=[[1, 1, 33, "有"], [1, 2, 33, "有"]],
        owners=[owner(1, "吴学文", valid_id(1), 13812345678), owner(2, "张三", bad_check_digit(2), 18999999999),
                owner(3, "李四", "", 18999999999, gender="女")],
        rooms=[room(1011, 1, 1, 1, 1), room(1012, 1, 1, 1, 2), room(2011, 1, 2, 1, 3)],
        spaces=[space("C0001", 1, "浙A12345")])


def test_dialog_shows_hc_detection_placeholders_fee_items_and_keeps_legacy_ids(qtbot, services, db, monkeypatch,
                                                                               tmp_path):
    from ui.dialogs.roster_import import RosterImportDialog

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(hc_file(tmp_path)), ""))
    dialog = cjk(RosterImportDialog(services))
    qtbot.addWidget(dialog)
    dialog.resize(1024, 700)
    dialog.show()
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10000)

    assert "识别为 HC小区 导入模板" in dialog.summary_label.text()
    assert "占位手机号 18999999999 视为空: 2 行" in dialog.columns_label.text()
    assert "占位身份证号 111111111111111111 视为空: 1 行" in dialog.columns_label.text()
    assert dialog.fee_label.isVisible()
    assert "测试收费1" in dialog.fee_label.text() and "停车管理费" in dialog.fee_label.text()
    assert "业主信息 第3行 身份证号: 校验位错误" in dialog.preview.lines()
    assert not dialog.import_button.isEnabled()
    shot(dialog, "i19_hc_import_errors.png")

    dialog.keep_id_check.click()  # 保留校验位不符的身份证号 (待核实): the file is read again
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None and dialog.preview.ok, timeout=10000)
    assert "身份证号待核实 1 个" in dialog.summary_label.text()
    assert dialog.import_button.isEnabled()
    shot(dialog, "i19_hc_import_dialog.png")
    with qtbot.waitSignal(dialog.imported, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].units_created == 3
    with db.read_session() as s:
        assert s.scalars(select(Person.name).where(Person.id_unverified.is_(True))).all() == ["张三"]


def test_archive_filters_and_shows_unverified_id_numbers(qtbot, services, db, tmp_path):
    preview = services.roster.preview(hc_file(tmp_path), options=services.roster.options(keep_invalid_id=True))
    services.roster.commit(preview)
    page = cjk(ArchivePage(services))
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    qtbot.waitUntil(lambda: page.register.model.rowCount() == 3, timeout=5000)
    combo = page.unverified_combo
    combo.setCurrentIndex(combo.findData(True))
    qtbot.waitUntil(lambda: page.register.model.rowCount() == 1, timeout=5000)
    page.register.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=5000)
    detail = page.detail
    assert detail.detail.unit.code == "1-1-1012"
    members = detail.members
    column = members.column_index("id_unverified")
    assert members.index(0, column).data() == "待核实"
    assert members.index(0, members.column_index("gender")).data() == "男"
    assert "33" in detail.facts["floor"].text() and "有电梯" in detail.facts["building"].text()
    assert "80.5" in detail.facts["inner_area"].text()
    shot(page, "i19_archive_unverified.png")
