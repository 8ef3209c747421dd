"""外包维保: outsourced maintenance vendors with their contracts, visits accepted (验收) with a rating,
a monthly score per vendor and contract-expiry warnings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Integer, func, select
from sqlalchemy.orm import Session

from app.errors import FieldError, StateError
from app.models import Equipment, EquipmentSystem, Vendor, VendorVisit
from app.services.register_base import Cleaner, Filters, RegisterService, load_versioned, month_range
from app.validators import clean_code, normalize_phone

EXPIRY_WARNING_DAYS = 60


@dataclass(frozen=True)
class VendorRow:
    id: int
    name: str
    system: str
    scope: str
    contact: str
    phone: str
    contract_no: str
    contract_start: date | None
    contract_end: date | None
    contract_amount: Decimal | None
    days_left: int | None  # until the contract ends (negative: expired)
    version: int

    @property
    def expiring(self) -> bool:
        return self.days_left is not None and self.days_left <= EXPIRY_WARNING_DAYS


@dataclass(frozen=True)
class VisitRow:
    id: int
    vendor_id: int
    vendor: str
    equipment_id: int | None
    equipment: str
    visited_on: date
    technician: str
    work: str
    accepted: bool
    accepted_by: str
    accepted_on: date | None
    rating: int | None
    acceptance_note: str
    version: int


@dataclass(frozen=True)
class VendorScore:
    vendor_id: int
    vendor: str
    month: str  # YYYY-MM
    visits: int
    accepted: int
    average: Decimal | None  # mean rating of the accepted visits


class VendorService(RegisterService):
    model = Vendor
    what = "外包单位"
    view_permission = "equipment.view"
    manage_permission = "equipment.manage"
    search_columns = (Vendor.name, Vendor.scope, Vendor.contact, Vendor.contract_no)
    sort_columns = {"name": Vendor.name, "system": Vendor.system, "contract_end": Vendor.contract_end}
    filter_columns = {"system": Vendor.system}
    default_sort = "name"
    form_fields = ("name", "system", "scope", "contact", "phone", "contract_no", "contract_start", "contract_end",
                   "contract_amount", "notes")

    def conditions(self, filters: Filters):
        where = super().conditions(filters)
        if (filters or {}).get("expiring"):
            where.append(Vendor.contract_end <= self.ctx.clock().date() + timedelta(days=EXPIRY_WARNING_DAYS))
        return where

    def to_row(self, s: Session, v: Vendor) -> VendorRow:
        today = self.ctx.clock().date()
        left = (v.contract_end - today).days if v.contract_end else None
        return VendorRow(v.id, v.name, v.system, v.scope, v.contact, v.phone, v.contract_no, v.contract_start,
                         v.contract_end, v.contract_amount, left, v.version)

    def clean(self, s: Session, values: Mapping[str, object], obj: Vendor | None) -> dict:
        c = Cleaner(values)
        name = c.text("name", "单位名称", required=True)
        phone = clean_code(values.get("phone"))
        if phone:
            try:
                phone = normalize_phone(phone)
            except ValueError as exc:
                c.fail("phone", f"电话{exc}")
        start, end = c.date("contract_start", "合同开始"), c.date("contract_end", "合同结束")
        if start and end and end < start:
            c.fail("contract_end", "合同结束不能早于开始")
        if name:
            clash = s.scalar(select(Vendor.id).where(Vendor.name == name))
            if clash is not None and (obj is None or clash != obj.id):
                c.fail("name", f"外包单位“{name}”已存在")
        return c.done(name=name, system=c.choice("system", "维保系统", EquipmentSystem),
                      scope=c.text("scope", "服务内容", max_len=128), contact=c.text("contact", "联系人"),
                      phone=phone, contract_no=c.text("contract_no", "合同编号", max_len=32), contract_start=start,
                      contract_end=end, contract_amount=c.money("contract_amount", "合同金额"),
                      notes=c.note("notes", "备注"))

    def choices(self) -> list[tuple[str, int]]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            return [(name, i) for i, name in s.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name))]

    def expiring(self) -> list[VendorRow]:
        """Contracts ending within EXPIRY_WARNING_DAYS (or already ended), soonest first."""
        return self.list({"expiring": True}, 0, 1000, "contract_end")

    # ---- visits
    def visits(self, vendor_id: int | None = None, month: str | None = None) -> list[VisitRow]:
        self.ctx.require(self.view_permission)
        stmt = (select(VendorVisit, Vendor.name, Equipment.code, Equipment.name).select_from(VendorVisit)
                .join(Vendor, Vendor.id == VendorVisit.vendor_id)
                .outerjoin(Equipment, Equipment.id == VendorVisit.equipment_id)
                .order_by(VendorVisit.visited_on.desc(), VendorVisit.id.desc()))
        if vendor_id:
            stmt = stmt.where(VendorVisit.vendor_id == vendor_id)
        if month:
            first, after = month_range(month)
            stmt = stmt.where(VendorVisit.visited_on >= first, VendorVisit.visited_on < after)
        with self.ctx.read() as s:
            return [VisitRow(v.id, v.vendor_id, vendor, v.equipment_id, f"{code} {name}" if code else "",
                             v.visited_on, v.technician, v.work, v.accepted, v.accepted_by, v.accepted_on,
                             v.rating, v.acceptance_note, v.version)
                    for v, vendor, code, name in s.execute(stmt)]

    def record_visit(self, values: Mapping[str, object]) -> int:
        """A vendor's visit: date, technician, work done, optionally the item worked on."""
        self.ctx.require("maintenance.record")
        c = Cleaner(values)
        cleaned = c.done(vendor_id=c.ref("vendor_id", "外包单位", required=True),
                         equipment_id=c.ref("equipment_id", "设备"),
                         visited_on=c.date("visited_on", "来访日期", required=True),
                         technician=c.text("technician", "维保人员"),
                         work=c.text("work", "维保内容", required=True, max_len=500))
        with self.ctx.write() as s:
            if s.get(Vendor, cleaned["vendor_id"]) is None:
                raise FieldError({"vendor_id": "所选外包单位不存在"})
            visit = VendorVisit(**cleaned)
            s.add(visit)
            s.flush()
            return visit.id

    def accept_visit(self, visit_id: int, rating: object, note: str = "", version: object = None) -> None:
        """验收 a visit with a rating 1–5 (a rating ≤ 2 needs a note saying what was wrong)."""
        self.ctx.require("equipment.manage")
        c = Cleaner({"rating": rating, "note": note})
        score = c.integer("rating", "评分", required=True, minimum=1, maximum=5)
        text = c.text("note", "验收意见", max_len=500)
        if score is not None and score <= 2 and not text:
            c.fail("note", "评分2分及以下请写明问题")
        c.done()
        with self.ctx.write() as s:
            visit = load_versioned(s, VendorVisit, visit_id, version, "来访记录")
            if visit.accepted:
                raise StateError("该来访记录已验收")
            visit.accepted, visit.rating, visit.acceptance_note = True, score, text
            visit.accepted_by = self.ctx.actor.display_name
            visit.accepted_on = self.ctx.clock().date()

    def monthly_scores(self, month: str) -> list[VendorScore]:
        """Per vendor for a month (YYYY-MM): visits, accepted ones and their mean rating."""
        self.ctx.require(self.view_permission)
        first, after = month_range(month)
        with self.ctx.read() as s:
            stmt = (select(Vendor.id, Vendor.name, func.count(VendorVisit.id),
                           func.sum(func.cast(VendorVisit.accepted, Integer)),
                           func.avg(VendorVisit.rating))
                    .join(VendorVisit, VendorVisit.vendor_id == Vendor.id)
                    .where(VendorVisit.visited_on >= first, VendorVisit.visited_on < after)
                    .group_by(Vendor.id, Vendor.name).order_by(Vendor.name))
            return [VendorScore(i, name, month, int(n), int(acc or 0),
                                None if avg is None else Decimal(str(avg)).quantize(Decimal("0.1")))
                    for i, name, n, acc, avg in s.execute(stmt)]

