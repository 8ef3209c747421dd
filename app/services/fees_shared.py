"""公摊 (shared meters, issue 14): a master meter's usage less its sub-meters, apportioned to the units it serves.

Per period: usage = master usage − Σ sub-meter usages of the units in scope (换表 and 表满归零 as for any
metered item); a negative result is refused. The amount (usage × price, rounded half-up to the fen) is split
by building area or equally: each part is first cut down to the fen, then the fens left over go one each to
the parts that lost the most in the cut (ties: room order), so the parts always add up to the amount
(:func:`split_cents`). Each unit gets its own line on its bill of the period, under the meter's fee item,
with the formula as the line's description. :meth:`SharedMeterService.post` replaces the meter's unpaid lines
of the period in place (running it twice changes nothing) and refuses once one of them is paid or the period
is closed (月结).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, StateError
from app.models import (
    Allocation,
    Bill,
    BillLine,
    Building,
    ChargeMethod,
    FeeItem,
    FeeKind,
    MeterReading,
    ShareBasis,
    SharedMeter,
    SharedMeterLine,
    SharedMeterReading,
    SharedMeterUnit,
    ShareScope,
    Unit,
)
from app.money import FEN, ZERO, to_money
from app.services.context import ServiceContext
from app.services.fees_meters import changes_of, meter_usage, natural, resolve_rooms
from app.validators import clean_text


def split_cents(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``total`` split in proportion to ``weights``, to the fen, the parts adding up to ``total`` exactly:
    each part is cut down to the fen, then the fens left over go one each to the parts with the largest
    cut-off remainders (ties: the earlier part)."""
    whole = sum(weights, ZERO)
    if not weights or whole <= 0:
        return [ZERO for _ in weights]
    exact = [total * w / whole for w in weights]
    parts = [e.quantize(FEN, rounding=ROUND_DOWN) for e in exact]
    left = int((total - sum(parts, ZERO)) / FEN)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += FEN
    return parts


def fmt_qty(value: Decimal) -> str:
    """1250.00 → 1,250; 89.50 → 89.5 (how the formula on a bill writes a quantity)."""
    text = f"{value.normalize():,f}"
    return text


@dataclass(frozen=True)
class SharedMeterRow:
    id: int
    name: str
    item_id: int
    item_name: str
    sub_item_id: int | None
    sub_item_name: str
    basis: str
    unit_price: Decimal
    scope: str
    building_id: int | None
    building_name: str
    unit_ids: tuple[int, ...]
    rooms: str  # the chosen units' room codes, for the form
    active: bool
    notes: str
    version: int
    last_period: str  # of its latest reading
    last_reading: Decimal | None

    @property
    def scope_text(self) -> str:
        if self.scope == ShareScope.BUILDING:
            return self.building_name
        if self.scope == ShareScope.UNITS:
            return f"指定 {len(self.unit_ids)} 户"
        return "全小区"


@dataclass(frozen=True)
class SharePart:
    unit_id: int
    room: str
    weight: Decimal  # area (㎡) or 1
    sub_usage: Decimal | None  # the unit's own sub-meter usage
    quantity: Decimal  # its share of the usage
    amount: Decimal
    formula: str
    posted: Decimal | None = None  # amount on its line now (None: not posted)
    paid: Decimal = ZERO


@dataclass(frozen=True)
class Apportionment:
    meter_id: int
    meter_name: str
    item_name: str
    period: str
    master_previous: Decimal
    master_reading: Decimal
    master_usage: Decimal
    sub_total: Decimal
    usage: Decimal  # master − subs
    price: Decimal
    total: Decimal
    basis: str
    basis_total: Decimal
    parts: tuple[SharePart, ...]
    posted: bool  # lines of this period exist
    refusal: str = ""  # why it cannot be posted (again): paid lines or a closed period

    @property
    def headline(self) -> str:
        subs = f" − 分户合计 {fmt_qty(self.sub_total)}" if self.sub_total else ""
        return (f"{self.meter_name} {self.period}: 总表 {fmt_qty(self.master_reading)} − 上期 "
                f"{fmt_qty(self.master_previous)} = {fmt_qty(self.master_usage)}{subs} → 公摊 {fmt_qty(self.usage)}"
                f" × {_price(self.price)} 元 = {self.total} 元, {len(self.parts)} 户")


