"""Fee reports: arrears with aging and the chase list, daily cash-up (日结), collection rate (收缴率),
the ledger (台账) rows and fee-notice (缴费通知单) data. Each is a few grouped queries, shaped in Python.

Arrears are unpaid amounts of bills whose due date has passed; a bill's age is counted in months from
its period to today's month (see ``fees_rules.months_overdue``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, bindparam, case, func, select

from app.errors import StateError
from app.models import (
    FEE_LABELS,
    Allocation,
    Bill,
    BillLine,
    Building,
    FeeItem,
    FeeKind,
    FeeOwing,
    Occupancy,
    Payment,
    PayMethod,
    Person,
    Relation,
    Reminder,
    Unit,
)
from app.money import ZERO, format_money, to_money
from app.search import unit_code, unit_label
from app.services import fee_sums
from app.services.context import ServiceContext
from app.services.fees_rules import (
    add_months,
    aging_bucket,
    months_overdue,
    period_last_day,
    period_of,
    period_or_error,
)

LATE_FEE_NAME = "滞纳金"
PREPAID_NAME = "预存款"
LATE_FEE_ITEM = 0  # the ledger's 滞纳金 column: late-fee lines are not folded into their item's column
LEDGER_BLOCK = 1000  # units read at a time by the ledger's stream
CHASE_QUIET_DAYS = 7  # a unit reminded within this many days is not chased again yet


@dataclass(frozen=True)
class ArrearsRow:
    unit_id: int
    code: str
    label: str
    owner: str
    phone: str
    total: Decimal
    buckets: tuple[Decimal, Decimal, Decimal, Decimal]  # ≤3, 4–6, 7–12, >12 months
    oldest_period: str
    months: int  # how many periods are unpaid
    last_reminder_at: datetime | None
    last_reminder_method: str
    promised_date: date | None


@dataclass(frozen=True)
class AgingSummary:
    total: Decimal
    units: int
    buckets: tuple[Decimal, Decimal, Decimal, Decimal]
    unit_counts: tuple[int, int, int, int]  # units by their oldest arrears
    bucket_units: tuple[int, int, int, int] = (0, 0, 0, 0)  # units with any arrears of that age


@dataclass(frozen=True)
class CashupRow:
    operator: str
    method: str
    count: int
    amount: Decimal

    @property
    def method_label(self) -> str:
        return FEE_LABELS.get(self.method, self.method)


@dataclass(frozen=True)
class Cashup:
    """One day's takings by operator and method; voided payments are counted apart, not in the total."""

    day: date
    property_name: str
    rows: tuple[CashupRow, ...]
    by_method: tuple[tuple[str, int, Decimal], ...]
    total: Decimal
    count: int
    voided: tuple[tuple[str, str, Decimal, str, str], ...]  # voids made this day: receipt, unit, amount, reason, by
    operator: str | None = None
    by_item: tuple[tuple[str, Decimal], ...] = ()  # net, by fee item (+ 滞纳金, 预存款)
    receipts: tuple[str, str] = ("", "")  # first and last receipt number taken that day
    refunds: tuple[tuple[str, str, Decimal, str, str], ...] = ()  # voucher, unit, amount, reason, by
    taken: Decimal = ZERO  # money taken before voids and refunds
    closed: str = ""  # "小王 于 2026-06-02 18:00 日结" once closed

    @property
    def reversed_total(self) -> Decimal:
        return sum((v[2] for v in self.voided), ZERO)

    @property
    def refunded_total(self) -> Decimal:
        return sum((r[2] for r in self.refunds), ZERO)


def cashup_to_json(data: Cashup) -> dict:
    return {
        "day": data.day.isoformat(), "property_name": data.property_name,
        "rows": [[r.operator, r.method, r.count, str(r.amount)] for r in data.rows],
        "by_method": [[m, n, str(a)] for m, n, a in data.by_method], "total": str(data.total), "count": data.count,
        "voided": [[*v[:2], str(v[2]), *v[3:]] for v in data.voided], "operator": data.operator,
        "by_item": [[n, str(a)] for n, a in data.by_item], "receipts": list(data.receipts),
        "refunds": [[*v[:2], str(v[2]), *v[3:]] for v in data.refunds], "taken": str(data.taken),
        "closed": data.closed,
    }


def cashup_from_json(text: str) -> Cashup:
    import json

    d = json.loads(text)
    return Cashup(
        date.fromisoformat(d["day"]), d["property_name"],
        tuple(CashupRow(o, m, n, Decimal(a)) for o, m, n, a in d["rows"]),
        tuple((m, n, Decimal(a)) for m, n, a in d["by_method"]), Decimal(d["total"]), d["count"],
        tuple((v[0], v[1], Decimal(v[2]), v[3], v[4]) for v in d["voided"]), d["operator"],
        tuple((n, Decimal(a)) for n, a in d["by_item"]), tuple(d["receipts"]),
        tuple((v[0], v[1], Decimal(v[2]), v[3], v[4]) for v in d["refunds"]), Decimal(d["taken"]), d["closed"],
    )


