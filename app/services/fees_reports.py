"""Fee reports: arrears with aging and the chase list, daily cash-up (日结), collection rate (收缴率),
the ledger (台账) rows and fee-notice (缴费通知单) data. Each is a few grouped queries, shaped in Python.

Arrears are unpaid amounts of bills whose due date has passed; a bill's age is counted in months from
its period to today's month (see ``fees_rules.months_overdue``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, select

from app.models import (
    FEE_LABELS,
    Bill,
    BillLine,
    Building,
    FeeItem,
    FeeKind,
    Payment,
    PayMethod,
    Reminder,
    Unit,
)
from app.money import ZERO, to_money
from app.services.context import ServiceContext
from app.services.fees_billing import period_or_error
from app.services.fees_payments import owner_names, prepaid_balances, unit_labels
from app.services.fees_rules import aging_bucket, months_overdue, period_last_day

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
    voided: tuple[tuple[str, str, Decimal, str, str], ...]  # receipt, unit, amount, reason, by
    operator: str | None = None


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
    by_item: dict[int, tuple[Decimal, Decimal, Decimal]]  # item id → billed, paid, unpaid
    billed: Decimal
    paid: Decimal
    unpaid: Decimal
    earlier_arrears: Decimal  # unpaid of periods before this one
    total_due: Decimal  # unpaid + earlier arrears


@dataclass(frozen=True)
class Ledger:
    period: str
    property_name: str
    items: tuple[tuple[int, str], ...]
    rows: tuple[LedgerRow, ...]


@dataclass(frozen=True)
class NoticeLine:
    item_name: str
    description: str
    amount: Decimal
    paid: Decimal
    unpaid: Decimal


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
            labels = unit_labels(s, ids)
            owners = owner_names(s, ids)
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
        """Totals per aging bucket; pass the rows of ``arrears()`` (whole property) to skip a second query."""
        rows = self.arrears(today=today) if rows is None else rows
        buckets = [sum((r.buckets[i] for r in rows), ZERO) for i in range(4)]
        counts = [0, 0, 0, 0]
        for r in rows:
            counts[max(i for i in range(4) if r.buckets[i] > 0)] += 1
        return AgingSummary(sum(buckets, ZERO), len(rows), tuple(buckets), tuple(counts))

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
        """日结: the day's payments by operator and method; voids of the day's payments listed apart."""
        self._require_any("fees.collect", "fees.reports")
        start = datetime.combine(day, datetime.min.time())
        end = start + timedelta(days=1)
        with self.ctx.read() as s:
            stmt = select(Payment).where(Payment.paid_at >= start, Payment.paid_at < end)
            if operator_id is not None:
                stmt = stmt.where(Payment.operator_id == operator_id)
            payments = list(s.scalars(stmt.order_by(Payment.id)))
            labels = unit_labels(s, [p.unit_id for p in payments])
        groups: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
        methods: dict[str, list[Decimal]] = defaultdict(list)
        voided = []
        for p in payments:
            if p.voided:
                voided.append((p.receipt_no, labels[p.unit_id][1], p.amount, p.void_reason, p.voided_by_name))
                continue
            groups[(p.operator_name, p.method)].append(p.amount)
            methods[p.method].append(p.amount)
        order = {m: i for i, m in enumerate(PayMethod)}
        rows = tuple(
            CashupRow(op, m, len(v), sum(v, ZERO))
            for (op, m), v in sorted(groups.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9)))
        )
        by_method = tuple((m, len(methods[m]), sum(methods[m], ZERO)) for m in PayMethod if m in methods)
        operator = payments[0].operator_name if operator_id is not None and payments else None
        return Cashup(day, self._property()[0], rows, by_method, sum((r.amount for r in rows), ZERO),
                      sum(r.count for r in rows), tuple(voided), operator)

    # ---- collection rate
    def collection_rate(self, period: str) -> CollectionFigures:
        """收缴率 of ``period`` and of the year up to it, by item kind: collected so far ÷ billed."""
        self.ctx.require("fees.reports")
        period = period_or_error(period)
        year_start = period[:4] + "-01"
        with self.ctx.read() as s:
            def figures(where) -> tuple[CollectionRate, ...]:
                rows = dict(
                    (kind, (to_money(b or 0), to_money(p or 0)))
                    for kind, b, p in s.execute(
                        select(FeeItem.kind, func.sum(BillLine.amount), func.sum(BillLine.paid))
                        .join(FeeItem, FeeItem.id == BillLine.item_id)
                        .where(where, BillLine.late_fee.is_(False))
                        .group_by(FeeItem.kind)
                    )
                )
                out = [CollectionRate(k, *rows.get(k, (ZERO, ZERO))) for k in (FeeKind.PROPERTY, FeeKind.PARKING)]
                out += [CollectionRate(k, *v) for k, v in rows.items() if k not in (FeeKind.PROPERTY, FeeKind.PARKING)]
                out.append(CollectionRate("all", sum((v[0] for v in rows.values()), ZERO),
                                          sum((v[1] for v in rows.values()), ZERO)))
                return tuple(out)

            month = figures(BillLine.period == period)
            ytd = figures(and_(BillLine.period >= year_start, BillLine.period <= period))
        return CollectionFigures(period, month, ytd)

    # ---- ledger and notices
    def ledger(self, period: str, building_id: int | None = None) -> Ledger:
        """台账 of a period: per unit and item billed/paid/unpaid, plus arrears of earlier periods."""
        self._require_any("fees.collect", "fees.reports")
        period = period_or_error(period)
        with self.ctx.read() as s:
            unit_stmt = (select(Unit.id, Building.name, Unit.area).join(Building)
                         .join(Bill, and_(Bill.unit_id == Unit.id, Bill.period == period))
                         .order_by(Unit.building_id, Unit.unit_no, func.length(Unit.room_no), Unit.room_no))
            if building_id is not None:
                unit_stmt = unit_stmt.where(Unit.building_id == building_id)
            units = s.execute(unit_stmt).all()
            ids = [u.id for u in units]
            cells: dict[int, dict[int, list[Decimal]]] = defaultdict(dict)
            item_ids = set()
            for unit_id, item_id, amount, paid in s.execute(
                select(BillLine.unit_id, BillLine.item_id, func.sum(BillLine.amount), func.sum(BillLine.paid))
                .where(BillLine.period == period).group_by(BillLine.unit_id, BillLine.item_id)
            ):
                cells[unit_id][item_id] = [to_money(amount), to_money(paid)]
                item_ids.add(item_id)
            earlier = self._earlier_arrears(s, period)
            labels = unit_labels(s, ids)
            owners = owner_names(s, ids)
            items = tuple((i, n) for i, n in s.execute(
                select(FeeItem.id, FeeItem.name).where(FeeItem.id.in_(item_ids))
                .order_by(FeeItem.sort_order, FeeItem.id)))
        rows = []
        for unit_id, building, area in units:
            by_item = {i: (b, p, b - p) for i, (b, p) in cells.get(unit_id, {}).items()}
            billed = sum((v[0] for v in by_item.values()), ZERO)
            paid = sum((v[1] for v in by_item.values()), ZERO)
            before = earlier.get(unit_id, ZERO)
            code, label = labels[unit_id]
            rows.append(LedgerRow(unit_id, building, code, label, "、".join(n for n, _ in owners.get(unit_id, [])),
                                  area, by_item, billed, paid, billed - paid, before, billed - paid + before))
        return Ledger(period, self._property()[0], items, tuple(rows))

    @staticmethod
    def _earlier_arrears(s, period: str, unit_ids: list[int] | None = None) -> dict[int, Decimal]:
        stmt = (select(BillLine.unit_id, func.sum(BillLine.amount - BillLine.paid))
                .where(BillLine.period < period, BillLine.amount > BillLine.paid).group_by(BillLine.unit_id))
        if unit_ids is not None:
            stmt = stmt.where(BillLine.unit_id.in_(unit_ids))
        return {u: to_money(v) for u, v in s.execute(stmt)}

    def notice_units(self, period: str, building_id: int | None = None) -> list[int]:
        """Units that get a notice for ``period``: billed this period or owing from before, in room order."""
        self._require_any("fees.collect", "fees.reports")
        period = period_or_error(period)
        with self.ctx.read() as s:
            billed = select(Bill.unit_id).where(Bill.period == period)
            owing = select(BillLine.unit_id).where(BillLine.period < period, BillLine.amount > BillLine.paid)
            stmt = (select(Unit.id).where(Unit.id.in_(billed.union(owing)))
                    .order_by(Unit.building_id, Unit.unit_no, func.length(Unit.room_no), Unit.room_no))
            if building_id is not None:
                stmt = stmt.where(Unit.building_id == building_id)
            return list(s.scalars(stmt))

    def export_ledger(self, path, period: str, building_id: int | None = None, progress=None):
        """Write the period's ledger (台账) to .xlsx; owners' names leave the office, so it is audited."""
        from app.excel.ledger import write_ledger
        from app.files import write_errors
        from app.progress import NULL_PROGRESS
        from app.services.audit import AuditService

        ledger = self.ledger(period, building_id)
        with write_errors(path):  # rows spool to a temporary file while written: a full disk may strike there
            written = write_ledger(path, ledger, progress or NULL_PROGRESS)
        AuditService(self.ctx).record("export", "ledger", {"file": written.name, "period": ledger.period,
                                                           "rows": len(ledger.rows)},
                                      summary=f"收费台账 {ledger.period}: {len(ledger.rows)} 户")
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
                for unit_id, item_name, late, desc, amount, paid in s.execute(
                    select(BillLine.unit_id, FeeItem.name, BillLine.late_fee, BillLine.description, BillLine.amount,
                           BillLine.paid)
                    .join(FeeItem, FeeItem.id == BillLine.item_id)
                    .where(BillLine.period == period, BillLine.unit_id.in_(chunk))
                    .order_by(BillLine.unit_id, FeeItem.sort_order, BillLine.item_id, BillLine.late_fee, BillLine.id)
                ):
                    lines[unit_id].append(NoticeLine(f"{item_name}滞纳金" if late else item_name, desc, amount, paid,
                                                     amount - paid))
                for unit_id, p, owed in s.execute(
                    select(BillLine.unit_id, BillLine.period, func.sum(BillLine.amount - BillLine.paid))
                    .where(BillLine.period < period, BillLine.amount > BillLine.paid, BillLine.unit_id.in_(chunk))
                    .group_by(BillLine.unit_id, BillLine.period).order_by(BillLine.unit_id, BillLine.period)
                ):
                    arrears[unit_id].append((p, to_money(owed)))
            labels = unit_labels(s, ids)
            owners = owner_names(s, ids)
            balances = prepaid_balances(s, ids)
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