def _price(price: Decimal) -> str:
    from app.services.fees_billing import fmt_price

    return fmt_price(price)


SCOPE_WORD = {ShareScope.BUILDING: "全楼", ShareScope.ALL: "全小区", ShareScope.UNITS: "合计"}


def _formula(meter: SharedMeter, master: Decimal, subs: Decimal, has_subs: bool, weight: Decimal,
             whole: Decimal, count: int) -> str:
    usage = f"(总表 {fmt_qty(master)} − 分户合计 {fmt_qty(subs)})" if has_subs else f"总表 {fmt_qty(master)}"
    head = f"{usage} × {_price(meter.unit_price)} 元"
    if meter.basis == ShareBasis.AREA:
        return f"{head} × 本户 {fmt_qty(weight)}㎡ / {SCOPE_WORD[meter.scope]} {fmt_qty(whole)}㎡"
    return f"{head} ÷ {count} 户"


class SharedMeterService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- meters
    def meters(self, include_inactive: bool = True) -> list[SharedMeterRow]:
        self._require_any("fees.billing", "fees.items", "fees.reports")
        with self.ctx.read() as s:
            stmt = select(SharedMeter).order_by(SharedMeter.name)
            if not include_inactive:
                stmt = stmt.where(SharedMeter.active.is_(True))
            return [self._row(s, m) for m in s.scalars(stmt)]

    def get(self, meter_id: int) -> SharedMeterRow:
        self._require_any("fees.billing", "fees.items", "fees.reports")
        with self.ctx.read() as s:
            return self._row(s, self._meter(s, meter_id))

    def _require_any(self, *codes: str) -> None:
        if not any(self.ctx.can(c) for c in codes):
            self.ctx.require(codes[0])

    @staticmethod
    def _meter(s: Session, meter_id: int) -> SharedMeter:
        meter = s.get(SharedMeter, meter_id)
        if meter is None:
            raise NotFound("公摊总表不存在或已被删除")
        return meter

    @staticmethod
    def _row(s: Session, m: SharedMeter) -> SharedMeterRow:
        names = dict(s.execute(select(FeeItem.id, FeeItem.name).where(
            FeeItem.id.in_([i for i in (m.item_id, m.sub_item_id) if i]))).all())
        building = s.scalar(select(Building.name).where(Building.id == m.building_id)) if m.building_id else ""
        from app.search import unit_code

        chosen = s.execute(select(Unit.id, Building.name, Unit.unit_no, Unit.room_no).join(Building)
                           .join(SharedMeterUnit, SharedMeterUnit.unit_id == Unit.id)
                           .where(SharedMeterUnit.meter_id == m.id).order_by(Unit.id)).all()
        units = tuple(u.id for u in chosen)
        rooms = ", ".join(unit_code(u.name, u.unit_no, u.room_no) for u in chosen)
        last = s.execute(select(SharedMeterReading.period, SharedMeterReading.reading)
                         .where(SharedMeterReading.meter_id == m.id)
                         .order_by(SharedMeterReading.period.desc()).limit(1)).first()
        return SharedMeterRow(m.id, m.name, m.item_id, names.get(m.item_id, ""), m.sub_item_id,
                              names.get(m.sub_item_id, "") if m.sub_item_id else "", m.basis, m.unit_price, m.scope,
                              m.building_id, building or "", units, rooms, m.active, m.notes, m.version,
                              last.period if last else "", last.reading if last else None)

    def save_meter(self, values: dict, meter_id: int | None = None) -> int:
        """Add or edit a shared meter (``fees.items``). ``values``: name, item_name (the bill lines' item: made
        as an inactive item if missing), sub_item_id (a metered item, or None), basis, unit_price, scope,
        building_id (scope building), unit_ids (scope units), notes, active, version (when editing)."""
        from app.services.fees_billing import _decimal

        self.ctx.require("fees.items")
        errors: dict[str, str] = {}
        name = clean_text(values.get("name"))
        if not name:
            errors["name"] = "请填写总表名称"
        elif len(name) > 32:
            errors["name"] = "总表名称最多32个字"
        item_name = clean_text(values.get("item_name")) or "公摊费"
        if len(item_name) > 32:
            errors["item_name"] = "收费项目名称最多32个字"
        basis = values.get("basis") or ShareBasis.AREA
        if basis not in set(ShareBasis):
            errors["basis"] = "请选择分摊方式"
        scope = values.get("scope") or ShareScope.BUILDING
        if scope not in set(ShareScope):
            errors["scope"] = "请选择公摊范围"
        price = _decimal(values.get("unit_price"), "unit_price", "单价", errors, low=Decimal("0.0001"),
                         high=Decimal("100000"))
        if price is not None and price != price.quantize(Decimal("0.0001")):
            errors["unit_price"] = "单价最多4位小数"
        building_id = values.get("building_id") if scope == ShareScope.BUILDING else None
        if scope == ShareScope.BUILDING and not building_id:
            errors["building_id"] = "请选择楼栋"
        unit_ids = sorted(set(values.get("unit_ids") or ())) if scope == ShareScope.UNITS else []
        if scope == ShareScope.UNITS and not unit_ids and values.get("rooms"):
            with self.ctx.read() as s:
                try:
                    unit_ids = sorted(resolve_rooms(s, values["rooms"]))
                except FieldError as exc:
                    errors.update(exc.errors)
        if scope == ShareScope.UNITS and not unit_ids:
            errors.setdefault("rooms", "请填写公摊的房号")
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            sub_item_id = values.get("sub_item_id") or None
            if sub_item_id is not None:
                sub = s.get(FeeItem, sub_item_id)
                if sub is None or sub.method != ChargeMethod.METERED:
                    raise FieldError({"sub_item_id": "分户表须是按抄表计费的项目"})
            if building_id is not None and s.get(Building, building_id) is None:
                raise FieldError({"building_id": "楼栋不存在"})
            if unit_ids and len(set(s.scalars(select(Unit.id).where(Unit.id.in_(unit_ids))))) != len(unit_ids):
                raise FieldError({"rooms": "所选房屋有的已不存在"})
            taken = s.scalar(select(SharedMeter.id).where(SharedMeter.name == name))
            if taken is not None and taken != meter_id:
                raise FieldError({"name": f"已有名为“{name}”的公摊总表"})
            item = s.scalar(select(FeeItem).where(FeeItem.name == item_name))
            if item is None:
                item = FeeItem(name=item_name, kind=FeeKind.UTILITY, method=ChargeMethod.FIXED, unit_price=ZERO,
                               unit_label="元", start_date=self.ctx.clock().date(), active=False, sort_order=80,
                               notes="公摊: 由公摊总表分摊入账, 计费运行不计此项")
                s.add(item)
                s.flush()
            elif item.active:
                raise FieldError({"item_name": f"“{item_name}”是计费运行按期收取的项目, 公摊请用单独的项目名称"
                                               " (如 公摊电费)"})
            if meter_id is None:
                meter = SharedMeter(name=name)
                s.add(meter)
            else:
                meter = self._meter(s, meter_id)
                version = values.get("version")
                if version is not None and int(version) != meter.version:
                    from app.errors import ConflictError

                    raise ConflictError("该公摊总表已被他人修改, 请刷新后重试。未保存。")
            meter.item_id, meter.sub_item_id, meter.basis, meter.unit_price = item.id, sub_item_id, basis, price
            meter.scope, meter.building_id = scope, building_id
            meter.active = bool(values.get("active", True))
            meter.notes = clean_text(values.get("notes"))
            s.flush()
            s.execute(delete(SharedMeterUnit).where(SharedMeterUnit.meter_id == meter.id))
            for unit_id in unit_ids:
                s.add(SharedMeterUnit(meter_id=meter.id, unit_id=unit_id))
            s.flush()
            return meter.id

    # ---- readings of the master meter
    def readings(self, meter_id: int) -> list[tuple[str, Decimal]]:
        self._require_any("fees.billing", "fees.reports")
        with self.ctx.read() as s:
            return [tuple(r) for r in s.execute(
                select(SharedMeterReading.period, SharedMeterReading.reading)
                .where(SharedMeterReading.meter_id == meter_id).order_by(SharedMeterReading.period))]

    def save_reading(self, meter_id: int, period: str, reading: object) -> Decimal:
        """The master meter's reading for ``period`` (``fees.billing``); not below the previous one."""
        from app.services.fees_billing import period_or_error
        from app.services.fees_periods import guard_open_period

        self.ctx.require("fees.billing")
        period = period_or_error(period)
        try:
            value = Decimal(clean_text(reading).replace(",", ""))
            if not value.is_finite() or value < 0:
                raise ValueError
            value = to_money(value)
        except (ArithmeticError, ValueError):
            raise FieldError({"reading": f"总表读数无效: {reading!r}"}) from None
        with self.ctx.write() as s:
            guard_open_period(s, period, what="录入公摊总表读数")
            self._meter(s, meter_id)
            previous = self._master_previous(s, meter_id, period)
            if previous is not None and value < previous:
                raise FieldError({"reading": f"总表读数 {value} 小于上次读数 {previous}"})
            row = s.scalar(select(SharedMeterReading).where(SharedMeterReading.meter_id == meter_id,
                                                            SharedMeterReading.period == period))
            if row is None:
                s.add(SharedMeterReading(meter_id=meter_id, period=period, reading=value))
            else:
                row.reading = value
        return value

    @staticmethod
    def _master_previous(s: Session, meter_id: int, period: str) -> Decimal | None:
        return s.scalar(select(SharedMeterReading.reading).where(
            SharedMeterReading.meter_id == meter_id, SharedMeterReading.period < period)
            .order_by(SharedMeterReading.period.desc()).limit(1))

    # ---- the apportionment
    def preview(self, meter_id: int, period: str) -> Apportionment:
        """The apportionment of ``period`` as it would be posted, with what is posted now — writes nothing."""
        from app.services.fees_billing import period_or_error

        self._require_any("fees.billing", "fees.reports")
        period = period_or_error(period)
        with self.ctx.read() as s:
            return self._compute(s, self._meter(s, meter_id), period)

    def post(self, meter_id: int, period: str) -> Apportionment:
        """入账: put each unit's share on its bill of ``period`` (``fees.billing``), replacing the meter's unpaid
        lines of that period; refused once one of them is paid, or when the period is closed. Lines and bills
        are written with Core executemany, as the billing run does (10,000 units: see bench/shared_meters.py)."""
        from app.services.fees_billing import BillingService, period_or_error
        from app.services.fees_payments import bill_of, lock_units, prepaid_balances, settle_from_prepaid
        from app.services.fees_periods import guard_open_period

        self.ctx.require("fees.billing")
        period = period_or_error(period)
        with self.ctx.write() as s:
            guard_open_period(s, period, what="公摊入账")
            meter = self._meter(s, meter_id)
            lock_units(s, set(self._scope_units(s, meter)) | set(self._posted(s, meter_id, period)))
            lines = self._posted(s, meter_id, period)  # unit → its line, read under the locks (another PC's post)
            result = self._compute(s, meter, period)
            if result.refusal:
                raise StateError(result.refusal)
            if s.scalar(select(Bill.id).where(Bill.period == period).limit(1)) is None:
                raise FieldError({"period": f"账期 {period} 还没有账单: 请先生成账单, 再做公摊入账"})
            bills = dict(s.execute(select(Bill.unit_id, Bill.id).where(Bill.period == period)).all())
            now, who = self.ctx.clock(), self.ctx.actor.user_id
            updates, inserts, deltas = [], [], {}
            for part in result.parts:
                line = lines.pop(part.unit_id, None)
                if line is not None:
                    if (line.amount, line.description) != (part.amount, part.formula):
                        updates.append({"lid": line.id, "amount": part.amount, "quantity": part.quantity,
                                        "description": part.formula, "unit_price": meter.unit_price})
                        deltas[part.unit_id] = part.amount - line.amount
                elif part.amount > 0:
                    if part.unit_id not in bills:
                        bills[part.unit_id] = bill_of(s, part.unit_id, period).id
                    inserts.append(part)
                    deltas[part.unit_id] = part.amount
            lines_t, bills_t, links_t = BillLine.__table__, Bill.__table__, SharedMeterLine.__table__
            conn = s.connection()
            if updates:
                conn.execute(update(lines_t).where(lines_t.c.id == bindparam("lid")).values(
                    amount=bindparam("amount"), quantity=bindparam("quantity"),
                    description=bindparam("description"), unit_price=bindparam("unit_price")), updates)
            if inserts:
                ids = BillingService._new_ids(s, lines_t, len(inserts))
                conn.execute(insert(lines_t), [
                    {"id": i, "bill_id": bills[p.unit_id], "unit_id": p.unit_id, "period": period,
                     "item_id": meter.item_id, "late_fee": False, "source_line_id": None, "quantity": p.quantity,
                     "unit_price": meter.unit_price, "factor": Decimal(1), "description": p.formula,
                     "amount": p.amount, "paid": ZERO} for i, p in zip(ids, inserts, strict=True)])
                conn.execute(insert(links_t), [{"meter_id": meter_id, "period": period, "unit_id": p.unit_id,
                                                "line_id": i} for i, p in zip(ids, inserts, strict=True)])
            for unit_id, line in lines.items():  # units no longer in scope: their line goes
                deltas[unit_id] = -line.amount
                if s.scalar(select(func.count(Allocation.id)).where(Allocation.line_id == line.id)):
                    conn.execute(update(lines_t).where(lines_t.c.id == line.id).values(amount=ZERO, quantity=ZERO))
                else:  # (voided money once touched it: kept, at 0)
                    conn.execute(delete(links_t).where(links_t.c.line_id == line.id))
                    conn.execute(delete(lines_t).where(lines_t.c.id == line.id))
            if deltas:
                conn.execute(update(bills_t).where(bills_t.c.id == bindparam("bid")).values(
                    total=bills_t.c.total + bindparam("add"), revision=bills_t.c.revision + 1, updated_at=now,
                    updated_by=who), [{"bid": bills[u], "add": d} for u, d in deltas.items()])
            for unit_id, balance in sorted(prepaid_balances(s, deltas).items()):  # prepaid pays at once
                if balance > 0:
                    settle_from_prepaid(s, self.ctx, unit_id)
            s.flush()
            return replace(result, posted=True, parts=tuple(
                replace(p, posted=p.amount) if p.amount > 0 or p.posted is not None else p for p in result.parts))

    @staticmethod
    def _posted(s: Session, meter_id: int, period: str) -> dict:
        """The meter's lines of ``period`` by unit (id, amount, description, paid)."""
        return {row.unit_id: row for row in s.execute(
            select(BillLine.unit_id, BillLine.id, BillLine.amount, BillLine.description, BillLine.paid)
            .join(SharedMeterLine, SharedMeterLine.line_id == BillLine.id)
            .where(SharedMeterLine.meter_id == meter_id, SharedMeterLine.period == period))}

    # ---- internals
    @staticmethod
    def _scope_units(s: Session, meter: SharedMeter) -> list[int]:
        stmt = select(Unit.id)
        if meter.scope == ShareScope.BUILDING:
            stmt = stmt.where(Unit.building_id == meter.building_id)
        elif meter.scope == ShareScope.UNITS:
            stmt = stmt.where(Unit.id.in_(select(SharedMeterUnit.unit_id).where(SharedMeterUnit.meter_id == meter.id)))
        return list(s.scalars(stmt))

    def _compute(self, s: Session, meter: SharedMeter, period: str) -> Apportionment:
        from app.search import unit_code
        from app.services.fees_periods import closed_periods

        reading = s.scalar(select(SharedMeterReading.reading).where(
            SharedMeterReading.meter_id == meter.id, SharedMeterReading.period == period))
        if reading is None:
            raise FieldError({"reading": f"公摊总表“{meter.name}”还没有 {period} 的读数"})
        previous = self._master_previous(s, meter.id, period)
        if previous is None:
            raise FieldError({"reading": f"公摊总表“{meter.name}”没有 {period} 之前的读数: 第一次抄表只记读数, 下期起分摊"})
        master = reading - previous
        units = s.execute(
            select(Unit.id, Unit.area, Building.name, Unit.unit_no, Unit.room_no, Unit.floor).join(Building)
            .where(Unit.id.in_(self._scope_units(s, meter)))).all()
        units.sort(key=lambda u: (natural(u.name), natural(u.unit_no), u.floor or 0, natural(u.room_no)))
        if not units:
            raise FieldError({"scope": f"公摊总表“{meter.name}”的范围内没有房屋"})
        rooms = {u.id: unit_code(u.name, u.unit_no, u.room_no) for u in units}
        subs: dict[int, Decimal] = {}
        if meter.sub_item_id is not None:
            subs = self._sub_usages(s, meter.sub_item_id, period, rooms)
        sub_total = sum(subs.values(), ZERO)
        usage = master - sub_total
        if usage < 0:
            raise FieldError({"reading": f"公摊总表“{meter.name}” {period}: 总表用量 {fmt_qty(master)} 小于分户用量合计 "
                                         f"{fmt_qty(sub_total)}, 公摊用量为负 ({fmt_qty(usage)}): 请核对总表和分户读数。"
                                         "未入账。"})
        if meter.basis == ShareBasis.AREA:
            no_area = [rooms[u.id] for u in units if not u.area or u.area <= 0]
            if no_area:
                raise FieldError({"scope": f"按建筑面积分摊, 以下房屋没有登记建筑面积: {'、'.join(no_area[:10])}"
                                           + (f" 等 {len(no_area)} 户" if len(no_area) > 10 else "")})
            weights = [Decimal(u.area) for u in units]
        else:
            weights = [Decimal(1) for _ in units]
        whole = sum(weights, ZERO)
        total = to_money(usage * meter.unit_price)
        amounts = split_cents(total, weights)
        posted = self._posted(s, meter.id, period)
        parts = []
        for u, weight, amount in zip(units, weights, amounts, strict=True):
            line = posted.get(u.id)
            parts.append(SharePart(
                u.id, rooms[u.id], weight, subs.get(u.id) if meter.sub_item_id else None,
                to_money(usage * weight / whole), amount,
                _formula(meter, master, sub_total, meter.sub_item_id is not None, weight, whole, len(units)),
                line.amount if line is not None else None, line.paid if line is not None else ZERO))
        refusal = ""
        if closed_periods(s, [period]):
            refusal = f"账期 {period} 已月结, 不能再公摊入账。未做任何更改。"
        else:
            paid = [rooms.get(ln.unit_id, str(ln.unit_id)) for ln in posted.values() if ln.paid > 0]
            if paid:
                refusal = (f"“{meter.name}” {period} 的公摊已有 {len(paid)} 户缴费 ({'、'.join(paid[:5])}), 不能重新分摊;"
                           " 如需更正请对这些房屋做调整。未做任何更改。")
        return Apportionment(meter.id, meter.name, s.scalar(select(FeeItem.name).where(FeeItem.id == meter.item_id)),
                             period, previous, reading, master, sub_total, usage, meter.unit_price, total, meter.basis,
                             whole, tuple(parts), bool(posted), refusal)

    @staticmethod
    def _sub_usages(s: Session, item_id: int, period: str, rooms: dict[int, str]) -> dict[int, Decimal]:
        """Each scope unit's sub-meter usage of ``period``; a unit metered before but not read now is refused."""
        from app.services.fees_billing import BillingService

        ids = list(rooms)
        now = dict(s.execute(select(MeterReading.unit_id, MeterReading.reading).where(
            MeterReading.item_id == item_id, MeterReading.period == period, MeterReading.unit_id.in_(ids))).all())
        before = BillingService._previous_readings(s, item_id, period, ids)
        changes = changes_of(s, item_id, period, ids)
        meter_max = s.scalar(select(FeeItem.meter_max).where(FeeItem.id == item_id))
        out: dict[int, Decimal] = {}
        errors = []
        for unit_id in ids:
            if unit_id in now and unit_id in before:
                try:
                    out[unit_id], _ = meter_usage(before[unit_id], now[unit_id], changes.get(unit_id), meter_max)
                except ValueError as exc:
                    errors.append(f"{rooms[unit_id]}: {exc}")
            elif unit_id in before:
                errors.append(f"{rooms[unit_id]}: 没有 {period} 的分户读数")
            elif unit_id in now:
                errors.append(f"{rooms[unit_id]}: 没有上期分户读数, 本期用量不明")
        if errors:
            raise FieldError({"sub_item_id": "分户表用量不全, 不能分摊: " + "; ".join(errors[:10])
                                             + (f" 等 {len(errors)} 户" if len(errors) > 10 else "")})
        return out
