"""Fees: money rules (hypothesis), billing runs, payments, voids, prepaid, late fees, arrears, reports."""

from __future__ import annotations

import threading
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.errors import FieldError, PermissionDenied, StateError
from app.models import Allocation, Bill, BillLine, ChargeMethod, Cycle, FeeKind, Payment
from app.money import rmb_upper, to_money
from app.progress import Cancelled, Progress
from app.services.fees_rules import (
    aging_bucket,
    allocate,
    charge_fraction,
    late_fee,
    line_amount,
    months_overdue,
    parse_period,
)
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

money = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999.99"), places=2)


# --- pure money rules ---------------------------------------------------------------------------------


@given(st.lists(money, max_size=12), money)
def test_allocation_never_over_pays_and_conserves_money(owed, amount):
    shares, rest = allocate(amount, owed)
    assert all(Decimal(0) <= s <= o for s, o in zip(shares, owed, strict=True))
    assert sum(shares, Decimal(0)) + rest == amount
    assert rest == 0 or shares == list(owed)  # leftover only when every line is paid in full
    # oldest first: a later line gets money only when every earlier line is full
    for i, share in enumerate(shares):
        if share > 0:
            assert all(shares[j] == owed[j] for j in range(i))


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.9999"), places=4),
       st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2),
       st.sampled_from([1, 3, 12]), st.integers(2000, 2099), st.integers(1, 12))
def test_full_period_is_the_full_amount(price, quantity, months, year, month):
    period = f"{year}-{month:02d}"
    active, covered = charge_fraction(period, months, date(1999, 1, 1), None)
    assert active == covered
    assert line_amount(price, quantity, months, active, covered) == to_money(price * quantity * months)


@given(st.integers(2000, 2099), st.integers(1, 12), st.integers(0, 40), st.integers(0, 40))
def test_proration_splits_a_month_by_days(year, month, start_off, end_off):
    period = f"{year}-{month:02d}"
    first = date(year, month, 1)
    start = date.fromordinal(first.toordinal() + start_off - 5)
    end = date.fromordinal(first.toordinal() + end_off)
    active, covered = charge_fraction(period, 1, start, end)
    assert 0 <= active <= covered
    amount = line_amount(Decimal("300"), Decimal(1), 1, active, covered) if active else Decimal(0)
    assert Decimal(0) <= amount <= Decimal("300.00")


def test_proration_examples():
    assert charge_fraction("2026-11", 1, date(2026, 11, 16), None) == (15, 30)
    assert line_amount(Decimal("300"), Decimal(1), 1, 15, 30) == Decimal("150.00")
    assert charge_fraction("2026-02", 1, date(2026, 1, 1), date(2026, 2, 14)) == (14, 28)
    assert charge_fraction("2026-10", 3, date(2026, 10, 1), None) == (92, 92)


@given(st.lists(st.tuples(money, st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10"), places=4)),
                min_size=1, max_size=8))
def test_bill_total_is_sum_of_rounded_lines(parts):
    lines = [line_amount(price, qty, 1, 1, 1) for qty, price in parts]
    assert all(line == line.quantize(Decimal("0.01")) for line in lines)
    assert sum(lines, Decimal(0)) == to_money(sum(lines, Decimal(0)))


def test_rounding_is_half_up_to_the_fen():
    assert to_money("2.345") == Decimal("2.35")
    assert to_money("-2.345") == Decimal("-2.35")
    assert line_amount(Decimal("2.80"), Decimal("89.56"), 1, 1, 1) == Decimal("250.77")  # 250.768
    assert line_amount(Decimal("2.80"), Decimal("118.75"), 1, 1, 1, Decimal("0.7")) == Decimal("232.75")


@pytest.mark.parametrize("value, words", [
    ("0", "零元整"), ("1", "壹元整"), ("10.05", "壹拾元零伍分"), ("1001", "壹仟零壹元整"),
    ("1234.50", "壹仟贰佰叁拾肆元伍角整"), ("100010", "壹拾万零壹拾元整"), ("105000", "壹拾万伍仟元整"),
    ("20304050.6", "贰仟零叁拾万肆仟零伍拾元陆角整"), ("0.05", "伍分"), ("1000000.01", "壹佰万元零壹分"),
    ("256.80", "贰佰伍拾陆元捌角整"), ("-3.2", "负叁元贰角整"),
])
def test_rmb_upper(value, words):
    assert rmb_upper(value) == words


@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("999999999.99"), places=2))
def test_rmb_upper_total(value):
    text = rmb_upper(value)
    assert text.endswith(("整", "分"))
    assert not text.startswith("零") or value == 0
    assert "零零" not in text


