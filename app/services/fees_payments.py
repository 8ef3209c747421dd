"""The counter (收费): what a unit owes, payments with gap-free receipt numbers, voids, the prepaid ledger,
late fees and the reminder (催缴) log.

Every money move is one transaction that writes allocations (oldest line first, never more than a line
owes) and keeps ``BillLine.paid`` / ``Bill.paid`` in step with them. Nothing is deleted: a void flags
the payment and its allocations and writes compensating prepaid entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, StateError
from app.models import (
    FEE_LABELS,
    Allocation,
    Bill,
    BillLine,
    Building,
    ChargeMethod,
    FeeItem,
    FeeKind,
    Occupancy,
    Payment,
    PayMethod,
    Person,
    PrepaidEntry,
    PrepaidKind,
    Refund,
    Relation,
    Reminder,
    ReminderMethod,
    Unit,
    Waiver,
)
from app.money import ZERO, parse_amount, to_money
from app.search import unit_code, unit_label
from app.services.context import ServiceContext
from app.services.fees_rules import allocate, late_days, late_fee, period_of, split_late
from app.services.sequences import next_number, next_value
from app.validators import clean_text, parse_date

MAX_PAYMENT = Decimal("1000000")
RECEIPT_PREFIX = "SJ"
REFUND_PREFIX = "TK"


# --- rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwedLine:
    line_id: int
    bill_id: int
    period: str
    item_id: int
    item_name: str
    description: str
    amount: Decimal
    paid: Decimal
    outstanding: Decimal
    is_late_fee: bool
    late_fee_due: Decimal  # 滞纳金 that would be added if collected today
    late_days: int


@dataclass(frozen=True)
class PaymentRow:
    id: int
    receipt_no: str
    unit_id: int
    unit_label: str
    payer: str
    method: str
    amount: Decimal
    prepaid_used: Decimal
    allocated: Decimal
    to_prepaid: Decimal
    paid_at: datetime
    operator_name: str
    note: str
    voided: bool
    void_reason: str
    voided_at: datetime | None
    voided_by_name: str

    @property
    def method_label(self) -> str:
        return FEE_LABELS.get(self.method, self.method)


@dataclass(frozen=True)
class UnitAccount:
    """Everything the counter shows for one unit."""

    unit_id: int
    code: str
    label: str
    owners: str
    phone: str
    lines: tuple[OwedLine, ...]
    outstanding: Decimal  # all unpaid lines
    arrears: Decimal  # unpaid lines of periods before this month
    late_fees: Decimal  # 滞纳金 not yet charged
    prepaid_balance: Decimal
    payments: tuple[PaymentRow, ...]
    reminders: tuple[ReminderRow, ...]


@dataclass(frozen=True)
class ReceiptLine:
    period: str
    item_name: str
    description: str
    amount: Decimal


@dataclass(frozen=True)
class ReceiptData:
    """Plain data for ``app.pdf.receipt``."""

    property_name: str
    receipt_no: str
    paid_at: datetime
    unit_label: str
    payer: str
    method_label: str
    lines: tuple[ReceiptLine, ...]
    to_prepaid: Decimal
    prepaid_used: Decimal
    amount: Decimal
    operator_name: str
    note: str
    voided: bool = False
    void_reason: str = ""
    voided_at: datetime | None = None
    voided_by_name: str = ""
    bank_line: str = ""  # the property's bank account, for transfers


@dataclass(frozen=True)
class PlannedLine:
    line_id: int
    period: str
    item_name: str
    principal: Decimal
    late_fee: Decimal
    late_days: int


@dataclass(frozen=True)
class PaymentPlan:
    """What a payment would do (``PaymentService.preview``): shown at the counter before taking money."""

    amount: Decimal
    prepaid_used: Decimal
    lines: tuple[PlannedLine, ...]
    late_fee: Decimal
    to_prepaid: Decimal


@dataclass(frozen=True)
class RefundRow:
    id: int
    voucher_no: str
    unit_id: int
    unit_label: str
    amount: Decimal
    method: str
    payee: str
    reason: str
    refunded_at: datetime
    operator_name: str
    balance_after: Decimal


@dataclass(frozen=True)
class ReminderRow:
    id: int
    unit_id: int
    method: str
    at: datetime
    by_name: str
    arrears: Decimal
    promised_date: date | None
    note: str

    @property
    def method_label(self) -> str:
        return FEE_LABELS.get(self.method, self.method)


# --- ledger moves shared with the billing run -----------------------------------------------------


def prepaid_balances(s: Session, unit_ids: Iterable[int]) -> dict[int, Decimal]:
    ids = list(unit_ids)
    out: dict[int, Decimal] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        out.update(s.execute(
            select(PrepaidEntry.unit_id, func.sum(PrepaidEntry.amount))
            .where(PrepaidEntry.unit_id.in_(chunk)).group_by(PrepaidEntry.unit_id)
        ).all())
    return {u: to_money(v or 0) for u, v in out.items()}


def lock_units(s: Session, unit_ids: Iterable[int]) -> set[int]:
    """The per-unit lock every money write takes before it reads what it will change.

    PostgreSQL: ``SELECT … FOR UPDATE`` on the unit rows, in id order (so two writers locking several units
    never deadlock); a counter paying the same unit waits here until the other transaction ends and then
    reads what it committed. SQLite: the write transaction's ``BEGIN IMMEDIATE`` already serialises every
    writer, and ``FOR UPDATE`` renders as nothing. Returns the ids that exist."""
    ids = sorted(set(unit_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 1000):
        found |= set(s.scalars(select(Unit.id).where(Unit.id.in_(ids[start : start + 1000]))
                               .order_by(Unit.id).with_for_update()))
    return found


def lock_unit(s: Session, unit_id: int) -> None:
    if unit_id not in lock_units(s, [unit_id]):
        raise NotFound("房屋不存在或已被删除")


def guard_open_day(s: Session, now: datetime) -> None:
    """Refuse a money move on a day whose cash-up (日结) is closed. Bumping the day's guard counter row
    locks it, so a close running at the same moment waits for this transaction (and sees its money)."""
    from app.models import CashupClose

    next_value(s, f"cashup:{now:%Y%m%d}")
    if s.scalar(select(CashupClose.id).where(CashupClose.day == now.date())) is not None:
        raise StateError(f"{now:%Y-%m-%d} 已日结, 当日不能再收款、作废或退款。未做任何更改。")
    from app.services.fees_periods import guard_open_period, period_of

    guard_open_period(s, period_of(now), what="收款、作废或退款")


def _open_lines(s: Session, unit_id: int, line_ids: Iterable[int] | None = None, *,
                lock: bool = True) -> list[BillLine]:
    """Unpaid lines of a unit, oldest period first, then by item order; locked for this transaction."""
    stmt = (
        select(BillLine)
        .join(FeeItem, FeeItem.id == BillLine.item_id)
        .where(BillLine.unit_id == unit_id, BillLine.amount > BillLine.paid)
        .order_by(BillLine.period, FeeItem.sort_order, BillLine.item_id, BillLine.late_fee, BillLine.id)
        .execution_options(populate_existing=True)
    )
    if lock:
        stmt = stmt.with_for_update(of=BillLine)
    if line_ids is not None:
        stmt = stmt.where(BillLine.id.in_(list(line_ids)))
    return list(s.scalars(stmt))


def _put(s: Session, lines: list[BillLine], amount: Decimal, now: datetime, *, payment_id: int | None = None,
         entry_id: int | None = None, waiver_id: int | None = None) -> Decimal:
    """Allocate ``amount`` over ``lines`` oldest first; returns what was put on lines."""
    shares, rest = allocate(amount, [ln.amount - ln.paid for ln in lines])
    _put_shares(s, list(zip(lines, shares, strict=True)), now, payment_id=payment_id, entry_id=entry_id,
                waiver_id=waiver_id)
    return to_money(amount - rest)


def _put_shares(s: Session, shares: list[tuple[BillLine, Decimal]], now: datetime, *, payment_id: int | None = None,
                entry_id: int | None = None, waiver_id: int | None = None) -> None:
    """Write one allocation per (line, share) and keep the lines' and bills' ``paid`` in step."""
    bills: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line, share in shares:
        if share <= 0:
            continue
        s.add(Allocation(line_id=line.id, payment_id=payment_id, prepaid_entry_id=entry_id, waiver_id=waiver_id,
                         amount=share, at=now))
        line.paid = to_money(line.paid + share)
        bills[line.bill_id] += share
    for bill in s.scalars(select(Bill).where(Bill.id.in_(list(bills)))):
        bill.paid = to_money(bill.paid + bills[bill.id])


def apply_prepaid(s: Session, ctx: ServiceContext, unit_id: int, lines: list[BillLine] | None = None,
                  payment_id: int | None = None) -> Decimal:
    """Pay open lines from the unit's prepaid balance: one APPLY entry (−) and its allocations."""
    balance = prepaid_balances(s, [unit_id]).get(unit_id, ZERO)
    if balance <= 0:
        return ZERO
    lines = _open_lines(s, unit_id) if lines is None else lines
    owed = sum((ln.amount - ln.paid for ln in lines), ZERO)
    use = min(balance, owed)
    if use <= 0:
        return ZERO
    now = ctx.clock()
    entry = PrepaidEntry(unit_id=unit_id, kind=PrepaidKind.APPLY, amount=-use, payment_id=payment_id, at=now,
                         by=ctx.actor.user_id, note="预存款抵扣" if payment_id else "预存款自动抵扣欠费")
    s.add(entry)
    s.flush()
    _put(s, lines, use, now, entry_id=entry.id)
    return use


