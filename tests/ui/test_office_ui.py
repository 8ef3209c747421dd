"""A real office from day one, through the widgets: the set-up wizard, 设置, 员工, the role-aware window,
revocation in an open window, 注销 and one's own password."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWizard

import ui.application as application
from app.models import Role
from app.services.context import ServiceContext
from ui.dialogs.setup_wizard import SetupWizard
from ui.dialogs.user_dialog import ChangePasswordDialog
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage
from ui.pages.staff import StaffDialog, StaffPage
from ui.tabs.base import make_read_only, page, read_safe, visible_pages


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr("app.services.auth._HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def gui_settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def office(services):
    """An administrator and a few operators of other roles, signed in."""
    services.auth.create_user("admin", "管理员", "secret1", Role.ADMIN)
    for name, role in (("gong", Role.ENGINEERING), ("kefu", Role.SERVICE), ("jingli", Role.MANAGER)):
        services.users.create_user(name, name, "secret1", role)
    return lambda name: services.as_actor(services.auth.login(name, "secret1"))


def click_next(wizard: QWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


# ---- the wizard
def test_wizard_sets_up_an_empty_database(qtbot, services):
    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    click_next(wizard)  # nothing typed: the name is required, the step stays
    assert wizard.currentPage() is wizard.property_step
    assert "小区名称不能为空" in wizard.property_step.form.errors()["name"]
    wizard.property_step.form.set_values({"name": "碧水苑", "phone": "0571-86001234", "company": "安居物业",
                                          "bank_name": "工商银行", "bank_account": "6222021234567890123"})
    click_next(wizard)
    units = wizard.units_step
    assert wizard.currentPage() is units
    units.form.set_values({"buildings": "2", "units_per_building": "1", "floors": "3", "doors_per_floor": "2",
                           "areas": "abc"})
    click_next(wizard)
    assert wizard.currentPage() is units and "areas" in units.form.errors()
    units.form.set_values({"areas": "89.5, 120"})
    assert "共 12 套房屋" in units.preview.text()
    click_next(wizard)
    fees = wizard.fees_step
    fees.table.item(0, fees.COL_PRICE).setText("-1")
    click_next(wizard)
    assert wizard.currentPage() is fees and "物业服务费" in fees.error.text()
    fees.table.item(0, fees.COL_PRICE).setText("2.20")
    click_next(wizard)
    people = wizard.people_step
    people.admin.set_values({"username": "boss", "display_name": "王经理", "password": "secret123",
                             "confirm": "secret123"})
    people.staff.item(0, people.COL_NAME).setText("王经理")
    people.staff.item(2, people.COL_NAME).setText("李师傅")
    people.staff.item(2, people.COL_PHONE).setText("12345")  # bad phone: named with its row, nothing written
    people.admin_is_staff.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert "员工第3行" in people.error.text() and not services.auth.has_users()
    people.staff.item(2, people.COL_PHONE).setText("13700000001")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted and wizard.actor.username == "boss"
    assert services.property.profile().bank_account == "6222 0212 3456 7890 123"
    assert [b.name for b in services.archive.buildings()] == ["1栋", "2栋"]
    assert {i.name: str(i.unit_price) for i in services.billing.items()}["物业服务费"] in ("2.20", "2.2000")
    assert {r.name: r.username for r in services.staff.list_staff()} == {"王经理": "boss", "李师傅": ""}


def test_first_start_runs_the_wizard_then_opens_the_window(qtbot, services, monkeypatch, gui_settings):
    def finish(wizard):
        wizard.property_step.form.set_values({"name": "碧水苑"})
        wizard.units_step.roster_instead.setChecked(True)
        wizard.people_step.admin.set_values({"password": "secret123", "confirm": "secret123"})
        assert wizard.finish()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SetupWizard, "exec", finish)
    opened = []
    monkeypatch.setattr("ui.roster_actions.RosterActions.import_roster", lambda self: opened.append(True))
    session = application.SignedInWindow(services, gui_settings)
    assert session.start()
    qtbot.addWidget(session.window)
    assert session.window.services.ctx.actor.username == "admin" and opened == [True]
    assert "碧水苑" in session.window.windowTitle()


# ---- 设置
def test_settings_page_saves_and_names_bad_fields(qtbot, office):
    page_ = SettingsPage(office("jingli"))
    qtbot.addWidget(page_)
    form = page_.form
    form.set_values({"name": "碧水苑", "phone": "12"})
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert "服务电话" in form.errors()["phone"] and page_.status.text() == ""
    form.set_values({"phone": "0571-86001234", "bank_name": "工商银行", "bank_account": "6222 0212 3456 7890"})
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert form.isVisible() or not page_.isVisible()  # an embedded form never closes
    assert "已保存" in page_.status.text()
    assert office("kefu").property.profile().bank_account == "6222 0212 3456 7890"


# ---- 员工
def test_staff_page_adds_edits_and_deactivates(qtbot, office):
    boss = office("jingli")
    boss.staff.save_position("engineering", "维修技工", 2)
    page_ = StaffPage(boss)
    qtbot.addWidget(page_)
    assert "空缺 2 人" in page_.positions_label.text()
    page_.add_staff()
    dialog: StaffDialog = page_.dialog
    dialog.set_values({"name": "李师傅", "team": "engineering", "phone": "1370000", "hired_on": "2024-03-01"})
    dialog.field("position").setCurrentText("维修技工")
    dialog.accept()
    assert "phone" in dialog.errors() and page_.model.rowCount() == 0
    dialog.set_values({"phone": "13700000001"})
    dialog.accept()
    assert page_.model.rowCount() == 1 and page_.current_staff().name == "李师傅"
    assert "空缺 1 人" in page_.positions_label.text()
    page_.edit_staff()
    page_.dialog.set_values({"company": "杭州电梯维保公司"})
    page_.dialog.accept()
    assert page_.current_staff().company == "杭州电梯维保公司"
    page_.active_action.trigger()
    assert page_.model.rowCount() == 0 and "空缺 2 人" in page_.positions_label.text()
    page_.show_inactive.setChecked(True)
    assert page_.model.rowCount() == 1


def test_staff_dispatch_goes_to_the_linked_user(qtbot, office, monkeypatch):
    from ui.tabs.users_page import UsersPage

    admin = office("admin")
    tech = admin.staff.save_staff({"name": "李师傅", "team": "engineering"})
    users = UsersPage(admin)
    qtbot.addWidget(users)
    row = next(i for i in range(users.users_model.rowCount()) if users.users_model.row_at(i).username == "gong")
    users.users_view.selectRow(row)
    monkeypatch.setattr("ui.tabs.users_page.QInputDialog.getItem",
                        lambda _p, _t, _l, items, _c, _e: (next(i for i in items if i.startswith("李师傅")), True))
    users.link_staff()
    assert users.current_user().staff_name == "李师傅"
    assert office("gong").workorders.my_staff_id() == tech


# ---- the role-aware window
def titles(window, role):
    return window.role_tab(role).titles() if role in window.role_tabs else None


def test_each_role_sees_the_pages_its_rights_allow(qtbot, office, gui_settings):
    engineer = MainWindow(office("gong"), gui_settings)
    qtbot.addWidget(engineer)
    assert "manager" not in engineer.role_tabs  # nothing there for an engineer
    assert titles(engineer, "service") == ["工单", "业主档案"]  # no 收费, no 催缴
    clerk = MainWindow(office("kefu"), gui_settings)
    qtbot.addWidget(clerk)
    assert "设置" not in titles(clerk, "manager") and "工单时限" in titles(clerk, "manager")
    rules = clerk.role_tab("manager").page("工单时限")  # 客服 may read the deadlines, not change them
    assert not [b for b in rules.findChildren(QPushButton) if b.isVisibleTo(rules) and b.isEnabled()]
    staff = clerk.role_tab("manager").page("员工")
    assert not staff.add_action.isVisible() and not staff.active_action.isVisible()
    manager = MainWindow(office("jingli"), gui_settings)
    qtbot.addWidget(manager)
    assert "设置" in titles(manager, "manager") and "用户与权限" not in titles(manager, "manager")
    assert manager.role_tab("manager").page("员工").add_action.isVisible()


def test_read_only_keeps_read_safe_buttons(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    save, refresh = QPushButton("保存", widget), QPushButton("刷新", widget)
    QVBoxLayout(widget).addWidget(save)
    widget.layout().addWidget(refresh)
    read_safe(refresh)
    make_read_only(widget, "只读")
    widget.show()
    assert not save.isVisible() and refresh.isVisible() and refresh.isEnabled()
    specs = [page("甲", QWidget, view="fees.collect"), ("乙", QWidget), page("丙", QWidget, view=("a", "b"))]
    assert [p.title for p in visible_pages(specs, lambda code: code == "b")] == ["乙", "丙"]


# ---- the session
def test_revoking_a_right_or_disabling_the_account_reaches_the_open_window(qtbot, office, gui_settings,
                                                                           monkeypatch):
    admin = office("admin")
    window = MainWindow(office("kefu"), gui_settings)
    qtbot.addWidget(window)
    assert "收费" in titles(window, "service")
    monkeypatch.setattr(ServiceContext, "REFRESH_SECONDS", 0.0)
    admin.users.set_role_grants(Role.SERVICE, admin.users.role_grants()[Role.SERVICE] - {"fees.collect"})
    window.check_session()  # the window's timer does this every 15 s
    assert "收费" not in titles(window, "service")
    kefu = next(u.id for u in admin.users.list_users() if u.username == "kefu")
    admin.users.set_active(kefu, False)
    with qtbot.waitSignal(window.switch_user_requested) as signal:
        window.check_session()
    assert "已被停用" in signal.args[0]
    assert window.SESSION_CHECK_MS <= 60_000


def test_switch_user_opens_a_window_for_the_next_operator(qtbot, office, services, monkeypatch, gui_settings):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    nexts = iter([office("gong").ctx.actor])
    monkeypatch.setattr(application, "login", lambda _services: next(nexts))
    session = application.SignedInWindow(services, gui_settings)
    assert session.start(office("kefu").ctx.actor)
    first = session.window
    qtbot.addWidget(first)
    first.switch_action.trigger()
    qtbot.addWidget(session.window)
    assert session.window is not first and session.window.services.ctx.actor.username == "gong"
    assert session.window.isVisible() and not first.isVisible()


def test_change_own_password(qtbot, office):
    kefu = office("kefu")
    dialog = ChangePasswordDialog(kefu)
    qtbot.addWidget(dialog)
    dialog.old_password.setText("wrong!")
    dialog.password.setText("newpass1")
    dialog.confirm.setText("newpass1")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "原密码不正确" in dialog.error.text()
    dialog.old_password.setText("secret1")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert kefu.auth.login("kefu", "newpass1").username == "kefu"



def test_gui_signs_in_with_user_and_password_and_smoke_quits(qtbot, office, db, monkeypatch, tmp_path, capsys):
    """``propdesk --user NAME gui --smoke N`` (the bundle check): no login dialog, the window, then exit 0."""
    import sys

    monkeypatch.setattr("app.db.open_database", lambda _url: db)
    monkeypatch.setattr(application, "install_translations", lambda _app, _lang: [])
    monkeypatch.setattr(application, "settings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(application, "login", lambda _s: pytest.fail("the login dialog was shown"))
    assert application.run_gui("ignored", sign_in=("jingli", "secret1"), smoke=0.3) == 0
    assert "SMOKE windows: MainWindow (" in capsys.readouterr().out