def test_late_fee_rule():
    due, today = date(2026, 10, 31), date(2026, 11, 28)
    fee, days = late_fee(Decimal("280"), Decimal("280"), due, today, Decimal("0.0003"), 15, Decimal("0.3"))
    assert (fee, days) == (Decimal("1.09"), 13)
    assert late_fee(Decimal("280"), Decimal("280"), due, date(2026, 11, 10), Decimal("0.0003"), 15, None)[0] == 0
    capped, _ = late_fee(Decimal("100"), Decimal("100"), due, date(2030, 1, 1), Decimal("0.01"), 0, Decimal("0.3"))
    assert capped == Decimal("30.00")
    assert late_fee(Decimal("100"), Decimal("100"), due, date(2030, 1, 1), Decimal("0.01"), 0, Decimal("0.3"),
                    already=Decimal("30"))[0] == 0


def test_aging_and_periods():
    assert parse_period("2026年11月") == parse_period("202611") == parse_period(" 2026/11 ") == "2026-11"
    with pytest.raises(ValueError):
        parse_period("2026-13")
    today = date(2026, 11, 28)
    assert [aging_bucket(months_overdue(p, today)) for p in ("2026-10", "2026-08", "2026-05", "2025-11",
                                                              "2025-10")] == [0, 0, 1, 2, 3]


# --- billing runs ---------------------------------------------------------------------------------------


@pytest.fixture
def fees(db):
    services, clock = fee_services(db)
    ids = build_property(services)
    items = add_items(services)
    return services, clock, ids, items


def assert_books_balance(db) -> None:
    """Every bill's total/paid equals its lines'; every line's paid equals its live allocations."""
    with db.read_session() as s:
        for bill in s.scalars(select(Bill)):
            amounts = s.execute(select(func.sum(BillLine.amount), func.sum(BillLine.paid))
                                .where(BillLine.bill_id == bill.id)).one()
            assert (bill.total, bill.paid) == (amounts[0], amounts[1])
        for line in s.scalars(select(BillLine)):
            live = s.scalar(select(func.sum(Allocation.amount)).where(
                Allocation.line_id == line.id, Allocation.voided.is_(False))) or Decimal("0.00")
            assert line.paid == live and Decimal(0) <= line.paid <= line.amount


def line_count(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count(BillLine.id)))


def test_preview_then_run_is_idempotent(fees, db):
    services, _, ids, items = fees
    preview = services.billing.preview("2026-11")
    assert line_count(db) == 0  # a preview writes nothing
    assert preview.bills == 5 and preview.lines == 11
    by_item = {t.name: t.amount for t in preview.items}
    # 100×2.8 + 89.56×2.8 + 118.75×2.8×0.7 (vacant) + 143.08×2.8; unit e has no area
    assert by_item["物业服务费"] == Decimal("280.00") + Decimal("250.77") + Decimal("232.75") + Decimal("400.62")
    assert by_item["停车费"] == Decimal("900.00")
    assert by_item["垃圾清运费"] == Decimal("75.00")
    assert any("建筑面积" in w for w in preview.warnings)
    result = services.billing.run("2026-11")
    assert (result.bills, result.lines, result.total) == (preview.bills, preview.lines, preview.total)
    again = services.billing.run("2026-11")
    assert (again.bills, again.lines, again.existing_bills) == (0, 0, 5)
    assert line_count(db) == 11
    with db.read_session() as s:
        for bill in s.scalars(select(Bill)):
            lines = s.scalars(select(BillLine.amount).where(BillLine.bill_id == bill.id)).all()
            assert bill.total == sum(lines, Decimal(0))


