"""Money an accountant signs off (issue 9): hand-computed cases compared to the fen with the ledger, the
collection rate, the cash-up and the notices — proration by a unit's own dates, late fee on the principal
paid late, a void on a later day, a closed day, waiver (减免), supplementary bill (补收), refund (退款) — and
``fees check``."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from app.cli import main
from app.errors import FieldError, PermissionDenied, StateError
from app.models import BillLine, ChargeMethod, Occupancy, Unit
from app.money import parse_amount, to_money
from app.services.fees_reports import LATE_FEE_ITEM
from app.services.fees_rules import split_late
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

D = Decimal


@pytest.fixture
def fees(db):
    services, clock = fee_services(db)
    ids = build_property(services)
    items = add_items(services)
    return services, clock, ids, items


def lines_of(services, unit_id, period):
    with services.ctx.read() as s:
        return {(ln.item_id, ln.late_fee): ln.amount for ln in s.scalars(
            select(BillLine).where(BillLine.unit_id == unit_id, BillLine.period == period))}


def assert_reports_agree(services, period):
    result = services.fees_check.check(period)
    assert result.ok, "\n".join(result.violations)


# ---- proration from the unit's own dates ------------------------------------------------------------

def test_move_in_mid_month_is_prorated_by_days_and_nothing_before(fees):
    services, _, ids, items = fees
    services.billing.set_charge_dates(ids["b"], "2026-03-16", "2026-04-10")
    for period in ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05"):
        services.billing.run(period)
    assert lines_of(services, ids["b"], "2026-01") == {} and lines_of(services, ids["b"], "2026-02") == {}
    # 2.80 × 89.56 ㎡ × 16/31 days = 129.428… → 129.43; 15 × 16/31 = 7.74
    march = lines_of(services, ids["b"], "2026-03")
    assert march == {(items["property"], False): D("129.43"), (items["garbage"], False): D("7.74")}
    # moved out on 04-10 (charged up to and including that day): 10/30 of April
    april = lines_of(services, ids["b"], "2026-04")
    assert april == {(items["property"], False): D("83.59"), (items["garbage"], False): D("5.00")}
    assert lines_of(services, ids["b"], "2026-05") == {}
    assert lines_of(services, ids["a"], "2026-01")[(items["property"], False)] == D("280.00")  # others: whole month
    with services.ctx.read() as s:
        text = s.scalar(select(BillLine.description).where(BillLine.unit_id == ids["b"], BillLine.period == "2026-03",
                                                           BillLine.item_id == items["property"]))
    assert text.endswith("× 16/31天")


def test_without_a_charge_start_the_first_owners_move_in_date_is_used(fees):
    services, _, ids, items = fees
    with services.ctx.write() as s:
        s.execute(update(Occupancy).where(Occupancy.unit_id == ids["d"]).values(move_in_date=date(2026, 11, 21)))
    services.billing.run("2026-11")
    # 2.80 × 143.08 × 10/30 = 133.54; 15 × 10/30 = 5.00; one space 300 × 10/30 = 100.00
    assert lines_of(services, ids["d"], "2026-11") == {
        (items["property"], False): D("133.54"), (items["parking"], False): D("100.00"),
        (items["garbage"], False): D("5.00")}


def test_charge_dates_are_checked(fees):
    services, _, ids, _ = fees
    with pytest.raises(FieldError) as bad:
        services.billing.set_charge_dates(ids["a"], "2026-05-01", "2026-04-01")
    assert "不能早于" in bad.value.errors["charge_end"]
    with pytest.raises(FieldError):
        services.billing.set_charge_dates(ids["a"], "2026-13-01", None)
    assert services.billing.charge_dates(ids["a"]) == (None, None)


def test_vacant_share_prints_as_people_write_it(fees):
    services, _, ids, items = fees
    services.billing.run("2026-11")
    with services.ctx.read() as s:
        text = s.scalar(select(BillLine.description).where(BillLine.unit_id == ids["c"],
                                                           BillLine.item_id == items["property"]))
    assert text.endswith("× 空置70%") and "70.0" not in text


# ---- late fee on the principal paid late --------------------------------------------------------------

def test_split_late_rule():
    rate = D("0.0003")
    assert split_late(D("100"), D("280"), rate, 13, None) == (D("99.61"), D("0.39"))
    assert split_late(D("300"), D("280"), rate, 13, None) == (D("280"), D("1.09"))
    assert split_late(D("100"), D("280"), None, 13, None) == (D("100"), D("0"))
    assert split_late(D("100"), D("280"), rate, 0, None) == (D("100"), D("0"))
    assert split_late(D("100"), D("100"), D("0.01"), 400, D("30")) == (D("70.00"), D("30"))  # capped
    assert split_late(D("9000"), D("20000"), D("0.01"), 50, D("0")) == (D("9000"), D("0"))  # cap used up: at once
    principal, fee = split_late(D("50.00"), D("1000"), D("0.0005"), 200, None)
    assert (principal, fee) == (D("45.45"), D("4.55")) and fee == to_money(principal * D("0.1"))


def test_partial_payment_with_late_fee_matches_ledger_rate_cashup_and_notice(fees):
    services, _, ids, items = fees
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    plan = services.payments.preview(ids["a"], "100", include_late_fees=True)
    assert [(ln.period, ln.principal, ln.late_fee, ln.late_days) for ln in plan.lines] == [
        ("2026-10", D("99.61"), D("0.39"), 13)]
    payment = services.payments.pay(ids["a"], "100", "cash", include_late_fees=True)
    assert payment.allocated == D("100.00")
    oct_lines = lines_of(services, ids["a"], "2026-10")
    assert oct_lines[(items["property"], True)] == D("0.39")  # one 滞纳金 line, on January's… October's principal
    assert sum(1 for (_, late) in oct_lines if late) == 1

    ledger = services.fee_reports.ledger("2026-10")
    row = next(r for r in ledger.rows if r.unit_id == ids["a"])
    assert ledger.items[-1] == (LATE_FEE_ITEM, "滞纳金")
    assert row.by_item[LATE_FEE_ITEM] == (D("0.39"), D("0.39"), D("0.00"))
    assert row.by_item[items["property"]] == (D("280.00"), D("99.61"), D("180.39"))  # not folded together
    rates = {r.kind: r for r in services.fee_reports.collection_rate("2026-10").month}
    assert (rates["late_fee"].billed, rates["late_fee"].collected) == (D("0.39"), D("0.39"))
    assert rates["all"].collected == sum((r.paid for r in ledger.rows), D(0)) == D("100.00")
    cash = services.fee_reports.cashup(date(2026, 11, 28))
    assert dict(cash.by_item) == {"物业服务费": D("99.61"), "滞纳金": D("0.39")}
    notice = services.fee_reports.notices("2026-10", [ids["a"]])[0]
    assert notice.current_due == row.unpaid == D("795.39")
    assert_reports_agree(services, "2026-10")
    assert_reports_agree(services, "2026-11")


# ---- voids, closed days ----------------------------------------------------------------------------

def test_void_on_a_later_day_is_dated_that_day_and_the_closed_day_reprints_identically(fees):
    from app.pdf.cashup import render_cashup

    services, clock, ids, _ = fees
    services.billing.run("2026-11")
    clock.now = datetime(2026, 11, 2, 9, 30)
    payment = services.payments.pay(ids["a"], "500", "cash")
    services.payments.pay(ids["b"], "50", "wechat")
    before = services.fee_reports.close_cashup(date(2026, 11, 2))
    assert before.total == D("550.00") and before.receipts == ("SJ202611020001", "SJ202611020002")
    printed = render_cashup(services.fee_reports.cashup(date(2026, 11, 2)))
    with pytest.raises(StateError, match="已日结"):
        services.payments.pay(ids["a"], "1", "cash")  # the closed day takes no more money
    with pytest.raises(StateError, match="已经日结"):
        services.fee_reports.close_cashup(date(2026, 11, 2))

    clock.now = datetime(2026, 11, 3, 11, 0)
    services.payments.void(payment.id, "收错户")
    again = services.fee_reports.cashup(date(2026, 11, 2))
    assert again == before and render_cashup(again) == printed  # 06-02 stays as closed
    today = services.fee_reports.cashup(date(2026, 11, 3))
    assert today.total == D("-500.00") and today.voided[0][0] == payment.receipt_no
    assert "原收款 2026-11-02" in today.voided[0][3]
    assert dict(today.by_item) == {"物业服务费": D("-280.00"), "停车费": D("-220.00")}
    assert_reports_agree(services, "2026-11")


def test_the_cashier_may_print_her_own_cashup_only(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    kefu = services.as_actor(actor("service", user_id=7, name="小王"))
    kefu.payments.pay(ids["a"], "100", "cash")
    services.payments.pay(ids["b"], "50", "cash")
    mine = kefu.fee_reports.cashup(date(2026, 11, 28), operator_id=7)
    assert mine.total == D("100.00") and mine.operator == "小王"
    with pytest.raises(PermissionDenied):
        kefu.fee_reports.cashup(date(2026, 11, 28))
    with pytest.raises(PermissionDenied):
        kefu.fee_reports.close_cashup(date(2026, 11, 28))


# ---- 减免, 补收, 退款 ----------------------------------------------------------------------------------

def test_waiver_needs_the_manager_and_shows_on_ledger_rate_and_notice(fees):
    services, _, ids, items = fees
    services.billing.run("2026-10")
    kefu = services.as_actor(actor("service", user_id=7, name="小王"))
    with pytest.raises(PermissionDenied):
        kefu.payments.waive(ids["b"], "2026-10", "50", "漏水赔偿")
    manager = services.as_actor(actor("manager", user_id=8, name="张经理"))
    with pytest.raises(FieldError):
        manager.payments.waive(ids["b"], "2026-10", "50", "")
    with pytest.raises(FieldError):
        manager.payments.waive(ids["b"], "2026-10", "9999", "漏水赔偿")
    manager.payments.waive(ids["b"], "2026-10", "50", "漏水赔偿", item_id=items["property"])
    account = services.payments.account(ids["b"])
    assert account.outstanding == D("265.77") - D("50")
    row = next(r for r in services.fee_reports.ledger("2026-10").rows if r.unit_id == ids["b"])
    assert (row.billed, row.waived, row.paid, row.unpaid) == (D("265.77"), D("50.00"), D("0.00"), D("215.77"))
    notice = services.fee_reports.notices("2026-10", [ids["b"]])[0]
    assert "减免50.00" in notice.lines[0].description and notice.current_due == D("215.77")
    assert_reports_agree(services, "2026-10")


def test_supplementary_bill_reaches_paid_bills_once(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-10")
    services.payments.pay(ids["a"], "895", "cash")  # October of unit a fully paid
    services.billing.save_item({"name": "电梯费", "method": ChargeMethod.FIXED, "unit_price": "20",
                                "start_date": "2026-01-01", "sort_order": 4})
    assert services.billing.rebill("2026-10").changed == 4  # the paid bill is not re-billed
    preview = services.billing.supplement("2026-10", "电梯费", dry_run=True)
    assert preview.lines == 1 and preview.total == D("20.00")  # only the paid bill still lacks it
    done = services.billing.supplement("2026-10", "电梯费")
    assert done.committed and services.payments.account(ids["a"]).outstanding == D("20.00")
    assert services.billing.supplement("2026-10", "电梯费").lines == 0  # idempotent
    with pytest.raises(FieldError):
        services.billing.supplement("2026-12", "电梯费")  # not billed yet
    with pytest.raises(FieldError):
        services.billing.supplement("2026-10", "没有这个")
    assert_reports_agree(services, "2026-10")


def test_refund_has_its_own_voucher_and_counts_in_the_cashup(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    services.payments.pay(ids["b"], "1000", "cash")  # 265.77 on the bill, 734.23 prepaid
    manager = services.as_actor(actor("manager", user_id=8, name="张经理"))
    with pytest.raises(FieldError):
        manager.payments.refund(ids["b"], "800", "cash", "退多缴")
    with pytest.raises(PermissionDenied):
        services.as_actor(actor("service", user_id=7)).payments.refund(ids["b"], "1", "cash", "退多缴")
    refund = manager.payments.refund(ids["b"], "200", "cash", "退多缴")
    assert refund.voucher_no == "TK202611280001" and refund.balance_after == D("534.23")
    assert refund.payee == "李四"  # the owner by default
    cash = services.fee_reports.cashup(date(2026, 11, 28))
    assert cash.total == D("800.00") and cash.refunds[0][0] == "TK202611280001"
    assert dict(cash.by_item)["预存款"] == D("534.23")
    assert_reports_agree(services, "2026-11")


def test_the_payer_is_the_owner_by_default(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    assert services.payments.pay(ids["a"], "10", "cash").payer == "张三"
    assert services.payments.pay(ids["a"], "10", "cash", payer="张小三").payer == "张小三"


# ---- prepaid settles arrears by itself ---------------------------------------------------------------

def test_prepaid_settles_arrears_oldest_first_whenever_either_side_changes(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-09")
    services.billing.run("2026-10")
    # paying only the October lines leaves September open; the deposit settles it by itself
    october = [ln.line_id for ln in services.payments.account(ids["b"]).lines if ln.period == "2026-10"]
    services.payments.pay(ids["b"], "1486.86", "cash", line_ids=october)
    account = services.payments.account(ids["b"])
    assert account.outstanding == 0 and account.prepaid_balance == D("1486.86") - 2 * D("265.77")
    kinds = [(k, note) for _, k, _, note in services.payments.prepaid_history(ids["b"])]
    assert kinds[-1] == ("apply", "预存款自动抵扣欠费")
    assert services.fee_reports.arrears() and all(r.unit_id != ids["b"] for r in services.fee_reports.arrears())


# ---- input ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1,5", "1.000,50", "1.234", "12.5.0", "", "abc", "1,23,456.00"])
def test_ambiguous_amounts_are_refused(fees, text):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    with pytest.raises(FieldError) as bad:
        services.payments.pay(ids["a"], text, "cash")
    assert "金额" in bad.value.errors["amount"]
    assert services.payments.account(ids["a"]).payments == ()


def test_plain_amounts_are_read_exactly():
    assert parse_amount("1,234.50") == D("1234.50")
    assert parse_amount("¥ 80") == D("80.00") and parse_amount("15元") == D("15.00")
    assert parse_amount(" 0.5 ") == D("0.50")


def test_billing_refuses_periods_more_than_a_cycle_ahead(fees):
    services, _, _, _ = fees
    with pytest.raises(FieldError) as bad:
        services.billing.run("2062-11")
    assert "太远" in bad.value.errors["period"]
    with pytest.raises(FieldError):
        services.billing.preview("2027-01")
    assert services.billing.run("2026-12").bills == 5  # one cycle ahead is fine


# ---- fees check ---------------------------------------------------------------------------------------

def test_fees_check_command_exit_codes(fees, db, cli_user, capsys):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "100", "cash")
    prefix = cli_user(services)
    assert main(["--database", db.url, *prefix, "fees", "check", "--period", "2026-11"]) == 0
    assert "账目检查通过" in capsys.readouterr().out
    with services.ctx.write() as s:  # an incident: a line's paid no longer matches its allocations
        line_id = s.scalar(select(func.min(BillLine.id)).where(BillLine.unit_id == ids["b"]))
        s.execute(update(BillLine).where(BillLine.id == line_id).values(paid=D("1.00")))
    assert main(["--database", db.url, *prefix, "fees", "check"]) == 1
    out = capsys.readouterr().out
    assert f"账单明细 #{line_id}" in out and "≠ 有效冲抵合计 0.00" in out and "问题" in out


def test_cli_money_commands(fees, db, cli_user, capsys, tmp_path):
    services, _, ids, _ = fees
    services.billing.run("2026-10")
    prefix = cli_user(services)
    run = lambda *args: main(["--database", db.url, *prefix, *args])  # noqa: E731
    assert run("payment", "take", "--unit", "1-1-102", "--amount", "1000", "--late-fees") == 0
    out = capsys.readouterr().out
    assert re.search(r"滞纳金 2026-10 物业服务费: 本金 250\.77 × 逾期 \d+ 天 → \d+\.\d\d 元", out)
    assert run("payment", "refund", "--unit", "1-1-102", "--amount", "100", "--reason", "退多缴") == 0
    assert "退款单号 TK" in capsys.readouterr().out
    services.billing.save_item({"name": "电梯费", "method": ChargeMethod.FIXED, "unit_price": "20",
                                "start_date": "2026-01-01", "sort_order": 4})
    assert run("billing", "supplement", "--period", "2026-10", "--item", "电梯费") == 0
    assert "已补收 5 户" in capsys.readouterr().out
    assert run("payment", "take", "--unit", "1-1-102", "--amount", "5", "--use-prepaid") == 0
    assert run("fees", "waive", "--unit", "1-1-101", "--period", "2026-10", "--amount", "15", "--reason",
               "活动减免", "--item", "垃圾清运费") == 0
    assert run("fees", "dates", "--unit", "1-1-101", "--start", "2026-03-16") == 0
    assert "2026-03-16 至 未设" in capsys.readouterr().out
    notices = tmp_path / "n.pdf"
    assert run("notices", "--period", "2026-10", "--out", str(notices)) == 0
    assert "无欠费 1 户已跳过" in capsys.readouterr().out  # 1-1-102 paid everything
    assert run("fees", "close-day", "--out", str(tmp_path / "day.pdf")) == 0
    assert "已日结 " in capsys.readouterr().out
    assert run("fees", "check", "--period", "2026-10") == 0
    with services.ctx.read() as s:
        assert s.get(Unit, ids["a"]).charge_start == date(2026, 3, 16)


# ---- private-part repair charges reach the unit's account ---------------------------------------------

def test_a_completed_private_repair_posts_a_bill_line_the_counter_collects(fees):
    from app.services.workorders import Material

    services, _, ids, items = fees
    services.billing.run("2026-11")
    fitter = services.staff.save_staff({"name": "李师傅", "team": "engineering"})
    order = services.workorders.intake({
        "kind": "repair", "source": "phone", "category": "water", "priority": "normal", "location": "private",
        "unit_id": ids["a"], "place": "厨房", "description": "厨房水槽下水管漏水", "assignee_id": fitter}).row
    services.workorders.start(order.id)
    services.workorders.complete(order.id, "更换下水管", [Material("PVC 管", 2, "18.50")], labour_fee="50")
    repair = [ln for ln in services.payments.account(ids["a"]).lines if ln.item_name == "维修费"]
    assert [(ln.period, ln.amount) for ln in repair] == [("2026-11", D("87.00"))]
    assert repair[0].description.startswith(f"工单 {order.number} 人工 50.00 + 材料 37.00")
    billing_items = {i.name: i.active for i in services.billing.items()}
    assert billing_items["维修费"] is False  # never billed by a billing run
    row = services.billing.get_item(items["property"])
    services.billing.save_item({**row.__dict__, "unit_price": "3.00", "targets": []}, items["property"])
    services.billing.rebill("2026-11")  # a re-bill keeps the repair line
    assert [ln.amount for ln in services.payments.account(ids["a"]).lines if ln.item_name == "维修费"] == [D("87.00")]
    payment = services.payments.pay(ids["a"], "87", "cash", line_ids=[repair[0].line_id])
    assert payment.allocated == D("87.00")
    assert_reports_agree(services, "2026-11")

    public = services.workorders.intake({
        "kind": "repair", "source": "phone", "category": "power", "priority": "normal", "location": "public",
        "place": "大堂", "description": "大堂灯不亮", "assignee_id": fitter}).row
    services.workorders.start(public.id)
    services.workorders.complete(public.id, "换灯", [Material("灯泡", 1, "12")])
    assert sum(1 for ln in services.payments.account(ids["a"]).lines if ln.item_name == "维修费") == 0


@given(st.decimals(min_value=D("0.01"), max_value=D("20000"), places=2),
       st.decimals(min_value=D("0.01"), max_value=D("20000"), places=2),
       st.sampled_from([D("0.0003"), D("0.0005"), D("0.001"), D("0.01")]), st.integers(1, 800),
       st.one_of(st.none(), st.decimals(min_value=D("0"), max_value=D("6000"), places=2)))
def test_split_late_takes_the_largest_principal_that_fits(remaining, owed, rate, days, cap):
    principal, fee = split_late(remaining, owed, rate, days, cap)

    def fee_of(p):
        charged = to_money(p * rate * days)
        return charged if cap is None else min(charged, cap)

    assert 0 <= principal <= owed and fee == fee_of(principal)
    assert principal + fee <= remaining
    bigger = principal + D("0.01")
    assert principal == owed or bigger + fee_of(bigger) > remaining
