"""Issue 18: the kept fee sums (``fee_sums``, ``fee_owing``, migration 0020) equal the live sums over the bill
lines after any mix of writes — billing runs (Core bulk inserts), re-bills (Core updates and deletes), payments
in pieces, voids, 减免, 滞纳金, refunds, repair charges, month-end adjustments, a direct Core write — on SQLite and
PostgreSQL; ``fees check`` names a drift and ``fees rebuild-sums`` repairs it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from app.cli import main
from app.models import BillLine, FeeSum
from app.services import fee_sums
from app.services.fees_reports import aging_in_sql, aging_live, collection_sums, collection_sums_live
from tests.app.test_fees_periods import month  # noqa: F401  (fixture)
from tests.app.test_report_sums import amounts, ledger_factory, play  # noqa: F401  (fixture)
from tests.app.test_report_sums import step as report_step

step = st.one_of(
    report_step,
    st.tuples(st.just("reprice"), st.sampled_from(("2.80", "3.00", "3.35")), st.sampled_from(("2026-07", "2026-08"))),
    st.tuples(st.just("charge"), st.sampled_from(("a", "b", "c", "d", "e")), amounts),
)


def assert_kept_equals_live(services, today: date) -> None:
    with services.ctx.read() as s:
        assert fee_sums.kept_sums(s) == fee_sums.live_sums(s)
        assert fee_sums.kept_owing(s) == fee_sums.live_owing(s)
        assert collection_sums(s, "2000-01", "2099-12") == collection_sums_live(s, "2000-01", "2099-12")
        assert collection_sums(s, "2026-06", "2026-08") == collection_sums_live(s, "2026-06", "2026-08")
        for later in (0, 25, 70, 200, 400):  # the aging's buckets move with the day it is read
            day = today + timedelta(days=later)
            assert aging_in_sql(s, day) == aging_live(s, day)


def play_more(services, clock, ids, steps) -> None:
    """The report test's moves, plus re-bills after a price change and repair charges (lines posted to a bill
    outside the run)."""
    from app.errors import ServiceError
    from app.services.fees_payments import bill_of

    plain = []
    for move in steps:
        op, *args = move
        try:
            if op == "reprice":
                price, period = args
                billing = services.billing
                item = next(i for i in billing.items() if i.name == "物业服务费")
                row = billing.get_item(item.id)
                billing.save_item({**row.__dict__, "unit_price": price, "targets": []}, item.id)
                billing.rebill(period)
            elif op == "charge":
                unit, amount = args
                with services.ctx.write() as s:  # the way a repair charge lands: a line on the unit's bill
                    bill = bill_of(s, ids[unit], clock.now.strftime("%Y-%m"))
                    item = next(i for i in services.billing.items() if i.name == "垃圾清运费")
                    s.add(BillLine(bill_id=bill.id, unit_id=ids[unit], period=bill.period, item_id=item.id,
                                   quantity=1, unit_price=amount, factor=1, description="维修费", amount=amount))
                    bill.total += amount
            else:
                plain.append(move)
                continue
        except ServiceError:
            pass
        play(services, clock, ids, plain)
        plain = []
    play(services, clock, ids, plain)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=14))
def test_kept_sums_equal_the_live_sums_after_any_writes(ledger_factory, steps):  # noqa: F811
    services, clock, ids = ledger_factory()
    assert_kept_equals_live(services, clock.now.date())
    play_more(services, clock, ids, steps)
    assert_kept_equals_live(services, clock.now.date())
    with services.ctx.write() as s:
        fee_sums.fold(s.connection())  # PostgreSQL's slots folded: the same sums
    assert_kept_equals_live(services, clock.now.date())


def test_adjustments_after_the_close_and_a_core_update_keep_the_sums(month):  # noqa: F811
    services, clock, ids, items, manager, _ = month
    manager.periods.close("2026-10")
    manager.periods.adjust(ids["b"], "2026-10", items["property"], "12.50", "漏收公共能耗")
    manager.periods.adjust(ids["a"], "2026-10", items["property"], "−20.00", "10月面积多算")
    assert_kept_equals_live(services, clock.now.date())
    with services.ctx.write() as s:  # a bulk Core write the services know nothing of
        s.execute(update(BillLine).where(BillLine.period == "2026-11").values(paid=BillLine.amount))
    assert_kept_equals_live(services, clock.now.date())
    with services.ctx.read() as s:
        assert fee_sums.kept_owing(s) == {} or all(p != "2026-11" for _, p in fee_sums.kept_owing(s))


def test_fees_check_names_a_drift_and_rebuild_sums_repairs_it(month, db, cli_user):  # noqa: F811
    services, clock, ids, items, manager, _ = month
    assert services.fees_check.check().ok
    with services.ctx.write() as s:  # drift: someone edits the kept sums by hand
        s.execute(update(FeeSum).where(FeeSum.period == "2026-11").values(billed=FeeSum.billed + 1))
    result = services.fees_check.check()
    assert any("收缴汇总" in v and "2026-11" in v and "rebuild-sums" in v for v in result.violations)
    url = db.engine.url.render_as_string(hide_password=False)
    prefix = cli_user(services)
    assert main(["--database", url, *prefix, "fees", "rebuild-sums"]) == 0
    assert services.fees_check.check().ok
    assert_kept_equals_live(services, clock.now.date())


def test_money_is_kept_in_fen_exactly():
    assert fee_sums.money(123456) == Decimal("1234.56") and fee_sums.money(-5) == Decimal("-0.05")
    assert fee_sums.money(None) == Decimal("0.00")


def test_kept_sums_read_only_the_summary_tables(services):
    """The figures' statements name the summary tables, never the lines (the point of migration 0020)."""
    statements = []
    from sqlalchemy import event

    @event.listens_for(services.ctx.db.engine, "before_cursor_execute")
    def log(conn, cursor, statement, *args):
        statements.append(statement)

    with services.ctx.read() as s:
        collection_sums(s, "2026-01", "2026-12")
        aging_in_sql(s, date(2026, 11, 30))
    event.remove(services.ctx.db.engine, "before_cursor_execute", log)
    figures = [st_ for st_ in statements if "fee_sums" in st_ or "fee_owing" in st_]
    assert figures and not any("bill_lines" in st_ for st_ in figures)


def test_a_second_run_of_a_period_bills_a_unit_added_since(db):
    """Found by the property above: running a billed period again after a unit was added crashed on an empty
    update of the already billed units' bills ("A value is required for bind parameter 'add'")."""
    from datetime import datetime

    from tests.fees_setup import add_items, build_property, fee_services

    services, clock = fee_services(db, datetime(2026, 7, 5, 10, 0))
    build_property(services)
    add_items(services)
    assert services.billing.run("2026-07").bills == 5
    building = services.archive.create_building("9栋", floors=5)
    services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "101", "area": "50",
                                "status": "occupied"})
    assert services.billing.run("2026-07").bills == 1
    assert_kept_equals_live(services, clock.now.date())
