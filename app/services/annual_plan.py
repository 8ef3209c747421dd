"""年度经营管理计划: the year's targets (collection rate, satisfaction, on-time work orders, budget by cost
category) and the actuals against them month by month. Actuals come from the services that own them
(fee collection, work orders, costs), so the plan never disagrees with their pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, func, select

from app.errors import FieldError
from app.models import MANAGEMENT_LABELS, CostCategory, Metric, PlanTarget, WorkOrder
from app.money import ZERO
from app.services.context import ServiceContext
from app.services.fees_rules import add_months, period_first_day
from app.services.register_base import Cleaner

BUDGET = "budget:"
METRICS: tuple[str, ...] = (*(str(m) for m in Metric), *(BUDGET + str(c) for c in CostCategory))
PERMISSION = "management.plan"


def metric_label(metric: str) -> str:
    if metric.startswith(BUDGET):
        return f"{MANAGEMENT_LABELS[metric[len(BUDGET):]]}预算(元)"
    return MANAGEMENT_LABELS.get(metric, metric)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part ÷ whole as a percentage with one decimal; None when there is nothing to divide by."""
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1")) if whole else None


@dataclass(frozen=True)
class PlanLine:
    """One target and its actuals: ``months[0]`` is January; months after ``through`` are None."""

    metric: str
    label: str
    target: Decimal | None
    months: tuple[Decimal | None, ...]
    year_to_date: Decimal | None

    @property
    def is_budget(self) -> bool:
        return self.metric.startswith(BUDGET)

    @property
    def met(self) -> bool | None:
        """Budgets are met when spending stays within them; rates and scores when they reach the target."""
        if self.target is None or self.year_to_date is None:
            return None
        return self.year_to_date <= self.target if self.is_budget else self.year_to_date >= self.target


@dataclass(frozen=True)
class PlanTable:
    year: int
    through: str  # the last period with actuals
    lines: tuple[PlanLine, ...]

    def line(self, metric: str) -> PlanLine:
        return next(line for line in self.lines if line.metric == metric)


class AnnualPlanService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def targets(self, year: int) -> dict[str, Decimal]:
        self.ctx.require(PERMISSION)
        with self.ctx.read() as s:
            return {t.metric: t.target for t in s.scalars(select(PlanTarget).where(PlanTarget.year == year))}

    def set_targets(self, year: int, values: Mapping[str, object]) -> None:
        """Store the year's targets (metric → value; empty clears it) in one transaction."""
        self.ctx.require(PERMISSION)
        if not 2000 <= int(year) <= 2100:
            raise FieldError({"year": "年份无效"})
        c = Cleaner(values)
        cleaned: dict[str, Decimal | None] = {}
        for metric in METRICS:
            if metric not in values:
                continue
            if str(values[metric] or "").strip() == "":
                cleaned[metric] = None
                continue
            high = Decimal("5") if metric == Metric.SATISFACTION else \
                Decimal("100") if metric in (Metric.COLLECTION_RATE, Metric.ON_TIME_RATE) else Decimal("99999999")
            cleaned[metric] = c.number(metric, metric_label(metric), maximum=high)
        c.done()
        with self.ctx.write() as s:
            stored = {t.metric: t for t in s.scalars(select(PlanTarget).where(PlanTarget.year == year))}
            for metric, value in cleaned.items():
                row = stored.get(metric)
                if value is None:
                    if row is not None:
                        s.delete(row)
                elif row is None:
                    s.add(PlanTarget(year=year, metric=metric, target=value))
                elif row.target != value:
                    row.target = value

    def on_time_by_month(self, periods: list[str]) -> dict[str, tuple[int, int]]:
        """period → (completed on time, completed) for orders completed in that month."""
        self.ctx.require(PERMISSION)
        bounds = [datetime.combine(period_first_day(p), datetime.min.time()) for p in periods]
        bounds.append(datetime.combine(period_first_day(add_months(periods[-1], 1)), datetime.min.time()))
        bucket = case(*[(WorkOrder.completed_at < bounds[i + 1], p) for i, p in enumerate(periods)], else_=None)
        with self.ctx.read() as s:
            rows = s.execute(
                select(bucket.label("p"), func.count(),
                       func.sum(case((WorkOrder.completed_at <= WorkOrder.due_at, 1), else_=0)))
                .where(WorkOrder.completed_at >= bounds[0], WorkOrder.completed_at < bounds[-1])
                .group_by(bucket)).all()
        found = {p: (int(on or 0), int(n)) for p, n, on in rows if p is not None}
        return {p: found.get(p, (0, 0)) for p in periods}

    def plan(self, year: int, through: str | None = None) -> PlanTable:
        """Targets and actuals of ``year`` month by month up to ``through`` (default: this month or Dec)."""
        from app.services.costs import CostService
        from app.services.dashboard import DashboardService

        self.ctx.require(PERMISSION)
        today = self.ctx.clock().date()
        through = through or (f"{today:%Y-%m}" if today.year == year else f"{year}-12")
        months = int(through[5:]) if through[:4] == str(year) else 12
        periods = [f"{year}-{m:02d}" for m in range(1, 13)]
        known = periods[:months]
        targets = self.targets(year)
        dash = DashboardService(self.ctx)

        def pad(values: list) -> tuple:
            return tuple(values) + (None,) * (12 - len(values))

        collection = dash.collection_by_month(known[-1], months)
        property_rates = [c.rate_of("property") for c in collection]
        coll_months = [percent(r.collected, r.billed) for r in property_rates]
        coll_ytd = percent(sum((r.collected for r in property_rates), ZERO), sum((r.billed for r in property_rates), ZERO))

        orders = dash.workorders_by_month(known[-1], months)
        sat_months = [o.average_satisfaction for o in orders]
        visits = sum(o.visited for o in orders)
        sat_ytd = (sum((o.average_satisfaction or 0) * o.visited for o in orders) / visits).quantize(
            Decimal("0.1")) if visits else None
        on_time = self.on_time_by_month(known)
        on_months = [percent(*on_time[p]) for p in known]
        on_ytd = percent(sum(v[0] for v in on_time.values()), sum(v[1] for v in on_time.values()))

        lines = [
            PlanLine(Metric.COLLECTION_RATE, metric_label(Metric.COLLECTION_RATE),
                     targets.get(Metric.COLLECTION_RATE), pad(coll_months), coll_ytd),
            PlanLine(Metric.SATISFACTION, metric_label(Metric.SATISFACTION), targets.get(Metric.SATISFACTION),
                     pad(sat_months), sat_ytd),
            PlanLine(Metric.ON_TIME_RATE, metric_label(Metric.ON_TIME_RATE), targets.get(Metric.ON_TIME_RATE),
                     pad(on_months), on_ytd),
        ]
        spent = CostService(self.ctx).by_month(year)
        for category in CostCategory:
            metric = BUDGET + str(category)
            values = [spent.get((p, category), ZERO) for p in known]
            lines.append(PlanLine(metric, metric_label(metric), targets.get(metric), pad(values),
                                  sum(values, ZERO)))
        return PlanTable(year, known[-1], tuple(lines))
