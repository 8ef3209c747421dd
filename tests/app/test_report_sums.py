"""Issue 18: the report sums done by the database equal the Python computations they replaced, on random
ledgers (payments in pieces, 减免, voids, 滞纳金, prepaid over-payments, refunds), on SQLite and PostgreSQL:

- arrears aging summed in SQL (``aging()``) = the aging of every arrears row (``summarise_aging(arrears())``);
- the collection sums (收缴率 page, dashboard trend) = line-by-line sums read back through the ORM, 减免 apart;
  the dashboard's month figures are the 收缴率 page's, period by period;
- the ledger read in unit blocks = read at once, and its export's cells = the rows' values;
- 日结 of every day with a payment, void or refund (read from covering indexes, migration 0024) = the day's
  payments, voids, refunds and allocations added up one by one through the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.errors import ServiceError
from app.models import Allocation, BillLine, FeeItem, Payment, PrepaidEntry, PrepaidKind, Refund
from app.money import ZERO
from app.services import fees_reports
from app.services.fees_reports import collection_sums, rates_of, summarise_aging
from tests.fees_setup import add_items, build_property, fee_services

START = datetime(2026, 7, 5, 10, 0)
PERIODS = ("2026-05", "2026-06", "2026-07")
UNITS = ("a", "b", "c", "d", "e")

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1500"), places=2)
step = st.one_of(
    st.tuples(st.just("pay"), st.sampled_from(UNITS), amounts, st.booleans()),
    st.tuples(st.just("void"), st.integers(0, 20)),
    st.tuples(st.just("waive"), st.sampled_from(UNITS), st.sampled_from(PERIODS), amounts),
    st.tuples(st.just("refund"), st.sampled_from(UNITS), amounts),
    st.tuples(st.just("later"), st.integers(1, 60)),
    st.tuples(st.just("bill"), st.sampled_from(("2026-08", "2026-09"))),
)


@pytest.fixture
def ledger_factory(migrated_template, tmp_path_factory):
    """A fresh billed property per hypothesis example (the db fixture is per test, not per example)."""
    from tests.conftest import _fresh_database

    made = []

    def make():
        database = _fresh_database(migrated_template, tmp_path_factory.mktemp("ex"))
        made.append(database)
        services, clock = fee_services(database, START)
        ids = build_property(services)
        add_items(services)
        for period in PERIODS:
            services.billing.run(period)
        return services, clock, ids

    yield make
    for database in made:
        database.dispose()


def play(services, clock, ids, steps) -> None:
    payments = []
    for op, *args in steps:
        try:
            if op == "pay":
                unit, amount, late = args
                payments.append(services.payments.pay(ids[unit], amount, "cash", include_late_fees=late).id)
            elif op == "void" and payments:
                services.payments.void(payments[args[0] % len(payments)], "收错了")
            elif op == "waive":
                unit, period, amount = args
                services.payments.waive(ids[unit], period, amount, "困难户")
            elif op == "refund":
                unit, amount = args
                services.payments.refund(ids[unit], amount, "cash", "退多交的")
            elif op == "later":
                clock.now += timedelta(days=args[0])
            elif op == "bill":
                services.billing.run(args[0])
        except ServiceError:
            pass  # a refused move (nothing to waive, refund above the balance…) changes nothing


def python_sums(services) -> dict[str, dict[str, tuple[Decimal, Decimal]]]:
    """Line by line through the ORM: billed and collected per period and kind, 减免 taken out of both."""
    with services.ctx.read() as s:
        kinds = dict(s.execute(select(FeeItem.id, FeeItem.kind)).all())
        waived: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for a in s.scalars(select(Allocation).where(Allocation.waiver_id.is_not(None))):
            if not a.voided:
                waived[a.line_id] += a.amount
        out: dict[str, dict[str, tuple[Decimal, Decimal]]] = defaultdict(dict)
        for line in s.scalars(select(BillLine)):
            key = "late_fee" if line.late_fee else kinds[line.item_id]
            billed, paid = out[line.period].get(key, (ZERO, ZERO))
            cut = waived[line.id]
            out[line.period][key] = (billed + line.amount - cut, paid + line.paid - cut)
    return out


def python_cashup(services, day) -> tuple:
    """日结 of ``day`` one row at a time: (operator, method) → [count, amount], item name → amount (nonzero),
    count, total, taken, first and last receipt."""
    groups: dict[tuple[str, str], list] = defaultdict(lambda: [0, ZERO])
    items: dict[str, Decimal] = defaultdict(lambda: ZERO)
    with services.ctx.read() as s:
        names = dict(s.execute(select(FeeItem.id, FeeItem.name)).all())

        def put(payment: Payment, sign: int) -> None:
            for a in s.scalars(select(Allocation).where(Allocation.payment_id == payment.id)):
                line = s.get(BillLine, a.line_id)
                items[fees_reports.LATE_FEE_NAME if line.late_fee else names[line.item_id]] += sign * a.amount
            for e in s.scalars(select(PrepaidEntry).where(PrepaidEntry.payment_id == payment.id,
                                                          PrepaidEntry.kind == PrepaidKind.DEPOSIT)):
                items[fees_reports.PREPAID_NAME] += sign * e.amount

        taken = [p for p in s.scalars(select(Payment)) if p.paid_at.date() == day]
        for p in taken:
            groups[(p.operator_name, p.method)][0] += 1
            groups[(p.operator_name, p.method)][1] += p.amount
            put(p, 1)
        for p in s.scalars(select(Payment).where(Payment.voided_at.is_not(None))):
            if p.voided_at.date() == day:
                groups[(p.voided_by_name, p.method)][0] -= 1
                groups[(p.voided_by_name, p.method)][1] -= p.amount
                put(p, -1)
        for r in s.scalars(select(Refund)):
            if r.refunded_at.date() == day:
                groups[(r.operator_name, r.method)][1] -= r.amount
                items[fees_reports.PREPAID_NAME] -= r.amount
    receipts = sorted(p.receipt_no for p in taken)
    return ({k: tuple(v) for k, v in groups.items()}, {k: v for k, v in items.items() if v},
            sum(v[0] for v in groups.values()), sum((v[1] for v in groups.values()), ZERO),
            sum((p.amount for p in taken), ZERO), (receipts[0], receipts[-1]) if receipts else ("", ""))


def check_cashups(services) -> None:
    with services.ctx.read() as s:
        moments = [*s.scalars(select(Payment.paid_at)), *s.scalars(select(Payment.voided_at)),
                   *s.scalars(select(Refund.refunded_at))]
    for day in sorted({m.date() for m in moments if m is not None}):
        c = services.fee_reports.cashup(day)
        got = ({(r.operator, r.method): (r.count, r.amount) for r in c.rows}, dict(c.by_item), c.count, c.total,
               c.taken, c.receipts)
        assert got == python_cashup(services, day), day


def check(services, clock) -> None:
    reports = services.fee_reports
    today = clock.now.date()
    check_cashups(services)
    assert reports.aging(today) == summarise_aging(reports.arrears(today=today))

    expected = python_sums(services)
    with services.ctx.read() as s:
        assert collection_sums(s, "2000-01", "2099-12") == expected
    months = services.dashboard.collection_by_month("2026-09", 6)
    for month in months:
        figures = reports.collection_rate(month.period)
        assert month.rates == figures.month == rates_of(expected.get(month.period, {}))
        year = defaultdict(lambda: (ZERO, ZERO))
        for period, sums in expected.items():
            if period[:4] == month.period[:4] and period <= month.period:
                for key, (b, p) in sums.items():
                    year[key] = (year[key][0] + b, year[key][1] + p)
        assert {r.kind: (r.billed, r.collected) for r in figures.year_to_date} == {
            r.kind: (r.billed, r.collected) for r in rates_of(dict(year))}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=12))
def test_sql_sums_equal_the_python_computation(ledger_factory, steps):
    services, clock, ids = ledger_factory()
    play(services, clock, ids, steps)
    check(services, clock)


def test_a_known_ledger_with_every_kind_of_move(ledger_factory, monkeypatch, tmp_path):
    """Waivers, a void, a late fee, an over-payment to prepaid and a refund, then the ledger read in blocks of
    two units equals the ledger read at once, and the streamed export's cells are the rows' values."""
    from openpyxl import load_workbook

    from app.excel.ledger import ledger_headers, ledger_values

    services, clock, ids = ledger_factory()
    pay = services.payments
    pay.waive(ids["a"], "2026-05", "50", "困难户")
    wrong = pay.pay(ids["b"], "300", "cash").id
    pay.void(wrong, "收错了")
    clock.now = datetime(2026, 8, 20, 10, 0)  # May's property fee is late by now
    pay.pay(ids["d"], "900", "wechat", include_late_fees=True)
    pay.pay(ids["a"], "5000", "cash")  # more than owed: the rest goes to prepaid
    pay.refund(ids["a"], "100", "cash", "退多交的")
    services.billing.run("2026-08")
    with services.ctx.read() as s:
        assert s.scalar(select(BillLine.id).where(BillLine.late_fee.is_(True))) is not None
    check(services, clock)

    whole = services.fee_reports.ledger("2026-06")
    monkeypatch.setattr(fees_reports, "LEDGER_BLOCK", 2)
    blocks = services.fee_reports.ledger("2026-06")
    assert blocks == whole and whole.unit_count == len(whole.rows) == 5
    assert sum((r.waived for r in whole.rows), ZERO) == ZERO  # May's waiver is not June's
    may = services.fee_reports.ledger("2026-05")
    assert sum((r.waived for r in may.rows), ZERO) == Decimal("50.00")

    path, head = services.fee_reports.export_ledger(tmp_path / "ledger.xlsx", "2026-05")
    assert head.unit_count == 5 and head.rows == ()
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0] == ledger_headers(may)
    for got, row in zip(values[1:-1], may.rows, strict=True):
        want = [None if v in (None, "") else (float(v) if isinstance(v, Decimal) else v)
                for v in ledger_values(may, row)]
        assert [float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in got] == want
    assert values[-1][0] == "合计 (5 户)"
