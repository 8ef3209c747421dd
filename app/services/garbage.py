"""垃圾分类: daily collection records by type (weight and/or bins, signed off by the collecting company)
and the month's totals by type and by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.models import GarbageKind, GarbageRecord
from app.services.fees_billing import period_or_error
from app.services.fees_rules import period_first_day, period_last_day
from app.services.records import period_conditions
from app.services.register_base import Cleaner, RegisterService

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


class GarbageService(RegisterService):
    model = GarbageRecord
    what = "垃圾分类记录"
    view_permission = manage_permission = "environment.record"
    search_columns = (GarbageRecord.company, GarbageRecord.signed_by, GarbageRecord.note)
    sort_columns = {"day": GarbageRecord.day, "kind": GarbageRecord.kind, "weight_kg": GarbageRecord.weight_kg}
    filter_columns = {"kind": GarbageRecord.kind}
    default_sort = "day"
    form_fields = ("day", "kind", "weight_kg", "bins", "company", "signed_by", "note")

    def conditions(self, filters):
        return super().conditions(filters) + period_conditions(GarbageRecord.day, filters.get("period"))

    def to_row(self, s, r: GarbageRecord) -> GarbageRow:
        return GarbageRow(r.id, r.day, r.kind, r.weight_kg, r.bins, r.company, r.signed_by, r.note)

    def clean(self, s, values, obj) -> dict:
        c = Cleaner(values)
        cleaned = {
            "day": c.date("day", "日期", required=True),
            "kind": c.choice("kind", "垃圾类别", GarbageKind),
            "weight_kg": c.number("weight_kg", "重量(kg)", maximum=Decimal(99999), places=1) or ZERO_KG,
            "bins": c.integer("bins", "桶数", maximum=9999) or 0,
            "company": c.text("company", "清运单位"),
            "signed_by": c.text("signed_by", "清运签收人", max_len=32),
            "note": c.text("note", "备注", max_len=200),
        }
        if not c.errors.keys() & {"weight_kg", "bins"} and not cleaned["weight_kg"] and not cleaned["bins"]:
            c.fail("weight_kg", "请填写重量或桶数")
        return c.done(**cleaned)

    def month(self, period: str) -> MonthGarbage:
        """The month's totals by kind and the weight of each kind on each day (grouped in SQL)."""
        self.ctx.require(self.view_permission)
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
