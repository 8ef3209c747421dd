"""The roster import dialog through its widgets: choose a file, preview, commit, import only valid rows,
cancel; and the export/template actions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.app.roster_files import HEADER, ID_A, clean_roster, dump, people, write_xlsx
from ui.dialogs.roster_import import RosterImportDialog
from ui.models.roster_preview import COL_MESSAGES, COL_STATUS, RosterPreviewModel
from ui.roster_actions import RosterActions

SHOTS = Path("/tmp/shots")


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes answered without showing; what they said is kept."""
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(("info", text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(("warning", text)))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text: said.append(("question", text)) or QMessageBox.StandardButton.Yes)
    return said


def open_dialog(qtbot, services, monkeypatch, path: Path) -> RosterImportDialog:
    dialog = RosterImportDialog(services)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Excel 工作簿 (*.xlsx)"))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.preview is not None
    return dialog


def test_model_contract(qtmodeltester, services, tmp_path):
    model = RosterPreviewModel()
    preview = services.roster.preview(bad_roster(tmp_path))
    model.set_preview_rows(preview.rows)
    qtmodeltester.check(model)


def bad_roster(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        [1, "3栋", "1", "1502", "118.75", "张三", "13812345678", ID_A, "2019-05-01", "", "浙A12345", ""],
        [2, "3栋", "1", "1503", "", "李四", "12345", "", "2019/13/1", "", "", ""],
        [3, "3栋", "1", "1504", "", "王五", "", "", "", "", "", ""],
    ], title="翠湖花园业主花名册")


def test_preview_then_import(qtbot, services, db, monkeypatch, boxes, tmp_path):
    dialog = open_dialog(qtbot, services, monkeypatch, clean_roster(tmp_path / "roster.xlsx"))
    dialog.show()
    assert dialog.model.rowCount() == 4
    assert "新增 4 行" in dialog.summary_label.text()
    assert dialog.import_button.isEnabled() and not dialog.only_valid_button.isEnabled()
    assert dump(db)["units"] == []
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "roster_import_clean.png"))
    with qtbot.waitSignal(dialog.imported, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].created == 4
    assert len(people(db)) == 4
    assert boxes[-1][0] == "info" and "新增 4 行" in boxes[-1][1]
    assert dialog.result is not None


def test_errors_are_highlighted_and_block_the_import(qtbot, services, db, monkeypatch, boxes, tmp_path):
    dialog = open_dialog(qtbot, services, monkeypatch, bad_roster(tmp_path))
    dialog.show()
    model = dialog.model
    statuses = [model.index(r, COL_STATUS).data() for r in range(model.rowCount())]
    assert statuses == ["新增", "有错误", "新增"]
    error_row = model.index(1, COL_MESSAGES)
    assert "联系电话: 应为11位手机号码" in error_row.data() and "入住日期: 日期无效" in error_row.data()
    assert error_row.data(Qt.ItemDataRole.BackgroundRole).name() == "#fde2e1"
    assert not dialog.import_button.isEnabled() and dialog.only_valid_button.isEnabled()
    assert "共 2 处问题" in dialog.summary_label.text()
    dialog.filter_combo.setCurrentIndex(1)  # only rows in error
    assert model.rowCount() == 1
    dialog.grab().save(str(SHOTS / "roster_import_errors.png"))
    dialog.filter_combo.setCurrentIndex(0)
    with qtbot.waitSignal(dialog.imported, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.only_valid_button, Qt.MouseButton.LeftButton)
    assert boxes[0][0] == "question"
    assert (blocker.args[0].created, blocker.args[0].skipped) == (2, 1)
    assert sorted(p[3] for p in people(db)) == ["张三", "王五"]


