"""Fees (物业费/停车费…): fee items, meter readings, bills and their lines, payments, allocations,
the prepaid ledger and the reminder (催缴) log.

Money history is never deleted: a payment is voided (flag + reason + who/when) and its allocations are
flagged void too; the prepaid balance is a ledger of signed entries, not a number that is overwritten.
``Bill.total/paid`` and ``BillLine.paid`` are kept in step by the fee services in the same transaction as
the allocations, so arrears and collection rates are sums over two indexed tables.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned

Price = Numeric(12, 4, asdecimal=True)  # unit prices: 0.5380 元/度 needs more than the fen
Rate = Numeric(9, 6, asdecimal=True)  # fractions: vacant-unit rate 0.7, late fee 0.0003 per day


class FeeKind(StrEnum):
    """What the manager's collection rate groups by."""

    PROPERTY = "property"  # 物业费
    PARKING = "parking"  # 停车费
    UTILITY = "utility"  # 水电等 (metered)
    OTHER = "other"


class ChargeMethod(StrEnum):
    AREA = "area"  # unit price × building area (㎡) per month
    SPACE = "space"  # unit price × parking spaces of the unit per month
    FIXED = "fixed"  # unit price per unit per month
    METERED = "metered"  # unit price × (this reading − last reading)


class Cycle(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


CYCLE_MONTHS = {Cycle.MONTHLY: 1, Cycle.QUARTERLY: 3, Cycle.YEARLY: 12}


class Scope(StrEnum):
    ALL = "all"
    BUILDINGS = "buildings"
    USES = "uses"
    UNITS = "units"
    SPACES = "spaces"


class PayMethod(StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    CARD = "card"
    TRANSFER = "transfer"
    BANK = "bank"  # 托收: collected by the bank under a withholding agreement (never at the counter)


class ReminderMethod(StrEnum):
    PHONE = "phone"
    NOTICE = "notice"
    VISIT = "visit"
    MESSAGE = "message"


class PrepaidKind(StrEnum):
    DEPOSIT = "deposit"  # + overpayment of a payment
    APPLY = "apply"  # − consumed by bill lines
    REVERSE = "reverse"  # − a voided payment takes its deposit back
    RELEASE = "release"  # + a voided payment gives back prepaid it had applied (not used yet)
    REFUND = "refund"  # − money paid back to the owner (退款), with its own voucher number


FEE_LABELS: dict[str, str] = {
    FeeKind.PROPERTY: "物业费", FeeKind.PARKING: "停车费", FeeKind.UTILITY: "水电费", FeeKind.OTHER: "其他",
    ChargeMethod.AREA: "按建筑面积", ChargeMethod.SPACE: "按车位", ChargeMethod.FIXED: "按户固定",
    ChargeMethod.METERED: "按抄表用量",
    Cycle.MONTHLY: "按月", Cycle.QUARTERLY: "按季", Cycle.YEARLY: "按年",
    Scope.ALL: "全部房屋", Scope.BUILDINGS: "指定楼栋", Scope.USES: "指定用途", Scope.UNITS: "指定房屋",
    Scope.SPACES: "指定车位",
    PayMethod.CASH: "现金", PayMethod.WECHAT: "微信", PayMethod.ALIPAY: "支付宝", PayMethod.CARD: "银行卡",
    PayMethod.TRANSFER: "转账", PayMethod.BANK: "托收",
    ReminderMethod.PHONE: "电话", ReminderMethod.NOTICE: "催缴通知", ReminderMethod.VISIT: "上门",
    ReminderMethod.MESSAGE: "短信/微信",
    "late_fee": "滞纳金",
}


class FeeItem(Versioned, Base):
    """A charge (物业服务费 2.80 元/㎡·月): how it is computed, for whom, and its late-fee rule."""

    __tablename__ = "fee_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=FeeKind.OTHER)
    method: Mapped[str] = mapped_column(String(16))
    unit_price: Mapped[Decimal] = mapped_column(Price)
    unit_label: Mapped[str] = mapped_column(String(16), default="")  # 元/㎡·月, 元/个·月, 元/吨 …
    cycle: Mapped[str] = mapped_column(String(16), default=Cycle.MONTHLY)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    scope: Mapped[str] = mapped_column(String(16), default=Scope.ALL)
    vacant_rate: Mapped[Decimal | None] = mapped_column(Rate)  # share charged for vacant units; None = full
    late_fee_daily_rate: Mapped[Decimal | None] = mapped_column(Rate)  # e.g. 0.0003 = 万分之三/天
    late_fee_grace_days: Mapped[int] = mapped_column(default=0)
    late_fee_cap_rate: Mapped[Decimal | None] = mapped_column(Rate)  # cap as a share of the line amount
    meter_max: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))  # a metered item's meters wrap to 0 here
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class FeeItemTarget(Base):
    """One member of a fee item's scope: a building, a use, a unit or a parking space."""

    __tablename__ = "fee_item_targets"
    __table_args__ = (Index("ix_fee_item_targets_item", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("fee_items.id", ondelete="CASCADE"))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("buildings.id"))
    use: Mapped[str | None] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    space_id: Mapped[int | None] = mapped_column(ForeignKey("parking_spaces.id"))


