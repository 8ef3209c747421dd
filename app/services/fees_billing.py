"""Fee items, meter readings and the billing run (计费): one bill per unit and period, idempotently.

The run reads units, spaces, readings and items once, builds every line in Python and writes bills and
lines with Core ``insert()`` executemany in one transaction — 10,000 units in well under two seconds
(see ``bench/fees.py``). A cancelled run raises ``app.progress.Cancelled`` and the transaction leaves nothing behind.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import chunks
from app.errors import ConflictError, FieldError, NotFound
from app.models import (
    FEE_LABELS,
    Allocation,
    Bill,
    BillLine,
    Building,
    ChargeMethod,
    Cycle,
    FeeItem,
    FeeItemTarget,
    FeeKind,
    MeterReading,
    Occupancy,
    ParkingSpace,
    PrepaidEntry,
    Relation,
    Scope,
    SharedMeterLine,
    Unit,
    UnitStatus,
    UnitUse,
)
from app.models.fees import CYCLE_MONTHS
from app.money import ZERO, to_money
from app.progress import NULL_PROGRESS, Cancelled
from app.services import fee_sums
from app.services.context import ServiceContext
from app.services.fees_meters import changes_of, meter_usage
from app.services.fees_payments import REPAIR_ITEM, lock_units, settle_from_prepaid
from app.services.fees_periods import ADJUSTMENT, guard_open_period
from app.services.fees_rules import (
    add_months,
    charge_fraction,
    line_amount,
    period_first_day,
    period_index,
    period_last_day,
    period_or_error,
)
from app.validators import clean_text, parse_date


def check_cancel(progress) -> None:
    """Stop here (the transaction rolls back) if the operator pressed Cancel."""
    if getattr(progress, "cancelled", False):
        raise Cancelled()


def _finished(progress) -> None:
    """Report 100% after the commit; a Cancel pressed now is too late and is ignored."""
    with contextlib.suppress(Cancelled):
        progress.report(1000, 1000, "完成")


def fmt_price(price: Decimal) -> str:
    """2.8000 → 2.80, 0.5380 → 0.538: at least two decimals, no trailing zeros beyond."""
    text = f"{price:.4f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def fmt_rate(rate: Decimal) -> str:
    """0.700000 → 70%, 0.125 → 12.5%: a share as people write it (never "70.000000%")."""
    text = f"{(rate * 100).normalize():f}"
    return f"{text}%"


# --- rows returned to the UI ----------------------------------------------------------------------


@dataclass(frozen=True)
class FeeItemRow:
    id: int
    name: str
    kind: str
    method: str
    unit_price: Decimal
    unit_label: str
    cycle: str
    start_date: date
    end_date: date | None
    scope: str
    targets: tuple[str | int, ...]
    vacant_rate: Decimal | None
    late_fee_daily_rate: Decimal | None
    late_fee_grace_days: int
    late_fee_cap_rate: Decimal | None
    sort_order: int
    active: bool
    notes: str
    version: int

    @property
    def price_text(self) -> str:
        return f"{fmt_price(self.unit_price)} {self.unit_label}".strip()


@dataclass(frozen=True)
class ItemTotal:
    item_id: int
    name: str
    units: int
    amount: Decimal


@dataclass(frozen=True)
class BillingPreview:
    """What a run would create (or created): new bills, lines and totals by item."""

    period: str
    bills: int
    lines: int
    total: Decimal
    items: tuple[ItemTotal, ...]
    existing_bills: int
    warnings: tuple[str, ...] = ()
    committed: bool = False


@dataclass(frozen=True)
class RebillResult:
    period: str
    checked: int
    changed: int
    skipped_paid: int
    old_total: Decimal
    new_total: Decimal
    committed: bool


@dataclass(frozen=True)
class _Line:
    item_id: int
    quantity: Decimal
    unit_price: Decimal
    factor: Decimal
    description: str
    amount: Decimal


@dataclass
class _Plan:
    lines: dict[int, list[_Line]] = field(default_factory=dict)  # unit id → its lines
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    id: int
    name: str
    method: str
    price: Decimal
    label: str
    months: int
    start: date
    end: date | None
    scope: str
    targets: frozenset
    vacant_rate: Decimal | None


_NOTHING = _Line(0, ZERO, ZERO, ZERO, "", ZERO)


def _compute_line(item: _Item, quantity: Decimal, qty_text: str, rate: Decimal | None, active: int,
                  covered: int) -> _Line:
    """One bill line (amount rounded once) and the text that explains it; ``_NOTHING`` when it is 0."""
    text = f"{qty_text} × {fmt_price(item.price)}{item.label}"
    if item.method == ChargeMethod.METERED:  # usage is what was used: no months, no proration
        amount = line_amount(item.price, quantity, 1, 1, 1, rate)
        factor = Decimal(1)
    else:
        amount = line_amount(item.price, quantity, item.months, active, covered, rate)
        factor = Decimal(item.months)
        if item.months > 1:
            text += f" × {item.months}个月"
        if active != covered:
            factor = factor * active / covered
            text += f" × {active}/{covered}天"
    if amount <= 0:
        return _NOTHING
    if rate is not None:
        factor *= rate
        text += f" × 空置{fmt_rate(rate)}"
    return _Line(item.id, quantity, item.price, round(factor, 6), text[:128], amount)


ITEM_FIELDS = ("name", "kind", "method", "unit_price", "unit_label", "cycle", "start_date", "end_date", "scope",
               "targets", "vacant_rate", "late_fee_daily_rate", "late_fee_grace_days", "late_fee_cap_rate",
               "sort_order", "active", "notes")
DEFAULT_LABELS = {ChargeMethod.AREA: "元/㎡·月", ChargeMethod.SPACE: "元/个·月", ChargeMethod.FIXED: "元/户·月",
                  ChargeMethod.METERED: "元/单位"}


def _decimal(raw: object, field_name: str, label: str, errors: dict, *, low: Decimal, high: Decimal,
             optional: bool = False) -> Decimal | None:
    text = clean_text(raw).replace(",", "").removesuffix("%")
    if text == "":
        if not optional:
            errors[field_name] = f"{label}不能为空"
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors[field_name] = f"{label}应为数字"
        return None
    if str(raw).strip().endswith("%"):
        value = value / 100
    if not value.is_finite() or not low <= value <= high:
        errors[field_name] = f"{label}应在 {low} 到 {high} 之间"
        return None
    return value


def validate_item(values: Mapping[str, object]) -> dict[str, object]:
    """Clean a fee item form; raise FieldError naming every bad field (Chinese)."""
    errors: dict[str, str] = {}
    name = clean_text(values.get("name"))
    if not name:
        errors["name"] = "名称不能为空"
    elif len(name) > 32:
        errors["name"] = "名称过长 (最多32字)"
    kind = values.get("kind") or FeeKind.OTHER
    if kind not in set(FeeKind):
        errors["kind"] = "费用类别无效"
    method = values.get("method")
    if method not in set(ChargeMethod):
        errors["method"] = "请选择计费方式"
    cycle = values.get("cycle") or Cycle.MONTHLY
    if cycle not in set(Cycle):
        errors["cycle"] = "计费周期无效"
    price = _decimal(values.get("unit_price"), "unit_price", "单价", errors, low=Decimal("0.0001"),
                     high=Decimal("99999"))
    start = end = None
    try:
        start = parse_date(values.get("start_date") or "")
    except ValueError as exc:
        errors["start_date"] = f"开始日期: {exc}"
    if values.get("end_date") not in (None, ""):
        try:
            end = parse_date(values.get("end_date"))
        except ValueError as exc:
            errors["end_date"] = f"结束日期: {exc}"
        if start and end and end < start:
            errors["end_date"] = "结束日期不能早于开始日期"
    scope = values.get("scope") or Scope.ALL
    targets = tuple(values.get("targets") or ())
    if scope not in set(Scope):
        errors["scope"] = "适用范围无效"
    elif scope != Scope.ALL and not targets:
        errors["targets"] = f"适用范围为“{FEE_LABELS[scope]}”时请至少选择一项"
    elif scope == Scope.SPACES and method != ChargeMethod.SPACE:
        errors["scope"] = "只有按车位计费的项目可以指定车位"
    elif scope == Scope.USES and any(t not in set(UnitUse) for t in targets):
        errors["targets"] = "房屋用途无效"
    vacant = _decimal(values.get("vacant_rate"), "vacant_rate", "空置房收费比例", errors, low=ZERO,
                      high=Decimal(1), optional=True)
    daily = _decimal(values.get("late_fee_daily_rate"), "late_fee_daily_rate", "滞纳金日费率", errors, low=ZERO,
                     high=Decimal("0.01"), optional=True)
    cap = _decimal(values.get("late_fee_cap_rate"), "late_fee_cap_rate", "滞纳金上限比例", errors, low=ZERO,
                   high=Decimal(1), optional=True)
    grace_raw = clean_text(values.get("late_fee_grace_days")) or "0"
    grace = 0
    if not grace_raw.isdigit() or int(grace_raw) > 365:
        errors["late_fee_grace_days"] = "宽限天数应为 0–365 的整数"
    else:
        grace = int(grace_raw)
    if errors:
        raise FieldError(errors)
    return {
        "name": name, "kind": kind, "method": method, "unit_price": price,
        "unit_label": clean_text(values.get("unit_label")) or DEFAULT_LABELS[method],
        "cycle": cycle, "start_date": start, "end_date": end, "scope": scope,
        "targets": targets if scope != Scope.ALL else (),
        "vacant_rate": vacant, "late_fee_daily_rate": daily or None, "late_fee_grace_days": grace,
        "late_fee_cap_rate": cap, "sort_order": int(values.get("sort_order") or 0),
        "active": bool(values.get("active", True)), "notes": clean_text(values.get("notes")),
    }


_TARGET_COLUMN = {Scope.BUILDINGS: "building_id", Scope.USES: "use", Scope.UNITS: "unit_id",
                  Scope.SPACES: "space_id"}


class BillingService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- fee items
    def items(self, include_inactive: bool = True) -> list[FeeItemRow]:
        with self.ctx.read() as s:
            stmt = select(FeeItem).order_by(FeeItem.sort_order, FeeItem.id)
            if not include_inactive:
                stmt = stmt.where(FeeItem.active.is_(True))
            items = list(s.scalars(stmt))
            targets = self._targets(s, [i.id for i in items])
            return [self._item_row(i, targets.get(i.id, ())) for i in items]

    def get_item(self, item_id: int) -> FeeItemRow:
        with self.ctx.read() as s:
            item = s.get(FeeItem, item_id)
            if item is None:
                raise NotFound("收费项目不存在")
            return self._item_row(item, self._targets(s, [item_id]).get(item_id, ()))

    @staticmethod
    def _targets(s: Session, ids: list[int]) -> dict[int, tuple]:
        out: dict[int, list] = defaultdict(list)
        if ids:
            for t in s.scalars(select(FeeItemTarget).where(FeeItemTarget.item_id.in_(ids)).order_by(FeeItemTarget.id)):
                out[t.item_id].append(t.building_id or t.use or t.unit_id or t.space_id)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _item_row(item: FeeItem, targets: tuple) -> FeeItemRow:
        return FeeItemRow(
            item.id, item.name, item.kind, item.method, item.unit_price, item.unit_label, item.cycle,
            item.start_date, item.end_date, item.scope, targets, item.vacant_rate, item.late_fee_daily_rate,
            item.late_fee_grace_days, item.late_fee_cap_rate, item.sort_order, item.active, item.notes,
            item.version,
        )

    def save_item(self, values: Mapping[str, object], item_id: int | None = None) -> int:
        """Create or update a fee item; an update carries the ``version`` the form read (stale → refused)."""
        self.ctx.require("fees.items")
        cleaned = validate_item(values)
        targets = cleaned.pop("targets")
        with self.ctx.write() as s:
            clash = s.scalar(select(FeeItem.id).where(FeeItem.name == cleaned["name"]))
            if clash and clash != item_id:
                raise FieldError({"name": f"收费项目“{cleaned['name']}”已存在"})
            if item_id is None:
                item = FeeItem(**cleaned)
                s.add(item)
            else:
                item = s.get(FeeItem, item_id, with_for_update=True)
                if item is None:
                    raise NotFound("收费项目不存在")
                if values.get("version") is not None and int(values["version"]) != item.version:
                    raise ConflictError("收费项目已被其他用户修改, 请重新加载后再保存。未保存任何内容。")
                for key, value in cleaned.items():
                    setattr(item, key, value)
                s.execute(delete(FeeItemTarget).where(FeeItemTarget.item_id == item.id))
            s.flush()
            column = _TARGET_COLUMN.get(cleaned["scope"])
            for target in targets:
                s.add(FeeItemTarget(item_id=item.id, **{column: target}))
            return item.id

    # ---- a unit's charge dates (交房/收房 → 迁出/过户)
    def charge_dates(self, unit_id: int) -> tuple[date | None, date | None]:
        with self.ctx.read() as s:
            unit = s.get(Unit, unit_id)
            if unit is None:
                raise NotFound("房屋不存在或已被删除")
            return unit.charge_start, unit.charge_end

    def set_charge_dates(self, unit_id: int, start: object, end: object) -> tuple[date | None, date | None]:
        """Set when fees start (交房/收房日期) and end (迁出/过户, inclusive) for a unit; empty = open.
        Bills already made are not changed (re-bill the period to apply)."""
        self.ctx.require("fees.billing")
        errors: dict[str, str] = {}
        values: dict[str, date | None] = {}
        for key, raw, label in (("charge_start", start, "计费开始日期"), ("charge_end", end, "计费结束日期")):
            try:
                values[key] = None if raw in (None, "") else parse_date(raw)
            except ValueError as exc:
                errors[key] = f"{label}: {exc}"
        if not errors and values["charge_start"] and values["charge_end"] and \
                values["charge_end"] < values["charge_start"]:
            errors["charge_end"] = "计费结束日期不能早于开始日期"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            lock_units(s, [unit_id])
            unit = s.get(Unit, unit_id)
            if unit is None:
                raise NotFound("房屋不存在或已被删除")
            unit.charge_start, unit.charge_end = values["charge_start"], values["charge_end"]
        return values["charge_start"], values["charge_end"]

    # ---- meter readings
    def import_readings(self, item: int | str, period: str, rows: Iterable[tuple[int, str, object]]) -> int:
        """Readings typed in a workbook: (row number, room as typed, reading). Every bad row is named; one
        bad row stores nothing."""
        from app.search import normalise_query, unit_code

        self.ctx.require("fees.billing")
        with self.ctx.read() as s:
            item_id = item if isinstance(item, int) else s.scalar(select(FeeItem.id).where(FeeItem.name == item))
            codes = {
                unit_code(b, u, r).lower(): uid
                for uid, b, u, r in s.execute(select(Unit.id, Building.name, Unit.unit_no, Unit.room_no).join(Building))
            }
        if item_id is None:
            raise FieldError({"item": f"收费项目“{item}”不存在"})
        errors: dict[str, str] = {}
        readings: dict[int, object] = {}
        rows_of: dict[int, int] = {}
        for number, room, value in rows:
            unit_id = codes.get(normalise_query(room))
            if unit_id is None:
                errors[f"row_{number}"] = f"第{number}行: 房号“{room}”不存在"
            elif unit_id in readings:
                errors[f"row_{number}"] = f"第{number}行: 房号“{room}”与第{rows_of[unit_id]}行重复"
            else:
                readings[unit_id], rows_of[unit_id] = value, number
        if errors:
            raise FieldError(errors)
        try:
            return self.save_readings(item_id, period, readings)
        except FieldError as exc:
            named = {}
            for key, message in exc.errors.items():
                unit_id = int(key.removeprefix("reading_")) if key.startswith("reading_") else None
                if unit_id in rows_of:
                    named[f"row_{rows_of[unit_id]}"] = f"第{rows_of[unit_id]}行: " + message.split(" 的", 1)[-1]
                else:
                    named[key] = message
            raise FieldError(named) from None

    def save_readings(self, item_id: int, period: str, readings: Mapping[int, object]) -> int:
        """Store this period's readings (unit id → reading); each must not be below the previous one."""
        self.ctx.require("fees.billing")
        period = period_or_error(period)
        errors: dict[str, str] = {}
        values: dict[int, Decimal] = {}
        for unit_id, raw in readings.items():
            try:
                value = Decimal(clean_text(raw).replace(",", ""))
                if not value.is_finite() or value < 0:
                    raise InvalidOperation
                values[unit_id] = to_money(value)
            except (InvalidOperation, ValueError):
                errors[f"reading_{unit_id}"] = f"房屋 {unit_id} 的读数无效: {raw!r}"
        with self.ctx.write() as s:
            guard_open_period(s, period, what="录入抄表读数")
            item = s.get(FeeItem, item_id)
            if item is None or item.method != ChargeMethod.METERED:
                raise FieldError({"item": "请选择按抄表计费的项目"})
            previous = self._previous_readings(s, item_id, period, list(values))
            changes = changes_of(s, item_id, period, list(values))
            for unit_id, value in values.items():
                try:
                    if unit_id in previous:
                        meter_usage(previous[unit_id], value, changes.get(unit_id), item.meter_max)
                except ValueError as exc:
                    errors[f"reading_{unit_id}"] = f"房屋 {unit_id} 的{exc}"
            if errors:
                raise FieldError(errors)
            existing = dict(s.execute(
                select(MeterReading.unit_id, MeterReading.id).where(
                    MeterReading.item_id == item_id, MeterReading.period == period)
            ).all())
            for unit_id, value in values.items():
                if unit_id in existing:
                    s.execute(update(MeterReading).where(MeterReading.id == existing[unit_id]).values(reading=value))
                else:
                    s.add(MeterReading(item_id=item_id, unit_id=unit_id, period=period, reading=value))
            return len(values)

    @staticmethod
    def _previous_readings(s: Session, item_id: int, period: str, unit_ids: list[int] | None) -> dict[int, Decimal]:
        """The latest reading before ``period`` per unit."""
        latest = (
            select(MeterReading.unit_id, func.max(MeterReading.period).label("p"))
            .where(MeterReading.item_id == item_id, MeterReading.period < period)
            .group_by(MeterReading.unit_id)
            .subquery()
        )
        stmt = select(MeterReading.unit_id, MeterReading.reading).join(
            latest, (latest.c.unit_id == MeterReading.unit_id) & (latest.c.p == MeterReading.period)
        ).where(MeterReading.item_id == item_id)
        if unit_ids is not None:
            stmt = stmt.where(MeterReading.unit_id.in_(unit_ids))
        return dict(s.execute(stmt).all())

    # ---- the billing run
    def _billable_period(self, s: Session, text: object) -> str:
        """A period to bill: refused when more than one cycle (of the longest active item) ahead of today."""
        period = period_or_error(text)
        cycles = [CYCLE_MONTHS[c] for c in s.scalars(select(FeeItem.cycle).where(FeeItem.active.is_(True)))]
        this = period_index(self.next_period())
        if period_index(period) - this > max(cycles, default=1):
            raise FieldError({"period": f"账期“{period}”太远: 最多只能提前一个计费周期计费 (本月 {self.next_period()})"})
        return period

    def preview(self, period: str, progress=NULL_PROGRESS) -> BillingPreview:
        """What ``run`` would create now, without writing anything."""
        self.ctx.require("fees.billing")
        with self.ctx.read() as s:
            period = self._billable_period(s, period)
            existing = self._billed_units(s, period)
            plan = self._plan(s, period, skip=existing, progress=progress, share=0.9)
            return self._summary(s, period, plan, len(existing), committed=False)

    def run(self, period: str, progress=NULL_PROGRESS) -> BillingPreview:
        """Create the missing bills of ``period`` (units already billed are left alone) in one transaction."""
        self.ctx.require("fees.billing")
        try:
            with self.ctx.write() as s:
                period = self._billable_period(s, period)
                guard_open_period(s, period, what="生成账单")
                existing = self._billed_units(s, period)
                plan = self._plan(s, period, skip=existing, progress=progress, share=0.6)
                self._insert(s, period, plan, progress)
                self._apply_prepaid(s, list(plan.lines))
                check_cancel(progress)
                summary = self._summary(s, period, plan, len(existing), committed=True)
        except IntegrityError:
            raise ConflictError(f"{period} 的账单正由另一台电脑生成, 请稍后重试。本次未写入任何数据。") from None
        fee_sums.fold_slots(self.ctx)  # PostgreSQL: the run's slot rows into slot 0
        _finished(progress)
        return summary

    def rebill(self, period: str, unit_ids: Iterable[int] | None = None, *, dry_run: bool = False,
               progress=NULL_PROGRESS) -> RebillResult:
        """Recompute the unpaid bills of ``period`` after a price or scope change (paid bills stay as billed)."""
        self.ctx.require("fees.billing")
        period = period_or_error(period)
        session_cm = self.ctx.read() if dry_run else self.ctx.write()
        with session_cm as s:
            guard_open_period(s, period, what="重算账单")
            wanted = set(unit_ids) if unit_ids is not None else None
            if not dry_run:  # counters paying these units wait until the re-bill is committed, and vice versa
                billed = s.scalars(select(Bill.unit_id).where(Bill.period == period))
                lock_units(s, [u for u in billed if wanted is None or u in wanted])
            stmt = select(Bill.id, Bill.unit_id, Bill.paid, Bill.total).where(Bill.period == period)
            bills = [b for b in s.execute(stmt).all() if wanted is None or b.unit_id in wanted]
            unpaid = {b.unit_id: b for b in bills if b.paid == 0}
            plan = self._plan(s, period, only=set(unpaid), progress=progress, share=0.8)
            bill_ids = [b.id for b in unpaid.values()]
            # 滞纳金 lines and repair charges (维修费, posted by work orders) are not the run's: kept as they are
            kept = _not_the_runs(s)
            old_lines: dict[int, list] = defaultdict(list)
            for chunk in chunks(bill_ids):
                for line in s.execute(
                    select(BillLine.id, BillLine.bill_id, BillLine.item_id, BillLine.amount, BillLine.quantity,
                           BillLine.unit_price, BillLine.description)
                    .where(BillLine.bill_id.in_(chunk), ~kept)
                ):
                    old_lines[line.bill_id].append(line)
            allocated, late = set(), {}
            for chunk in chunks(bill_ids):
                late.update(s.execute(  # 滞纳金 lines stay as charged and stay in the total
                    select(BillLine.bill_id, func.sum(BillLine.amount))
                    .where(BillLine.bill_id.in_(chunk), kept).group_by(BillLine.bill_id)
                ).all())
                allocated |= set(s.scalars(
                    select(Allocation.line_id).join(BillLine, BillLine.id == Allocation.line_id)
                    .where(BillLine.bill_id.in_(chunk))
                ))
            changed, new_total = 0, ZERO
            updates, inserts, deletes, zeroes, totals = [], [], [], [], []
            for unit_id, bill in unpaid.items():
                new = {ln.item_id: ln for ln in plan.lines.get(unit_id, [])}
                old = {ln.item_id: ln for ln in old_lines.get(bill.id, [])}
                total = sum((ln.amount for ln in new.values()), to_money(late.get(bill.id) or 0))
                new_total += total
                same = set(new) == set(old) and all(
                    new[i].amount == old[i].amount and new[i].description == old[i].description for i in new
                )
                if same:
                    continue
                changed += 1
                for item_id, ln in new.items():
                    row = {"quantity": ln.quantity, "unit_price": ln.unit_price, "factor": ln.factor,
                           "description": ln.description, "amount": ln.amount}
                    if item_id in old:
                        updates.append({"lid": old[item_id].id, **row})
                    else:
                        inserts.append({"bill_id": bill.id, "unit_id": unit_id, "period": period,
                                        "item_id": item_id, "late_fee": False, "source_line_id": None,
                                        "paid": ZERO, **row})
                for item_id, ln in old.items():
                    if item_id not in new:
                        (zeroes if ln.id in allocated else deletes).append(ln.id)
                totals.append({"bid": bill.id, "total": total})
            result = RebillResult(period, len(bills), changed, len(bills) - len(unpaid),
                                  sum((b.total for b in unpaid.values()), ZERO), new_total, not dry_run)
            check_cancel(progress)
            if dry_run:
                return result
            conn = s.connection()
            lines_t, bills_t = BillLine.__table__, Bill.__table__
            if updates:
                conn.execute(update(lines_t).where(lines_t.c.id == bindparam("lid")).values(
                    quantity=bindparam("quantity"), unit_price=bindparam("unit_price"), factor=bindparam("factor"),
                    description=bindparam("description"), amount=bindparam("amount")), updates)
            if inserts:
                conn.execute(insert(lines_t), inserts)
            for chunk in chunks(deletes):
                conn.execute(delete(lines_t).where(lines_t.c.id.in_(chunk)))
            for chunk in chunks(zeroes):
                conn.execute(update(lines_t).where(lines_t.c.id.in_(chunk)).values(amount=ZERO, quantity=ZERO))
            if totals:
                conn.execute(update(bills_t).where(bills_t.c.id == bindparam("bid")).values(
                    total=bindparam("total"), revision=bills_t.c.revision + 1,
                    updated_at=self.ctx.clock(), updated_by=self.ctx.actor.user_id), totals)
            changed_bills = {t["bid"] for t in totals}
            self._apply_prepaid(s, [u for u, b in unpaid.items() if b.id in changed_bills])
        _finished(progress)
        return result

    def supplement(self, period: str, item: int | str, *, dry_run: bool = False) -> BillingPreview:
        """补收: bill ``item`` for a period already billed — one line on every bill of the period that the item
        applies to and that has no line of it yet, paid or not (re-bill only reaches unpaid bills)."""
        self.ctx.require("fees.billing")
        period = period_or_error(period)
        session_cm = self.ctx.read() if dry_run else self.ctx.write()
        with session_cm as s:
            guard_open_period(s, period, what="补收")
            item_id = item if isinstance(item, int) else s.scalar(select(FeeItem.id).where(FeeItem.name == item))
            if item_id is None or s.get(FeeItem, item_id) is None:
                raise FieldError({"item": f"收费项目“{item}”不存在"})
            bills = dict(s.execute(select(Bill.unit_id, Bill.id).where(Bill.period == period)).all())
            if not bills:
                raise FieldError({"period": f"账期 {period} 还没有账单: 请用“生成账单”, 补收只用于已计费的账期"})
            if not dry_run:
                lock_units(s, bills)
            has = set(s.scalars(select(BillLine.unit_id).where(
                BillLine.period == period, BillLine.item_id == item_id, BillLine.late_fee.is_(False))))
            plan = self._plan(s, period, only=set(bills) - has, item_ids={item_id})
            summary = self._summary(s, period, plan, len(has), committed=not dry_run)
            if dry_run or not plan.lines:
                return summary
            now, who = self.ctx.clock(), self.ctx.actor.user_id
            rows = [
                {"bill_id": bills[u], "unit_id": u, "period": period, "item_id": ln.item_id, "late_fee": False,
                 "source_line_id": None, "quantity": ln.quantity, "unit_price": ln.unit_price, "factor": ln.factor,
                 "description": f"补收 {ln.description}"[:128], "amount": ln.amount, "paid": ZERO}
                for u, lines in plan.lines.items() for ln in lines
            ]
            conn = s.connection()
            conn.execute(insert(BillLine.__table__), rows)
            bills_t = Bill.__table__
            conn.execute(update(bills_t).where(bills_t.c.id == bindparam("bid")).values(
                total=bills_t.c.total + bindparam("add"), revision=bills_t.c.revision + 1, updated_at=now,
                updated_by=who), [{"bid": bills[u], "add": sum((ln.amount for ln in lines), ZERO)}
                                  for u, lines in plan.lines.items()])
            self._apply_prepaid(s, list(plan.lines))
        return summary

    # ---- internals
    @staticmethod
    def _billed_units(s: Session, period: str) -> set[int]:
        """Units the run has billed for ``period``: their bill has a line of the run's own (a bill made earlier
        for a 滞纳金, a repair charge, an adjustment or a 公摊 line alone still gets the run's lines)."""
        return set(s.scalars(select(Bill.unit_id).join(BillLine, BillLine.bill_id == Bill.id)
                             .where(Bill.period == period, ~_not_the_runs(s)).distinct()))

    def _load_items(self, s: Session, period: str) -> list[_Item]:
        first, last = period_first_day(period), period_last_day(period)
        rows = list(s.scalars(
            select(FeeItem).where(FeeItem.active.is_(True), FeeItem.start_date <= last)
            .order_by(FeeItem.sort_order, FeeItem.id)
        ))
        targets = self._targets(s, [r.id for r in rows])
        items = []
        for r in rows:
            months = CYCLE_MONTHS[r.cycle]
            # A quarterly/yearly item bills in the months counted from its start month.
            if (period_index(period) - period_index(r.start_date.strftime("%Y-%m"))) % months:
                continue
            if r.end_date is not None and r.end_date < first:
                continue
            items.append(_Item(r.id, r.name, r.method, r.unit_price, r.unit_label, months, r.start_date, r.end_date,
                               r.scope, frozenset(targets.get(r.id, ())), r.vacant_rate))
        return items

    def _plan(self, s: Session, period: str, *, skip: set[int] = frozenset(), only: set[int] | None = None,
              progress=NULL_PROGRESS, share: float = 1.0, item_ids: set[int] | None = None) -> _Plan:
        """Every line of every unit to bill, computed in Python from one read of each table."""
        plan = _Plan()
        items = self._load_items(s, period)
        if item_ids is not None:
            items = [i for i in items if i.id in item_ids]
        units = s.execute(select(Unit.id, Unit.building_id, Unit.use, Unit.status, Unit.area, Unit.charge_start,
                                 Unit.charge_end).order_by(Unit.id)).all()
        moved_in = dict(s.execute(  # no charge start on the unit: the first owner's move-in date (roster 入住日期)
            select(Occupancy.unit_id, func.min(Occupancy.move_in_date))
            .where(Occupancy.relation == Relation.OWNER, Occupancy.move_in_date.is_not(None))
            .group_by(Occupancy.unit_id)).all())
        spaces: dict[int, list[int]] = defaultdict(list)
        if any(i.method == ChargeMethod.SPACE for i in items):
            for space_id, unit_id in s.execute(
                select(ParkingSpace.id, ParkingSpace.unit_id).where(ParkingSpace.unit_id.is_not(None))
            ):
                spaces[unit_id].append(space_id)
        usage: dict[int, dict[int, tuple[Decimal, str]]] = {}  # item → unit → (usage, its text)
        for item in items:
            if item.method == ChargeMethod.METERED:
                now = dict(s.execute(select(MeterReading.unit_id, MeterReading.reading).where(
                    MeterReading.item_id == item.id, MeterReading.period == period)).all())
                before = self._previous_readings(s, item.id, period, None)
                changes = changes_of(s, item.id, period)
                meter_max = s.scalar(select(FeeItem.meter_max).where(FeeItem.id == item.id))
                usage[item.id] = {}
                for u, r in now.items():
                    if u in before:
                        try:
                            usage[item.id][u] = meter_usage(before[u], r, changes.get(u), meter_max)
                        except ValueError as exc:
                            plan.warnings.append(f"“{item.name}”房屋 {u}: {exc}, 本期不计费")
                missing = sum(u not in before for u in now)
                if missing:
                    plan.warnings.append(f"“{item.name}”有 {missing} 户没有上期读数, 本期只记读数不计费")
        fractions = {i.id: charge_fraction(period, i.months, i.start, i.end) for i in items}
        total = len(units) or 1
        step = max(total // 20, 200)
        no_area = 0
        vacant = UnitStatus.VACANT
        memo: dict[tuple, _Line] = {}  # most units share an area: compute each distinct line once
        unit_fractions: dict[tuple, tuple[int, int]] = {}
        for n, (unit_id, building_id, use, status, area, charge_start, charge_end) in enumerate(units):
            if n % step == 0:
                check_cancel(progress)
                progress.report(int(n * share * 1000 / total), 1000, "计算账单…")
            if unit_id in skip or (only is not None and unit_id not in only):
                continue
            lines = []
            for item in items:
                scope, targets = item.scope, item.targets
                if (scope == Scope.BUILDINGS and building_id not in targets) or (
                        scope == Scope.USES and use not in targets) or (
                        scope == Scope.UNITS and unit_id not in targets):
                    continue
                active, covered = fractions[item.id]
                start = charge_start or moved_in.get(unit_id)
                if (start or charge_end) and item.method != ChargeMethod.METERED:
                    key = (item.id, start, charge_end)
                    if key not in unit_fractions:
                        unit_fractions[key] = charge_fraction(
                            period, item.months, max(item.start, start) if start else item.start,
                            min(item.end, charge_end) if item.end and charge_end else (item.end or charge_end))
                    active, covered = unit_fractions[key]
                if not active:
                    continue
                method = item.method
                if method == ChargeMethod.AREA:
                    if not area:
                        no_area += 1
                        continue
                    quantity, qty_text = area, f"{area}㎡"
                elif method == ChargeMethod.SPACE:
                    own = spaces.get(unit_id, ())
                    if scope == Scope.SPACES:
                        own = [sp for sp in own if sp in targets]
                    if not own:
                        continue
                    quantity, qty_text = Decimal(len(own)), f"{len(own)}个车位"
                elif method == ChargeMethod.FIXED:
                    quantity, qty_text = Decimal(1), "1户"
                else:
                    reading = usage[item.id].get(unit_id)
                    if reading is None:
                        continue
                    quantity, qty_text = reading
                rate = item.vacant_rate if status == vacant else None
                key = (item.id, quantity, rate, active)
                line = memo.get(key)
                if line is None:
                    line = memo[key] = _compute_line(item, quantity, qty_text, rate, active, covered)
                if line is not _NOTHING:
                    lines.append(line)
            if lines:
                plan.lines[unit_id] = lines
        if no_area:
            plan.warnings.append(f"{no_area} 户没有登记建筑面积, 未计按面积收费的项目")
        return plan

    def _insert(self, s: Session, period: str, plan: _Plan, progress) -> None:
        """Bills then lines as plain Core bulk inserts (bills executemany; lines in multi-row statements)."""
        if not plan.lines:
            return
        now, who = self.ctx.clock(), self.ctx.actor.user_id
        due = period_last_day(period)
        unit_ids = list(plan.lines)
        conn = s.connection()
        bills_t, lines_t = Bill.__table__, BillLine.__table__
        made = dict(s.execute(select(Bill.unit_id, Bill.id).where(Bill.period == period)).all())  # see _billed_units
        grown = [{"bid": made[u], "add": sum((ln.amount for ln in plan.lines[u]), ZERO)} for u in unit_ids if u in made]
        if grown:  # (an empty executemany would run once without parameters)
            conn.execute(update(bills_t).where(bills_t.c.id == bindparam("bid")).values(
                total=bills_t.c.total + bindparam("add"), revision=bills_t.c.revision + 1, updated_at=now,
                updated_by=who), grown)
        fresh = [u for u in unit_ids if u not in made]
        bill_ids = {**made, **dict(zip(fresh, self._new_ids(s, bills_t, len(fresh)), strict=True))}
        bill_rows = [
            {"id": bill_ids[u], "unit_id": u, "period": period, "due_date": due,
             "total": sum((ln.amount for ln in plan.lines[u]), ZERO), "paid": ZERO, "revision": 1, "created_at": now,
             "created_by": who}
            for u in fresh
        ]
        done = 0
        for chunk in chunks(bill_rows, 5000):
            check_cancel(progress)
            conn.execute(insert(bills_t), chunk)
            done += len(chunk)
            progress.report(600 + int(done * 200 / len(bill_rows)), 1000, "写入账单…")
        line_rows = [
            {"bill_id": bill_ids[u], "unit_id": u, "period": period, "item_id": ln.item_id, "late_fee": False,
             "source_line_id": None, "quantity": ln.quantity, "unit_price": ln.unit_price, "factor": ln.factor,
             "description": ln.description, "amount": ln.amount, "paid": ZERO}
            for u in unit_ids for ln in plan.lines[u]
        ]
        done = 0
        for chunk in chunks(line_rows, 5000):
            check_cancel(progress)
            # RETURNING makes SQLAlchemy send multi-row INSERTs ("insertmanyvalues", 1,000 rows a statement)
            # instead of one statement per row: SQLite then runs the fee-sum triggers (migration 0020) inside
            # a few statements rather than opening a statement journal per row (3× slower); PostgreSQL fires
            # its statement-level trigger once per 1,000 rows
            conn.execute(insert(lines_t).returning(lines_t.c.id), chunk).all()
            done += len(chunk)
            progress.report(800 + int(done * 190 / len(line_rows)), 1000, "写入账单明细…")

    @staticmethod
    def _new_ids(s: Session, table, count: int) -> list[int]:
        """Ids for ``count`` new rows. SQLite: after max(id) — safe, the write transaction holds the database
        lock; PostgreSQL: drawn from the table's sequence, so other PCs never collide."""
        if s.get_bind().dialect.name == "postgresql":
            return list(s.scalars(text(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, :n)"
            ), {"n": count}))
        start = (s.scalar(select(func.max(table.c.id))) or 0) + 1
        return list(range(start, start + count))

    def _apply_prepaid(self, s: Session, unit_ids: list[int]) -> None:
        """Units holding a prepaid balance pay their new bills from it straight away."""
        if not unit_ids:
            return
        billed = set(unit_ids)
        holders = [u for u in s.scalars(
            select(PrepaidEntry.unit_id).group_by(PrepaidEntry.unit_id).having(func.sum(PrepaidEntry.amount) > 0)
        ) if u in billed]
        lock_units(s, holders)  # then re-read each balance under the lock
        for unit_id in sorted(holders):
            settle_from_prepaid(s, self.ctx, unit_id)

    def _summary(self, s: Session, period: str, plan: _Plan, existing: int, committed: bool) -> BillingPreview:
        names = dict(s.execute(select(FeeItem.id, FeeItem.name)).all())
        amounts: dict[int, Decimal] = defaultdict(lambda: ZERO)
        counts: dict[int, int] = defaultdict(int)
        lines = 0
        for unit_lines in plan.lines.values():
            for ln in unit_lines:
                amounts[ln.item_id] += ln.amount
                counts[ln.item_id] += 1
                lines += 1
        items = tuple(ItemTotal(i, names.get(i, str(i)), counts[i], amounts[i]) for i in amounts)
        return BillingPreview(period, len(plan.lines), lines, sum(amounts.values(), ZERO), items, existing,
                              tuple(plan.warnings), committed)

    # ---- small reads for the forms
    def billed_periods(self) -> list[str]:
        with self.ctx.read() as s:
            return list(s.scalars(select(Bill.period).distinct().order_by(Bill.period.desc())))

    def next_period(self, today: date | None = None) -> str:
        """The period a run would normally bill: this month."""
        day = today or self.ctx.clock().date()
        return f"{day.year:04d}-{day.month:02d}"

    def default_run_period(self) -> str:
        periods = self.billed_periods()
        return add_months(periods[0], 1) if periods else self.next_period()


def _not_the_runs(s: Session):
    """Lines a billing run neither makes nor changes: 滞纳金, repair charges (维修费, posted by work orders),
    adjustments after a close (app/services/fees_periods.py) and 公摊 lines (app/services/fees_shared.py)."""
    repair = s.scalar(select(FeeItem.id).where(FeeItem.name == REPAIR_ITEM))
    extra = BillLine.late_fee.is_(True) | BillLine.description.like(f"{ADJUSTMENT}%")
    if repair:
        extra = extra | (BillLine.item_id == repair)
    return extra | BillLine.id.in_(select(SharedMeterLine.line_id))
