"""Series for the manager's dashboard (经理 → 概况): fee collection and work-order figures month by month.

The single-month figures come from the services that own them (``FeeReportService.collection_rate``,
``WorkOrderService.summary``); this module adds what a chart needs — the same figures for a run of months,
each series one grouped SQL query instead of a query per month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, func, select

from app.models import BillLine, FeeItem, FeeKind, Kind, WorkOrder
from app.money import ZERO, to_money
from app.services.context import ServiceContext
from app.services.fees_billing import period_or_error
from app.services.fees_reports import CollectionRate
from app.services.fees_rules import add_months, period_first_day
from app.services.workorders import WorkOrderService

CHART_KINDS: tuple[str, ...] = (FeeKind.PROPERTY, FeeKind.PARKING)


@dataclass(frozen=True)
class MonthCollection:
    """One period's billing and collection so far: 物业费, 停车费, then all kinds ("all")."""

    period: str
    rates: tuple[CollectionRate, ...]

    def rate_of(self, kind: str) -> CollectionRate:
        for rate in self.rates:
            if rate.kind == kind:
                return rate
        return CollectionRate(kind, ZERO, ZERO)


@dataclass(frozen=True)
class MonthWorkOrders:
    """Work orders of one calendar month: reported, complaints among them, return visits and their score."""

    period: str
    reported: int
    complaints: int
    visited: int
    average_satisfaction: Decimal | None  # one decimal, as ``WorkOrderSummary``


def periods_ending(last: str, months: int) -> list[str]:
    """``months`` consecutive periods, oldest first, ending with ``last``."""
    return [add_months(last, -n) for n in range(months - 1, -1, -1)]


def average_score(score_sum: object, visits: int) -> Decimal | None:
    """Mean satisfaction to one decimal, the way ``WorkOrderService.summary`` rounds it."""
    return (Decimal(int(score_sum or 0)) / visits).quantize(Decimal("0.1")) if visits else None


def _month_bucket(column, periods: list[str]):
    """A CASE giving the period (YYYY-MM) a datetime falls in, NULL outside: portable across databases."""
    bounds = [datetime.combine(period_first_day(p), datetime.min.time()) for p in periods]
    bounds.append(datetime.combine(period_first_day(add_months(periods[-1], 1)), datetime.min.time()))
    whens = [(column < bounds[i + 1], p) for i, p in enumerate(periods)]
    return case(*whens, else_=None)  # callers restrict to column >= the first month's start


class DashboardService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def collection_by_month(self, last: str, months: int = 12) -> list[MonthCollection]:
        """收缴率 of each of ``months`` periods ending with ``last``: the same sums as
        ``FeeReportService.collection_rate(period).month`` (late fees left out), in one grouped query."""
        self.ctx.require("fees.reports")
        last = period_or_error(last)
        periods = periods_ending(last, months)
        with self.ctx.read() as s:
            found: dict[str, dict[str, tuple[Decimal, Decimal]]] = {p: {} for p in periods}
            for period, kind, billed, paid in s.execute(
                select(BillLine.period, FeeItem.kind, func.sum(BillLine.amount), func.sum(BillLine.paid))
                .join(FeeItem, FeeItem.id == BillLine.item_id)
                .where(BillLine.period >= periods[0], BillLine.period <= last, BillLine.late_fee.is_(False))
                .group_by(BillLine.period, FeeItem.kind)
            ):
                found[period][kind] = (to_money(billed or 0), to_money(paid or 0))
        out = []
        for period in periods:
            rows = found[period]
            rates = [CollectionRate(k, *rows.get(k, (ZERO, ZERO))) for k in CHART_KINDS]
            rates.append(CollectionRate("all", sum((v[0] for v in rows.values()), ZERO),
                                        sum((v[1] for v in rows.values()), ZERO)))
            out.append(MonthCollection(period, tuple(rates)))
        return out

    def workorders_by_month(self, last: str, months: int = 12) -> list[MonthWorkOrders]:
        """Reported orders, complaints, return visits and the average satisfaction of each calendar month."""
        WorkOrderService(self.ctx)._require_view()  # the same right as the work-order lists
        last = period_or_error(last)
        periods = periods_ending(last, months)
        reported_month = _month_bucket(WorkOrder.reported_at, periods).label("p")
        visited_month = _month_bucket(WorkOrder.visited_at, periods).label("p")
        start = datetime.combine(period_first_day(periods[0]), datetime.min.time())
        with self.ctx.read() as s:
            reported = {
                p: (int(n), int(c or 0))
                for p, n, c in s.execute(
                    select(reported_month, func.count(),
                           func.sum(case((WorkOrder.kind == Kind.COMPLAINT, 1), else_=0)))
                    .where(WorkOrder.reported_at >= start)
                    .group_by(reported_month)
                ) if p is not None
            }
            visits = {
                p: (int(n), total)
                for p, n, total in s.execute(
                    select(visited_month, func.count(), func.sum(WorkOrder.satisfaction))
                    .where(WorkOrder.visited_at >= start,
                           WorkOrder.satisfaction.is_not(None))
                    .group_by(visited_month)
                ) if p is not None
            }
        out = []
        for p in periods:
            n, complaints = reported.get(p, (0, 0))
            visited, total = visits.get(p, (0, 0))
            out.append(MonthWorkOrders(p, n, complaints, visited, average_score(total, visited)))
        return out
