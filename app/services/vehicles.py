"""Vehicles at the gate: entry/exit by plate, owners' cars recognised from the archive, temporary parking
charged on exit by the parking rule and paid with a receipt (the fee counter's receipt layout, numbered gap-free),
cars overstaying, and parking-space occupancy.

The rule (setting ``parking.rule``, JSON): ``free_minutes`` grace (a stay within it is free; longer stays are
charged from the start), ``per_hour`` for each started hour, ``daily_cap`` per started 24 hours, and
``overstay_hours`` after which a temporary car is listed as overstaying.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Select, func, or_, select

from app.errors import FieldError, NotFound, StateError
from app.models import FEE_LABELS, ParkingSpace, PayMethod, Person, Setting, Vehicle, VehiclePass
from app.money import to_money
from app.services.context import ServiceContext
from app.services.fees_payments import unit_labels
from app.services.order_common import count, page
from app.services.sequences import next_number
from app.validators import clean_text, normalize_plate

RULE_KEY = "parking.rule"
# Parking receipts are numbered by the same gap-free sequence machinery as the fee counter's receipts, in a
# book of their own (TC…): the counter's book (SJ…) must stay gap-free over its payments (``fees check``).
RECEIPT_SEQUENCE, RECEIPT_PREFIX = "parking_receipt", "TC"


@dataclass(frozen=True)
class ParkingRule:
    free_minutes: int = 30
    per_hour: Decimal = Decimal("5.00")
    daily_cap: Decimal = Decimal("40.00")
    overstay_hours: int = 24

    def fee(self, minutes: int) -> Decimal:
        """The fee of a stay of ``minutes``: free within the grace period, else per started hour, capped per day."""
        if minutes <= self.free_minutes:
            return Decimal("0.00")
        days, rest = divmod(minutes, 24 * 60)
        part = min(self.daily_cap, self.per_hour * math.ceil(rest / 60)) if rest else Decimal("0.00")
        return to_money(self.daily_cap * days + part)


@dataclass(frozen=True)
class PassRow:
    id: int
    plate: str
    owner: str  # "3-1-1502 张三" for an owner's car, "" for a temporary one
    entered_at: datetime
    left_at: datetime | None
    minutes: int
    fee: Decimal | None
    receipt_no: str
    overstaying: bool

    @property
    def temporary(self) -> bool:
        return not self.owner


@dataclass(frozen=True)
class ParkingOccupancy:
    spaces: int
    owners_inside: int
    temporary_inside: int
    overstaying: int

    @property
    def free(self) -> int:
        return max(0, self.spaces - self.owners_inside - self.temporary_inside)


class VehicleService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- the rule
    def rule(self) -> ParkingRule:
        with self.ctx.read() as s:
            stored = s.get(Setting, RULE_KEY)
        if stored is None or not stored.value:
            return ParkingRule()
        data = json.loads(stored.value)
        return ParkingRule(int(data["free_minutes"]), Decimal(data["per_hour"]), Decimal(data["daily_cap"]),
                           int(data["overstay_hours"]))

    def set_rule(self, free_minutes: object, per_hour: object, daily_cap: object, overstay_hours: object) -> None:
        from app.services.audit import log_event

        self.ctx.require("order.setup")
        errors: dict[str, str] = {}
        values = {}
        for key, raw, label, kind in (("free_minutes", free_minutes, "免费时长(分钟)", int),
                                      ("per_hour", per_hour, "每小时收费", Decimal),
                                      ("daily_cap", daily_cap, "每日封顶", Decimal),
                                      ("overstay_hours", overstay_hours, "超时提醒(小时)", int)):
            try:
                value = int(clean_text(raw)) if kind is int else to_money(raw)
                if value < 0:
                    raise ValueError
                values[key] = value
            except (ValueError, ArithmeticError):
                errors[key] = f"{label}应为不小于0的数字"
        if errors:
            raise FieldError(errors)
        text = json.dumps({k: str(v) for k, v in asdict(ParkingRule(**values)).items()})
        with self.ctx.write() as s:
            old = s.get(Setting, RULE_KEY)
            before = old.value if old else None
            s.merge(Setting(key=RULE_KEY, value=text))
            log_event(s, "update", "settings", {RULE_KEY: [before, text]}, summary="临时停车收费规则")

    # ---- lists
    def _query(self, query: str = "", inside_only: bool = False, temporary_only: bool = False,
               overstaying_only: bool = False) -> Select:
        stmt = select(VehiclePass)
        text = clean_text(query).upper()
        if text:
            stmt = stmt.where(or_(VehiclePass.plate.like(f"%{text}%"), VehiclePass.receipt_no.like(f"%{text}%")))
        if inside_only or overstaying_only:
            stmt = stmt.where(VehiclePass.left_at.is_(None))
        if temporary_only or overstaying_only:
            stmt = stmt.where(VehiclePass.vehicle_id.is_(None))
        if overstaying_only:
            limit = self.ctx.clock() - _hours(self.rule().overstay_hours)
            stmt = stmt.where(VehiclePass.entered_at < limit)
        return stmt

    def count(self, query: str = "", **flags: bool) -> int:
        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            return count(s, self._query(query, **flags))

    def list(self, query: str = "", offset: int = 0, limit: int = 200, **flags: bool) -> list[PassRow]:
        self.ctx.require("order.desk")
        rule = self.rule()
        stmt = self._query(query, **flags).order_by(VehiclePass.entered_at.desc(), VehiclePass.id.desc())
        with self.ctx.read() as s:
            return self._rows(s, page(s, stmt, offset, limit), rule)

    def get(self, pass_id: int) -> PassRow:
        self.ctx.require("order.desk")
        rule = self.rule()
        with self.ctx.read() as s:
            return self._rows(s, [self._load(s, pass_id)], rule)[0]

    @staticmethod
    def _load(s, pass_id: int) -> VehiclePass:
        found = s.get(VehiclePass, pass_id)
        if found is None:
            raise NotFound("车辆出入记录不存在")
        return found

    def _rows(self, s, passes: list[VehiclePass], rule: ParkingRule) -> list[PassRow]:
        now = self.ctx.clock()
        owners = self._owners(s, [p.vehicle_id for p in passes if p.vehicle_id])
        rows = []
        for p in passes:
            minutes = _minutes(p.entered_at, p.left_at or now)
            fee = p.fee if p.left_at else (None if p.vehicle_id else rule.fee(minutes))
            overstaying = p.left_at is None and p.vehicle_id is None and minutes > rule.overstay_hours * 60
            rows.append(PassRow(p.id, p.plate, owners.get(p.vehicle_id, ""), p.entered_at, p.left_at, minutes, fee,
                                p.receipt_no or "", overstaying))
        return rows

    @staticmethod
    def _owners(s, vehicle_ids: list[int]) -> dict[int, str]:
        if not vehicle_ids:
            return {}
        found = s.execute(select(Vehicle.id, Vehicle.unit_id, Person.name).outerjoin(Person)
                          .where(Vehicle.id.in_(vehicle_ids))).all()
        units = unit_labels(s, [u for _v, u, _n in found if u])
        return {vid: " ".join(filter(None, [units.get(uid, ("", ""))[0], name or ""])) or "业主车辆"
                for vid, uid, name in found}

    def occupancy(self) -> ParkingOccupancy:
        self.ctx.require("order.desk")
        rule = self.rule()
        limit = self.ctx.clock() - _hours(rule.overstay_hours)
        inside = VehiclePass.left_at.is_(None)
        with self.ctx.read() as s:
            spaces = s.scalar(select(func.count(ParkingSpace.id))) or 0
            owners = s.scalar(select(func.count()).where(inside, VehiclePass.vehicle_id.is_not(None))) or 0
            temporary = s.scalar(select(func.count()).where(inside, VehiclePass.vehicle_id.is_(None))) or 0
            over = s.scalar(select(func.count()).where(inside, VehiclePass.vehicle_id.is_(None),
                                                       VehiclePass.entered_at < limit)) or 0
        return ParkingOccupancy(spaces, owners, temporary, over)

    # ---- moves
    def enter(self, plate: object, note: str = "") -> PassRow:
        """A car comes in: an owner's car (by plate, from the archive) or a temporary one."""
        self.ctx.require("order.desk")
        try:
            plate = normalize_plate(plate)
        except ValueError as exc:
            raise FieldError({"plate": f"车牌{exc}"}) from None
        now = self.ctx.clock()
        with self.ctx.write() as s:
            inside = s.scalar(select(VehiclePass).where(VehiclePass.plate == plate, VehiclePass.left_at.is_(None)))
            if inside is not None:
                raise StateError(f"{plate} 已于 {inside.entered_at:%m-%d %H:%M} 入场, 尚未出场")
            vehicle_id = s.scalar(select(Vehicle.id).where(Vehicle.plate == plate))
            entry = VehiclePass(plate=plate, vehicle_id=vehicle_id, entered_at=now, note=clean_text(note))
            s.add(entry)
            s.flush()
            return self._rows(s, [entry], self.rule())[0]

    def find_inside(self, plate: object) -> PassRow:
        """The car with this plate now inside (for 出场 by typing the plate)."""
        self.ctx.require("order.desk")
        try:
            plate = normalize_plate(plate)
        except ValueError as exc:
            raise FieldError({"plate": f"车牌{exc}"}) from None
        with self.ctx.read() as s:
            found = s.scalar(select(VehiclePass).where(VehiclePass.plate == plate, VehiclePass.left_at.is_(None)))
            if found is None:
                raise NotFound(f"场内没有车牌 {plate} 的车辆")
            return self._rows(s, [found], self.rule())[0]

    def leave(self, pass_id: int, method: str = PayMethod.CASH, expected_fee: object = None) -> PassRow:
        """A car goes out. A temporary car pays the rule's fee (``expected_fee`` is what the guard was shown:
        if time moved it on, nothing is taken and the new fee is reported) and gets a receipt number."""
        self.ctx.require("order.desk")
        rule = self.rule()
        now = self.ctx.clock()
        with self.ctx.write() as s:
            entry = self._load(s, pass_id)
            if entry.left_at is not None:
                raise StateError(f"{entry.plate} 已于 {entry.left_at:%m-%d %H:%M} 出场")
            fee = Decimal("0.00") if entry.vehicle_id else rule.fee(_minutes(entry.entered_at, now))
            if expected_fee is not None and to_money(expected_fee) != fee:
                raise StateError(f"停车费已变为 {fee} 元, 请重新确认后收费。未收款。")
            entry.left_at, entry.fee = now, fee
            if fee > 0:
                self.ctx.require("parking.collect")
                if method not in set(PayMethod):
                    raise FieldError({"method": "请选择付款方式"})
                entry.pay_method = method
                entry.receipt_no = next_number(s, RECEIPT_SEQUENCE, RECEIPT_PREFIX, now)
            s.flush()
            return self._rows(s, [entry], rule)[0]

    def receipt(self, pass_id: int):
        """The receipt of a paid temporary stay, in the fee counter's receipt layout (``app.pdf.receipt``)."""
        from app.services.audit import AuditService
        from app.services.fees_payments import ReceiptData, ReceiptLine
        from app.services.property import PropertyService

        self.ctx.require("order.desk")
        with self.ctx.read() as s:
            entry = self._load(s, pass_id)
            if not entry.receipt_no:
                raise StateError(f"{entry.plate} 本次停车未收费, 没有收据")
            duration = _duration_text(_minutes(entry.entered_at, entry.left_at))
            data = ReceiptData(
                property_name=PropertyService(self.ctx).property_name(), receipt_no=entry.receipt_no,
                paid_at=entry.left_at, unit_label=f"临时车 {entry.plate}", payer=entry.plate,
                method_label=FEE_LABELS.get(entry.pay_method, entry.pay_method),
                lines=(ReceiptLine(f"{entry.entered_at:%m-%d %H:%M}至{entry.left_at:%H:%M}", "临时停车费",
                                   duration, entry.fee),),
                to_prepaid=Decimal("0.00"), prepaid_used=Decimal("0.00"), amount=entry.fee,
                operator_name=self.ctx.actor.display_name, note="",
            )
        AuditService(self.ctx).record("print", "vehicle_passes", {"receipt_no": data.receipt_no},
                                      entity_id=pass_id, summary=f"收据 {data.receipt_no}")
        return data

    def receipt_pdf(self, pass_id: int) -> bytes:
        from app.pdf.receipt import render_receipt

        return render_receipt(self.receipt(pass_id))


def _minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _hours(hours: int) -> timedelta:

    return timedelta(hours=hours)


def _duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"停车 {hours}小时{rest}分" if hours else f"停车 {rest}分钟"
