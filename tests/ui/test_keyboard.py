"""Issue 12: the desk at keyboard speed. Every check here drives keys into the active window (never
setFocus): lists release Tab, Ctrl+F returns to the search, forms start in their first field and end
with their buttons, the look-up ranks, defaults follow the unit, the window fits the screen."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QTableView

from app.models import Role, User
from tests.conftest import actor
from tests.ui.desk_jobs import press_key, type_text
from ui import shortcuts
from ui.dialogs.login import LoginDialog
from ui.dialogs.workorder_intake import IntakeForm
from ui.dialogs.workorder_moves import CompleteDialog, DispatchDialog, NoteDialog, VisitDialog
from ui.main_window import GEOMETRY_KEY, MainWindow


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr("app.services.auth._HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    QTest.qWaitForWindowExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def focus():
    return QApplication.focusWidget()


def tab_cycle(dialog, limit: int = 20) -> list:
    """The widgets Tab visits from where the cursor starts, once round."""
    seen = [focus()]
    for _ in range(limit):
        press_key("Tab")
        if focus() is seen[0]:
            break
        seen.append(focus())
    return seen


def is_box_button(widget) -> bool:
    return isinstance(widget, QAbstractButton) and isinstance(widget.parent(), QDialogButtonBox)


# ---- forms -----------------------------------------------------------------------------------------


def test_login_starts_in_the_user_name_and_tab_enter_logs_in(qtbot, services):
    services.auth.create_user("admin", "管理员", "secret123", Role.ADMIN)
    services.auth.create_user("kefu", "前台", "secret123", Role.SERVICE)
    dialog = shown(qtbot, LoginDialog(services))
    assert focus() is dialog.field("username")  # typing goes somewhere (it used to land on 登录)
    type_text("kefu")
    press_key("Tab")
    assert focus() is dialog.field("password")
    type_text("secret123")
    with qtbot.waitSignal(dialog.accepted):
        press_key("Return")
    assert dialog.actor.username == "kefu"


def test_login_tab_order_fields_then_login_then_quit(qtbot, services):
    dialog = shown(qtbot, LoginDialog(services))
    visited = tab_cycle(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert visited == [dialog.field("username"), dialog.field("password"), save, cancel]


def form_dialogs(services):
    from ui.dialogs.archive import PersonDialog, UnitDialog
    from ui.dialogs.login import FirstAdminDialog

    building = services.archive.create_building("1栋")
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "101"})

    def staff(_team):
        return []

    def submit(_values):
        return None

    return [
        LoginDialog(services), FirstAdminDialog(services), UnitDialog(services), PersonDialog(services, unit),
        NoteDialog("催办", "说明", submit), DispatchDialog("派单", [("工程", "engineering")], staff, submit),
        CompleteDialog("完成", submit, private=True), VisitDialog("回访", submit),
    ]


def test_every_form_opens_in_its_first_field_and_ends_with_its_buttons(qtbot, services):
    for dialog in form_dialogs(services):
        shown(qtbot, dialog)
        visited = tab_cycle(dialog)
        title = dialog.windowTitle()
        assert not is_box_button(visited[0]), title  # never on 保存/确定
        buttons = [w for w in visited if is_box_button(w)]
        after = max(visited.index(b) for b in buttons) + 1  # the round starting after the last button
        cycle = visited[after:] + visited[:after]
        assert buttons and cycle[-len(buttons):] == buttons, title  # fields first, then the buttons
        dialog.close()


def test_dispatch_does_not_send_to_the_first_name_on_enter(qtbot):
    class Person:
        def __init__(self, pid, name):
            self.id, self.name, self.position = pid, name, ""

    sent = []
    dialog = shown(qtbot, DispatchDialog(
        "派单", [("工程", "engineering")], lambda _t: [Person(7, "李师傅"), Person(8, "王师傅")],
        lambda values: sent.append(values) or object(), team="engineering"))
    assert focus() is dialog.assignee
    press_key("Return")  # straight away: nothing is preselected, so nothing is sent
    assert sent == [] and "请选择处理人" in dialog.findChild(type(dialog.message), "error_assignee_id").text()
    press_key("Down")
    press_key("Return")
    assert sent == [{"assignee_id": 7, "note": ""}]


def test_amounts_take_two_decimals_at_most(qtbot):
    dialog = shown(qtbot, CompleteDialog("完成", lambda v: None, private=True))
    for _ in range(10):  # 处理情况 → the materials list and its buttons → 人工费
        if focus() is dialog.labour:
            break
        press_key("Tab")
    press_key("Ctrl+A")
    type_text("12.345")
    assert dialog.labour.text() == "12.34"


# ---- lists and registers ---------------------------------------------------------------------------


def test_tab_leaves_a_list_and_ctrl_f_comes_back(qtbot, services):
    from ui.pages.archive import ArchivePage

    building = services.archive.create_building("1栋")
    for room in ("101", "102", "103"):
        services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": room})
    page = shown(qtbot, ArchivePage(services.as_actor(actor("service"))))
    press_key("Ctrl+F")
    assert focus() is page.register.search
    press_key("Down")  # from the search box into the list, on the first row
    assert focus() is page.register.table and page.register.current_row().code == "1-1-101"
    press_key("Down")
    assert page.register.current_row().code == "1-1-102"
    press_key("Tab")  # leaves the list instead of walking its cells
    assert not isinstance(focus(), QTableView)
    press_key("Ctrl+F")
    assert focus() is page.register.search and page.register.search.hasSelectedText() is False  # empty box


def test_a_search_with_one_hit_selects_it(qtbot, services):
    from ui.pages.archive import ArchivePage

    building = services.archive.create_building("3栋")
    for room in ("1501", "1502"):
        services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": room})
    page = shown(qtbot, ArchivePage(services.as_actor(actor("service"))))
    press_key("Ctrl+F")
    type_text("3-1-1502")
    press_key("Return")
    assert page.register.total() == 1 and page.current_unit().code == "3-1-1502"


# ---- intake look-up ---------------------------------------------------------------------------------


@pytest.fixture
def desk_units(services):
    b1 = services.archive.create_building("1栋")
    b3 = services.archive.create_building("3栋")
    phone_hit = services.archive.save_unit({"building_id": b1, "unit_no": "1", "room_no": "304"})
    services.archive.save_member(phone_hit, {"name": "杨丽轩", "phone": "15028501502"})
    room_hit = services.archive.save_unit({"building_id": b3, "unit_no": "1", "room_no": "1502"})
    services.archive.save_member(room_hit, {"name": "张三", "phone": "13812345678"})
    for i in range(10):
        unit = services.archive.save_unit({"building_id": b3, "unit_no": "2", "room_no": f"{i + 1}01"})
        services.archive.save_member(unit, {"name": f"李{i}", "phone": f"1390000{i:04d}"})
    return {"room": room_hit, "phone": phone_hit}


def test_lookup_enter_takes_the_exact_room_and_the_part_becomes_private(qtbot, services, desk_units):
    form = shown(qtbot, IntakeForm(services.as_actor(actor("service")), debounce_ms=10))
    press_key("Ctrl+N")
    assert focus() is form.lookup
    assert form.location.currentData() == "public"
    type_text("1502")
    press_key("Return")
    assert form.unit.id == desk_units["room"]  # not 1-1-304, whose phone contains 1502
    assert form.location.currentData() == "private"  # an owner's own unit: 自用部位
    assert focus() is form.category  # on to the next decision
    texts = [form.matches.item(i).text() for i in range(form.matches.count())]
    assert texts[0].startswith("3-1-1502") and texts[0].endswith("房号") and texts[1].endswith("电话")


def test_lookup_arrows_choose_and_more_lists_beyond_eight(qtbot, services, desk_units):
    form = shown(qtbot, IntakeForm(services.as_actor(actor("service")), debounce_ms=10))
    press_key("Ctrl+N")
    type_text("李")
    qtbot.waitUntil(lambda: form.matches.count() == 9)  # eight and "更多"
    assert "更多" in form.matches.item(8).text() and "10" in form.matches.item(8).text()
    press_key("Ctrl+M")
    assert form.matches.count() == 10
    press_key("Down")
    press_key("Down")
    press_key("Return")
    assert form.unit.owners == "李2"


# ---- the window -------------------------------------------------------------------------------------


def test_window_fits_the_screen_and_remembers_its_size(qtbot, services, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    desk = services.as_actor(actor("service"))
    window = MainWindow(desk, settings)
    qtbot.addWidget(window)
    available = window.available_geometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    window.show()
    window.resize(700, 500)
    window.close()
    assert settings.value(GEOMETRY_KEY) is not None
    again = MainWindow(desk, settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_page_keys_and_the_shortcut_list(qtbot, services):
    window = shown(qtbot, MainWindow(services.as_actor(actor("service")),
                                     QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "t", "t")))
    orders = window.role_tab("service").page("工单")
    assert focus() is orders.intake.lookup  # right after login the hand can type the room
    press_key("Ctrl+3")
    counter = window.role_tab("service").page("收费")
    assert focus() is counter.search
    assert shortcuts.key_text(shortcuts.PAY) in counter.pay_button.toolTip()  # "Ctrl+Return" / "Ctrl+回车"
    assert not counter.use_prepaid.isEnabled() and not counter.late_fees.isEnabled()  # no unit yet
    window.findChild(type(window.quit_action), "show_shortcuts").trigger()
    table = window.shortcuts_dialog.table
    keys = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Ctrl+F" in keys and "Ctrl+P" in keys and "Ctrl+N" in keys


# ---- unlock -----------------------------------------------------------------------------------------


def test_unlock_shows_whose_password_and_one_enter_counts_once(qtbot, services, db):
    from ui.widgets.idle_lock import UnlockDialog

    services.auth.create_user("admin", "管理员", "secret1", "admin")
    services.auth.create_user("kefu", "前台小王", "secret1", "service")
    clerk = services.as_actor(services.auth.login("kefu", "secret1"))
    dialog = shown(qtbot, UnlockDialog(clerk))
    assert dialog.username.text() == "kefu" and focus() is dialog.password
    type_text("wrong")
    press_key("Return")
    assert "密码错误" in dialog.error.text() and dialog.isVisible()
    with db.read_session() as s:
        assert s.query(User).filter_by(username="kefu").one().failed_logins == 1  # not twice
    type_text("secret1")
    with qtbot.waitSignal(dialog.accepted):
        press_key("Return")


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    from ui.application import install_translations

    installed = install_translations(qapp, request.param)
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)


def test_the_work_order_description_is_on_screen_at_1280(qtbot, services, language):
    building = services.archive.create_building("1栋")
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "101"})
    services.workorders.intake({"kind": "repair", "source": "phone", "category": "water", "unit_id": unit,
                                "description": "卫生间地漏堵塞, 积水排不下去"})
    window = MainWindow(services.as_actor(actor("service")),
                        QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "t", "t2"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    register = window.role_tab("service").page("工单").register
    qtbot.waitUntil(lambda: register.model.rowCount() == 1)
    column = register.model.column_index("description")
    table = register.table
    assert table.columnViewportPosition(column) + table.columnWidth(column) <= table.viewport().width()


@pytest.fixture
def english(qapp):
    from ui.application import install_translations

    installed = install_translations(qapp, "en")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def test_service_messages_are_translated_at_the_form(qtbot, services, english):
    from ui.dialogs.archive import PersonDialog

    building = services.archive.create_building("1栋")
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "101"})
    dialog = shown(qtbot, PersonDialog(services, unit))
    type_text("Zhang San")
    press_key("Tab")
    while focus() is not dialog.field("phone"):
        press_key("Tab")
    type_text("1381234")
    press_key("Return")
    message = dialog.errors()["phone"]
    assert "11-digit" in message and not any("\u4e00" <= ch <= "\u9fff" for ch in message), message