def test_proration_when_an_item_starts_mid_month(fees, db):
    services, _, ids, _ = fees
    services.billing.save_item({"name": "电梯费", "method": ChargeMethod.FIXED, "unit_price": "30",
                                "start_date": "2026-11-16", "scope": "units", "targets": [ids["a"]]})
    result = services.billing.run("2026-11")
    assert {t.name: t.amount for t in result.items}["电梯费"] == Decimal("15.00")
    account = services.payments.account(ids["a"])
    assert any("15/30天" in ln.description for ln in account.lines)


def test_quarterly_item_bills_three_months_in_its_months_only(fees):
    services, _, ids, _ = fees
    services.billing.save_item({"name": "二次供水", "method": ChargeMethod.FIXED, "unit_price": "10",
                                "cycle": Cycle.QUARTERLY, "start_date": "2026-10-01", "scope": "buildings",
                                "targets": [ids["b2"]]})
    oct_run = {t.name: t for t in services.billing.run("2026-10").items}
    nov_run = {t.name: t for t in services.billing.run("2026-11").items}
    assert oct_run["二次供水"].amount == Decimal("60.00") and oct_run["二次供水"].units == 2
    assert "二次供水" not in nov_run


def test_metered_item_bills_usage(fees):
    services, _, ids, _ = fees
    water = services.billing.save_item({"name": "水费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED,
                                        "unit_price": "3.45", "unit_label": "元/吨", "start_date": "2026-01-01"})
    services.billing.save_readings(water, "2026-10", {ids["a"]: "100", ids["b"]: "50"})
    services.billing.save_readings(water, "2026-11", {ids["a"]: "112.5", ids["b"]: "50"})
    with pytest.raises(FieldError) as err:
        services.billing.save_readings(water, "2026-12", {ids["a"]: "90"})
    assert "小于上次读数" in str(err.value)
    result = services.billing.run("2026-11")
    water_total = {t.name: t for t in result.items}["水费"]
    assert water_total.amount == Decimal("43.13") and water_total.units == 1  # 12.5 × 3.45 = 43.125


def test_rebill_after_price_change_touches_only_unpaid_bills(fees, db):
    services, _, ids, items = fees
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "100", "cash")  # bill of a is part paid → left as billed
    row = services.billing.get_item(items["property"])
    services.billing.save_item({**row.__dict__, "unit_price": "3.00", "targets": []}, items["property"])
    dry = services.billing.rebill("2026-11", dry_run=True)
    assert dry.checked == 5 and dry.skipped_paid == 1 and dry.changed == 3 and not dry.committed
    result = services.billing.rebill("2026-11")
    assert result.changed == 3
    assert services.billing.rebill("2026-11").changed == 0  # nothing left to change
    with db.read_session() as s:
        amounts = dict(s.execute(select(BillLine.unit_id, BillLine.amount).where(
            BillLine.item_id == items["property"], BillLine.period == "2026-11")).all())
        revisions = dict(s.execute(select(Bill.unit_id, Bill.revision)).all())
    assert amounts[ids["a"]] == Decimal("280.00")  # paid bill untouched
    assert amounts[ids["b"]] == Decimal("268.68")  # 89.56 × 3.00
    assert revisions[ids["b"]] == 2 and revisions[ids["a"]] == 1
    assert_books_balance(db)


def test_run_cancelled_leaves_nothing(fees, db):
    services, *_ = fees
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        services.billing.run("2026-11", progress)
    assert line_count(db) == 0
    seen = []
    services.billing.run("2026-11", Progress(lambda d, t, _text: seen.append((d, t))))
    assert seen[-1] == (1000, 1000)


def test_bad_input_is_named(fees):
    services, *_ = fees
    with pytest.raises(FieldError) as err:
        services.billing.run("2026-13")
    assert "账期" in str(err.value)
    with pytest.raises(FieldError) as err:
        services.billing.save_item({"name": "", "method": "x", "unit_price": "abc", "start_date": "昨天"})
    assert set(err.value.errors) >= {"name", "method", "unit_price", "start_date"}
    with pytest.raises(FieldError) as err:
        services.billing.save_item({"name": "物业服务费", "method": "fixed", "unit_price": "1",
                                    "start_date": "2026-01-01"})
    assert "已存在" in err.value.errors["name"]


