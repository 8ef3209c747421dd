"""银行托收 (bank collection): withholding agreements (代扣协议), the banks' file layouts (profiles), and each
collection file sent (a batch) with one row per unit, which the bank's result file is matched against.

A batch row is a claim on the unit's arrears up to the batch's period; its result (paid with a receipt, or
failed with the bank's reason) is written once, when the result file is imported (all rows together)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Stamped, Versioned


class BankAgreement(Versioned, Base):
    """代扣协议: the unit's owner lets the property collect its fees from this bank account."""

    __tablename__ = "bank_agreements"
    __table_args__ = (Index("ix_bank_agreements_unit", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    bank: Mapped[str] = mapped_column(String(64))
    holder: Mapped[str] = mapped_column(String(64))
    account_no: Mapped[str] = mapped_column(String(32))
    active_from: Mapped[date]
    active_until: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")


class BankProfile(Versioned, Base):
    """A bank's file layout: the columns in order with their headers (``columns``: one ``字段: 表头`` a line)
    and the texts its result column uses for success and failure (comma separated)."""

    __tablename__ = "bank_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    columns: Mapped[str] = mapped_column(Text)
    success_values: Mapped[str] = mapped_column(String(128))
    fail_values: Mapped[str] = mapped_column(String(128))
    note: Mapped[str] = mapped_column(Text, default="")


class BankBatch(Stamped, Base):
    """One collection file sent to the bank (TS202611280001) and, once imported, the result read back."""

    __tablename__ = "bank_batches"
    __table_args__ = (Index("ix_bank_batches_period", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    period: Mapped[str] = mapped_column(String(7))
    profile: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="sent")  # sent, imported, cancelled
    rows: Mapped[int] = mapped_column(default=0)
    total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    file_name: Mapped[str] = mapped_column(String(255), default="")
    exported_at: Mapped[datetime]
    exported_by_name: Mapped[str] = mapped_column(String(64), default="")
    imported_at: Mapped[datetime | None]
    imported_by_name: Mapped[str] = mapped_column(String(64), default="")
    result_file: Mapped[str] = mapped_column(String(255), default="")
    result_sha256: Mapped[str] = mapped_column(String(64), default="")
    succeeded: Mapped[int] = mapped_column(default=0)
    succeeded_amount: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    failed: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class BankBatchRow(Base):
    """One unit of a batch: what was asked for, and the bank's answer (``status`` sent → paid | failed)."""

    __tablename__ = "bank_batch_rows"
    __table_args__ = (UniqueConstraint("batch_id", "row_no"), Index("ix_bank_batch_rows_unit", "unit_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("bank_batches.id"))
    row_no: Mapped[int]
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    agreement_id: Mapped[int] = mapped_column(ForeignKey("bank_agreements.id"))
    holder: Mapped[str] = mapped_column(String(64))
    bank: Mapped[str] = mapped_column(String(64))
    account_no: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Decimal]
    status: Mapped[str] = mapped_column(String(16), default="sent")
    reason: Mapped[str] = mapped_column(Text, default="")
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
