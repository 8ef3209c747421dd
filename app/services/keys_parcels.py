"""Keys and parcels at the desk: keys (an owner's, or a common room's) lent and returned with the signer's
name; parcels received, the recipient notified, then picked up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select

from app.errors import NotFound, StateError
from app.models import KeyLoan, Parcel
from app.services.context import ServiceContext
from app.services.fees_payments import unit_labels
from app.services.order_common import Checker, count, page, resolve_unit
from app.validators import normalize_phone


@dataclass(frozen=True)
class KeyRow:
    id: int
    key_name: str
    borrower: str
    phone: str
    lent_at: datetime
    returned_at: datetime | None
    returned_by: str


@dataclass(frozen=True)
class ParcelRow:
    id: int
    unit: str
    recipient: str
    carrier: str
    tracking_no: str
    received_at: datetime
    notified_at: datetime | None
    picked_up_at: datetime | None
    picked_up_by: str

    @property
    def status(self) -> str:
        return "picked_up" if self.picked_up_at else ("notified" if self.notified_at else "received")


class KeysParcelsService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- keys
    @staticmethod
    def _keys(out_only: bool) -> Select:
        stmt = select(KeyLoan)
        return stmt.where(KeyLoan.returned_at.is_(None)) if out_only else stmt

    def count_keys(self, out_only: bool = False) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._keys(out_only))

    def list_keys(self, out_only: bool = False, offset: int = 0, limit: int = 200) -> list[KeyRow]:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            loans = page(s, self._keys(out_only).order_by(KeyLoan.lent_at.desc(), KeyLoan.id.desc()), offset, limit)
            return [KeyRow(k.id, k.key_name, k.borrower, self.ctx.show_phone(k.phone), k.lent_at, k.returned_at,
                           k.returned_by) for k in loans]

    def lend_key(self, values: Mapping[str, object]) -> int:
        """借出: the key's name (e.g. 3-1-1502 业主寄存 / 配电房) and the borrower, who signs for it."""
        self.ctx.require("order.desk")
        check = Checker(values)
        key_name = check.text("key_name", "钥匙", required=True)
        borrower = check.text("borrower", "借用人(签字)", required=True)
        phone = check("phone", normalize_phone, values.get("phone"), "手机号", optional=True) or ""
        check.done()
        with self.ctx.write() as s:
            out = s.scalar(select(KeyLoan).where(KeyLoan.key_name == key_name, KeyLoan.returned_at.is_(None)))
            if out is not None:
                raise StateError(f"钥匙“{key_name}”已由 {out.borrower} 于 {out.lent_at:%m-%d %H:%M} 借出, 尚未归还")
            loan = KeyLoan(key_name=key_name, borrower=borrower, phone=phone, lent_at=self.ctx.clock())
            s.add(loan)
            s.flush()
            return loan.id

    def return_key(self, loan_id: int, returned_by: str) -> None:
        self.ctx.require("order.desk")
        check = Checker({"returned_by": returned_by})
        signer = check.text("returned_by", "归还人(签字)", required=True)
        check.done()
        with self.ctx.write() as s:
            loan = s.get(KeyLoan, loan_id)
            if loan is None:
                raise NotFound("钥匙借用记录不存在")
            if loan.returned_at is not None:
                raise StateError(f"钥匙“{loan.key_name}”已于 {loan.returned_at:%m-%d %H:%M} 归还")
            loan.returned_at, loan.returned_by = self.ctx.clock(), signer

    # ---- parcels
    @staticmethod
    def _parcels(waiting_only: bool) -> Select:
        stmt = select(Parcel)
        return stmt.where(Parcel.picked_up_at.is_(None)) if waiting_only else stmt

    def count_parcels(self, waiting_only: bool = False) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._parcels(waiting_only))

    def list_parcels(self, waiting_only: bool = False, offset: int = 0, limit: int = 200) -> list[ParcelRow]:
        self.ctx.require("order.desk")
        stmt = self._parcels(waiting_only).order_by(Parcel.received_at.desc(), Parcel.id.desc())
        with self.ctx.read() as s:
            parcels = page(s, stmt, offset, limit)
            units = unit_labels(s, [p.unit_id for p in parcels if p.unit_id])
            return [ParcelRow(p.id, units.get(p.unit_id, ("", ""))[0], p.recipient, p.carrier, p.tracking_no,
                              p.received_at, p.notified_at, p.picked_up_at, p.picked_up_by) for p in parcels]

    def receive_parcel(self, values: Mapping[str, object]) -> int:
        self.ctx.require("order.desk")
        check = Checker(values)
        recipient = check.text("recipient", "收件人", required=True)
        unit_id = resolve_unit(self.ctx, values.get("unit"), check.errors)
        carrier = check.text("carrier", "快递公司", max_len=32)
        tracking = check.text("tracking_no", "单号", max_len=64)
        check.done()
        with self.ctx.write() as s:
            parcel = Parcel(unit_id=unit_id, recipient=recipient, carrier=carrier, tracking_no=tracking,
                            received_at=self.ctx.clock())
            s.add(parcel)
            s.flush()
            return parcel.id

    def _parcel(self, s, parcel_id: int) -> Parcel:
        parcel = s.get(Parcel, parcel_id)
        if parcel is None:
            raise NotFound("快递记录不存在")
        if parcel.picked_up_at is not None:
            raise StateError(f"快递已于 {parcel.picked_up_at:%m-%d %H:%M} 由 {parcel.picked_up_by} 取走")
        return parcel

    def notify_parcel(self, parcel_id: int) -> None:
        self.ctx.require("order.desk")
        with self.ctx.write() as s:
            self._parcel(s, parcel_id).notified_at = self.ctx.clock()

    def pick_up_parcel(self, parcel_id: int, picked_up_by: str) -> None:
        self.ctx.require("order.desk")
        check = Checker({"picked_up_by": picked_up_by})
        signer = check.text("picked_up_by", "取件人(签字)", required=True)
        check.done()
        with self.ctx.write() as s:
            parcel = self._parcel(s, parcel_id)
            parcel.picked_up_at, parcel.picked_up_by = self.ctx.clock(), signer
