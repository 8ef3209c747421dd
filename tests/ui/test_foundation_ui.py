"""The GUI foundation driven through its widgets: login, first administrator, main window, archive."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox

from app.models import Relation, Role, Team, UnitStatus
from app.services.archive import UnitFilter
from tests.conftest import actor
from ui.dialogs.archive import PersonDialog, UnitDialog, VehicleDialog
from ui.dialogs.login import FirstAdminDialog, LoginDialog
from ui.main_window import LANGUAGE_KEY, MainWindow
from ui.pages.archive import ArchivePage
from ui.pages.overview import OverviewPage
from ui.pages.staff import StaffPage
from ui.tabs.base import RoleTab

VALID_ID = "110105199001011232"  # check digit correct
BAD_ID = "110105199001011235"  # check digit wrong


@pytest.fixture
def small_property(services):
    """Two buildings, four units, two owners with phones and a vehicle, staff in two teams."""
    archive = services.archive
    b1 = archive.create_building("1栋")
    b2 = archive.create_building("2栋")
    units = {}
    for building, unit_no, room in ((b1, "1", "101"), (b1, "1", "102"), (b1, "2", "201"), (b2, "1", "1502")):
        units[f"{building}-{unit_no}-{room}"] = archive.save_unit(
            {"building_id": building, "unit_no": unit_no, "room_no": room, "area": "89.5",
             "status": UnitStatus.VACANT if room == "102" else UnitStatus.OCCUPIED})
    first = next(iter(units.values()))
    archive.save_member(first, {"name": "王建国", "phone": "13812345678", "id_number": VALID_ID,
                                "relation": Relation.OWNER})
    archive.save_member(units[f"{b2}-1-1502"], {"name": "李芳", "phone": "13900001111", "relation": Relation.OWNER})
    archive.add_vehicle(first, "浙A12345")
    services.staff.save_staff({"name": "赵工", "team": Team.ENGINEERING, "position": "维修技工",
                               "phone": "13700000001"})
    services.staff.save_staff({"name": "钱保安", "team": Team.SECURITY, "position": "秩序维护员"})
    services.property.set_setting("property.name", "测试小区")
    return {"b1": b1, "b2": b2, "units": units}


@pytest.fixture
def gui_settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def service_services(services):
    return services.as_actor(actor(Role.SERVICE, name="前台小王"))


def archive_page(qtbot, services) -> ArchivePage:
    page = ArchivePage(service_services(services))
    qtbot.addWidget(page)
    return page


# ---- login and first administrator -------------------------------------------------------------


def test_login_wrong_password_shows_message_and_right_one_accepts(qtbot, services):
    services.auth.create_user("admin", "管理员", "secret123", Role.ADMIN)
    dialog = LoginDialog(services, "测试小区")
    qtbot.addWidget(dialog)
    dialog.field("username").setText("admin")
    dialog.field("password").setText("wrong-one")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors()[""] == "用户名或密码错误"
    assert dialog.field("password").text() == ""  # cleared for the next try

    dialog.field("password").setText("secret123")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.actor.username == "admin"
    assert dialog.actor.role == Role.ADMIN


def test_login_empty_fields_are_named(qtbot, services):
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.errors() == {"username": "请输入用户名", "password": "请输入密码"}


def test_first_admin_dialog_checks_then_creates_the_administrator(qtbot, services):
    assert not services.auth.has_users()
    dialog = FirstAdminDialog(services)
    qtbot.addWidget(dialog)
    dialog.field("display_name").setText("张经理")
    dialog.field("password").setText("abc")
    dialog.field("password2").setText("abc")
    dialog.accept()
    assert "密码至少6位" in dialog.errors()["password"]
    dialog.field("password").setText("longenough")
    dialog.field("password2").setText("different")
    dialog.accept()
    assert dialog.errors() == {"password2": "两次输入的密码不一致"}
    assert not services.auth.has_users()

    dialog.field("password2").setText("longenough")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    users = services.auth.users()
    assert [(u.username, u.display_name, u.role) for u in users] == [("admin", "张经理", Role.ADMIN)]
    assert services.auth.login("admin", "longenough").role == Role.ADMIN


# ---- main window -------------------------------------------------------------------------------


def test_main_window_has_five_role_tabs_and_status(qtbot, services, small_property, gui_settings):
    window = MainWindow(service_services(services), gui_settings)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["经理", "客服", "工程", "秩序", "环境"]
    assert window.windowTitle() == "测试小区 — 物业前台"  # Qt adds "— PropDesk" itself
    assert window.tabs.currentWidget() is window.role_tab("service")  # the operator's own team first
    assert "前台小王" in window.operator_label.text() and "客服" in window.operator_label.text()
    assert services.db.display_url in window.data_label.text()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "视图(&V)", "账户(&U)", "帮助(&H)"]


def test_switching_tabs_builds_each_page(qtbot, services, small_property, gui_settings):
    window = MainWindow(service_services(services), gui_settings)
    qtbot.addWidget(window)
    for role in ("manager", "service", "engineering", "security", "environment"):
        tab = window.show_role(role)
        assert window.tabs.currentWidget() is tab
        assert isinstance(tab, RoleTab) and tab.count() >= 1
    overview = window.role_tab("manager").page("概况")
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: not overview.loading, timeout=10_000)  # figures load in a background job
    assert overview.cards["units"].value.text() == "4"
    assert overview.cards["occupancy"].value.text() == "75.0%"
    assert overview.staff_cards[Team.ENGINEERING].value.text() == "1"
    all_staff = window.role_tab("manager").page("员工")
    assert isinstance(all_staff, StaffPage) and all_staff.model.rowCount() == 2
    engineering = window.role_tab("engineering").page("本组员工")
    assert [r.name for r in engineering.model.rows()] == ["赵工"]
    assert engineering.model.data(engineering.model.index(0, 3)) == "137****0001"  # masked for 客服
    security = window.role_tab("security").page("本组员工")
    assert [r.name for r in security.model.rows()] == ["钱保安"]
    assert window.role_tab("environment").page("本组员工").model.rowCount() == 0
    assert isinstance(window.role_tab("service").page("业主档案"), ArchivePage)


def test_language_choice_is_saved_for_next_start(qtbot, services, gui_settings):
    window = MainWindow(services, gui_settings)
    qtbot.addWidget(window)
    assert window.language_actions["zh_CN"].isChecked()
    with qtbot.waitSignal(window.language_changed) as changed:
        window.language_actions["en"].trigger()
    assert changed.args == ["en"]
    assert QSettings(gui_settings.fileName(), QSettings.Format.IniFormat).value(LANGUAGE_KEY) == "en"


def test_about_box(qtbot, services, gui_settings, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.append((title, text)))
    window = MainWindow(services, gui_settings)
    qtbot.addWidget(window)
    window.show_about()
    assert shown and "PropDesk" in shown[0][1]


def test_page_factory_error_is_shown_not_raised(qtbot):
    from app.errors import PermissionDenied

    def denied():
        raise PermissionDenied("当前用户没有“查看业主档案”的权限。")

    tab = RoleTab([("业主档案", denied)])
    qtbot.addWidget(tab)
    label = tab.page("业主档案")
    assert isinstance(label, QLabel) and "没有" in label.text()


# ---- archive page ------------------------------------------------------------------------------


def test_archive_search_by_room_and_by_name(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    register = page.register
    assert register.total() == 4
    assert register.count_label.text() == "共 4 条"
    with qtbot.waitSignal(register.model.reloaded, timeout=3000):  # after the debounce
        qtbot.keyClicks(register.search, "2-1-1502")
    assert register.total() == 1
    assert register.model.row_at(0).owners == "李芳"
    with qtbot.waitSignal(register.model.reloaded, timeout=3000):
        register.search.clear()
        register.search.setText("王建国")  # QTest.keyClicks types Latin-1 only
    assert register.total() == 1
    assert register.model.row_at(0).code == "1-1-101"
    with qtbot.waitSignal(register.model.reloaded, timeout=3000):
        qtbot.keyClicks(register.search, "x")  # nobody
    assert register.total() == 0
    assert register.count_label.text() == "共 0 条"
    with qtbot.waitSignal(register.model.reloaded, timeout=3000):
        register.search.clear()
    assert register.total() == 4


def test_archive_filters_by_building_and_status(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    page.building_combo.setCurrentIndex(page.building_combo.findData(small_property["b2"]))
    assert page.register.total() == 1
    page.building_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData(UnitStatus.VACANT))
    assert page.register.total() == 1
    assert page.register.model.row_at(0).code == "1-1-102"


def test_archive_detail_shows_people_masked_and_vehicles(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    page.register.table.selectRow(0)
    detail = page.detail.detail
    assert detail is not None and detail.unit.code == "1-1-101"
    assert page.detail.members.rowCount() == 1
    member_phone = page.detail.members.data(page.detail.members.index(0, 2))
    assert member_phone == "138****5678"
    assert "*" in page.detail.members.data(page.detail.members.index(0, 3))
    assert page.detail.vehicles.data(page.detail.vehicles.index(0, 0)) == "浙A12345"
    assert page.edit_unit_action.isEnabled()


def test_adding_owner_with_bad_id_number_shows_message_and_saves_nothing(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    page.register.table.selectRow(1)  # 1-1-102, vacant, nobody in it
    people_before = services.property.figures().people
    dialog = page.add_member()
    assert isinstance(dialog, PersonDialog)
    dialog.field("name").setText("孙悟空")
    qtbot.keyClicks(dialog.field("phone"), "13655556666")
    qtbot.keyClicks(dialog.field("id_number"), BAD_ID)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors() == {"id_number": "校验位错误"}
    assert not dialog.rows["id_number"].error.isHidden()
    assert services.property.figures().people == people_before
    assert services.archive.count_units(UnitFilter(query="孙悟空")) == 0

    dialog.field("id_number").setText(VALID_ID.replace("1232", "123X"))  # still wrong
    dialog.accept()
    assert "id_number" in dialog.errors()
    dialog.field("id_number").setText("")  # ID number is optional
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert not dialog.isVisible()
    assert services.property.figures().people == people_before + 1
    assert page.current_unit().code == "1-1-102"
    assert page.current_unit().owners == "孙悟空"
    assert [m.name for m in page.detail.detail.members] == ["孙悟空"]


def test_adding_a_valid_unit_appears_in_the_list_selected(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    dialog = page.add_unit()
    assert isinstance(dialog, UnitDialog)
    dialog.field("building_id").setCurrentIndex(dialog.field("building_id").findData(small_property["b2"]))
    dialog.field("unit_no").setText("2")
    dialog.field("room_no").setText("")
    dialog.field("area").setText("-5")
    dialog.accept()
    assert dialog.errors() == {"room_no": "房号不能为空", "area": dialog.errors()["area"]}
    assert page.register.total() == 4
    dialog.field("room_no").setText("1801")
    dialog.field("area").setText("120.5")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert page.register.total() == 5
    row = page.current_unit()
    assert (row.code, row.floor, str(row.area)) == ("2-2-1801", 18, "120.50")
    assert page.detail.detail.unit.id == row.id


def test_duplicate_room_is_refused_inline_by_the_service(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    dialog = page.add_unit()
    dialog.field("building_id").setCurrentIndex(dialog.field("building_id").findData(small_property["b1"]))
    dialog.field("unit_no").setText("1")
    dialog.field("room_no").setText("101")
    dialog.accept()
    assert dialog.errors() == {"room_no": "该楼栋单元下已有此房号"}
    assert page.register.total() == 4


def test_editing_a_unit_and_a_member(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    page.register.table.selectRow(0)
    dialog = page.edit_unit()
    assert dialog.field("room_no").text() == "101"
    dialog.field("status").setCurrentIndex(dialog.field("status").findData(UnitStatus.RENOVATING))
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert page.current_unit().status == UnitStatus.RENOVATING

    page.detail.member_table.selectRow(0)
    assert page.detail.edit_member_button.isEnabled()
    member_dialog = page.edit_member()
    assert member_dialog.field("phone").text() == "138****5678"  # masked for 客服, kept when unchanged
    member_dialog.field("name").setText("王建军")
    with qtbot.waitSignal(member_dialog.saved):
        member_dialog.accept()
    assert page.current_unit().owners == "王建军"
    assert services.archive.get_unit(page.current_unit().id).members[0].phone == "13812345678"  # system sees full


def test_adding_a_vehicle_checks_the_plate(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    page.register.table.selectRow(0)
    dialog = page.add_vehicle()
    assert isinstance(dialog, VehicleDialog)
    dialog.field("plate").setText("ABC")
    dialog.accept()
    assert "plate" in dialog.errors()
    dialog.field("plate").setText("浙A12345")
    dialog.accept()
    assert dialog.errors() == {"plate": "车牌 浙A12345 已登记"}
    dialog.field("plate").setText("浙AD12345")
    dialog.field("person_id").setCurrentIndex(1)
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert [v.plate for v in page.detail.detail.vehicles] == ["浙A12345", "浙AD12345"]
    assert page.detail.detail.vehicles[1].owner == "王建国"


def test_read_only_roles_do_not_see_edit_buttons(qtbot, services, small_property):
    page = ArchivePage(services.as_actor(actor(Role.ENGINEERING)))
    qtbot.addWidget(page)
    assert not page.add_unit_action.isVisible()
    assert not page.detail.add_member_button.isVisibleTo(page.detail)
    assert page.register.total() == 4
    page.register.table.selectRow(0)
    page.register.table.activated.emit(page.register.model.index(0, 0))  # double-click
    assert page.last_dialog is None
    assert page.detail.detail.members[0].phone == "138****5678"


def test_archive_models_pass_model_tester(qtmodeltester, qtbot, services, small_property):
    page = archive_page(qtbot, services)
    qtmodeltester.check(page.register.model)
    page.register.table.selectRow(0)
    qtmodeltester.check(page.detail.members)
    qtmodeltester.check(page.detail.vehicles)
    staff = StaffPage(services)
    qtbot.addWidget(staff)
    qtmodeltester.check(staff.model)


def test_login_with_enter_key(qtbot, services):
    services.auth.create_user("admin", "管理员", "secret123", Role.ADMIN)
    services.auth.create_user("kefu", "前台", "secret123", Role.SERVICE)
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field("username"), "kefu")
    qtbot.keyClicks(dialog.field("password"), "secret123")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.field("password"), Qt.Key.Key_Return)
    assert dialog.actor.role == Role.SERVICE


def test_stale_edit_is_refused_with_message_above_the_buttons(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    page.register.table.selectRow(0)
    unit = page.current_unit()
    dialog = page.edit_unit()
    values = services.archive.get_unit_values(unit.id)  # another PC saves first
    services.archive.save_unit({**values, "notes": "别人改的"}, unit.id)
    dialog.field("notes").setText("我改的")
    dialog.accept()
    assert "重新加载" in dialog.errors()[""]
    assert services.archive.get_unit(unit.id).notes == "别人改的"


def test_column_widths_come_from_the_columns(qtbot, services, small_property):
    page = archive_page(qtbot, services)
    table = page.register.table
    code, owners = table.columnWidth(0), table.columnWidth(page.register.model.column_index("owners"))
    assert owners > code > table.columnWidth(page.register.model.column_index("floor"))


def test_new_building_from_the_unit_form(qtbot, services, small_property, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    dialog = UnitDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.field("building_id").currentData() is None  # two buildings: the user must choose
    dialog.accept()
    assert dialog.errors()["building_id"] == "请选择楼栋"
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("1栋", True))
    dialog.new_building.click()
    assert dialog.errors() == {"building_id": "楼栋“1栋”已存在"}
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("3栋", True))
    dialog.new_building.click()
    assert dialog.errors() == {}
    assert dialog.field("building_id").currentText() == "3栋"
    assert [b.name for b in services.archive.buildings()] == ["1栋", "2栋", "3栋"]


def test_receptionist_reveals_one_number_and_it_is_logged(qtbot, services, small_property, monkeypatch):
    from app.services.audit import AuditFilter

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    page = archive_page(qtbot, services)
    page.register.table.selectRow(0)
    assert not page.detail.reveal_button.isEnabled()  # nobody selected yet
    page.detail.member_table.selectRow(0)
    assert not page.detail.reveal_button.isHidden() and page.detail.reveal_button.isEnabled()
    qtbot.mouseClick(page.detail.reveal_button, Qt.MouseButton.LeftButton)
    assert shown and "13812345678" in shown[0] and VALID_ID in shown[0]
    assert page.detail.members.data(page.detail.members.index(0, 2)) == "138****5678"  # the list stays masked
    reveals = services.audit.search(AuditFilter(action="reveal"))
    assert {r.username for r in reveals} == {"前台小王"} and len(reveals) == 2


def test_team_roles_cannot_reveal(qtbot, services, small_property):
    page = ArchivePage(services.as_actor(actor(Role.ENGINEERING)))
    qtbot.addWidget(page)
    assert page.detail.reveal_button.isHidden()
