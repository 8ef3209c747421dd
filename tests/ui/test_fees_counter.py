"""The counter (收费) through its widgets: find a unit, see the lines, take a partial payment, get the
receipt, void with a reason; bad input keeps the data unchanged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

SHOTS = Path("/tmp/shots")


@pytest.fixture
def counter_setup(db, monkeypatch):
    services, clock = fee_services(db)
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    shown = []
    monkeypatch.setattr("ui.tabs.fees_counter.show_pdf",
                        lambda parent, pdf, title, filename: shown.append((title, pdf)))
    return services, ids, shown


def grab(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def make_page(qtbot, services):
    from ui.tabs.fees_counter import FeeCounterPage

    page = FeeCounterPage(services)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    page.show()
    return page


def test_counter_flow_partial_payment_and_receipt(qtbot, qtmodeltester, counter_setup):
    services, ids, shown = counter_setup
    page = make_page(qtbot, services)
    page.search.setText("张三")  # keyClicks only types ASCII
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.units.rowCount() == 1  # one match → chosen at once
    assert page.account is not None and page.account.unit_id == ids["a"]
    assert page.owed.rowCount() == 6
    assert page.amount.text() == "1790.00"
    qtmodeltester.check(page.owed)
    qtmodeltester.check(page.units)
    grab(page, "fees_counter_before.png")

    page.amount.setText("1000")
    page.method.setCurrentIndex(page.method.findData("wechat"))
    page.payer.setText("张三")
    with qtbot.waitSignal(page.paid) as paid:
        qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    payment = paid.args[0]
    assert payment.receipt_no == "SJ202611280001" and payment.amount == Decimal("1000.00")
    assert shown and shown[-1][1].startswith(b"%PDF")
    assert page.owed.rowCount() == 3  # October settled, oldest first
    assert page.account.outstanding == Decimal("790.00")
    assert page.payments.rowCount() == 1
    qtmodeltester.check(page.payments)
    grab(page, "fees_counter_after.png")
    page.notice_button.click()
    assert shown[-1][0].startswith("缴费通知单") and shown[-1][1].startswith(b"%PDF")


def test_counter_refuses_bad_amount_and_changes_nothing(qtbot, counter_setup):
    services, ids, shown = counter_setup
    page = make_page(qtbot, services)
    page.show_unit(ids["b"])
    for text in ("abc", "0", "-5"):
        page.amount.setText(text)
        qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
        assert page.amount_error.text()
    assert services.payments.account(ids["b"]).outstanding == Decimal("531.54")
    assert not shown


def test_counter_selected_lines_only(qtbot, counter_setup):
    services, ids, _ = counter_setup
    page = make_page(qtbot, services)
    page.show_unit(ids["a"])
    page.only_selected.setChecked(True)
    parking = next(i for i, ln in enumerate(page.owed.rows()) if ln.item_name == "停车费" and ln.period == "2026-11")
    page.owed_table.selectRow(parking)
    assert page.amount.text() == "600.00"
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    owed = {(ln.period, ln.item_name) for ln in page.account.lines}
    assert ("2026-11", "停车费") not in owed and ("2026-10", "停车费") in owed


def test_void_with_reason(qtbot, counter_setup):
    from ui.dialogs.fees_dialogs import VoidPaymentDialog

    services, ids, shown = counter_setup
    page = make_page(qtbot, services)
    page.show_unit(ids["a"])
    page.amount.setText("100")
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    page.payment_table.selectRow(0)
    page.void_selected()
    dialog = page.findChild(VoidPaymentDialog)
    assert dialog is not None
    dialog.buttons.accepted.emit()  # no reason → stays open with a message
    assert dialog.isVisible() and dialog.errors["reason"].text()
    grab(dialog, "fees_void_dialog.png")
    dialog.reason.setText("金额录入错误")
    with qtbot.waitSignal(page.voided):
        dialog.buttons.accepted.emit()
    assert page.payments.rows()[0].voided
    assert page.account.outstanding == Decimal("1790.00")
    assert "收据" in shown[-1][0]


def test_service_desk_cannot_void(qtbot, db, counter_setup):
    services, ids, _ = counter_setup
    desk, _ = fee_services(db, actor=actor("service"))
    page = make_page(qtbot, desk)
    assert page.void_button.isEnabled() is False
    page.show_unit(ids["a"])
    assert page.pay_button.isEnabled()


@pytest.mark.parametrize("second_search", ["nobody-here", "1-1-10"])  # finds no unit / several units
def test_a_search_that_does_not_end_on_one_unit_clears_the_counter(qtbot, counter_setup, second_search):
    """Bug #2: after 1-1-101 was shown, a search finding no unit or several left its header, balance and an
    enabled 收款 button on screen, and a payment went to 1-1-101."""
    services, ids, _ = counter_setup
    page = make_page(qtbot, services)
    qtbot.keyClicks(page.search, "1-1-101")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.account is not None and page.account.unit_id == ids["a"]
    assert page.pay_button.isEnabled() and "101" in page.header.text()

    page.search.clear()
    qtbot.keyClicks(page.search, second_search)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.units.rowCount() != 1
    assert page.account is None
    assert "101" not in page.header.text() and "1,790.00" not in page.summary.text()
    assert page.owed.rowCount() == 0 and page.payments.rowCount() == 0
    assert not page.pay_button.isEnabled() and page.amount.text() == ""
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert services.payments.account(ids["a"]).payments == ()


def test_typing_a_new_search_clears_the_counter_before_the_result(qtbot, counter_setup):
    services, ids, _ = counter_setup
    page = make_page(qtbot, services)
    qtbot.keyClicks(page.search, "1-1-101")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.account is not None
    qtbot.keyClicks(page.search, "9")  # the search text no longer names the unit on screen
    assert page.account is None and not page.pay_button.isEnabled()


def test_late_fee_on_a_partial_payment_is_shown_first_and_charged_on_the_principal_paid(qtbot, counter_setup):
    """Paying 100 with 收取滞纳金: only October's 物业服务费 is reached, so only its principal carries a late fee
    (99.61 × 0.0003 × 13 days = 0.39), shown before the money is taken."""
    services, ids, _ = counter_setup
    page = make_page(qtbot, services)
    page.show_unit(ids["a"])
    qtbot.mouseClick(page.late_fees, Qt.MouseButton.LeftButton, pos=QPoint(6, page.late_fees.height() // 2))
    assert page.late_fees.isChecked()
    page.amount.setText("100")
    assert "2026-10 物业服务费滞纳金:\n  本金 99.61 × 逾期 13 天 = 0.39 元" in page.plan_label.text()
    assert "本次滞纳金合计 0.39 元" in page.plan_label.text()
    with qtbot.waitSignal(page.paid):
        qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    late = [ln for ln in services.payments.account(ids["a"]).lines if ln.is_late_fee]
    assert late == []  # the one 滞纳金 line is paid in full
    receipt = services.payments.receipt(page.account.payments[0].id)
    assert [(ln.item_name, ln.amount) for ln in receipt.lines] == [
        ("物业服务费", Decimal("99.61")), ("物业服务费滞纳金", Decimal("0.39"))]
    qtbot.wait(20)  # let the layout take the new plan text
    grab(page, "fees_counter_late_fee.png")


def test_waiver_from_the_counter_needs_the_managers_password(qtbot, counter_setup, monkeypatch):
    from ui.dialogs.fees_dialogs import WaiverDialog

    services, ids, _ = counter_setup
    services.auth.create_user("admin", "管理员", "Admin-Pass-2026", "admin")
    services.auth.create_user("zhang", "张经理", "Manager-Pass-2026", "manager")
    kefu = services.as_actor(actor("service", user_id=None, name="小王"))
    page = make_page(qtbot, kefu)
    page.show_unit(ids["b"])
    monkeypatch.setattr(WaiverDialog, "open", lambda self: self.show())
    qtbot.mouseClick(page.waive_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(WaiverDialog)
    assert dialog is not None and dialog.approver is not None  # a cashier cannot approve her own waiver
    dialog.period.setCurrentIndex(dialog.period.findData("2026-10"))
    dialog.amount.setText("50")
    dialog.reason.setText("漏水赔偿")
    dialog.approver.setText("zhang")
    dialog.approver_password.setText("wrong")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.general_error.isVisible()  # refused, nothing waived
    assert services.payments.account(ids["b"]).outstanding == Decimal("265.77") * 2
    dialog.approver_password.setText("Manager-Pass-2026")
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert page.account.outstanding == Decimal("265.77") * 2 - Decimal("50")
    row = next(r for r in services.fee_reports.ledger("2026-10").rows if r.unit_id == ids["b"])
    assert row.waived == Decimal("50.00")
