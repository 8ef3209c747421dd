"""Demo fees: 物业服务费 2.80 元/㎡·月, 停车费 300 元/个·月, 垃圾清运费 15 元/户·月; bills for the last six
months (billing runs through the service), most paid at the counter, some partly, a few households in
arrears for months, a prepaid balance, a voided receipt and a reminder log.

The bulk of the payments is written with Core inserts (thousands of counter payments through the service
one by one would take a minute); the receipt counters are set to match, so new receipts continue the days
without gaps. The last few moves go through the services, exactly as the counter does them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, insert, select, update

from app.models import (
    Allocation,
    Bill,
    BillLine,
    ChargeMethod,
    Cycle,
    FeeKind,
    NumberSequence,
    Occupancy,
    Payment,
    PayMethod,
    Person,
    Relation,
    User,
)
from app.money import ZERO, to_money
from app.services import Services
from app.services.auth import actor_for
from app.services.context import ServiceContext
from app.services.fees_payments import RECEIPT_PREFIX
from app.services.fees_rules import add_months, allocate, period_first_day, period_last_day, period_of

MONTHS = 6
METHOD_WEIGHTS = [(PayMethod.WECHAT, 45), (PayMethod.ALIPAY, 20), (PayMethod.CASH, 15), (PayMethod.CARD, 10),
                  (PayMethod.TRANSFER, 10)]


def _at(services: Services, actor, when: datetime) -> Services:
    return Services(ServiceContext(services.db, actor, lambda: when))


def fill(services: Services, rng, result) -> None:
    now = services.ctx.clock().replace(microsecond=0)
    today = now.date()
    first = add_months(period_of(today), -(MONTHS - 1))
    billing = services.billing
    start = period_first_day(add_months(first, -12))
    billing.save_item({"name": "物业服务费", "kind": FeeKind.PROPERTY, "method": ChargeMethod.AREA,
                       "unit_price": "2.80", "unit_label": "元/㎡·月", "cycle": Cycle.MONTHLY, "start_date": start,
                       "vacant_rate": "0.7", "late_fee_daily_rate": "0.0003", "late_fee_grace_days": "30",
                       "late_fee_cap_rate": "0.3", "sort_order": 1,
                       "notes": "空置房按70%收取; 逾期30天后按日万分之三计滞纳金, 最高不超过本金30%"})
    billing.save_item({"name": "停车费", "kind": FeeKind.PARKING, "method": ChargeMethod.SPACE, "unit_price": "300",
                       "unit_label": "元/个·月", "cycle": Cycle.MONTHLY, "start_date": start, "sort_order": 2})
    billing.save_item({"name": "垃圾清运费", "kind": FeeKind.OTHER, "method": ChargeMethod.FIXED, "unit_price": "15",
                       "unit_label": "元/户·月", "cycle": Cycle.MONTHLY, "start_date": start, "sort_order": 3})

    with services.ctx.read() as s:
        users = {u.username: u for u in s.scalars(select(User))}
        desk_users = [actor_for(users[name], s) for name in ("kefu", "manager") if name in users]
    desk = desk_users or [services.ctx.actor]
    system = services.ctx.actor

    periods = [add_months(first, n) for n in range(MONTHS)]
    for period in periods:
        _at(services, system, datetime.combine(period_first_day(period), time(8, 30))).billing.run(period)

    with services.ctx.write() as s:
        lines_by_bill: dict[int, list[tuple[int, object]]] = defaultdict(list)
        for line_id, bill_id, amount in s.execute(
            select(BillLine.id, BillLine.bill_id, BillLine.amount).order_by(BillLine.bill_id, BillLine.item_id)
        ):
            lines_by_bill[bill_id].append((line_id, amount))
        bills = s.execute(select(Bill.id, Bill.unit_id, Bill.period, Bill.total).order_by(Bill.period, Bill.id)).all()
        payers = {}
        for unit_id, name in s.execute(
            select(Occupancy.unit_id, Person.name).join(Person).where(Occupancy.relation == Relation.OWNER)
            .order_by(Occupancy.id.desc())
        ):
            payers[unit_id] = name
        unit_ids = sorted({b.unit_id for b in bills})
        chronic = set(rng.sample(unit_ids, max(1, len(unit_ids) // 25)))  # never pay
        irregular = set(rng.sample(unit_ids, max(1, len(unit_ids) // 12)))  # skip some months

        plans = []  # (paid_at, unit_id, bill_id, amount, operator)
        for bill in bills:
            if bill.unit_id in chronic:
                continue
            last_month = bill.period == periods[-1]
            if bill.unit_id in irregular and rng.random() < 0.45:
                continue
            if last_month and rng.random() < 0.55:
                continue  # this month's bill: many not paid yet
            day_max = today.day if last_month else period_last_day(bill.period).day
            day = period_first_day(bill.period) + timedelta(days=rng.randrange(max(day_max, 1)))
            paid_at = datetime.combine(day, time(rng.randrange(8, 18), rng.randrange(60), rng.randrange(60)))
            if paid_at > now:
                paid_at = now - timedelta(minutes=rng.randrange(1, 120))
            amount = bill.total
            if rng.random() < 0.06:  # part payment
                amount = to_money(bill.total * rng.choice([Decimal("0.3"), Decimal("0.5"), Decimal("0.7")]))
            plans.append((paid_at, bill.unit_id, bill.id, amount, rng.choice(desk)))
        plans.sort(key=lambda p: p[0])

        counters: dict[str, int] = defaultdict(int)
        payment_rows = []
        for paid_at, unit_id, _bill_id, amount, operator in plans:
            stamp = f"{paid_at:%Y%m%d}"
            counters[stamp] += 1
            payment_rows.append({
                "receipt_no": f"{RECEIPT_PREFIX}{stamp}{counters[stamp]:04d}", "unit_id": unit_id,
                "payer": payers.get(unit_id, ""), "method": _weighted(rng), "amount": amount, "prepaid_used": ZERO,
                "paid_at": paid_at, "operator_id": operator.user_id, "operator_name": operator.display_name,
                "note": "", "voided": False, "void_reason": "", "voided_by_name": "", "created_at": paid_at,
                "created_by": operator.user_id,
            })
        conn = s.connection()
        payments_t = Payment.__table__
        ids = [row[0] for row in conn.execute(
            insert(payments_t).returning(payments_t.c.id, sort_by_parameter_order=True), payment_rows)] \
            if payment_rows else []
        allocations, line_paid, bill_paid = [], defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
        for payment_id, (paid_at, _unit, bill_id, amount, _op) in zip(ids, plans, strict=True):
            lines = lines_by_bill[bill_id]
            shares, _rest = allocate(amount, [a for _, a in lines])
            for (line_id, _a), share in zip(lines, shares, strict=True):
                if share > 0:
                    allocations.append({"line_id": line_id, "payment_id": payment_id, "prepaid_entry_id": None,
                                        "amount": share, "at": paid_at, "voided": False})
                    line_paid[line_id] += share
                    bill_paid[bill_id] += share
        if allocations:
            conn.execute(insert(Allocation.__table__), allocations)
            lines_t, bills_t = BillLine.__table__, Bill.__table__
            conn.execute(update(lines_t).where(lines_t.c.id == bindparam("lid")).values(paid=bindparam("p")),
                         [{"lid": k, "p": v} for k, v in line_paid.items()])
            conn.execute(update(bills_t).where(bills_t.c.id == bindparam("bid")).values(paid=bindparam("p")),
                         [{"bid": k, "p": v} for k, v in bill_paid.items()])
        if counters:
            conn.execute(insert(NumberSequence.__table__),
                         [{"name": f"receipt:{stamp}", "value": n} for stamp, n in counters.items()])

    # The last moves through the services, as at the counter today.
    counter = _at(services, desk[0], now - timedelta(hours=1))
    arrears = counter.fee_reports.arrears(today=today)
    for row in arrears[:3]:  # a household settles part of its arrears and prepays
        owed = counter.payments.account(row.unit_id)
        counter.payments.pay(row.unit_id, owed.outstanding + 600, PayMethod.WECHAT, payer=row.owner, note="补缴欠费并预存")
    paid_units = [uid for uid in unit_ids if uid not in chronic][:1]
    for uid in paid_units:
        mistaken = counter.payments.pay(uid, "100", PayMethod.CASH, note="")
        _at(services, desk[-1], now - timedelta(minutes=30)).payments.void(mistaken.id, "金额录入错误, 已重新开具")
    # the manager's moves of the week: a 减免, a 退款 of prepaid, a late payment with 滞纳金
    boss = _at(services, desk[-1], now - timedelta(minutes=20))
    for row in counter.fee_reports.arrears(today=today)[3:4]:
        oldest = counter.payments.account(row.unit_id).lines[0]
        boss.payments.waive(row.unit_id, oldest.period, to_money(oldest.outstanding / 2), "楼上漏水损坏, 经理批准减免一半")
    for row in arrears[:1]:
        boss.payments.refund(row.unit_id, "100", PayMethod.CASH, "业主要求退还部分预存款")
    for row in counter.fee_reports.arrears(today=today)[:1]:
        counter.payments.pay(row.unit_id, counter.payments.account(row.unit_id).lines[0].outstanding + 5,
                             PayMethod.CASH, payer=row.owner, include_late_fees=True, note="补缴并交滞纳金")
    methods = ["phone", "notice", "visit", "message"]
    reminders = 0
    for n, row in enumerate(counter.fee_reports.arrears(today=today)[:25]):
        when = now - timedelta(days=rng.randrange(1, 20), hours=rng.randrange(5))
        promised = (when.date() + timedelta(days=rng.randrange(3, 30))) if n % 3 == 0 else None
        notes = ["业主称近期出差, 回来后缴纳", "业主对维修不满意, 暂不缴费", "电话无人接听", "已张贴催缴通知",
                 "业主同意本周内缴清", "家人代为转告"]
        _at(services, rng.choice(desk), when).payments.add_reminder(
            row.unit_id, rng.choice(methods), promised_date=promised, note=rng.choice(notes))
        reminders += 1
    result.counts.update(bills=len(bills), payments=len(payment_rows) + len(arrears[:3]) + len(paid_units),
                         reminders=reminders)


def _weighted(rng) -> str:
    return rng.choices([m for m, _ in METHOD_WEIGHTS], [w for _, w in METHOD_WEIGHTS])[0]