def settle_from_prepaid(s: Session, ctx: ServiceContext, unit_id: int) -> Decimal:
    """Prepaid settles open lines by itself, oldest first, whenever the balance or the lines change; the
    APPLY entry in the prepaid ledger is the log. Call it (unit locked) at the end of every money write."""
    return apply_prepaid(s, ctx, unit_id)


REPAIR_ITEM = "维修费"


def bill_of(s: Session, unit_id: int, period: str) -> Bill:
    """The unit's bill of ``period``, made (empty, due at the period's end) if it has none yet."""
    from app.services.fees_rules import period_last_day

    bill = s.scalar(select(Bill).where(Bill.unit_id == unit_id, Bill.period == period))
    if bill is None:
        bill = Bill(unit_id=unit_id, period=period, due_date=period_last_day(period), total=ZERO, paid=ZERO)
        s.add(bill)
        s.flush()
    return bill


def post_repair_charge(s: Session, ctx: ServiceContext, order) -> Decimal:
    """A completed 自用部位 repair's labour + materials become a line on the unit's bill of this month (made
    if missing), under the fee item 维修费 (inactive: billing runs never bill it), so the counter collects
    it. Completing the same order again (返工) posts only what was not posted yet. Returns what was posted."""
    amount = to_money(order.labour_fee + order.material_fee)
    if order.unit_id is None or amount <= 0:
        return ZERO
    lock_unit(s, order.unit_id)
    item = s.scalar(select(FeeItem).where(FeeItem.name == REPAIR_ITEM))
    if item is None:
        item = FeeItem(name=REPAIR_ITEM, kind=FeeKind.OTHER, method=ChargeMethod.FIXED, unit_price=ZERO,
                       unit_label="元/次", start_date=ctx.clock().date(), active=False, sort_order=90,
                       notes="自用部位维修的人工费和材料费, 由工单完成时记入")
        s.add(item)
        s.flush()
    tag = f"工单 {order.number}"
    posted = s.scalar(select(func.sum(BillLine.amount)).where(
        BillLine.unit_id == order.unit_id, BillLine.item_id == item.id, BillLine.description.startswith(tag))) or ZERO
    extra = to_money(amount - posted)
    if extra <= 0:
        return ZERO
    period = period_of(ctx.clock().date())
    bill = bill_of(s, order.unit_id, period)
    s.add(BillLine(bill_id=bill.id, unit_id=order.unit_id, period=period, item_id=item.id, late_fee=False,
                   quantity=Decimal(1), unit_price=extra, factor=Decimal(1), amount=extra, paid=ZERO,
                   description=f"{tag} 人工 {order.labour_fee} + 材料 {order.material_fee}"[:128]))
    bill.total = to_money((bill.total or ZERO) + extra)
    s.flush()
    settle_from_prepaid(s, ctx, order.unit_id)
    return extra


