"""换表 and 表满归零 (issue 14): usage across a meter replacement, and across a meter that wraps to 0.

A replacement is recorded for the reading period it falls in (between the last reading and this one) with the
old meter's final reading and the new one's starting reading: usage = (old final − last) + (this − new start).
A metered item may have a ``meter_max`` (表满量程, e.g. 10000 for a 4-digit meter): a reading below the last
one then means the meter went round: usage = this + max − last. Without either, a lower reading is refused.
Both :meth:`BillingService.save_readings` and the billing run go through :func:`meter_usage`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound
from app.models import ChargeMethod, FeeItem, MeterChange, Unit
from app.money import to_money
from app.services.context import ServiceContext
from app.validators import clean_text, parse_date


def meter_usage(previous: Decimal, reading: Decimal, change: tuple[Decimal, Decimal] | None = None,
                meter_max: Decimal | None = None) -> tuple[Decimal, str]:
    """(usage, the text that explains it); ValueError with a Chinese message when the reading cannot be."""
    if change is not None:
        old_final, new_start = change
        if old_final < previous:
            raise ValueError(f"换表时旧表止码 {old_final} 小于上次读数 {previous}")
        if reading < new_start:
            raise ValueError(f"读数 {reading} 小于换表时新表起码 {new_start}")
        usage = old_final - previous + reading - new_start
        return usage, f"旧表{old_final}−{previous}+新表{reading}−{new_start}={usage}"
    if reading >= previous:
        usage = reading - previous
        return usage, f"{reading}−{previous}={usage}"
    if meter_max is not None and previous < meter_max:
        usage = reading + meter_max - previous
        return usage, f"{reading}+{meter_max}(归零)−{previous}={usage}"
    raise ValueError(f"读数 {reading} 小于上次读数 {previous}; 如已换表请先登记换表, 表满归零请设置该项目的表满量程")


def changes_of(s: Session, item_id: int, period: str, unit_ids=None) -> dict[int, tuple[Decimal, Decimal]]:
    stmt = select(MeterChange.unit_id, MeterChange.old_final, MeterChange.new_start).where(
        MeterChange.item_id == item_id, MeterChange.period == period)
    if unit_ids is not None:
        stmt = stmt.where(MeterChange.unit_id.in_(list(unit_ids)))
    return {u: (o, n) for u, o, n in s.execute(stmt)}


@dataclass(frozen=True)
class MeterChangeRow:
    id: int
    item_id: int
    unit_id: int
    period: str
    changed_on: date
    old_final: Decimal
    new_start: Decimal
    note: str


class MeterService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def record_change(self, item_id: int, unit_id: int, period: str, changed_on: object, old_final: object,
                      new_start: object, note: str = "") -> int:
        """登记换表 for ``period``'s reading (``fees.billing``); the old final may not be below the last reading.
        Recording it again for the same period corrects it."""
        from app.services.fees_billing import BillingService, period_or_error
        from app.services.fees_periods import guard_open_period

        self.ctx.require("fees.billing")
        period = period_or_error(period)
        errors: dict[str, str] = {}
        values: dict[str, Decimal] = {}
        for key, raw, label in (("old_final", old_final, "旧表止码"), ("new_start", new_start, "新表起码")):
            try:
                value = Decimal(clean_text(raw).replace(",", ""))
                if not value.is_finite() or value < 0:
                    raise ValueError
                values[key] = to_money(value)
            except (ArithmeticError, ValueError):
                errors[key] = f"{label}无效: {raw!r}"
        try:
            day = parse_date(changed_on)
        except ValueError as exc:
            errors["changed_on"] = f"换表日期: {exc}"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            guard_open_period(s, period, what="登记换表")
            item = s.get(FeeItem, item_id)
            if item is None or item.method != ChargeMethod.METERED:
                raise FieldError({"item": "请选择按抄表计费的项目"})
            if s.get(Unit, unit_id) is None:
                raise NotFound("房屋不存在或已被删除")
            previous = BillingService._previous_readings(s, item_id, period, [unit_id]).get(unit_id)
            if previous is not None and values["old_final"] < previous:
                raise FieldError({"old_final": f"旧表止码 {values['old_final']} 小于上次读数 {previous}"})
            row = s.scalar(select(MeterChange).where(MeterChange.item_id == item_id, MeterChange.unit_id == unit_id,
                                                     MeterChange.period == period))
            if row is None:
                row = MeterChange(item_id=item_id, unit_id=unit_id, period=period)
                s.add(row)
            row.changed_on, row.old_final, row.new_start, row.note = (day, values["old_final"], values["new_start"],
                                                                      clean_text(note))
            s.flush()
            return row.id

    def changes(self, unit_id: int) -> list[MeterChangeRow]:
        self.ctx.require("fees.billing")
        with self.ctx.read() as s:
            return [MeterChangeRow(c.id, c.item_id, c.unit_id, c.period, c.changed_on, c.old_final, c.new_start,
                                   c.note)
                    for c in s.scalars(select(MeterChange).where(MeterChange.unit_id == unit_id)
                                       .order_by(MeterChange.period))]

    def sheet(self, item_id: int, period: str, building_id: int | None = None) -> list[SheetRow]:
        """The readings grid of a building for ``period`` (``fees.billing``)."""
        from app.services.fees_billing import period_or_error

        self.ctx.require("fees.billing")
        period = period_or_error(period)
        with self.ctx.read() as s:
            return readings_sheet(s, item_id, period, building_id)

    def set_meter_max(self, item_id: int, value: object) -> Decimal | None:
        """表满量程 of a metered item's meters (``fees.items``): a reading below the last one then wraps."""
        self.ctx.require("fees.items")
        text = clean_text(value or "")
        try:
            meter_max = to_money(Decimal(text)) if text else None
            if meter_max is not None and (not meter_max.is_finite() or meter_max <= 0):
                raise ValueError
        except (ArithmeticError, ValueError):
            raise FieldError({"meter_max": f"表满量程无效: {value!r}"}) from None
        with self.ctx.write() as s:
            item = s.get(FeeItem, item_id)
            if item is None or item.method != ChargeMethod.METERED:
                raise FieldError({"item": "请选择按抄表计费的项目"})
            item.meter_max = meter_max
        return meter_max


