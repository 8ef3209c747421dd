"""Issue 18 in the window: the daily backup runs after the login (not before it), its outcome goes to the
status bar; a 1–2 character archive search says "1000+" instead of counting a million rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

import ui.application as application
from app import migrations
from app.errors import ServiceError
from app.models import Person, Role
from app.services import archive
from app.services.backup import DAILY_PREFIX, backup_folder, inspect_backup
from ui.dialogs.login import LoginDialog
from ui.pages.archive import ArchivePage


def start_window(qtbot, db, monkeypatch, tmp_path, until):
    """run_gui on ``db``: at the login, note the daily backups there are; in the event loop, wait for ``until``."""
    monkeypatch.setattr("app.db.open_database", lambda _url: db)
    monkeypatch.setattr(application, "install_translations", lambda _app, _lang: [])
    monkeypatch.setattr(application, "settings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: errors.append(args))
    at_login = []

    def login_exec(dialog):
        at_login.append(sorted(p.name for p in backup_folder(db).glob(f"{DAILY_PREFIX}*")))
        dialog.field("username").setText("admin")
        dialog.field("password").setText("secret99")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    windows = []

    def event_loop(*_args):
        window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible())
        windows.append(window)
        qtbot.waitUntil(lambda: until(window), timeout=20_000)
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert application.run_gui("ignored") == 0
    windows[0].close()
    windows[0].deleteLater()
    assert errors == []  # no "内部错误" box: never a traceback
    return at_login, windows[0]


@pytest.mark.sqlite_only
def test_the_login_shows_before_the_daily_backup_which_appears_afterwards_whole(qapp, qtbot, services, db,
                                                                                   monkeypatch, tmp_path):
    services.auth.create_user("admin", "管理员", "secret99", Role.ADMIN)
    services.archive.create_building("3栋")
    at_login, window = start_window(qtbot, db, monkeypatch, tmp_path,
                                    lambda w: "今日自动备份已完成" in w.statusBar().currentMessage())
    assert at_login == [[]]  # the login window did not wait for the copy
    made = list(backup_folder(db).glob(f"{DAILY_PREFIX}*"))
    assert len(made) == 1 and made[0].name in window.statusBar().currentMessage()
    assert inspect_backup(made[0]) == migrations.head_revision()  # a whole database at this revision
    assert [p for p in backup_folder(db).iterdir() if p.suffix == ".part"] == []


@pytest.mark.sqlite_only
def test_a_failed_daily_backup_is_told_in_the_status_bar(qapp, qtbot, services, db, monkeypatch, tmp_path):
    services.auth.create_user("admin", "管理员", "secret99", Role.ADMIN)

    def full_disk(*_args, **_kwargs):
        raise ServiceError("无法写入“propdesk-daily.db”: 磁盘空间不足 (或超过文件大小限制)。")

    monkeypatch.setattr("app.services.backup.create_backup", full_disk)
    _at_login, window = start_window(qtbot, db, monkeypatch, tmp_path,
                                     lambda w: "每日自动备份失败" in w.statusBar().currentMessage())
    assert "磁盘空间不足" in window.statusBar().currentMessage()
    assert list(backup_folder(db).glob(f"{DAILY_PREFIX}*")) == []


def test_a_short_search_says_more_than_the_cap(qtbot, services, monkeypatch):
    building = services.archive.create_building("3栋")
    for n in range(5):
        uid = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": f"{n + 1}01"})
        services.archive.save_member(uid, {"name": f"王{n}", "phone": f"1381234{n:04d}"})
    monkeypatch.setattr(archive, "COUNT_CAP", 3)
    page = ArchivePage(services)
    qtbot.addWidget(page)
    view = page.register
    with qtbot.waitSignal(view.filters_changed, timeout=3000):
        view.search.setText("王")  # (keyClicks types ASCII only)
    assert view.count_label.text() == "共 3+ 条"
    assert view.model.rowCount() == 3
    assert [view.model.row_at(i).code for i in range(3)] == ["3-1-101", "3-1-201", "3-1-301"]
    view.search.clear()
    with qtbot.waitSignal(view.filters_changed, timeout=3000):
        view.search.setText("王3")
    assert view.count_label.text() == "共 1 条"
    with qtbot.waitSignal(view.filters_changed, timeout=3000):
        view.search.setText("3-1-")  # a room code (3+ characters): every match counted
    assert view.count_label.text() == "共 5 条"
    with services.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 5


def test_a_short_work_order_search_finds_any_part_of_the_order(qtbot, services, monkeypatch):
    """1–2 characters look through the whole order again (number, contact, phone, place, description,
    room), as 3+ characters do; the box says so; more than the cap shows "3+"."""
    from app.models import Category, Kind, Priority
    from app.services import workorders
    from ui.tabs.workorders_page import WorkOrdersPage

    intake = {"kind": Kind.REPAIR, "source": "phone", "category": Category.WATER, "priority": Priority.NORMAL,
              "location": "public", "contact_phone": "13812345678"}
    leak = services.workorders.intake({**intake, "contact_name": "张三", "place": "地库", "description": "水管漏水"}).row
    for n in range(4):
        services.workorders.intake({**intake, "contact_name": f"芳{n}", "place": "大堂", "description": "灯不亮"})
    monkeypatch.setattr(workorders, "COUNT_CAP", 3)
    page = WorkOrdersPage(services)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    page.set_state_filter(None)
    view = page.register
    assert "描述" in view.search.placeholderText() and "联系人" in view.search.placeholderText()
    for text, rows, label in (("漏", [leak.id], "共 1 条"), ("地库", [leak.id], "共 1 条"), ("芳", None, "共 3+ 条")):
        with qtbot.waitSignal(view.filters_changed, timeout=3000):
            view.search.setText(text)
        assert view.count_label.text() == label, text
        if rows is not None:
            assert [view.model.row_at(i).id for i in range(view.model.rowCount())] == rows
    page.grab().save("/tmp/i18q_wo_search.png")