def test_bad_file_shows_a_message(qtbot, services, monkeypatch, boxes, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    dialog = RosterImportDialog(services)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.choose_file()
    qtbot.waitUntil(lambda: bool(boxes), timeout=10000)
    assert boxes[0][0] == "warning" and ".xlsx" in boxes[0][1]
    assert not dialog.import_button.isEnabled()


def test_cancelling_the_import_changes_nothing(qtbot, services, db, monkeypatch, boxes, tmp_path):
    dialog = open_dialog(qtbot, services, monkeypatch, clean_roster(tmp_path / "roster.xlsx"))
    gate = threading.Event()
    real_commit = services.roster.commit

    def held_commit(preview, only_valid=False, progress=None):
        gate.wait(5)
        return real_commit(preview, only_valid=only_valid, progress=progress)

    monkeypatch.setattr(services.roster, "commit", held_commit)
    before = dump(db)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    job.dialog.canceled.emit()  # what the progress dialog's 取消 button does
    gate.set()
    qtbot.waitUntil(lambda: "已取消" in dialog.summary_label.text(), timeout=10000)
    assert dump(db) == before
    assert dialog.result is None and dialog.import_button.isEnabled()


def test_closing_without_import(qtbot, services, db, monkeypatch, tmp_path):
    dialog = open_dialog(qtbot, services, monkeypatch, clean_roster(tmp_path / "roster.xlsx"))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result is None and dump(db)["units"] == []


def test_several_sheets_can_be_switched(qtbot, services, monkeypatch, tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", [["楼栋", "房号", "姓名"], ["1", "101", "甲"]], sheet="一期",
                      extra_sheets={"二期": [["楼栋", "房号", "姓名"], ["2", "201", "乙"], ["2", "202", "丙"]]})
    dialog = open_dialog(qtbot, services, monkeypatch, path)
    combo = dialog.sheet_combo
    # different units on each sheet (one sheet per phase/building): read together by default
    assert combo.isEnabled() and combo.count() == 3 and combo.currentText() == "全部工作表"
    assert dialog.model.rowCount() == 3 and "读取了 2 张工作表" in dialog.columns_label.text()
    for index, sheet, rows in ((1, "一期", 1), (2, "二期", 2), (0, "一期、二期", 3)):
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
        assert dialog.preview.sheet == sheet and dialog.model.rowCount() == rows


def test_export_and_template_actions(qtbot, services, monkeypatch, boxes, tmp_path):
    from PySide6.QtWidgets import QWidget

    services.roster.commit(clean_roster(tmp_path / "roster.xlsx"))
    window = QWidget()
    qtbot.addWidget(window)
    actions = RosterActions(window, services)
    assert [a.text() for a in actions.actions()] == ["导入花名册…", "导出花名册…", "下载导入模板…"]
    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(actions.exported, timeout=10000):
        actions.export_action.trigger()
    assert load_workbook(str(target) + ".xlsx").active.max_row == 5
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "模板.xlsx"), ""))
    actions.template_action.trigger()
    assert (tmp_path / "模板.xlsx").exists() and "模板已保存" in boxes[-1][1]


def test_actions_follow_permissions(qtbot, as_role):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    clerk = RosterActions(window, as_role("service"))
    assert clerk.import_action.isEnabled() and not clerk.export_action.isEnabled()
    worker = RosterActions(window, as_role("engineering"))
    assert not worker.import_action.isEnabled()


def test_archive_page_toolbar(qtbot, services, monkeypatch, boxes, tmp_path):
    from ui.pages.archive import ArchivePage
    from ui.roster_actions import add_to_archive_page

    page = ArchivePage(services)
    qtbot.addWidget(page)
    actions = getattr(page, "roster_actions", None) or add_to_archive_page(page)
    texts = [a.text() for a in page.register.toolbar.actions()]
    assert {"导入花名册…", "导出花名册…", "导出当前列表…", "下载导入模板…"} <= set(texts)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(clean_roster(tmp_path / "r.xlsx")), ""))
    dialog = actions.import_roster()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    with qtbot.waitSignal(actions.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.register.total() == 3, timeout=5000)  # the list reloaded
    page.show()
    page.grab().save(str(SHOTS / "roster_archive_toolbar.png"))
    page.register.search.setText("5栋")
    page.register.apply_filters()
    target = tmp_path / "list.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(actions.exported, timeout=10000):
        actions.list_action.trigger()
    ws = load_workbook(target).active
    assert ws.max_row == 2 and ws.cell(row=2, column=6).value == "赵六"


def test_conflicts_are_listed_before_and_after_and_imported_only_when_confirmed(
        qtbot, services, db, monkeypatch, boxes, tmp_path):
    services.roster.commit(write_xlsx(tmp_path / "seed.xlsx", [
        HEADER, [1, "1栋", "1", "101", "90", "董静", "13800000001", ID_A, "", "", "浙A12345", ""]]))
    before = dump(db)
    path = write_xlsx(tmp_path / "impostor.xlsx", [
        HEADER, [1, "2栋", "1", "301", "80", "冒名顶替", "13900000002", ID_A, "", "", "浙A12345", ""]])
    dialog = open_dialog(qtbot, services, monkeypatch, path)
    dialog.show()
    assert not dialog.import_button.isEnabled() and dialog.update_existing_button.isVisible()
    assert "2 处会修改已登记的人员或车辆" in dialog.summary_label.text()
    dialog.grab().save(str(SHOTS / "roster_import_conflicts.png"))
    qtbot.mouseClick(dialog.update_existing_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview.update_existing, timeout=10000)
    question = boxes[-1][1]
    assert "董静 → 冒名顶替" in question and "车牌号 浙A12345 所属房屋: 1栋1单元101 → 2栋1单元301" in question
    assert dump(db) == before  # nothing written by confirming
    assert dialog.import_button.isEnabled() and not dialog.update_existing_button.isVisible()
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [p[3] for p in people(db)] == ["冒名顶替", "冒名顶替"]


def test_a_file_with_a_far_value_is_a_message_not_a_crash(qtbot, services, monkeypatch, boxes, tmp_path):
    from tests.app.test_input_safety import far_cell_file

    path = far_cell_file(tmp_path / "far.xlsx")
    dialog = RosterImportDialog(services)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(boxes), timeout=10000)
    assert boxes[0][0] == "warning" and "XFD1048576" in boxes[0][1]
    assert "XFD1048576" in dialog.summary_label.text() and not dialog.import_button.isEnabled()