def waive_lines(s: Session, ctx: ServiceContext, unit_id: int, lines: list[BillLine], value: Decimal, reason: str,
                now: datetime) -> list[int]:
    """Forgive ``value`` over ``lines`` (open, locked) oldest first: one 减免 and its allocation per line."""
    shares, _ = allocate(value, [ln.amount - ln.paid for ln in lines])
    ids = []
    for line, share in zip(lines, shares, strict=True):
        if share <= 0:
            continue
        waiver = Waiver(unit_id=unit_id, line_id=line.id, amount=share, reason=reason, at=now,
                        approved_by=ctx.actor.user_id, approved_by_name=ctx.actor.display_name)
        s.add(waiver)
        s.flush()
        _put_shares(s, [(line, share)], now, waiver_id=waiver.id)
        ids.append(waiver.id)
    return ids


def _unapply(s: Session, allocations: list[Allocation]) -> Decimal:
    """Flag allocations void and take their money off the lines and bills; returns the total."""
    total = ZERO
    lines = {ln.id: ln for ln in s.scalars(select(BillLine).where(BillLine.id.in_([a.line_id for a in allocations])))}
    bills: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for alloc in allocations:
        alloc.voided = True
        line = lines[alloc.line_id]
        line.paid = to_money(line.paid - alloc.amount)
        bills[line.bill_id] += alloc.amount
        total += alloc.amount
    for bill in s.scalars(select(Bill).where(Bill.id.in_(list(bills)))):
        bill.paid = to_money(bill.paid - bills[bill.id])
    return total


