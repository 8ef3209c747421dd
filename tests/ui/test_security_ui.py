"""Security in the GUI: permission guard, idle lock, 审计日志 page, 用户与权限 page, change polling,
backup menu actions — driven through the widgets with qtbot against a real (temporary) database."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton

from app.services.audit import AuditFilter
from ui.backup_actions import BackupActions
from ui.models.windowed import ROW_ROLE
from ui.tabs.audit_log_page import AuditLogPage
from ui.tabs.users_page import UsersPage
from ui.widgets.change_poller import ChangePoller
from ui.widgets.idle_lock import IdleLock
from ui.widgets.permission_guard import allowed, guard


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr("app.services.auth._HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def quiet_boxes(monkeypatch):
    shown = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a[2] if len(a) > 2 else "")))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture
def admin(services):
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    return services.as_actor(services.auth.login("admin", "secret1"))


@pytest.fixture
def clerk(services, admin):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    return services.as_actor(services.auth.login("kefu", "secret1"))


def test_guard_disables_what_the_receptionist_may_not_do(qtbot, clerk, admin):
    button = QPushButton("导出花名册")
    qtbot.addWidget(button)
    action = QAction("作废收款")
    assert not guard(clerk, "roster.export", button)
    assert not button.isEnabled() and "导出业主花名册" in button.toolTip()
    assert not guard(clerk, "fees.void", action, hide=True)
    assert not action.isVisible()
    assert guard(admin, "roster.export", button) and button.isEnabled()
    assert allowed(clerk, "fees.collect") and not allowed(clerk, "fees.void")


def test_idle_lock_hides_the_window_and_asks_the_password(qtbot, clerk):
    window = QMainWindow()
    central = QLabel("业主档案")
    window.setCentralWidget(central)
    qtbot.addWidget(window)
    window.show()
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    form = QDialog()  # an open form (a top-level window) with personal data
    QVBoxLayout(form).addWidget(QLabel("张三 13812345678"))
    qtbot.addWidget(form)
    form.show()
    lock = IdleLock(window, clerk, minutes=0.002)  # 120 ms
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked and not central.isVisible()
    cover = form.findChild(QLabel, "idle_cover")
    assert form.isVisible() and cover is not None and cover.isVisible()  # covered, not closed
    assert cover.geometry() == form.rect()
    dialog = lock.dialog
    assert "前台小王" in dialog.info.text()
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and "密码错误" in dialog.error.text()
    with qtbot.waitSignal(lock.unlocked, timeout=3000) as unlocked:
        qtbot.keyClicks(dialog.password, "secret1")
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert unlocked.args[0].username == "kefu"
    assert not lock.is_locked and central.isVisible() and form.isVisible()
    qtbot.waitUntil(lambda: form.findChild(QLabel, "idle_cover") is None, timeout=2000)
    window.grab().save(str(qtbot_screenshot_dir() / "idle_unlocked.png"))


def test_activity_keeps_the_window_unlocked(qtbot, clerk):
    window = QMainWindow()
    window.setCentralWidget(QLabel("x"))
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, clerk, minutes=0.005)  # 300 ms
    for _ in range(6):
        qtbot.wait(100)
        qtbot.mouseMove(window.centralWidget())
        qtbot.keyClick(window.centralWidget(), Qt.Key.Key_Shift)
    assert not lock.is_locked
    lock.set_minutes(0)


def test_idle_lock_screenshot(qtbot, clerk):
    window = QMainWindow()
    window.setCentralWidget(QLabel("业主档案"))
    window.resize(640, 400)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, clerk, minutes=0)
    lock.lock()
    qtbot.waitExposed(lock.dialog)
    lock.dialog.grab().save(str(qtbot_screenshot_dir() / "idle_lock_dialog.png"))
    lock.dialog.reject()  # 退出程序
    assert not window.isVisible()


def qtbot_screenshot_dir():
    from pathlib import Path

    folder = Path("/tmp/propdesk-shots")
    folder.mkdir(exist_ok=True)
    return folder


def test_audit_log_page_filters_and_exports(qtbot, qtmodeltester, admin, clerk, tmp_path, quiet_boxes):
    b = clerk.archive.create_building("3栋")
    for room in ("101", "102", "103"):
        clerk.archive.save_unit({"building_id": b, "unit_no": "1", "room_no": room})
    manager = admin  # admin has audit.view
    page = AuditLogPage(manager)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    qtmodeltester.check(page.view.model)
    total = manager.audit.count()
    assert page.view.total() == total
    page.action_combo.setCurrentIndex(page.action_combo.findData("login"))
    assert page.view.total() == manager.audit.count(AuditFilter(action="login")) == 2
    page.action_combo.setCurrentIndex(0)
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("units"))
    assert page.view.total() == 3
    first = page.view.model.data(page.view.model.index(0, 0), ROW_ROLE)
    assert first.entity == "units" and first.username == "前台小王"
    page.view.table.selectRow(0)
    assert "房号" in page.detail.text.toPlainText()
    page.grab().save(str(qtbot_screenshot_dir() / "audit_log_page.png"))
    path = tmp_path / "audit.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10000):
        job = page.export(str(path))
    qtbot.waitUntil(lambda: quiet_boxes and quiet_boxes[-1][0] == "information", timeout=3000)
    assert path.exists() and job.dialog is not None


def test_audit_log_page_for_an_operator_without_the_right_shows_the_refusal(qtbot, clerk):
    page = AuditLogPage(clerk)
    qtbot.addWidget(page)
    assert page.view.total() == 0 and "查看审计日志" in page.view.count_label.text()


def test_users_page_grid_and_accounts(qtbot, qtmodeltester, admin, services, quiet_boxes, monkeypatch):
    admin.users.create_user("kefu", "前台小王", "secret1", "service")
    page = UsersPage(admin)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtmodeltester.check(page.users_model)
    qtmodeltester.check(page.grid_model)
    grid = page.grid_model
    row, col = grid.permissions.index("roster.export"), grid.roles.index("service")
    index = grid.index(row, col)
    assert grid.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert grid.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "roster.export" in services.auth.login("kefu", "secret1").permissions
    admin_cell = grid.index(row, grid.roles.index("admin"))
    assert not grid.flags(admin_cell) & Qt.ItemFlag.ItemIsUserCheckable
    assert not grid.setData(admin_cell, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)

    page.users_view.selectRow(1)
    assert page.current_user().username == "kefu"
    page.toggle_active()
    assert not [u for u in admin.users.list_users() if u.username == "kefu"][0].active
    assert page.active_action.text() == "启用"
    page.users_view.selectRow(0)
    page.toggle_active()  # disabling oneself is refused with a message, not a traceback
    assert quiet_boxes[-1][0] == "warning" and "当前登录" in quiet_boxes[-1][1]
    page.grab().save(str(qtbot_screenshot_dir() / "users_page.png"))


def test_new_user_dialog_validates_then_creates(qtbot, admin):
    from ui.dialogs.user_dialog import NewUserDialog

    dialog = NewUserDialog(admin)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "gongcheng")
    qtbot.keyClicks(dialog.password, "secret1")
    qtbot.keyClicks(dialog.confirm, "secret2")
    dialog.buttons.accepted.emit()
    assert "不一致" in dialog.error.text() and dialog.user_id is None
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "secret1")
    dialog.role.setCurrentIndex(dialog.role.findData("engineering"))
    dialog.buttons.accepted.emit()
    assert dialog.user_id is not None
    assert [u.role for u in admin.users.list_users() if u.username == "gongcheng"] == ["engineering"]
    dialog2 = NewUserDialog(admin)
    qtbot.addWidget(dialog2)
    qtbot.keyClicks(dialog2.username, "gongcheng")
    qtbot.keyClicks(dialog2.password, "secret1")
    qtbot.keyClicks(dialog2.confirm, "secret1")
    dialog2.buttons.accepted.emit()
    assert "已存在" in dialog2.error.text()


def test_change_poller_signals_another_pcs_change(qtbot, services, clerk):
    poller = ChangePoller(services, interval_ms=50)
    assert not poller.poll()
    other_pc = clerk  # same database, another operator
    with qtbot.waitSignal(poller.changed, timeout=2000):
        other_pc.archive.create_building("9栋")
    assert not poller.poll()
    poller.timer.stop()


def test_backup_menu_actions(qtbot, admin, clerk, tmp_path, quiet_boxes, db):
    window = QMainWindow()
    qtbot.addWidget(window)
    denied = BackupActions(window, clerk)
    assert not denied.backup_action.isEnabled() and "备份与恢复" in denied.backup_action.toolTip()
    actions = BackupActions(window, admin)
    if not db.is_sqlite:
        assert not actions.restore_action.isEnabled()
        return
    admin.archive.create_building("1栋")
    path = actions.backup(str(tmp_path / "menu.db"))
    assert path is not None and path.exists()
    admin.archive.create_building("2栋")
    junk = tmp_path / "junk.db"
    junk.write_text("junk")
    assert actions.restore(str(junk)) is None and quiet_boxes[-1][0] == "warning"
    with qtbot.waitSignal(actions.restored):
        assert actions.restore(str(path)) is not None
    assert [b.name for b in admin.archive.buildings()] == ["1栋"]


def test_grid_model_index_contract(qtbot, admin):
    page = UsersPage(admin)
    qtbot.addWidget(page)
    grid = page.grid_model
    assert grid.rowCount(grid.index(0, 0)) == 0 and grid.data(QModelIndex()) is None


# ---- wired into the main window -----------------------------------------------------------------


def _window(qtbot, svc, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    window = MainWindow(svc, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_main_window_shows_security_pages_and_menu_only_to_those_allowed(qtbot, admin, clerk, tmp_path):
    boss = _window(qtbot, admin, tmp_path)
    titles = boss.role_tab("manager").titles()
    assert "审计日志" in titles and "用户与权限" in titles
    assert boss.backup_actions.backup_action.isEnabled()
    assert boss.backup_actions.backup_action in boss.menus["file"].actions()
    assert boss.idle_lock.minutes == 10 and not boss.idle_lock.is_locked

    desk = _window(qtbot, clerk, tmp_path)
    titles = desk.role_tab("manager").titles()
    assert "审计日志" not in titles and "用户与权限" not in titles
    assert not desk.backup_actions.backup_action.isEnabled()
    assert not desk.backup_actions.restore_action.isEnabled()


def test_main_window_lists_refresh_when_another_pc_saves(qtbot, admin, clerk, tmp_path):
    window = _window(qtbot, clerk, tmp_path)
    window.show()
    tab = window.show_role("service")
    archive = tab.page("业主档案").register
    tab.setCurrentIndex(tab.titles().index("业主档案"))
    qtbot.waitExposed(window)
    assert archive.isVisible() and archive.total() == 0
    b = admin.archive.create_building("远程楼")  # another PC
    admin.archive.save_unit({"building_id": b, "unit_no": "1", "room_no": "101"})
    with qtbot.waitSignal(window.change_poller.changed, timeout=3000):
        window.change_poller.poll()
    assert archive.total() == 1
    assert archive.model.row_at(0).code.endswith("101")


def test_every_security_label_is_marked_for_translation():
    from pathlib import Path

    from app.permissions import PERMISSIONS
    from app.services.audit import ACTIONS, ENTITY_LABELS

    source = Path("ui/security_labels.py").read_text(encoding="utf-8")
    missing = [t for t in [*PERMISSIONS.values(), *ACTIONS.values(), *ENTITY_LABELS.values()] if f'"{t}"' not in source]
    assert missing == []
