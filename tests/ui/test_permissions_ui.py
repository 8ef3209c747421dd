"""The issue's check in the GUI: a receptionist's 收费 page offers no 作废收款 (disabled, says why),
the manager's does — the service refuses too (tests/app/test_permissions.py)."""

from ui.tabs.fees_counter import FeeCounterPage


def test_receptionist_cannot_void_in_the_gui(qtbot, as_role):
    clerk_page = FeeCounterPage(as_role("service"))
    qtbot.addWidget(clerk_page)
    assert not clerk_page.void_button.isEnabled()
    assert "作废收款" in clerk_page.void_button.toolTip()
    manager_page = FeeCounterPage(as_role("manager"))
    qtbot.addWidget(manager_page)
    assert "需要权限" not in manager_page.void_button.toolTip()


def test_receptionist_cannot_export_the_roster_in_the_gui(qtbot, as_role):
    from PySide6.QtWidgets import QWidget

    from ui.roster_actions import RosterActions

    window = QWidget()
    qtbot.addWidget(window)
    clerk = RosterActions(window, as_role("service"))
    assert clerk.import_action.isEnabled()  # importing is the receptionist's job
    assert not clerk.export_action.isEnabled() and "导出业主花名册" in clerk.export_action.toolTip()
    assert RosterActions(window, as_role("manager")).export_action.isEnabled()
