"""Issue 14 "Checked by": a scripted month on a fresh demo database (both engines) — readings with a meter change
and an outlier, a 公摊 period, a collection file out and a simulated bank result in with failures (托收), then
the close; afterwards every change to the closed period is refused, the
corrections land in the open one, and the figures agree with a computation by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal

import pytest
from sqlalchemy import func, select

from app.errors import FieldError, StateError
from app.models import Bill, BillLine, FeeItem, Payment, SharedMeterLine, Unit, Waiver
from app.money import to_money
from tests.conftest import actor
from tests.fees_setup import fee_services

D = Decimal
MONTH, NEXT = "2026-11", "2026-12"


def item_id(services, name: str) -> int:
    return next(i.id for i in services.billing.items() if i.name == name)


def bank_answer(export, target, failures: dict[int, str]):
    """The bank's result: the collection file with 扣款结果/失败原因 added; row n in ``failures`` failed."""
    from openpyxl import Workbook, load_workbook

    rows = list(load_workbook(export, read_only=True).worksheets[0].iter_rows(values_only=True))
    wb = Workbook()
    wb.active.append([*rows[0], "扣款结果", "失败原因"])
    for n, row in enumerate(rows[1:], start=1):
        wb.active.append([*row, "失败" if n in failures else "成功", failures.get(n, "")])
    wb.save(target)
    return target


def rate(services, period: str):
    return {r.kind: r for r in services.fee_reports.collection_rate(period).month}["all"]