def test_permissions_are_enforced(fees):
    services, *_ = fees
    service_desk = services.as_actor(actor("service"))
    with pytest.raises(PermissionDenied):
        service_desk.billing.run("2026-11")
    with pytest.raises(PermissionDenied):
        service_desk.fee_reports.collection_rate("2026-11")
    services.billing.run("2026-11")
    paid = service_desk.payments.pay(1, "10", "cash")
    with pytest.raises(PermissionDenied):
        service_desk.payments.void(paid.id, "收错")


# --- payments -------------------------------------------------------------------------------------------


def test_partial_payment_allocates_oldest_first(fees, db):
    services, _, ids, _ = fees
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    before = services.payments.account(ids["a"])
    assert before.outstanding == Decimal("1790.00") and before.arrears == Decimal("895.00")
    payment = services.payments.pay(ids["a"], "1000", "wechat", payer="张三")
    assert payment.receipt_no == "SJ202611280001" and payment.allocated == Decimal("1000.00")
    after = services.payments.account(ids["a"])
    assert after.arrears == 0  # October fully paid first
    assert [ln.outstanding for ln in after.lines] == [Decimal("175.00"), Decimal("600.00"), Decimal("15.00")]


def test_overpayment_becomes_prepaid_and_the_next_run_consumes_it(fees, db):
    services, _, ids, _ = fees
    services.billing.run("2026-10")
    payment = services.payments.pay(ids["b"], "1000", "cash")
    assert payment.allocated == Decimal("265.77") and payment.to_prepaid == Decimal("734.23")
    assert services.payments.account(ids["b"]).prepaid_balance == Decimal("734.23")
    services.billing.run("2026-11")  # the new bill is paid from the balance
    account = services.payments.account(ids["b"])
    assert account.outstanding == 0 and account.prepaid_balance == Decimal("468.46")
    kinds = [k for _, k, _, _ in services.payments.prepaid_history(ids["b"])]
    assert kinds == ["deposit", "apply"]
    assert_books_balance(db)