def unit_labels(s: Session, unit_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """unit id → (code 3-1-1502, label 3栋1单元1502)."""
    ids = list(set(unit_ids))
    out = {}
    for start in range(0, len(ids), 500):
        for uid, bname, unit_no, room_no in s.execute(
            select(Unit.id, Building.name, Unit.unit_no, Unit.room_no).join(Building)
            .where(Unit.id.in_(ids[start : start + 500]))
        ):
            out[uid] = (unit_code(bname, unit_no, room_no), unit_label(bname, unit_no, room_no))
    return out


def owner_names(s: Session, unit_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """unit id → [(owner name, phone)] in the order they were registered."""
    ids = list(set(unit_ids))
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        for uid, name, phone in s.execute(
            select(Occupancy.unit_id, Person.name, Person.phone).join(Person)
            .where(Occupancy.unit_id.in_(ids[start : start + 500]), Occupancy.relation == Relation.OWNER)
            .order_by(Occupancy.id)
        ):
            out[uid].append((name, phone))
    return out


# --- the service ------------------------------------------------------------------------------------


class PaymentService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def _today(self) -> date:
        return self.ctx.clock().date()

    # ---- reading
    def account(self, unit_id: int) -> UnitAccount:
        """What the unit owes line by line (oldest first), arrears, late fees, prepaid, recent payments."""
        self.ctx.require("fees.collect")
        today = self._today()
        this_period = period_of(today)
        with self.ctx.read() as s:
            if s.get(Unit, unit_id) is None:
                raise NotFound("房屋不存在或已被删除")
            code, label = unit_labels(s, [unit_id])[unit_id]
            owners = owner_names(s, [unit_id]).get(unit_id, [])
            lines = self._owed_lines(s, unit_id, today)
            payments = self._payment_rows(s, select(Payment).where(Payment.unit_id == unit_id)
                                          .order_by(Payment.paid_at.desc(), Payment.id.desc()).limit(50))
            reminders = self._reminder_rows(s, unit_id)
            balance = prepaid_balances(s, [unit_id]).get(unit_id, ZERO)
        show = self.ctx.show_phone
        return UnitAccount(
            unit_id, code, label, "、".join(n for n, _ in owners), show(owners[0][1]) if owners else "",
            tuple(lines),
            sum((ln.outstanding for ln in lines), ZERO),
            sum((ln.outstanding for ln in lines if ln.period < this_period), ZERO),
            sum((ln.late_fee_due for ln in lines), ZERO),
            balance, tuple(payments), tuple(reminders),
        )

    def _owed_lines(self, s: Session, unit_id: int, today: date) -> list[OwedLine]:
        rows = s.execute(
            select(BillLine, FeeItem, Bill.due_date)
            .join(FeeItem, FeeItem.id == BillLine.item_id)
            .join(Bill, Bill.id == BillLine.bill_id)
            .where(BillLine.unit_id == unit_id, BillLine.amount > BillLine.paid)
            .order_by(BillLine.period, FeeItem.sort_order, BillLine.item_id, BillLine.late_fee, BillLine.id)
        ).all()
        charged = self._late_charged(s, [ln.id for ln, _, _ in rows])
        out = []
        for line, item, due in rows:
            outstanding = line.amount - line.paid
            fee, days = ZERO, 0
            if not line.late_fee:
                fee, days = late_fee(outstanding, line.amount, due, today, item.late_fee_daily_rate,
                                     item.late_fee_grace_days, item.late_fee_cap_rate, charged.get(line.id, ZERO))
            name = f"{item.name}滞纳金" if line.late_fee else item.name
            out.append(OwedLine(line.id, line.bill_id, line.period, item.id, name, line.description, line.amount,
                                line.paid, outstanding, line.late_fee, fee, days))
        return out

    @staticmethod
    def _late_charged(s: Session, line_ids: list[int]) -> dict[int, Decimal]:
        if not line_ids:
            return {}
        return dict(s.execute(
            select(BillLine.source_line_id, func.sum(BillLine.amount))
            .where(BillLine.source_line_id.in_(line_ids)).group_by(BillLine.source_line_id)
        ).all())

    def _payment_rows(self, s: Session, stmt) -> list[PaymentRow]:
        payments = list(s.scalars(stmt))
        if not payments:
            return []
        ids = [p.id for p in payments]
        labels = unit_labels(s, [p.unit_id for p in payments])
        allocated = dict(s.execute(
            select(Allocation.payment_id, func.sum(Allocation.amount))
            .where(Allocation.payment_id.in_(ids), Allocation.prepaid_entry_id.is_(None))
            .group_by(Allocation.payment_id)
        ).all())
        deposits = dict(s.execute(
            select(PrepaidEntry.payment_id, func.sum(PrepaidEntry.amount))
            .where(PrepaidEntry.payment_id.in_(ids), PrepaidEntry.kind == PrepaidKind.DEPOSIT)
            .group_by(PrepaidEntry.payment_id)
        ).all())
        return [
            PaymentRow(p.id, p.receipt_no, p.unit_id, labels.get(p.unit_id, ("", ""))[1], p.payer, p.method,
                       p.amount, p.prepaid_used, to_money(allocated.get(p.id) or 0), to_money(deposits.get(p.id) or 0),
                       p.paid_at, p.operator_name, p.note, p.voided, p.void_reason, p.voided_at, p.voided_by_name)
            for p in payments
        ]

    @staticmethod
    def _reminder_rows(s: Session, unit_id: int, limit: int = 50) -> list[ReminderRow]:
        return [
            ReminderRow(r.id, r.unit_id, r.method, r.at, r.by_name, r.arrears, r.promised_date, r.note)
            for r in s.scalars(select(Reminder).where(Reminder.unit_id == unit_id)
                               .order_by(Reminder.at.desc(), Reminder.id.desc()).limit(limit))
        ]

    def payments_on(self, day: date, unit_id: int | None = None) -> list[PaymentRow]:
        """The counter's list of one day's payments (voided ones included, flagged)."""
        self.ctx.require("fees.collect")
        start = datetime.combine(day, datetime.min.time())
        end = datetime.combine(date.fromordinal(day.toordinal() + 1), datetime.min.time())
        with self.ctx.read() as s:
            stmt = select(Payment).where(Payment.paid_at >= start, Payment.paid_at < end)
            if unit_id is not None:
                stmt = stmt.where(Payment.unit_id == unit_id)
            return self._payment_rows(s, stmt.order_by(Payment.paid_at, Payment.id))

    def get_payment(self, payment_id: int) -> PaymentRow:
        self.ctx.require("fees.collect")
        with self.ctx.read() as s:
            rows = self._payment_rows(s, select(Payment).where(Payment.id == payment_id))
        if not rows:
            raise NotFound("收款记录不存在")
        return rows[0]

    def payment_by_receipt(self, receipt_no: str) -> PaymentRow:
        self.ctx.require("fees.collect")
        with self.ctx.read() as s:
            rows = self._payment_rows(s, select(Payment).where(Payment.receipt_no == receipt_no.strip()))
        if not rows:
            raise NotFound(f"找不到收据号 {receipt_no}")
        return rows[0]

    def receipt(self, payment_id: int) -> ReceiptData:
        """The data of a payment's receipt (收据), void or not."""
        from app.services.audit import AuditService
        from app.services.property import PropertyService

        self.ctx.require("fees.collect")
        row = self.get_payment(payment_id)
        AuditService(self.ctx).record("print", "payments", {"receipt_no": row.receipt_no}, entity_id=payment_id,
                                      summary=f"收据 {row.receipt_no}")
        with self.ctx.read() as s:
            lines = [
                ReceiptLine(period, f"{name}滞纳金" if late else name, desc, to_money(amount))
                for period, name, late, desc, amount in s.execute(
                    select(BillLine.period, FeeItem.name, BillLine.late_fee, BillLine.description,
                           func.sum(Allocation.amount))
                    .join(BillLine, BillLine.id == Allocation.line_id)
                    .join(FeeItem, FeeItem.id == BillLine.item_id)
                    .outerjoin(PrepaidEntry, PrepaidEntry.id == Allocation.prepaid_entry_id)
                    .where((Allocation.payment_id == payment_id) | (PrepaidEntry.payment_id == payment_id))
                    .group_by(BillLine.id, BillLine.period, FeeItem.name, BillLine.late_fee, BillLine.description)
                    .order_by(BillLine.period, BillLine.id)
                )
            ]
        profile = PropertyService(self.ctx).profile()
        return ReceiptData(
            profile.title, row.receipt_no, row.paid_at, row.unit_label, row.payer,
            row.method_label, tuple(lines), row.to_prepaid, row.prepaid_used, row.amount, row.operator_name,
            row.note, row.voided, row.void_reason, row.voided_at, row.voided_by_name,
            profile.bank_line,
        )

    # ---- writing
    def _check_payment(self, amount: object, method: str, payer: str) -> tuple[Decimal, str]:
        errors: dict[str, str] = {}
        value = ZERO
        try:
            value = parse_amount(amount)
        except ValueError as exc:
            errors["amount"] = f"收款金额: {exc}"
        else:
            if value <= 0:
                errors["amount"] = "收款金额应大于0"
            elif value > MAX_PAYMENT:
                errors["amount"] = "收款金额过大, 请核对"
        if method not in set(PayMethod):
            errors["method"] = "请选择付款方式"
        payer = clean_text(payer)
        if len(payer) > 64:
            errors["payer"] = "交款人过长"
        if errors:
            raise FieldError(errors)
        return value, payer

    def _plan_cash(self, s: Session, lines: list[BillLine], cash: Decimal, today: date, with_late_fees: bool,
                   owed: list[Decimal] | None = None) -> tuple[list[tuple[BillLine, Decimal, Decimal, int]], Decimal]:
        """Spread ``cash`` over ``lines`` oldest first → [(line, principal, 滞纳金, days late)], money left over.

        With late fees, each overdue line takes its principal and the 滞纳金 on that principal together
        (``fees_rules.split_late``); lines not reached by the money get no late fee."""
        owed = [ln.amount - ln.paid for ln in lines] if owed is None else owed
        items = dues = charged = {}
        if with_late_fees:
            items = {i.id: i for i in s.scalars(select(FeeItem).where(FeeItem.id.in_({ln.item_id for ln in lines})))}
            dues = dict(s.execute(select(Bill.id, Bill.due_date).where(Bill.id.in_({ln.bill_id for ln in lines}))).all())
            charged = self._late_charged(s, [ln.id for ln in lines])
        plan, rest = [], to_money(cash)
        for line, outstanding in zip(lines, owed, strict=True):
            rate, days, cap_left = None, 0, None
            if with_late_fees and not line.late_fee:
                item = items[line.item_id]
                rate, days = item.late_fee_daily_rate, late_days(dues[line.bill_id], today, item.late_fee_grace_days)
                if item.late_fee_cap_rate is not None:
                    cap_left = to_money(line.amount * item.late_fee_cap_rate) - charged.get(line.id, ZERO)
            principal, fee = split_late(rest, outstanding, rate, days, cap_left)
            plan.append((line, principal, fee, days if fee else 0))
            rest -= principal + fee
        return plan, rest

    def preview(self, unit_id: int, amount: object, *, line_ids: Iterable[int] | None = None,
                use_prepaid: bool = False, include_late_fees: bool = False) -> PaymentPlan:
        """What ``pay`` with these arguments would do, line by line, without doing it: the counter shows it
        (with the 滞纳金 of each line) before the money is taken."""
        self.ctx.require("fees.collect")
        value, _ = self._check_payment(amount, PayMethod.CASH, "")
        with self.ctx.read() as s:
            lines = _open_lines(s, unit_id, line_ids, lock=False)
            owed = [ln.amount - ln.paid for ln in lines]
            used = ZERO
            if use_prepaid:
                balance = prepaid_balances(s, [unit_id]).get(unit_id, ZERO)
                shares, _ = allocate(min(balance, sum(owed, ZERO)), owed)
                owed = [o - sh for o, sh in zip(owed, shares, strict=True)]
                used = sum(shares, ZERO)
            plan, rest = self._plan_cash(s, lines, value, self._today(), include_late_fees, owed)
            names = dict(s.execute(select(FeeItem.id, FeeItem.name)).all())
        planned = tuple(
            PlannedLine(ln.id, ln.period, f"{names.get(ln.item_id, '')}滞纳金" if ln.late_fee else names.get(ln.item_id, ""),
                        principal, fee, days)
            for ln, principal, fee, days in plan if principal > 0 or fee > 0
        )
        return PaymentPlan(value, used, planned, sum((p.late_fee for p in planned), ZERO), rest)

    # ---- writing
    def pay(self, unit_id: int, amount: object, method: str, *, payer: str = "", note: str = "",
            line_ids: Iterable[int] | None = None, use_prepaid: bool = False,
            include_late_fees: bool = False) -> PaymentRow:
        """Take a payment: allocate it to the chosen (default: all) open lines oldest first — with the 滞纳金
        on the principal it pays late, if asked; what is left goes to the prepaid balance, which then settles
        any other open line. Gets the next receipt number in the same transaction."""
        self.ctx.require("fees.collect")
        value, payer = self._check_payment(amount, method, payer)
        with self.ctx.write() as s:
            lock_unit(s, unit_id)
            now = self.ctx.clock()
            guard_open_day(s, now)
            payment_id = self.take(s, unit_id, value, method, now, payer=payer, note=note, line_ids=line_ids,
                                   use_prepaid=use_prepaid, include_late_fees=include_late_fees)
            return self._payment_rows(s, select(Payment).where(Payment.id == payment_id))[0]

    def take(self, s: Session, unit_id: int, value: Decimal, method: str, now: datetime, *, payer: str = "",
             note: str = "", line_ids: Iterable[int] | None = None, use_prepaid: bool = False,
             include_late_fees: bool = False) -> int:
        """The payment itself, inside the caller's write transaction, after the caller locked the unit and
        called ``guard_open_day`` (the bank import takes many in one transaction). Returns the payment id."""
        wanted = list(line_ids) if line_ids is not None else None
        lines = _open_lines(s, unit_id, wanted)
        if wanted is not None and len(lines) != len(set(wanted)):
            raise StateError("所选账单明细已结清或已变化, 请刷新后重试。未收款。")
        payer = payer or "、".join(n for n, _ in owner_names(s, [unit_id]).get(unit_id, []))[:64]
        payment = Payment(
            receipt_no=next_number(s, "receipt", RECEIPT_PREFIX, now), unit_id=unit_id, payer=payer,
            method=method, amount=value, paid_at=now, operator_id=self.ctx.actor.user_id,
            operator_name=self.ctx.actor.display_name, note=clean_text(note),
        )
        s.add(payment)
        s.flush()
        if use_prepaid:
            payment.prepaid_used = apply_prepaid(s, self.ctx, unit_id, lines, payment_id=payment.id)
            lines = [ln for ln in lines if ln.amount > ln.paid]
        plan, rest = self._plan_cash(s, lines, value, now.date(), include_late_fees)
        shares: list[tuple[BillLine, Decimal]] = []
        for line, principal, fee, days in plan:
            shares.append((line, principal))
            if fee > 0:
                shares.append((self._late_line(s, line, principal, fee, days, now), fee))
        s.flush()
        _put_shares(s, shares, now, payment_id=payment.id)
        if rest > 0:
            s.add(PrepaidEntry(unit_id=unit_id, kind=PrepaidKind.DEPOSIT, amount=rest, payment_id=payment.id,
                               at=now, by=self.ctx.actor.user_id, note=f"收据 {payment.receipt_no} 预存"))
        s.flush()
        settle_from_prepaid(s, self.ctx, unit_id)
        s.flush()
        return payment.id

    @staticmethod
    def _late_line(s: Session, line: BillLine, principal: Decimal, fee: Decimal, days: int,
                   now: datetime) -> BillLine:
        """The 滞纳金 line for ``principal`` of ``line`` paid ``days`` late, added to the same bill — or, when the
        line's period is closed (月结), to the unit's bill of this (open) period, naming the closed one."""
        from app.services.fees_periods import closed_periods, period_of

        rate = s.scalar(select(FeeItem.late_fee_daily_rate).where(FeeItem.id == line.item_id))
        text = f"本金{principal} × 日{rate.normalize():f} × 逾期{days}天"
        bill = s.get(Bill, line.bill_id)
        if closed_periods(s, [line.period]):
            bill, text = bill_of(s, line.unit_id, period_of(now)), f"{line.period} 欠费滞纳金: {text}"
        extra = BillLine(bill_id=bill.id, unit_id=line.unit_id, period=bill.period, item_id=line.item_id,
                         late_fee=True, source_line_id=line.id, quantity=principal, unit_price=ZERO, factor=rate * days,
                         description=text[:128], amount=fee, paid=ZERO)
        s.add(extra)
        bill.total = to_money(bill.total + fee)
        return extra

    def void(self, payment_id: int, reason: str) -> PaymentRow:
        """Void a payment — a reversal dated today, the day it is made: its allocations are flagged void and
        come off the lines, the 滞纳金 lines it charged are withdrawn, prepaid it used is given back, its
        deposit is taken back (un-applying later automatic uses of it if needed). Kept for history."""
        self.ctx.require("fees.void")
        reason = clean_text(reason)
        if len(reason) < 2:
            raise FieldError({"reason": "请填写作废原因"})
        with self.ctx.write() as s:
            unit_id = s.scalar(select(Payment.unit_id).where(Payment.id == payment_id))
            if unit_id is None:
                raise NotFound("收款记录不存在")
            lock_unit(s, unit_id)
            now = self.ctx.clock()
            guard_open_day(s, now)
            payment = s.get(Payment, payment_id, with_for_update=True, populate_existing=True)
            if payment.voided:
                raise StateError(f"收据 {payment.receipt_no} 已于 {payment.voided_at:%Y-%m-%d %H:%M} 作废")
            from app.services.fees_periods import guard_open_period, period_of

            guard_open_period(s, period_of(payment.paid_at), what=f"作废该账期收取的收据 {payment.receipt_no}")
            who = self.ctx.actor.user_id
            cash = list(s.scalars(select(Allocation).where(Allocation.payment_id == payment_id,
                                                           Allocation.voided.is_(False))))
            _unapply(s, cash)
            self._withdraw_late_lines(s, payment)
            own_entries = list(s.scalars(select(PrepaidEntry).where(PrepaidEntry.payment_id == payment_id)))
            applied_ids = [e.id for e in own_entries if e.kind == PrepaidKind.APPLY]
            if applied_ids:
                from_prepaid = list(s.scalars(select(Allocation).where(
                    Allocation.prepaid_entry_id.in_(applied_ids), Allocation.voided.is_(False))))
                released = _unapply(s, from_prepaid)
                if released:
                    s.add(PrepaidEntry(unit_id=payment.unit_id, kind=PrepaidKind.RELEASE, amount=released,
                                       payment_id=payment_id, at=now, by=who, note=f"作废 {payment.receipt_no} 退回抵扣"))
            deposit = sum((e.amount for e in own_entries if e.kind == PrepaidKind.DEPOSIT), ZERO)
            if deposit > 0:
                s.flush()
                balance = prepaid_balances(s, [payment.unit_id]).get(payment.unit_id, ZERO)
                if balance < deposit:
                    self._unapply_automatic(s, payment.unit_id, deposit - balance, now, payment)
                s.add(PrepaidEntry(unit_id=payment.unit_id, kind=PrepaidKind.REVERSE, amount=-deposit,
                                   payment_id=payment_id, at=now, by=who, note=f"作废 {payment.receipt_no} 冲回预存"))
            payment.voided = True
            payment.void_reason = reason
            payment.voided_at = now
            payment.voided_by = who
            payment.voided_by_name = self.ctx.actor.display_name
            s.flush()
            settle_from_prepaid(s, self.ctx, unit_id)
            s.flush()
            return self._payment_rows(s, select(Payment).where(Payment.id == payment_id))[0]

    @staticmethod
    def _withdraw_late_lines(s: Session, payment: Payment) -> None:
        """滞纳金 lines charged with this payment (all their money came from it) go back to 0 with it."""
        s.flush()
        late = list(s.scalars(
            select(BillLine).join(Allocation, Allocation.line_id == BillLine.id)
            .where(Allocation.payment_id == payment.id, BillLine.late_fee.is_(True), BillLine.amount > 0)
        ).unique())
        for line in late:
            others = s.scalar(select(func.count(Allocation.id)).where(
                Allocation.line_id == line.id, (Allocation.payment_id != payment.id) | Allocation.payment_id.is_(None)))
            if others or line.paid != 0:
                continue
            bill = s.get(Bill, line.bill_id)
            bill.total = to_money(bill.total - line.amount)
            line.description = f"{line.description} (随 {payment.receipt_no} 作废)"[:128]
            line.amount = ZERO

    def _unapply_automatic(self, s: Session, unit_id: int, needed: Decimal, now: datetime, payment: Payment) -> None:
        """The deposit being voided was already spent by later bills: undo those uses, newest first."""
        allocations = list(s.scalars(
            select(Allocation).join(PrepaidEntry, PrepaidEntry.id == Allocation.prepaid_entry_id)
            .where(PrepaidEntry.unit_id == unit_id, Allocation.voided.is_(False))
            .order_by(Allocation.id.desc())
        ))
        chosen, total = [], ZERO
        for alloc in allocations:
            if total >= needed:
                break
            chosen.append(alloc)
            total += alloc.amount
        if total < needed:
            raise StateError(f"收据 {payment.receipt_no} 的预存款已被使用且无法冲回, 未作废。")
        released = _unapply(s, chosen)
        s.add(PrepaidEntry(unit_id=unit_id, kind=PrepaidKind.RELEASE, amount=released, payment_id=None, at=now,
                           by=self.ctx.actor.user_id, note=f"作废 {payment.receipt_no}: 撤回预存款抵扣"))
        s.flush()

    def use_prepaid(self, unit_id: int) -> Decimal:
        """Pay what the unit owes from its prepaid balance now; returns the amount applied."""
        self.ctx.require("fees.collect")
        with self.ctx.write() as s:
            lock_unit(s, unit_id)
            return apply_prepaid(s, self.ctx, unit_id)

    def settle_all(self) -> dict[int, Decimal]:
        """Settle every unit's open lines from its prepaid balance (a database from before 0.2 may hold both):
        unit id → amount applied. Safe to run any time; each unit is locked while it is settled."""
        self.ctx.require("fees.collect")
        with self.ctx.write() as s:
            holders = [u for u, b in s.execute(select(PrepaidEntry.unit_id, func.sum(PrepaidEntry.amount))
                                               .group_by(PrepaidEntry.unit_id)) if b and b > 0]
            owing = set(s.scalars(select(BillLine.unit_id).where(BillLine.amount > BillLine.paid,
                                                                 BillLine.unit_id.in_(holders)).distinct()))
            lock_units(s, owing)
            applied = {u: settle_from_prepaid(s, self.ctx, u) for u in sorted(owing)}
        return {u: a for u, a in applied.items() if a}

    # ---- refunds (退款) and waivers (减免)
    def refund(self, unit_id: int, amount: object, method: str, reason: str, *, payee: str = "") -> RefundRow:
        """退款: pay back (part of) the unit's prepaid balance — an over-payment lands there too — under a
        voucher number of its own (TK…). Needs ``fees.waive``; counted in the day's cash-up as money out."""
        self.ctx.require("fees.waive")
        value, payee = self._check_payment(amount, method, payee)
        reason = clean_text(reason)
        if len(reason) < 2:
            raise FieldError({"reason": "请填写退款原因"})
        with self.ctx.write() as s:
            lock_unit(s, unit_id)
            now = self.ctx.clock()
            guard_open_day(s, now)
            balance = prepaid_balances(s, [unit_id]).get(unit_id, ZERO)
            if value > balance:
                raise FieldError({"amount": f"退款金额 {value} 元超过预存款余额 {balance} 元"})
            voucher = next_number(s, "refund", REFUND_PREFIX, now)
            payee = payee or "、".join(n for n, _ in owner_names(s, [unit_id]).get(unit_id, []))[:64]
            entry = PrepaidEntry(unit_id=unit_id, kind=PrepaidKind.REFUND, amount=-value, at=now,
                                 by=self.ctx.actor.user_id, note=f"退款 {voucher}")
            s.add(entry)
            s.flush()
            refund = Refund(voucher_no=voucher, unit_id=unit_id, amount=value, method=method, payee=payee,
                            reason=reason, refunded_at=now, operator_id=self.ctx.actor.user_id,
                            operator_name=self.ctx.actor.display_name, prepaid_entry_id=entry.id)
            s.add(refund)
            s.flush()
            label = unit_labels(s, [unit_id])[unit_id][1]
            return RefundRow(refund.id, voucher, unit_id, label, value, method, payee, reason, now,
                             refund.operator_name, balance - value)

    def waive(self, unit_id: int, period: str, amount: object, reason: str, *,
              item_id: int | None = None) -> list[int]:
        """减免: forgive ``amount`` of the unit's open lines of ``period`` (one item, or all oldest-first),
        approved by the acting user (``fees.waive``: the manager). Returns the waiver ids."""
        from app.services.fees_billing import period_or_error

        self.ctx.require("fees.waive")
        period = period_or_error(period)
        errors = {}
        try:
            value = parse_amount(amount)
            if value <= 0:
                errors["amount"] = "减免金额应大于0"
        except ValueError as exc:
            errors["amount"] = f"减免金额: {exc}"
            value = ZERO
        reason = clean_text(reason)
        if len(reason) < 2:
            errors["reason"] = "请填写减免原因"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            lock_unit(s, unit_id)
            now = self.ctx.clock()
            from app.services.fees_periods import guard_open_period

            guard_open_period(s, period, what="减免")
            lines = [ln for ln in _open_lines(s, unit_id) if ln.period == period
                     and (item_id is None or ln.item_id == item_id)]
            owed = sum((ln.amount - ln.paid for ln in lines), ZERO)
            if value > owed:
                raise FieldError({"amount": f"减免金额 {value} 元超过 {period} 未缴的 {owed} 元"})
            return waive_lines(s, self.ctx, unit_id, lines, value, reason, now)

    def prepaid_history(self, unit_id: int) -> list[tuple[datetime, str, Decimal, str]]:
        """The unit's prepaid ledger: (when, kind, signed amount, note), oldest first."""
        self.ctx.require("fees.collect")
        with self.ctx.read() as s:
            return [tuple(r) for r in s.execute(
                select(PrepaidEntry.at, PrepaidEntry.kind, PrepaidEntry.amount, PrepaidEntry.note)
                .where(PrepaidEntry.unit_id == unit_id).order_by(PrepaidEntry.id)
            )]

    # ---- reminders (催缴)
    def add_reminder(self, unit_id: int, method: str, *, promised_date: object = None, note: str = "") -> int:
        """Log a chase: how, what was owed then, and the date the owner promised to pay (if any)."""
        self.ctx.require("fees.collect")
        errors = {}
        if method not in set(ReminderMethod):
            errors["method"] = "请选择催缴方式"
        promised = None
        if promised_date not in (None, ""):
            try:
                promised = parse_date(promised_date)
            except ValueError as exc:
                errors["promised_date"] = f"承诺缴费日期: {exc}"
            else:
                if promised < self._today():
                    errors["promised_date"] = "承诺缴费日期不能早于今天"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            if s.get(Unit, unit_id) is None:
                raise NotFound("房屋不存在或已被删除")
            owed = s.scalar(select(func.sum(BillLine.amount - BillLine.paid)).where(
                BillLine.unit_id == unit_id, BillLine.amount > BillLine.paid)) or ZERO
            reminder = Reminder(unit_id=unit_id, method=method, at=self.ctx.clock(), by=self.ctx.actor.user_id,
                                by_name=self.ctx.actor.display_name, arrears=to_money(owed),
                                promised_date=promised, note=clean_text(note))
            s.add(reminder)
            s.flush()
            return reminder.id

    def reminders(self, unit_id: int) -> list[ReminderRow]:
        self.ctx.require("fees.collect")
        with self.ctx.read() as s:
            return self._reminder_rows(s, unit_id, limit=500)
