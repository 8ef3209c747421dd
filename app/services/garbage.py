"""垃圾分类: daily collection records by type (weight and/or bins, signed off by the collecting company)
and the month's totals by type and by day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.models import GarbageKind, GarbageRecord
from app.services.context import ServiceContext
from app.services.fees_billing import period_or_error
from app.services.fees_rules import period_first_day, period_last_day
from app.services.records import Fields, count, load, page, require_any

VIEW = ("environment.record", "environment.inspect", "management.report")
ZERO_KG = Decimal("0.0")


@dataclass(frozen=True)
class GarbageRow:
    id: int
    day: date
    kind: str
    weight_kg: Decimal
    bins: int
    company: str
    signed_by: str
    note: str


@dataclass(frozen=True)
class KindTotal:
    kind: str
    weight_kg: Decimal
    bins: int
    records: int


@dataclass(frozen=True)
class DayTotals:
    """One day of a month: weight of each kind (in ``GarbageKind`` order) and the day's total."""

    day: date
    weights: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.weights, ZERO_KG)


@dataclass(frozen=True)
class MonthGarbage:
    period: str
    by_kind: tuple[KindTotal, ...]  # every kind, in GarbageKind order
    days: tuple[DayTotals, ...]  # every day of the month

    @property
    def total_kg(self) -> Decimal:
        return sum((k.weight_kg for k in self.by_kind), ZERO_KG)

    @property
    def recyclable_share(self) -> Decimal | None:
        """可回收物 as a percentage of the month's weight (one decimal), None with nothing weighed."""
        total = self.total_kg
        if not total:
            return None
        return (self.by_kind[0].weight_kg * 100 / total).quantize(Decimal("0.1"))


class GarbageService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def save(self, values: Mapping[str, object], record_id: int | None = None) -> int:
        self.ctx.require("environment.record")
        f = Fields(values)
        cleaned = {
            "day": f.day("day", "日期"),
            "kind": f.choice("kind", GarbageKind, "请选择垃圾类别"),
            "weight_kg": f.decimal("weight_kg", "重量(kg)", low=Decimal(0), high=Decimal(99999), default="0",
                                   places="0.1"),
            "bins": f.integer("bins", "桶数", low=0, high=9999, default=0),
            "company": f.text("company", "清运单位", max_len=64),
            "signed_by": f.text("signed_by", "清运签收人", max_len=32),
            "note": f.text("note", "备注"),
        }
        if "weight_kg" not in f.errors and "bins" not in f.errors and not cleaned["weight_kg"] and not cleaned["bins"]:
            f.add("weight_kg", "请填写重量或桶数")
        f.done()
        with self.ctx.write() as s:
            record = load(s, GarbageRecord, record_id, "垃圾分类记录") if record_id else GarbageRecord()
            for key, value in cleaned.items():
                setattr(record, key, value)
            s.add(record)
            s.flush()
            return record.id

    def _query(self, period: str | None, kind: str | None):
        stmt = select(GarbageRecord)
        if period:
            period = period_or_error(period)
            stmt = stmt.where(GarbageRecord.day >= period_first_day(period),
                              GarbageRecord.day <= period_last_day(period))
        if kind:
            stmt = stmt.where(GarbageRecord.kind == kind)
        return stmt

    def count(self, period: str | None = None, kind: str | None = None) -> int:
        require_any(self.ctx, *VIEW)
        with self.ctx.read() as s:
            return count(s, self._query(period, kind))

    def list(self, period: str | None = None, kind: str | None = None, offset: int = 0, limit: int = 200,
             sort: str | None = None, descending: bool = True) -> list[GarbageRow]:
        require_any(self.ctx, *VIEW)
        order = {"day": GarbageRecord.day, "kind": GarbageRecord.kind, "weight_kg": GarbageRecord.weight_kg}
        with self.ctx.read() as s:
            return [GarbageRow(r.id, r.day, r.kind, r.weight_kg, r.bins, r.company, r.signed_by, r.note)
                    for (r,) in page(s, self._query(period, kind), order, sort, descending, offset, limit, "day")]

    def month(self, period: str) -> MonthGarbage:
        """The month's totals by kind and the weight of each kind on each day (grouped in SQL)."""
        require_any(self.ctx, *VIEW)
        period = period_or_error(period)
        first, last = period_first_day(period), period_last_day(period)
        with self.ctx.read() as s:
            grouped = s.execute(
                select(GarbageRecord.day, GarbageRecord.kind, func.sum(GarbageRecord.weight_kg),
                       func.sum(GarbageRecord.bins), func.count())
                .where(GarbageRecord.day >= first, GarbageRecord.day <= last)
                .group_by(GarbageRecord.day, GarbageRecord.kind)).all()
        kinds = list(GarbageKind)
        per_day: dict[date, list[Decimal]] = {}
        totals = {k: [ZERO_KG, 0, 0] for k in kinds}
        for day, kind, weight, bins, n in grouped:
            weight = Decimal(str(weight or 0)).quantize(Decimal("0.1"))
            per_day.setdefault(day, [ZERO_KG] * len(kinds))[kinds.index(kind)] += weight
            totals[kind][0] += weight
            totals[kind][1] += int(bins or 0)
            totals[kind][2] += int(n)
        days = tuple(DayTotals(d, tuple(per_day.get(d, [ZERO_KG] * len(kinds))))
                     for d in (first + timedelta(n) for n in range((last - first).days + 1)))
        return MonthGarbage(period, tuple(KindTotal(k, *totals[k]) for k in kinds), days)