def test_payment_for_chosen_lines_only(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    parking = [ln for ln in services.payments.account(ids["a"]).lines if ln.item_name == "停车费"]
    services.payments.pay(ids["a"], "600", "card", line_ids=[parking[0].line_id])
    owed = {ln.item_name: ln.outstanding for ln in services.payments.account(ids["a"]).lines}
    assert owed == {"物业服务费": Decimal("280.00"), "垃圾清运费": Decimal("15.00")}


def test_bad_payments_change_nothing(fees, db):
    services, _, ids, _ = fees
    services.billing.run("2026-11")
    for amount, method in [("0", "cash"), ("abc", "cash"), ("-5", "cash"), ("10", "bitcoin")]:
        with pytest.raises(FieldError):
            services.payments.pay(ids["a"], amount, method)
    with db.read_session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 0


def test_void_keeps_history_and_reverses(fees, db):
    services, clock, ids, _ = fees
    services.billing.run("2026-11")
    first = services.payments.pay(ids["a"], "500", "cash")
    second = services.payments.pay(ids["a"], "1000", "alipay")  # 395 on lines, 605 prepaid
    with pytest.raises(FieldError):
        services.payments.void(first.id, "")
    clock.now = datetime(2026, 11, 28, 16, 0)
    voided = services.payments.void(first.id, "收款方式录错")
    assert voided.voided and voided.void_reason == "收款方式录错" and voided.voided_by_name == "系统"
    with pytest.raises(StateError):
        services.payments.void(first.id, "再次作废")
    account = services.payments.account(ids["a"])  # the 605 prepaid settles the reopened 500 by itself
    assert account.outstanding == 0
    assert account.prepaid_balance == Decimal("105.00")
    with db.read_session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 2  # never deleted
        assert s.scalar(select(func.count(Allocation.id)).where(Allocation.voided.is_(True))) > 0
        paid = s.scalar(select(func.sum(Allocation.amount)).where(Allocation.voided.is_(False)))
        assert paid == s.scalar(select(func.sum(BillLine.paid))) == s.scalar(select(func.sum(Bill.paid)))
    # voiding the payment whose deposit was already used by a later bill un-applies that use
    services.billing.run("2026-12")
    services.payments.void(second.id, "重复收款")
    account = services.payments.account(ids["a"])
    assert account.prepaid_balance == 0
    assert account.outstanding == Decimal("895.00") * 2
    receipt = services.payments.receipt(second.id)
    assert receipt.voided and receipt.void_reason == "重复收款"
    assert_books_balance(db)


def test_use_prepaid_at_the_counter(fees):
    services, _, ids, _ = fees
    services.payments.pay(ids["d"], "200", "transfer")  # nothing billed yet → all prepaid
    services.billing.save_item({"name": "装修押金", "method": ChargeMethod.FIXED, "unit_price": "5000",
                                "start_date": "2026-11-01", "scope": "units", "targets": [ids["d"]]})
    services.billing.run("2026-11")  # the run applies the 200 at once
    account = services.payments.account(ids["d"])
    assert account.prepaid_balance == 0
    payment = services.payments.pay(ids["d"], "100", "cash", use_prepaid=True)
    assert payment.prepaid_used == 0 and payment.allocated == Decimal("100.00")


def test_late_fee_charged_when_asked(fees, db):
    services, clock, ids, items = fees
    services.billing.run("2026-10")
    account = services.payments.account(ids["a"])
    assert account.late_fees == Decimal("1.09")
    payment = services.payments.pay(ids["a"], "896.09", "cash", include_late_fees=True)
    assert payment.allocated == Decimal("896.09") and payment.to_prepaid == 0
    account = services.payments.account(ids["a"])
    assert account.outstanding == 0 and account.late_fees == 0
    receipt = services.payments.receipt(payment.id)
    assert any(line.item_name == "物业服务费滞纳金" for line in receipt.lines)
    assert_books_balance(db)
    # voided, then re-billed at a new price: the charged 滞纳金 line stays and the books still balance
    services.payments.void(payment.id, "重新收取")
    row = services.billing.get_item(items["property"])
    services.billing.save_item({**row.__dict__, "unit_price": "3.00", "targets": []}, items["property"])
    assert services.billing.rebill("2026-10").changed == 4  # unit e has no area: unchanged
    assert_books_balance(db)


def test_receipt_numbers_gap_free_under_concurrent_payments(db, tmp_path):
    """Threads, each with its own engine and sessions, pay at once: receipt numbers 1..30, no gap, no
    duplicate. On an SQLite file by default; on the PostgreSQL test server when one is configured."""
    from app.db import open_database
    from tests.conftest import server_url

    url = db.url if server_url() else f"sqlite:///{tmp_path / 'concurrent.db'}"
    setup_db = open_database(url)
    services, _ = fee_services(setup_db)
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-11")
    setup_db.dispose()
    errors, numbers = [], []
    lock = threading.Lock()

    def worker(n: int) -> None:
        db = open_database(url)  # its own engine and sessions
        try:
            own, _ = fee_services(db)
            for _ in range(5):
                row = own.payments.pay(ids["abcde"[n % 5]], "7.77", "cash")
                with lock:
                    numbers.append(row.receipt_no)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"SJ20261128{n:04d}" for n in range(1, 31)]


# --- arrears, reminders, reports -------------------------------------------------------------------------


def test_arrears_aging_and_chase_list(fees):
    services, clock, ids, _ = fees
    for period in ("2025-09", "2026-04", "2026-07", "2026-10", "2026-11"):
        services.billing.run(period)
    rows = {r.unit_id: r for r in services.fee_reports.arrears()}
    a = rows[ids["a"]]
    # 2026-11 is not due yet; 2026-10 is 1 month old, 07 is 4, 04 is 7, 2025-09 is 14
    assert a.buckets == (Decimal("895.00"), Decimal("895.00"), Decimal("895.00"), Decimal("895.00"))
    assert a.oldest_period == "2025-09" and a.months == 4
    summary = services.fee_reports.aging()
    assert summary.units == 5 and summary.unit_counts == (0, 0, 0, 5)
    assert ids["a"] in {r.unit_id for r in services.fee_reports.chase_list()}
    services.payments.add_reminder(ids["a"], "phone", promised_date="2026-12-05", note="下周缴")
    services.payments.add_reminder(ids["b"], "visit")
    chase = {r.unit_id for r in services.fee_reports.chase_list()}
    assert ids["a"] not in chase and ids["b"] not in chase and ids["d"] in chase
    clock.now = datetime(2026, 12, 6, 9, 0)  # promise broken → chase again
    assert ids["a"] in {r.unit_id for r in services.fee_reports.chase_list()}
    with pytest.raises(FieldError):
        services.payments.add_reminder(ids["a"], "pigeon")
    log = services.payments.reminders(ids["a"])
    assert log[0].method_label == "电话" and log[0].arrears == Decimal("895.00") * 5