@dataclass(frozen=True)
class SheetRow:
    """One unit of the readings grid: what the reader needs to see before typing this period's reading."""

    unit_id: int
    room: str
    last_reading: Decimal | None
    average: Decimal | None  # mean usage of the earlier periods
    reading: Decimal | None  # already stored for this period
    change: tuple[Decimal, Decimal] | None
    meter_max: Decimal | None

    def check(self, value: Decimal) -> tuple[Decimal | None, str]:
        """(usage, a warning): refused readings (negative usage) and outliers (> 3 × the average) named."""
        if self.last_reading is None:
            return None, ""
        try:
            usage, _ = meter_usage(self.last_reading, value, self.change, self.meter_max)
        except ValueError as exc:
            return None, str(exc)
        if self.average and usage > 3 * self.average:
            return usage, f"用量 {usage} 超过平均 {self.average} 的3倍, 请核对"
        return usage, ""


def natural(text: str) -> tuple:
    """Sort key reading digit runs as numbers: 2栋 before 10栋, 902 before 1001."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text or "") if part)


def readings_sheet(s: Session, item_id: int, period: str, building_id: int | None) -> list[SheetRow]:
    """The building's units in room order with their last reading, average usage and this period's reading."""
    from app.models import Building, MeterReading
    from app.search import unit_code

    stmt = select(Unit.id, Building.name, Unit.unit_no, Unit.room_no, Unit.floor).join(Building)
    if building_id is not None:
        stmt = stmt.where(Unit.building_id == building_id)
    units = sorted(s.execute(stmt).all(),
                   key=lambda u: (natural(u.name), natural(u.unit_no), u.floor or 0, natural(u.room_no)))
    ids = [u.id for u in units]
    history: dict[int, list[tuple[str, Decimal]]] = {}
    for unit_id, p, reading in s.execute(
        select(MeterReading.unit_id, MeterReading.period, MeterReading.reading)
        .where(MeterReading.item_id == item_id, MeterReading.unit_id.in_(ids), MeterReading.period <= period)
        .order_by(MeterReading.unit_id, MeterReading.period)
    ):
        history.setdefault(unit_id, []).append((p, reading))
    changes = changes_of(s, item_id, period, ids)
    meter_max = s.scalar(select(FeeItem.meter_max).where(FeeItem.id == item_id))
    rows = []
    for u in units:
        past = history.get(u.id, [])
        current = past[-1][1] if past and past[-1][0] == period else None
        before = [r for p, r in past if p < period]
        steps = [b - a for a, b in zip(before, before[1:], strict=False) if b >= a]
        average = to_money(sum(steps) / len(steps)) if steps else None
        rows.append(SheetRow(u.id, unit_code(u.name, u.unit_no, u.room_no), before[-1] if before else None,
                             average, current, changes.get(u.id), meter_max))
    return rows


def resolve_rooms(s: Session, text: object, field: str = "rooms") -> list[int]:
    """Room codes typed in a form ("1-1-101, 1-1-102") → unit ids, in the order typed; unknown ones named."""
    from app.models import Building
    from app.search import normalise_query, unit_code

    typed = [c for c in re.split(r"[,，、;；\s]+", clean_text(text or "")) if c]
    known = {unit_code(b, u, r).lower(): uid for uid, b, u, r in
             s.execute(select(Unit.id, Building.name, Unit.unit_no, Unit.room_no).join(Building))}
    missing = [c for c in typed if normalise_query(c) not in known]
    if missing:
        raise FieldError({field: f"房号不存在: {'、'.join(missing[:10])} (请写成 3-1-1502)"})
    return list(dict.fromkeys(known[normalise_query(c)] for c in typed))