@dataclass(frozen=True)
class CollectionRate:
    kind: str
    billed: Decimal
    collected: Decimal

    @property
    def rate(self) -> float:
        return float(self.collected / self.billed) if self.billed else 0.0

    @property
    def label(self) -> str:
        return FEE_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class CollectionFigures:
    period: str
    month: tuple[CollectionRate, ...]  # by kind, then "all"
    year_to_date: tuple[CollectionRate, ...]


@dataclass(frozen=True)
class LedgerRow:
    unit_id: int
    building: str
    code: str
    label: str
    owner: str
    area: Decimal | None
    by_item: dict[int, tuple[Decimal, Decimal, Decimal]]  # item id (0: 滞纳金) → billed, paid, unpaid
    billed: Decimal
    paid: Decimal
    unpaid: Decimal
    earlier_arrears: Decimal  # unpaid of periods before this one
    total_due: Decimal  # unpaid + earlier arrears
    waived: Decimal = ZERO  # 减免: billed = paid + waived + unpaid


@dataclass(frozen=True)
class Ledger:
    period: str
    property_name: str
    items: tuple[tuple[int, str], ...]
    rows: tuple[LedgerRow, ...]
    unit_count: int = 0  # len(rows); also set on the heading of ``ledger_stream``, whose rows stream apart


@dataclass(frozen=True)
class NoticeLine:
    item_name: str
    description: str
    amount: Decimal
    paid: Decimal  # money paid (减免 apart)
    unpaid: Decimal
    waived: Decimal = ZERO


@dataclass(frozen=True)
class NoticeData:
    """One page of the fee notice (缴费通知单): plain data for ``app.pdf.fee_notice``."""

    property_name: str
    property_phone: str
    property_address: str
    unit_label: str
    owner: str
    area: Decimal | None
    period: str
    lines: tuple[NoticeLine, ...]
    current_due: Decimal  # unpaid of this period
    arrears: tuple[tuple[str, Decimal], ...]  # (period, unpaid) of earlier periods
    arrears_total: Decimal
    prepaid_balance: Decimal
    total_due: Decimal
    deadline: date
    payment_methods: str
    notes: str
    issued: date
    extra: dict = field(default_factory=dict)


PAYMENT_METHODS_TEXT = "物业服务中心前台缴纳 (现金、微信、支付宝、银行卡), 或银行转账"
NOTICE_NOTES = ("请于缴费截止日期前缴清费用; 如已缴纳请忽略本通知。",
                "逾期未缴的, 按物业服务合同约定处理。如有疑问请致电物业服务中心。")


def _lists():
    """``fees_payments`` (payments, locks, 减免…), for the unit labels and owner names of the lists: imported when a
    list is read, not with the figures (the 收缴率 page and the dashboard import this module in their job)."""
    from app.services import fees_payments

    return fees_payments


# ---- the sums behind the reports: one computation for the 收缴率 page, the dashboard and the month-end


