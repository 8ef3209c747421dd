"""Series for the manager's dashboard (经理 → 概况): fee collection and work-order figures month by month.

The single-month figures come from the services that own them (``FeeReportService.collection_rate``,
``WorkOrderService.summary``); this module adds what a chart needs — the same figures for a run of months,
each series one grouped SQL query instead of a query per month — and ``load()``, everything the page shows
in one call made from a background job (the services open their own sessions in the worker thread).
The collection figures of both come from one computation, ``fees_reports.collection_sums`` (减免 apart).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select

from app.errors import PermissionDenied, ServiceError
from app.models import FeeKind, Kind, WorkOrder
from app.money import ZERO
from app.services.context import ServiceContext
from app.services.fees_billing import period_or_error
from app.services.fees_reports import CollectionRate, FeeReportService, collection_sums, figures_of, rates_of
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


@dataclass(frozen=True)
class Part:
    """One section of the dashboard: its figures, or the message to show in their place (no right…)."""

    value: Any = None
    error: str = ""
    denied: bool = False  # the error is a missing right (decided in the worker: the GUI asks nothing)


@dataclass(frozen=True)
class DashboardData:
    """Everything the 概况 page shows for a period, read in one background call (``DashboardService.load``)."""

    period: str
    today: date
    loaded_at: datetime
    property_name: str
    property: Part  # PropertyFigures
    collection: Part  # (CollectionFigures of the period, [MonthCollection] of the trend months)
    aging: Part  # AgingSummary as of ``today``
    workorders: Part  # (WorkOrderSummary since the period's first day, [MonthWorkOrders])
    maintenance: Part  # maintenance Completion of the period


def _part(fn: Callable[[], Any]) -> Part:
    try:
        return Part(fn())
    except PermissionDenied as exc:
        return Part(None, str(exc), denied=True)
    except ServiceError as exc:
        return Part(None, str(exc))


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
        """收缴率 of each of ``months`` periods ending with ``last``: per period exactly
        ``FeeReportService.collection_rate(period).month`` (减免 apart, 滞纳金 its own row), in one grouped query."""
        self.ctx.require("fees.reports")
        last = period_or_error(last)
        periods = periods_ending(last, months)
        with self.ctx.read() as s:
            sums = collection_sums(s, periods[0], last)
        return [MonthCollection(p, rates_of(sums.get(p, {}))) for p in periods]

    def _collection(self, period: str, months: int):
        """The period's figures and the trend from the same sums (the trend's months cover the year)."""
        self.ctx.require("fees.reports")
        periods = periods_ending(period, max(months, int(period[5:7])))
        with self.ctx.read() as s:
            sums = collection_sums(s, periods[0], period)
        trend = [MonthCollection(p, rates_of(sums.get(p, {}))) for p in periods[-months:]]
        return figures_of(period, sums), trend

    def load(self, period: str, today: date | None = None, months: int = 12) -> DashboardData:
        """Every figure of the 概况 page for ``period``; a section the operator may not see carries its
        message instead. Meant for a worker thread: each service call opens its own session."""
        from app.services.maintenance import MaintenanceService
        from app.services.property import PropertyService
        from app.services.workorders import WorkOrderService

        period = period_or_error(period)
        today = today or self.ctx.clock().date()
        prop = PropertyService(self.ctx)
        orders = WorkOrderService(self.ctx)
        return DashboardData(
            period, today, self.ctx.clock(), prop.property_name(),
            _part(prop.figures),
            _part(lambda: self._collection(period, months)),
            _part(lambda: FeeReportService(self.ctx).aging(today)),
            _part(lambda: (orders.summary(period_first_day(period)), self.workorders_by_month(period, months))),
            _part(lambda: MaintenanceService(self.ctx).completion(period)),
        )

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