class MeterReading(Stamped, Base):
    """A meter reading of a unit for a metered item; usage = this reading − the previous one."""

    __tablename__ = "meter_readings"
    __table_args__ = (UniqueConstraint("item_id", "unit_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("fee_items.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    reading: Mapped[Decimal] = mapped_column(Numeric(12, 2))


class MeterChange(Stamped, Base):
    """换表: a unit's meter of a metered item replaced in ``period`` (between the last reading and this one):
    usage = (old_final − last reading) + (this reading − new_start)."""

    __tablename__ = "meter_changes"
    __table_args__ = (UniqueConstraint("item_id", "unit_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("fee_items.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    changed_on: Mapped[date]
    old_final: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    new_start: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    note: Mapped[str] = mapped_column(Text, default="")


class Bill(Stamped, Base):
    """A unit's bill for a period: one per unit and period."""

    __tablename__ = "bills"
    __table_args__ = (UniqueConstraint("unit_id", "period"), Index("ix_bills_period", "period"))

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period: Mapped[str] = mapped_column(String(7))
    due_date: Mapped[date]
    total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    paid: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    revision: Mapped[int] = mapped_column(default=1)  # +1 on every re-bill


class BillLine(Base):
    """One item on a bill; ``paid`` is the sum of its live allocations."""

    __tablename__ = "bill_lines"
    __table_args__ = (
        Index("ix_bill_lines_bill", "bill_id"),
        Index("ix_bill_lines_unit_period", "unit_id", "period"),
        Index("ix_bill_lines_period_item", "period", "item_id"),
        # issue 18: the collection sums read only this index; the open lines (arrears, aging, notices,
        # earlier arrears) are a small partial index instead of a scan of every line ever billed
        Index("ix_bill_lines_period_sums", "period", "item_id", "late_fee", "amount", "paid"),
        Index("ix_bill_lines_owing", "unit_id", "period", "bill_id", "amount", "paid",
              sqlite_where=text("amount > paid"), postgresql_where=text("amount > paid")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    period: Mapped[str] = mapped_column(String(7))
    item_id: Mapped[int] = mapped_column(ForeignKey("fee_items.id"))
    late_fee: Mapped[bool] = mapped_column(Boolean, default=False)  # a 滞纳金 line added when collected
    source_line_id: Mapped[int | None] = mapped_column(ForeignKey("bill_lines.id"))  # the late line
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit_price: Mapped[Decimal] = mapped_column(Price)
    factor: Mapped[Decimal] = mapped_column(Rate)  # months × proration × vacant rate
    description: Mapped[str] = mapped_column(String(128), default="")
    amount: Mapped[Decimal]
    paid: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))


class FeeSum(Base):
    """The collection sums of the bill lines of a period, item and 滞纳金 flag (issue 18): how many lines,
    billed, paid and live 减免, in fen. Kept by database triggers (migration 0020) in the transaction of every
    write to ``bill_lines``/``allocations``, whoever writes; read by ``fees_reports.collection_sums``.
    ``slot`` is 0 on SQLite; on PostgreSQL each connection adds into its own slot (its backend pid), so two
    counters paying at once never wait for or deadlock on one row; ``fee_sums.fold`` folds slots into 0."""

    __tablename__ = "fee_sums"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    item_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    late_fee: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    slot: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    lines: Mapped[int] = mapped_column(BigInteger, default=0)
    billed: Mapped[int] = mapped_column(BigInteger, default=0)
    paid: Mapped[int] = mapped_column(BigInteger, default=0)
    waived: Mapped[int] = mapped_column(BigInteger, default=0)


class FeeOwing(Base):
    """What a unit owes for a period (Σ amount − paid of its open lines, in fen) and the bill's due date:
    one row per unit and period with something open, kept by the same triggers. The aging reads these
    ~70k rows at 50k units instead of joining 213k open lines to their bills."""

    __tablename__ = "fee_owing"
    __table_args__ = {"sqlite_with_rowid": False}

    unit_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    due_date: Mapped[date]
    owed: Mapped[int] = mapped_column(BigInteger)


class Payment(Stamped, Base):
    """Money taken at the counter. Never deleted: voided with a reason, who and when."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_unit", "unit_id"),
                      # 日结 reads the day's payments from this index alone (0024, issue 18)
                      Index("ix_payments_day", "paid_at", "operator_name", "method", "amount", "receipt_no"),
                      Index("ix_payments_voided_at", "voided_at"))  # the day's voids in 日结 (issue 18)

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    payer: Mapped[str] = mapped_column(String(64), default="")
    method: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal]  # money received
    prepaid_used: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # balance applied with it
    paid_at: Mapped[datetime]
    operator_id: Mapped[int | None]
    operator_name: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[datetime | None]
    voided_by: Mapped[int | None]
    voided_by_name: Mapped[str] = mapped_column(String(64), default="")


class PrepaidEntry(Base):
    """The prepaid (预存) ledger of a unit: signed entries; the balance is their sum."""

    __tablename__ = "prepaid_entries"
    __table_args__ = (Index("ix_prepaid_entries_unit", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal]  # + credit, − debit
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    at: Mapped[datetime]
    by: Mapped[int | None]
    note: Mapped[str] = mapped_column(String(128), default="")


class Allocation(Base):
    """Money put on a bill line: from a payment's cash, or from the prepaid balance (``prepaid_entry_id``)."""

    __tablename__ = "allocations"
    __table_args__ = (Index("ix_allocations_line", "line_id"),
                      # a payment's allocations without their rows: 日结 by fee item (0024, issue 18)
                      Index("ix_allocations_payment_line", "payment_id", "line_id", "amount"),
                      # 减免 read apart (issue 18): a few rows, not a probe per bill line
                      Index("ix_allocations_waived", "line_id", "amount", "voided",
                            sqlite_where=text("waiver_id IS NOT NULL"),
                            postgresql_where=text("waiver_id IS NOT NULL")))

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("bill_lines.id"))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    prepaid_entry_id: Mapped[int | None] = mapped_column(ForeignKey("prepaid_entries.id"))
    waiver_id: Mapped[int | None] = mapped_column(ForeignKey("fee_waivers.id"))  # a 减免, not money
    amount: Mapped[Decimal]
    at: Mapped[datetime]
    voided: Mapped[bool] = mapped_column(Boolean, default=False)


class Reminder(Stamped, Base):
    """One chase (催缴) of a unit: how, who, when, what they promised."""

    __tablename__ = "fee_reminders"
    __table_args__ = (Index("ix_fee_reminders_unit", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    method: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    by: Mapped[int | None]
    by_name: Mapped[str] = mapped_column(String(64), default="")
    arrears: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))  # owed when chased
    promised_date: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")


class Waiver(Stamped, Base):
    """减免: part of a bill line forgiven, with the reason and the manager who approved it. It settles the
    line through an allocation (``Allocation.waiver_id``) but is never counted as money collected."""

    __tablename__ = "fee_waivers"
    __table_args__ = (Index("ix_fee_waivers_unit", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    line_id: Mapped[int] = mapped_column(ForeignKey("bill_lines.id"))
    amount: Mapped[Decimal]
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]
    approved_by: Mapped[int | None]
    approved_by_name: Mapped[str] = mapped_column(String(64), default="")


class Refund(Stamped, Base):
    """退款: prepaid (or an over-payment, which became prepaid) paid back, under its own voucher number."""

    __tablename__ = "fee_refunds"
    __table_args__ = (Index("ix_fee_refunds_unit", "unit_id"), Index("ix_fee_refunds_at", "refunded_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    voucher_no: Mapped[str] = mapped_column(String(32), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    amount: Mapped[Decimal]
    method: Mapped[str] = mapped_column(String(16))
    payee: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text)
    refunded_at: Mapped[datetime]
    operator_id: Mapped[int | None]
    operator_name: Mapped[str] = mapped_column(String(64), default="")
    prepaid_entry_id: Mapped[int | None] = mapped_column(ForeignKey("prepaid_entries.id"))


class CashupClose(Stamped, Base):
    """A closed day (日结): nothing more is taken, voided or refunded on it; ``snapshot`` is the cash-up as
    closed (JSON), which every reprint draws from."""

    __tablename__ = "cashup_closes"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    closed_at: Mapped[datetime]
    closed_by: Mapped[int | None]
    closed_by_name: Mapped[str] = mapped_column(String(64), default="")
    snapshot: Mapped[str] = mapped_column(Text)


class PeriodClose(Stamped, Base):
    """月结: a closed billing period. Its bills, payments, voids, waivers and cash-ups no longer change;
    ``snapshot`` is its collection rate as closed (JSON). Reopened only by the administrator, with a reason
    (the row stays: ``closed`` False; closing again overwrites the snapshot)."""

    __tablename__ = "fee_period_closes"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7), unique=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_at: Mapped[datetime]
    closed_by: Mapped[int | None]
    closed_by_name: Mapped[str] = mapped_column(String(64), default="")
    snapshot: Mapped[str] = mapped_column(Text)
    reopened_at: Mapped[datetime | None]
    reopened_by_name: Mapped[str] = mapped_column(String(64), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