def test_cashup_by_method_and_operator(fees):
    services, clock, ids, _ = fees
    services.billing.run("2026-11")
    kefu = services.as_actor(actor("manager", user_id=None, name="小王"))
    services.payments.pay(ids["a"], "100", "cash")
    services.payments.pay(ids["b"], "50.5", "wechat")
    voided = kefu.payments.pay(ids["d"], "30", "cash")
    kefu.payments.pay(ids["d"], "20", "cash")
    kefu.payments.void(voided.id, "收错")
    clock.now = datetime(2026, 11, 29, 9, 0)
    services.payments.pay(ids["a"], "1", "cash")  # another day
    cash = services.fee_reports.cashup(date(2026, 11, 28))
    assert cash.total == Decimal("170.50") and cash.count == 3
    assert dict((m, a) for m, _, a in cash.by_method) == {"cash": Decimal("120.00"), "wechat": Decimal("50.50")}
    assert {(r.operator, r.method): r.amount for r in cash.rows}[("小王", "cash")] == Decimal("20.00")
    assert cash.voided[0][2] == Decimal("30.00")


def test_collection_rate(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "895", "cash")  # October of unit a
    figures = services.fee_reports.collection_rate("2026-11")
    month = {r.kind: r for r in figures.month}
    ytd = {r.kind: r for r in figures.year_to_date}
    assert month["property"].collected == 0 and month["property"].billed == Decimal("1164.14")
    assert ytd["parking"].collected == Decimal("600.00") and ytd["parking"].billed == Decimal("1800.00")
    assert ytd["parking"].rate == pytest.approx(1 / 3)
    assert ytd["all"].billed == Decimal("4278.28")


def test_ledger_and_notice_agree_to_the_fen(fees):
    services, _, ids, _ = fees
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "1000", "cash")
    ledger = {r.unit_id: r for r in services.fee_reports.ledger("2026-11").rows}
    units = services.fee_reports.notice_units("2026-11")
    assert units == [ids["a"], ids["b"], ids["c"], ids["d"], ids["e"]]
    for notice, unit_id in zip(services.fee_reports.notices("2026-11", units), units, strict=True):
        row = ledger[unit_id]
        assert notice.current_due == row.unpaid
        assert notice.arrears_total == row.earlier_arrears
        assert notice.total_due == row.total_due
    assert ledger[ids["a"]].total_due == Decimal("790.00")
    assert services.fee_reports.notice_units("2026-11", ids["b2"]) == [ids["d"], ids["e"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("900"), places=2), min_size=1, max_size=6))
def test_payments_in_any_pieces_never_over_pay(db_factory, pieces):
    services, ids = db_factory()
    for amount in pieces:
        services.payments.pay(ids["a"], amount, "cash")
    with services.ctx.read() as s:
        over = s.scalar(select(func.count(BillLine.id)).where(BillLine.paid > BillLine.amount))
        line_sum = s.scalar(select(func.sum(BillLine.paid)))
        alloc_sum = s.scalar(select(func.sum(Allocation.amount)).where(Allocation.voided.is_(False)))
    account = services.payments.account(ids["a"])
    assert over == 0
    assert line_sum == alloc_sum
    assert line_sum + account.prepaid_balance == sum(pieces, Decimal(0))


@pytest.fixture
def db_factory(migrated_template, tmp_path_factory):
    """A fresh billed database per hypothesis example (the db fixture is per test, not per example)."""
    from tests.conftest import _fresh_database

    made = []

    def make():
        database = _fresh_database(migrated_template, tmp_path_factory.mktemp("ex"))
        made.append(database)
        services, _ = fee_services(database)
        ids = build_property(services)
        add_items(services)
        services.billing.run("2026-11")
        return services, ids

    yield make
    for database in made:
        database.dispose()