@pytest.mark.slow
def test_a_scripted_month_end(db, tmp_path):
    from app.demo import fill_demo

    services, clock = fee_services(db, now=datetime(2026, 11, 28, 10, 0))
    fill_demo(services)
    manager = services.as_actor(actor("manager", user_id=None, name="张经理"))
    water = item_id(services, "水费")
    meter = next(m for m in services.shared_meters.meters() if m.name == "1号楼总水表")
    assert services.fees_check.check(MONTH).ok

    # ---- readings of the month: one meter was replaced (the demo recorded it), one reading is an outlier
    sheet = services.meters.sheet(water, MONTH, meter.building_id)
    changed = next(r for r in sheet if r.change is not None)
    outlier = next(r for r in sheet if r.change is None)
    readings, usage = {}, {}
    for row in sheet:
        if row is changed:  # old meter: final − last; new meter: 0 → 6
            readings[row.unit_id], usage[row.unit_id] = D("6"), row.change[0] - row.last_reading + 6
        elif row is outlier:
            readings[row.unit_id], usage[row.unit_id] = row.last_reading + 200, D(200)
        else:
            readings[row.unit_id], usage[row.unit_id] = row.last_reading + 10, D(10)
    assert changed.check(readings[changed.unit_id]) == (usage[changed.unit_id], "")
    assert "3倍" in outlier.check(readings[outlier.unit_id])[1]  # flagged before saving, saved after a look
    with pytest.raises(FieldError, match="小于上次读数"):  # a lower reading without a meter change
        services.billing.save_readings(water, MONTH, {outlier.unit_id: "1"})
    services.billing.save_readings(water, MONTH, {u: str(r) for u, r in readings.items()})
    services.billing.supplement(MONTH, water)  # November was billed on the 1st: its water lines now
    with services.ctx.read() as s:
        water_lines = {ln.unit_id: ln.amount for ln in s.scalars(select(BillLine).where(
            BillLine.period == MONTH, BillLine.item_id == water))}
    assert water_lines[changed.unit_id] == to_money(usage[changed.unit_id] * D("3.45"))
    assert water_lines[outlier.unit_id] == D("690.00")  # 200 × 3.45

    # ---- 公摊: the master meter read 80 tonnes more than the units together
    last_master = services.shared_meters.readings(meter.id)[-1][1]
    sub_total = sum(usage.values())
    services.shared_meters.save_reading(meter.id, MONTH, str(last_master + sub_total + 80))
    posted = services.shared_meters.post(meter.id, MONTH)
    with services.ctx.read() as s:
        areas = dict(s.execute(select(Unit.id, Unit.area).where(Unit.building_id == meter.building_id)).all())
    whole = sum(areas.values())
    total = D("276.00")  # 80 × 3.45
    assert (posted.usage, posted.total, posted.sub_total) == (D(80), total, sub_total)
    parts = {p.unit_id: p for p in posted.parts}
    assert sum(p.amount for p in parts.values()) == total
    for unit_id, area in areas.items():  # by hand: cut to the fen, a leftover fen at most
        exact = total * area / whole
        assert parts[unit_id].amount - exact.quantize(D("0.01"), rounding=ROUND_DOWN) in (D("0"), D("0.01"))
    some = changed.unit_id
    assert parts[some].formula == (f"(总表 {int(sub_total) + 80:,} − 分户合计 {int(sub_total):,}) × 3.45 元 × 本户 "
                                   f"{areas[some].normalize():f}㎡ / 全楼 {whole.normalize():,f}㎡")

    # ---- the money of the month, then the close (after every day's cash-up)
    payer = outlier.unit_id
    payment = services.payments.pay(payer, "100", "cash")

    # ---- 托收: the month's collection file out, the bank's result back with one failure
    with services.ctx.read() as s:  # by hand: what each unit with an agreement owes up to the month
        owed = dict(s.execute(select(BillLine.unit_id, func.sum(BillLine.amount - BillLine.paid))
                              .where(BillLine.period <= MONTH, BillLine.amount > BillLine.paid)
                              .group_by(BillLine.unit_id)).all())
    signed = {a.unit_id for a in services.bank_agreements.all({"active": 1})}
    batch = manager.bank.export(MONTH, tmp_path / "托收.xlsx")
    sent = manager.bank.lines(batch.id)
    assert {ln.unit_id: ln.amount for ln in sent} == {u: owed[u] for u in signed if u in owed}
    answer = bank_answer(tmp_path / "托收.xlsx", tmp_path / "回盘.xlsx", {2: "余额不足"})
    done = manager.bank.import_result(answer)
    assert (done.succeeded, done.failed) == (batch.rows - 1, 1)
    failed = sent[1]
    with services.ctx.read() as s:
        bank_paid = s.scalar(select(func.sum(Payment.amount)).where(
            Payment.method == "bank", Payment.note.like(f"银行托收 {batch.number}-%")))
    assert bank_paid == batch.total - failed.amount == done.succeeded_amount
    assert services.payments.account(failed.unit_id).outstanding >= failed.amount  # the arrears stay
    assert [f.reason for f in services.bank.failures(failed.unit_id)][0] == "余额不足"
    assert services.fees_check.check(MONTH).ok
    clock.now = datetime(2026, 12, 5, 9, 0)
    services.billing.run(NEXT)
    days = manager.periods.open_days(MONTH)
    assert date(2026, 11, 28) in days
    with pytest.raises(StateError, match="没有日结"):
        manager.periods.close(MONTH)
    for day in days:
        services.fee_reports.close_cashup(day)
    ledger = services.fee_reports.ledger(MONTH)
    billed = sum(r.billed for r in ledger.rows) - sum(r.waived for r in ledger.rows)
    assert billed == rate(services, MONTH).billed
    closed = manager.periods.close(MONTH)
    assert (closed.billed, closed.collected) == (rate(services, MONTH).billed, rate(services, MONTH).collected)
    with services.ctx.read() as s:
        billed_by_hand = s.scalar(select(func.sum(BillLine.amount)).where(BillLine.period == MONTH))
        lines_before = s.scalar(select(func.count(BillLine.id)).where(BillLine.period == MONTH))
    assert closed.billed == billed_by_hand - sum(r.waived for r in ledger.rows)

    # ---- every change to the closed month is refused, and nothing changed
    day = days[0]
    refused = {
        "bills": lambda: services.billing.rebill(MONTH),
        "补收": lambda: services.billing.supplement(MONTH, item_id(services, "垃圾清运费")),
        "readings": lambda: services.billing.save_readings(water, MONTH, {payer: "999999"}),
        "meter change": lambda: services.meters.record_change(water, payer, MONTH, "2026-11-20", "999999", "0"),
        "master reading": lambda: services.shared_meters.save_reading(meter.id, MONTH, "999999"),
        "apportionment": lambda: services.shared_meters.post(meter.id, MONTH),
        "void": lambda: services.payments.void(payment.id, "收错户"),
        "waiver": lambda: manager.payments.waive(payer, MONTH, "1", "减免"),
        "cash-up": lambda: services.fee_reports.close_cashup(day),
    }
    for what, write in refused.items():
        with pytest.raises(StateError, match=f"{MONTH} 已月结"):
            write()
            pytest.fail(f"{what} went through")
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(BillLine.id)).where(BillLine.period == MONTH)) == lines_before
        assert not s.get(Payment, payment.id).voided

    # ---- corrections land in the open month, naming the closed one
    frozen = services.periods.get(MONTH)
    december = rate(services, NEXT)
    unit = next(u for u in areas if u not in (payer, some))
    manager.periods.adjust(unit, MONTH, water, "12.50", "漏抄一次")
    manager.periods.adjust(some, MONTH, water, "-5.00", "换表多算")
    with services.ctx.read() as s:
        line = s.scalar(select(BillLine).where(BillLine.unit_id == unit, BillLine.description.like("调整%")))
        waiver = s.scalar(select(Waiver).where(Waiver.unit_id == some, Waiver.reason.like("调整%")))
        waived_line = s.get(BillLine, waiver.line_id)
    assert (line.period, line.amount, line.description) == (NEXT, D("12.50"), f"调整 {MONTH}: 漏抄一次")
    assert (waived_line.period, waiver.amount, waiver.reason) == (NEXT, D("5.00"), f"调整 {MONTH}: 换表多算")
    assert rate(services, NEXT).billed == december.billed + D("12.50") - D("5.00")

    # a late fee on the closed month's arrears, paid on 31 December: on December's bill, naming November
    clock.now = datetime(2026, 12, 31, 10, 0)
    with services.ctx.read() as s:
        arrears = s.scalar(select(BillLine).join(FeeItem).where(
            BillLine.unit_id == payer, BillLine.period == MONTH, FeeItem.name == "物业服务费",
            BillLine.amount > BillLine.paid))
        due = s.scalar(select(Bill.due_date).where(Bill.id == arrears.bill_id))
        item = s.get(FeeItem, arrears.item_id)
    days_late = (date(2026, 12, 31) - due).days - item.late_fee_grace_days
    owed = services.payments.account(payer).outstanding
    services.payments.pay(payer, str(owed + 50), "cash", include_late_fees=True)
    with services.ctx.read() as s:
        late = list(s.scalars(select(BillLine).where(BillLine.source_line_id == arrears.id)))
    principal = arrears.amount - arrears.paid
    assert days_late == 1  # due 30 November, 30 days' grace
    assert len(late) == 1 and late[0].period == NEXT and late[0].description.startswith(f"{MONTH} 欠费滞纳金")
    assert late[0].amount == to_money(principal * item.late_fee_daily_rate * days_late)
    after = services.periods.get(MONTH)
    assert (after.billed, after.collected) == (frozen.billed, frozen.collected)
    assert after.collected_later > frozen.collected_later
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(BillLine.id)).where(BillLine.period == MONTH)) == lines_before
        assert s.scalar(select(func.count(SharedMeterLine.id)).where(SharedMeterLine.period == MONTH)) == len(areas)
    assert services.fees_check.check(MONTH).ok and services.fees_check.check(NEXT).ok