def collection_sums(s, first: str, last: str) -> dict[str, dict[str, tuple[Decimal, Decimal]]]:
    """Billed and collected of the periods ``first``…``last``: period → kind (or "late_fee") → (billed,
    collected). 减免 (live waiver allocations) is neither billed nor collected; 滞纳金 lines are their own
    key, not folded into their item's kind. Read from the kept sums (``fee_sums``, migration 0020): a few
    hundred rows, not the lines; exactly ``collection_sums_live`` (tests and ``fees check`` compare them)."""
    kinds = dict(s.execute(select(FeeItem.id, FeeItem.kind)).all())
    out: dict[str, dict[str, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for period, item_id, late, billed, paid, waived in fee_sums.period_sums(s, first, last):
        key = "late_fee" if late else kinds[item_id]
        old_b, old_p = out[period].get(key, (ZERO, ZERO))
        out[period][key] = (old_b + fee_sums.money(billed - waived), old_p + fee_sums.money(paid - waived))
    return out


def collection_sums_live(s, first: str, last: str) -> dict[str, dict[str, tuple[Decimal, Decimal]]]:
    """``collection_sums`` computed over the bill lines themselves (the reference the kept sums are held to):
    two grouped queries on indexes (migration 0018)."""
    kinds = dict(s.execute(select(FeeItem.id, FeeItem.kind)).all())
    in_range = (BillLine.period >= first, BillLine.period <= last)
    waived: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    # the waived lines first (a partial index), then their lines by key: never a probe per bill line
    cuts = (select(Allocation.line_id, func.sum(Allocation.amount).label("cut"))
            .where(Allocation.waiver_id.is_not(None), Allocation.voided.is_(False))
            .group_by(Allocation.line_id)).subquery()
    for period, item_id, late, amount in s.execute(
        select(BillLine.period, BillLine.item_id, BillLine.late_fee, func.sum(cuts.c.cut))
        .select_from(cuts).join(BillLine, BillLine.id == cuts.c.line_id).where(*in_range)
        .group_by(BillLine.period, BillLine.item_id, BillLine.late_fee)
    ):
        waived[(period, "late_fee" if late else kinds[item_id])] += to_money(amount or 0)
    out: dict[str, dict[str, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for period, item_id, late, billed, paid in s.execute(
        select(BillLine.period, BillLine.item_id, BillLine.late_fee, func.sum(BillLine.amount),
               func.sum(BillLine.paid))
        .where(*in_range).group_by(BillLine.period, BillLine.item_id, BillLine.late_fee)
    ):
        key = "late_fee" if late else kinds[item_id]
        old_b, old_p = out[period].get(key, (ZERO, ZERO))
        out[period][key] = (old_b + to_money(billed or 0), old_p + to_money(paid or 0))
    for (period, key), cut in waived.items():
        billed, paid = out[period][key]
        out[period][key] = (billed - cut, paid - cut)
    return out


def rates_of(sums: dict[str, tuple[Decimal, Decimal]]) -> tuple[CollectionRate, ...]:
    """物业费, 停车费 (always), the other kinds and 滞纳金 found, then "all"."""
    fixed = (FeeKind.PROPERTY, FeeKind.PARKING)
    out = [CollectionRate(k, *sums.get(k, (ZERO, ZERO))) for k in fixed]
    out += [CollectionRate(k, *sums[k]) for k in sorted(sums, key=lambda k: (k == "late_fee", k)) if k not in fixed]
    out.append(CollectionRate("all", sum((v[0] for v in sums.values()), ZERO),
                              sum((v[1] for v in sums.values()), ZERO)))
    return tuple(out)


def merge_sums(months: Iterable[dict[str, tuple[Decimal, Decimal]]]) -> dict[str, tuple[Decimal, Decimal]]:
    total: dict[str, tuple[Decimal, Decimal]] = {}
    for month in months:
        for key, (billed, paid) in month.items():
            old_b, old_p = total.get(key, (ZERO, ZERO))
            total[key] = (old_b + billed, old_p + paid)
    return total


def figures_of(period: str, months: dict[str, dict[str, tuple[Decimal, Decimal]]]) -> CollectionFigures:
    """收缴率 of ``period`` and of its year up to it, from ``collection_sums`` covering at least that year."""
    year_start = period[:4] + "-01"
    ytd = merge_sums(v for p, v in months.items() if year_start <= p <= period)
    return CollectionFigures(period, rates_of(months.get(period, {})), rates_of(ytd))


def summarise_aging(rows: list[ArrearsRow]) -> AgingSummary:
    buckets = [sum((r.buckets[i] for r in rows), ZERO) for i in range(4)]
    counts = [0, 0, 0, 0]
    for r in rows:
        counts[max(i for i in range(4) if r.buckets[i] > 0)] += 1
    having = tuple(sum(1 for r in rows if r.buckets[i] > 0) for i in range(4))
    return AgingSummary(sum(buckets, ZERO), len(rows), tuple(buckets), tuple(counts), having)


def _aging_edges(today: date) -> list[str]:
    current = period_of(today)
    return [add_months(current, -n) for n in (3, 6, 12)]  # aging_bucket's limits as periods


def _aging_of(rows, as_money=lambda v: to_money(v or 0)) -> AgingSummary:
    """AgingSummary from rows (age of oldest debt, units, Σ owed per bucket ×4, units owing per bucket ×4);
    ``as_money`` reads a sum (the kept table counts fen)."""
    buckets, having, counts = [ZERO] * 4, [0] * 4, [0] * 4
    for age, units, *row in rows:
        counts[int(age)] = int(units)
        for i in range(4):
            buckets[i] += as_money(row[i])
            having[i] += int(row[4 + i] or 0)
    return AgingSummary(sum(buckets, ZERO), sum(counts), tuple(buckets), tuple(counts), tuple(having))


def _aging_select(today: date, period, owed, unit, *where, join=None):
    """Per age of a unit's oldest overdue period: units, then Σ owed and units owing per age bucket — one
    grouped query over (unit, period, owed) rows, not a row per unit in arrears."""
    edges = _aging_edges(today)

    def bucket(p):
        return case((p >= edges[0], 0), (p >= edges[1], 1), (p >= edges[2], 2), else_=3)

    within = [period >= edges[0], and_(period < edges[0], period >= edges[1]),
              and_(period < edges[1], period >= edges[2]), period < edges[2]]  # bucket(period) == i, flat
    per_unit = select(func.min(period).label("first"),
                      *(func.sum(case((within[i], owed), else_=0)).label(f"s{i}") for i in range(4)))
    if join is not None:
        per_unit = per_unit.join(*join)
    per_unit = per_unit.where(*where).group_by(unit).subquery()
    with_age = select(bucket(per_unit.c.first).label("age"), *(per_unit.c[f"s{i}"] for i in range(4))).subquery()
    sums = [with_age.c[f"s{i}"] for i in range(4)]
    return (select(with_age.c.age, func.count(), *(func.sum(c) for c in sums),
                   *(func.sum(case((c > 0, 1), else_=0)) for c in sums))
            .group_by(with_age.c.age))


def aging_in_sql(s, today: date) -> AgingSummary:
    """``summarise_aging(arrears(today))`` summed by the database from the kept ``fee_owing`` (a row per unit
    and open period, migration 0020): exactly ``aging_live`` (tests and ``fees check`` compare them)."""
    return _aging_of(s.execute(_aging_select(today, FeeOwing.period, FeeOwing.owed, FeeOwing.unit_id,
                                             FeeOwing.due_date < today)), fee_sums.money)


def aging_live(s, today: date) -> AgingSummary:
    """The aging summed over the open lines joined to their bills (the partial index of migration 0018):
    the reference ``aging_in_sql`` is held to."""
    return _aging_of(s.execute(_aging_select(
        today, BillLine.period, BillLine.amount - BillLine.paid, BillLine.unit_id,
        BillLine.amount > BillLine.paid, Bill.due_date < today, join=(Bill, Bill.id == BillLine.bill_id))))


class FeeReportService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def _require_any(self, *permissions: str) -> None:
        if not any(self.ctx.can(p) for p in permissions):
            self.ctx.require(permissions[0])

    def _today(self) -> date:
        return self.ctx.clock().date()

    def _property(self) -> tuple[str, str, str]:
        from app.services.property import PropertyService

        profile = PropertyService(self.ctx).profile()  # the 设置 page's particulars
        return profile.title, profile.phone, profile.address

    def _payment_methods(self) -> str:
        from app.services.property import PropertyService

        bank = PropertyService(self.ctx).profile().bank_line
        return f"{PAYMENT_METHODS_TEXT}\n银行转账: {bank}" if bank else PAYMENT_METHODS_TEXT

    # ---- arrears
    def arrears(self, building_id: int | None = None, today: date | None = None) -> list[ArrearsRow]:
        """Units with overdue unpaid bills, largest first, each with its aging buckets and last reminder."""
        self._require_any("fees.collect", "fees.reports")
        today = today or self._today()
        with self.ctx.read() as s:
            stmt = (
                select(BillLine.unit_id, BillLine.period, func.sum(BillLine.amount - BillLine.paid))
                .join(Bill, Bill.id == BillLine.bill_id)
                .where(BillLine.amount > BillLine.paid, Bill.due_date < today)
                .group_by(BillLine.unit_id, BillLine.period)
            )
            if building_id is not None:
                stmt = stmt.join(Unit, Unit.id == BillLine.unit_id).where(Unit.building_id == building_id)
            per_unit: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
            for unit_id, period, owed in s.execute(stmt):
                per_unit[unit_id].append((period, to_money(owed)))
            ids = list(per_unit)
            lists = _lists()
            labels, owners = lists.unit_labels(s, ids), lists.owner_names(s, ids)
            last: dict[int, tuple[datetime, str, date | None]] = {}
            latest = (select(Reminder.unit_id, func.max(Reminder.id).label("rid")).group_by(Reminder.unit_id)
                      .subquery())
            for unit_id, at, method, promised in s.execute(
                select(Reminder.unit_id, Reminder.at, Reminder.method, Reminder.promised_date)
                .join(latest, latest.c.rid == Reminder.id)
            ):
                last[unit_id] = (at, method, promised)
        show = self.ctx.show_phone
        rows = []
        for unit_id, periods in per_unit.items():
            buckets = [ZERO, ZERO, ZERO, ZERO]
            for period, owed in periods:
                buckets[aging_bucket(months_overdue(period, today))] += owed
            names = owners.get(unit_id, [])
            at, method, promised = last.get(unit_id, (None, "", None))
            code, label = labels[unit_id]
            rows.append(ArrearsRow(
                unit_id, code, label, "、".join(n for n, _ in names), show(names[0][1]) if names else "",
                sum(buckets, ZERO), tuple(buckets), min(p for p, _ in periods), len(periods), at, method, promised,
            ))
        rows.sort(key=lambda r: (-r.total, r.code))
        return rows

    def aging(self, today: date | None = None, rows: list[ArrearsRow] | None = None) -> AgingSummary:
        """Totals per aging bucket. Pass the rows of ``arrears()`` (whole property) when you have them;
        otherwise the totals are summed by the database (a few grouped rows, not one per unit)."""
        if rows is not None:
            return summarise_aging(rows)
        self._require_any("fees.collect", "fees.reports")
        today = today or self._today()
        with self.ctx.read() as s:
            return aging_in_sql(s, today)

    def chase_list(self, today: date | None = None, building_id: int | None = None) -> list[ArrearsRow]:
        """Units to chase today: owing, not reminded in the last week, and no promise still running."""
        today = today or self._today()
        quiet = today - timedelta(days=CHASE_QUIET_DAYS)
        out = []
        for row in self.arrears(building_id, today):
            if row.promised_date is not None and row.promised_date >= today:
                continue
            if row.last_reminder_at is not None and row.last_reminder_at.date() > quiet and row.promised_date is None:
                continue
            out.append(row)
        out.sort(key=lambda r: (r.oldest_period, -r.total))
        return out

    # ---- cash-up
    def cashup(self, day: date, operator_id: int | None = None) -> Cashup:
        """日结 of ``day``: money taken that day, less the voids and refunds made that day (a void is a reversal
        dated the day it is made, so an earlier day's cash-up never changes), by operator and method, by fee
        item, with the receipt-number range. A closed day is read back exactly as it was closed.

        Anyone who collects may see their own (``operator_id`` = themselves); the whole office's needs
        ``fees.reports``."""
        from app.models import CashupClose

        if operator_id is None or operator_id != self.ctx.actor.user_id:
            self.ctx.require("fees.reports")
        else:
            self.ctx.require("fees.collect")
        if operator_id is None:
            with self.ctx.read() as s:
                closed = s.scalar(select(CashupClose.snapshot).where(CashupClose.day == day))
            if closed is not None:
                return cashup_from_json(closed)
        with self.ctx.read() as s:
            return self._cashup(s, day, operator_id)

    def _cashup(self, s, day: date, operator_id: int | None) -> Cashup:
        """The day's takings summed by the database (a busy day has thousands of payments); the voids and
        refunds of the day, a handful, are listed one by one."""
        from app.models import Allocation, PrepaidEntry, PrepaidKind, Refund

        start = datetime.combine(day, datetime.min.time())
        end = start + timedelta(days=1)
        taken_where = [Payment.paid_at >= start, Payment.paid_at < end]
        void_stmt = select(Payment).where(Payment.voided_at >= start, Payment.voided_at < end)
        refund_stmt = select(Refund).where(Refund.refunded_at >= start, Refund.refunded_at < end)
        if operator_id is not None:
            taken_where.append(Payment.operator_id == operator_id)
            void_stmt = void_stmt.where(Payment.voided_by == operator_id)
            refund_stmt = refund_stmt.where(Refund.operator_id == operator_id)
        reversed_ = list(s.scalars(void_stmt.order_by(Payment.voided_at, Payment.id)))
        refunds = list(s.scalars(refund_stmt.order_by(Refund.id)))
        named = [p.unit_id for p in reversed_] + [r.unit_id for r in refunds]
        labels = _lists().unit_labels(s, named) if named else {}

        items_in_order = s.execute(select(FeeItem.id, FeeItem.name).order_by(FeeItem.sort_order, FeeItem.id)).all()
        names = dict(items_in_order)

        def by_item(where) -> list[tuple[str, Decimal]]:
            """(fee item name / 滞纳金 / 预存款, amount) of the payments ``where`` selects, summed (per item, then
            by name: the day's allocations read from the payments' and allocations' covering indexes, 0024)."""
            out = []
            for item_id, late, amount in s.execute(
                select(BillLine.item_id, BillLine.late_fee, func.sum(Allocation.amount))
                .select_from(Payment).join(Allocation, Allocation.payment_id == Payment.id)
                .join(BillLine, BillLine.id == Allocation.line_id)
                .where(*where).group_by(BillLine.item_id, BillLine.late_fee)
            ):
                out.append((LATE_FEE_NAME if late else names[item_id], to_money(amount)))
            deposits = s.scalar(select(func.sum(PrepaidEntry.amount))
                                .join(Payment, Payment.id == PrepaidEntry.payment_id)
                                .where(*where, PrepaidEntry.kind == PrepaidKind.DEPOSIT))
            if deposits is not None:
                out.append((PREPAID_NAME, to_money(deposits)))
            return out

        groups: dict[tuple[str, str], list] = defaultdict(lambda: [0, ZERO])
        methods: dict[str, list] = defaultdict(lambda: [0, ZERO])
        items: dict[str, Decimal] = defaultdict(lambda: ZERO)

        def book(operator: str, method: str, count: int, amount: Decimal) -> None:
            for bucket in (groups[(operator, method)], methods[method]):
                bucket[0] += count
                bucket[1] += amount

        # the day's payments read from their covering index (ix_payments_day, 0024)
        for operator, method, count, amount in s.execute(
            select(Payment.operator_name, Payment.method, func.count(), func.sum(Payment.amount))
            .where(*taken_where).group_by(Payment.operator_name, Payment.method)
        ):
            book(operator, method, int(count), to_money(amount))
        for name, amount in by_item(taken_where):
            items[name] += amount
        first, last, taken_total = s.execute(
            select(func.min(Payment.receipt_no), func.max(Payment.receipt_no), func.sum(Payment.amount))
            .where(*taken_where)).one()
        operator = (s.scalar(select(Payment.operator_name).where(*taken_where).order_by(Payment.id).limit(1))
                    if operator_id is not None else None)
        voided = []
        for start_i in range(0, len(reversed_), 500):
            chunk = reversed_[start_i : start_i + 500]
            for name, amount in by_item([Payment.id.in_([p.id for p in chunk])]):
                items[name] -= amount
        for p in reversed_:
            book(p.voided_by_name, p.method, -1, -p.amount)
            reason = p.void_reason if p.paid_at.date() == day else f"{p.void_reason} (原收款 {p.paid_at:%Y-%m-%d})"
            voided.append((p.receipt_no, labels[p.unit_id][1], p.amount, reason, p.voided_by_name))
        for r in refunds:
            book(r.operator_name, r.method, 0, -r.amount)
            items[PREPAID_NAME] -= r.amount
        order = {m: i for i, m in enumerate(PayMethod)}
        rows = tuple(
            CashupRow(op, m, v[0], v[1])
            for (op, m), v in sorted(groups.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9)))
        )
        by_method = tuple((m, methods[m][0], methods[m][1]) for m in PayMethod if m in methods)
        item_order = {n: i for i, (_id, n) in enumerate(items_in_order)}
        by_item_rows = tuple(sorted(((n, a) for n, a in items.items() if a),
                                    key=lambda kv: item_order.get(kv[0], len(item_order) + (kv[0] == PREPAID_NAME))))
        return Cashup(
            day, self._property()[0], rows, by_method, sum((r.amount for r in rows), ZERO),
            sum(r.count for r in rows), tuple(voided), operator, by_item_rows,
            (first, last) if first else ("", ""),
            tuple((r.voucher_no, labels[r.unit_id][1], r.amount, r.reason, r.operator_name) for r in refunds),
            to_money(taken_total or 0),
        )

    def close_cashup(self, day: date) -> Cashup:
        """日结: close ``day``. From now on nothing is taken, voided or refunded on it, and its cash-up is read
        (and reprinted) from what was stored now. Needs ``fees.reports``."""
        import json

        from app.models import CashupClose
        from app.services.sequences import next_value

        self.ctx.require("fees.reports")
        with self.ctx.write() as s:
            next_value(s, f"cashup:{day:%Y%m%d}")  # waits for a payment of that day still being written
            from app.services.fees_periods import guard_open_period, period_of

            guard_open_period(s, period_of(day), what="日结")
            if s.scalar(select(CashupClose.id).where(CashupClose.day == day)) is not None:
                raise StateError(f"{day:%Y-%m-%d} 已经日结")
            now = self.ctx.clock()
            data = replace(self._cashup(s, day, None),
                           closed=f"{self.ctx.actor.display_name} 于 {now:%Y-%m-%d %H:%M} 日结")
            s.add(CashupClose(day=day, closed_at=now, closed_by=self.ctx.actor.user_id,
                              closed_by_name=self.ctx.actor.display_name,
                              snapshot=json.dumps(cashup_to_json(data), ensure_ascii=False)))
        return data

    # ---- collection rate
    def collection_rate(self, period: str) -> CollectionFigures:
        """收缴率 of ``period`` and of the year up to it, by item kind: collected so far ÷ billed."""
        self.ctx.require("fees.reports")
        period = period_or_error(period)
        with self.ctx.read() as s:
            months = collection_sums(s, period[:4] + "-01", period)
        return figures_of(period, months)

    # ---- ledger and notices
    def ledger(self, period: str, building_id: int | None = None) -> Ledger:
        """台账 of a period: per unit and item billed/paid/unpaid, plus arrears of earlier periods."""
        with self.ledger_stream(period, building_id) as (head, rows):
            found = tuple(rows)
        return replace(head, rows=found, unit_count=len(found))

    @contextmanager
    def ledger_stream(self, period: str, building_id: int | None = None) -> Iterator[tuple[Ledger, Iterator[LedgerRow]]]:
        """``with ledger_stream(p) as (head, rows):`` the ledger's heading (``rows`` empty, ``unit_count`` set)
        and its rows, read unit block by unit block inside one read transaction: memory stays flat however
        many units (the export of 100,000 units streams through it; not even their ids are held)."""
        self._require_any("fees.collect", "fees.reports")
        period = period_or_error(period)
        with self.ctx.read() as s:
            billed = select(Unit.id).join(Bill, and_(Bill.unit_id == Unit.id, Bill.period == period))
            if building_id is not None:
                billed = billed.where(Unit.building_id == building_id)
            count = s.scalar(select(func.count()).select_from(billed.subquery())) or 0
            item_ids = select(BillLine.item_id).where(BillLine.period == period, BillLine.late_fee.is_(False))
            items = tuple((i, n) for i, n in s.execute(
                select(FeeItem.id, FeeItem.name).where(FeeItem.id.in_(item_ids))
                .order_by(FeeItem.sort_order, FeeItem.id))) + ((LATE_FEE_ITEM, LATE_FEE_NAME),)
            head = Ledger(period, self._property()[0], items, (), count)
            ordered = billed.order_by(Unit.building_id, Unit.unit_no, func.length(Unit.room_no), Unit.room_no)
            yield head, self._ledger_rows(s, period, ordered)

    def _ledger_rows(self, s, period: str, ordered) -> Iterator[LedgerRow]:
        """The rows of the units ``ordered`` selects (their ids, in ledger order), a block at a time.

        Core statements on the session's connection, each compiled once with an expanding IN of the block:
        100 blocks cost what one does to build, and rows skip the ORM's result processing."""
        conn = s.connection()
        block_ids = bindparam("ids", expanding=True)
        units_stmt = (select(Unit.id, Building.name, Unit.unit_no, Unit.room_no, Unit.area).join(Building)
                      .where(Unit.id.in_(block_ids)))
        owners_stmt = (select(Occupancy.unit_id, Person.name).join(Person)
                       .where(Occupancy.unit_id.in_(block_ids), Occupancy.relation == Relation.OWNER)
                       .order_by(Occupancy.id))
        key = (BillLine.unit_id, BillLine.item_id, BillLine.late_fee)
        waived_stmt = (select(*key, func.sum(Allocation.amount)).join(Allocation, Allocation.line_id == BillLine.id)
                       .where(BillLine.period == period, BillLine.unit_id.in_(block_ids),
                              Allocation.waiver_id.is_not(None), Allocation.voided.is_(False)).group_by(*key))
        lines_stmt = (select(*key, func.sum(BillLine.amount), func.sum(BillLine.paid))
                      .where(BillLine.period == period, BillLine.unit_id.in_(block_ids)).group_by(*key))
        earlier_stmt = (select(BillLine.unit_id, func.sum(BillLine.amount - BillLine.paid))
                        .where(BillLine.period < period, BillLine.amount > BillLine.paid,
                               BillLine.unit_id.in_(block_ids)).group_by(BillLine.unit_id))
        # the ids come from their own cursor, a block at a time, while the block's statements run beside it
        for block in conn.execute(ordered.execution_options(yield_per=LEDGER_BLOCK)).scalars().partitions():
            params = {"ids": block}
            units = {u: (b, un, r, a) for u, b, un, r, a in conn.execute(units_stmt, params)}
            owners: dict[int, list[str]] = defaultdict(list)
            for unit_id, name in conn.execute(owners_stmt, params):
                owners[unit_id].append(name)
            cells: dict[int, dict[int, list[Decimal]]] = defaultdict(dict)
            waived: dict[int, dict[int, Decimal]] = defaultdict(dict)
            for unit_id, item_id, late, amount in conn.execute(waived_stmt, params):
                key_ = LATE_FEE_ITEM if late else item_id
                waived[unit_id][key_] = waived[unit_id].get(key_, ZERO) + to_money(amount)
            for unit_id, item_id, late, amount, paid in conn.execute(lines_stmt, params):
                key_ = LATE_FEE_ITEM if late else item_id
                billed, settled = cells[unit_id].get(key_, [ZERO, ZERO])
                cells[unit_id][key_] = [billed + to_money(amount), settled + to_money(paid)]
            earlier = {u: to_money(v) for u, v in conn.execute(earlier_stmt, params)}
            for unit_id in block:
                building, unit_no, room_no, area = units[unit_id]
                cut = waived.get(unit_id, {})
                # per item: billed, money collected (减免 apart), unpaid
                by_item = {i: (b, p - cut.get(i, ZERO), b - p) for i, (b, p) in cells.get(unit_id, {}).items()}
                billed = sum((v[0] for v in by_item.values()), ZERO)
                paid = sum((v[1] for v in by_item.values()), ZERO)
                unpaid = sum((v[2] for v in by_item.values()), ZERO)
                before = earlier.get(unit_id, ZERO)
                yield LedgerRow(unit_id, building, unit_code(building, unit_no, room_no),
                                unit_label(building, unit_no, room_no), "、".join(owners.get(unit_id, ())),
                                area, by_item, billed, paid, unpaid, before, unpaid + before, sum(cut.values(), ZERO))

    def notice_units(self, period: str, building_id: int | None = None, include_settled: bool = False) -> list[int]:
        """Units that get a notice for ``period``, in room order: those that owe something (this period or
        before); with ``include_settled`` also those billed this period that owe nothing."""
        self._require_any("fees.collect", "fees.reports")
        period = period_or_error(period)
        with self.ctx.read() as s:
            owing = select(BillLine.unit_id).where(BillLine.period <= period, BillLine.amount > BillLine.paid)
            if include_settled:
                owing = owing.union(select(Bill.unit_id).where(Bill.period == period))
            stmt = (select(Unit.id).where(Unit.id.in_(owing))
                    .order_by(Unit.building_id, Unit.unit_no, func.length(Unit.room_no), Unit.room_no))
            if building_id is not None:
                stmt = stmt.where(Unit.building_id == building_id)
            return list(s.scalars(stmt))

    def export_ledger(self, path, period: str, building_id: int | None = None, progress=None):
        """Write the period's ledger (台账) to .xlsx; owners' names leave the office, so it is audited."""
        from app.excel.cells import check_target
        from app.excel.ledger import write_ledger
        from app.files import write_errors
        from app.progress import NULL_PROGRESS
        from app.services.audit import AuditService

        check_target(path)  # before any reading
        with self.ledger_stream(period, building_id) as (ledger, rows), write_errors(path):
            # rows stream from the database into the sheet in a temporary file (a full disk may strike
            # there), renamed into place at the end
            written = write_ledger(path, ledger, progress or NULL_PROGRESS, rows=rows)
        AuditService(self.ctx).record("export", "ledger", {"file": written.name, "period": ledger.period,
                                                           "rows": ledger.unit_count},
                                      summary=f"收费台账 {ledger.period}: {ledger.unit_count} 户")
        return written, ledger

    def notices(self, period: str, unit_ids: Iterable[int]) -> list[NoticeData]:
        """Notice pages for these units (in the order given), read in a handful of grouped queries.

        Asking for them is the print of owners' data the audit trail records."""
        from app.services.audit import AuditService

        self._require_any("fees.collect", "fees.reports")
        period = period_or_error(period)
        ids = list(unit_ids)
        AuditService(self.ctx).record("print", "notices", {"period": period, "units": len(ids)},
                                      entity_id=ids[0] if len(ids) == 1 else None,
                                      summary=f"缴费通知单 {period}: {len(ids)} 户")
        name, phone, address = self._property()
        methods = self._payment_methods()
        issued = self._today()
        lines: dict[int, list[NoticeLine]] = defaultdict(list)
        arrears: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
        with self.ctx.read() as s:
            areas = {}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                areas.update(s.execute(select(Unit.id, Unit.area).where(Unit.id.in_(chunk))).all())
                waived = dict(s.execute(
                    select(Allocation.line_id, func.sum(Allocation.amount))
                    .join(BillLine, BillLine.id == Allocation.line_id)
                    .where(BillLine.period == period, BillLine.unit_id.in_(chunk), Allocation.waiver_id.is_not(None),
                           Allocation.voided.is_(False)).group_by(Allocation.line_id)).all())
                for line_id, unit_id, item_name, late, desc, amount, paid in s.execute(
                    select(BillLine.id, BillLine.unit_id, FeeItem.name, BillLine.late_fee, BillLine.description,
                           BillLine.amount, BillLine.paid)
                    .join(FeeItem, FeeItem.id == BillLine.item_id)
                    .where(BillLine.period == period, BillLine.unit_id.in_(chunk), BillLine.amount > 0)
                    .order_by(BillLine.unit_id, FeeItem.sort_order, BillLine.item_id, BillLine.late_fee, BillLine.id)
                ):
                    cut = to_money(waived.get(line_id) or 0)
                    if cut:
                        desc = f"{desc} 减免{format_money(cut)}"
                    lines[unit_id].append(NoticeLine(f"{item_name}滞纳金" if late else item_name, desc, amount,
                                                     paid - cut, amount - paid, cut))
                for unit_id, p, owed in s.execute(
                    select(BillLine.unit_id, BillLine.period, func.sum(BillLine.amount - BillLine.paid))
                    .where(BillLine.period < period, BillLine.amount > BillLine.paid, BillLine.unit_id.in_(chunk))
                    .group_by(BillLine.unit_id, BillLine.period).order_by(BillLine.unit_id, BillLine.period)
                ):
                    arrears[unit_id].append((p, to_money(owed)))
            lists = _lists()
            labels, owners, balances = lists.unit_labels(s, ids), lists.owner_names(s, ids), lists.prepaid_balances(s, ids)
        deadline = period_last_day(period)
        out = []
        for unit_id in ids:
            unit_lines = tuple(lines.get(unit_id, ()))
            current = sum((ln.unpaid for ln in unit_lines), ZERO)
            back = tuple(arrears.get(unit_id, ()))
            back_total = sum((v for _, v in back), ZERO)
            out.append(NoticeData(
                name, phone, address, labels[unit_id][1], "、".join(n for n, _ in owners.get(unit_id, [])),
                areas.get(unit_id), period, unit_lines, current, back, back_total,
                balances.get(unit_id, ZERO), current + back_total, deadline, methods,
                "\n".join(NOTICE_NOTES), issued,
            ))
        return out
