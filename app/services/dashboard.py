"""Series for the manager's dashboard (经理 → 概况): fee collection and work-order figures month by month.

The single-month figures come from the services that own them (``FeeReportService.collection_rate``,
``WorkOrderService.summary``); this module adds what a chart needs — the same figures for a run of months,
each series one SQL statement instead of a query per month — and ``part()``, one section of the page, read
in a worker thread with its own rights check and session, so the page reads its sections side by side
(``load()`` reads them all in one call).
The collection figures of both come from one computation, ``fees_reports.collection_sums`` (减免 apart).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, literal, select, union_all

from app.errors import PermissionDenied, ServiceError
from app.models import FeeKind, Kind, WorkOrder
from app.money import ZERO
from app.services.context import ServiceContext
from app.services.fees_rules import add_months, period_first_day, period_or_error
from app.services.workorders import WorkOrderService

if TYPE_CHECKING:
    from app.services.fees_reports import CollectionRate

# The fee services (fees_reports and what it imports, ~0.1 s) are imported where a fee figure is read: the
# page's first work-order section then runs its SQL in one worker while the other imports them.

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
        from app.services.fees_reports import CollectionRate

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
    """Everything the 概况 page shows for a period, read in one call (``DashboardService.load``)."""

    period: str
    today: date
    loaded_at: datetime
    property_name: str
    property: Part  # PropertyFigures
    collection: Part  # (CollectionFigures of the period, [MonthCollection] of the trend months)
    aging: Part  # AgingSummary as of ``today``
    workorders: Part  # WorkOrderSummary since the period's first day
    months: Part  # [MonthWorkOrders] of the trend months
    maintenance: Part  # maintenance Completion of the period


# The page's sections, each read on its own (``DashboardService.part``) so the page can read them side by side
# in worker threads and show each as it comes (ui.pages.dashboard.SECTIONS: the same names, checked by
# tests/ui/test_dashboard.py).
PARTS: tuple[str, ...] = ("collection", "workorders", "months", "aging", "property", "maintenance", "heading")


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


def _month_starts(periods: list[str]) -> list[datetime]:
    """The first moment of each period and of the month after the last: the bounds of the month ranges."""
    days = [period_first_day(p) for p in periods] + [period_first_day(add_months(periods[-1], 1))]
    return [datetime.combine(d, datetime.min.time()) for d in days]


def _by_month(s, column, periods: list[str], aggregates: tuple, *where) -> dict[str, tuple]:
    """``aggregates`` of the rows whose ``column`` falls in each period, one range per month in one
    statement: each range reads its stretch of the column's index (a CASE over the year evaluated for every
    row was five times slower at a million orders)."""
    bounds = _month_starts(periods)
    parts = [select(literal(p).label("p"), *aggregates).where(column >= bounds[i], column < bounds[i + 1], *where)
             for i, p in enumerate(periods)]
    return {row[0]: tuple(row[1:]) for row in s.execute(union_all(*parts))}


class DashboardService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def collection_by_month(self, last: str, months: int = 12) -> list[MonthCollection]:
        """收缴率 of each of ``months`` periods ending with ``last``: per period exactly
        ``FeeReportService.collection_rate(period).month`` (减免 apart, 滞纳金 its own row), in one grouped query."""
        from app.services.fees_reports import collection_sums, rates_of

        self.ctx.require("fees.reports")
        last = period_or_error(last)
        periods = periods_ending(last, months)
        with self.ctx.read() as s:
            sums = collection_sums(s, periods[0], last)
        return [MonthCollection(p, rates_of(sums.get(p, {}))) for p in periods]

    def _collection(self, period: str, months: int):
        """The period's figures and the trend from the same sums (the trend's months cover the year)."""
        from app.services.fees_reports import collection_sums, figures_of, rates_of

        self.ctx.require("fees.reports")
        periods = periods_ending(period, max(months, int(period[5:7])))
        with self.ctx.read() as s:
            sums = collection_sums(s, periods[0], period)
        trend = [MonthCollection(p, rates_of(sums.get(p, {}))) for p in periods[-months:]]
        return figures_of(period, sums), trend

    def part(self, name: str, period: str, today: date | None = None, months: int = 12) -> Part:
        """One section of the 概况 page (a name of ``PARTS``) for ``period``, or the message to show in its place
        (no right, bad period…). Meant for a worker thread: each section checks its own right and opens its
        own session, so the sections can be read at once."""
        today = today or self.ctx.clock().date()
        readers: dict[str, Callable[[str], Any]] = {
            "heading": lambda _p: self._property().property_name(),
            "property": lambda _p: self._property().figures(),
            "collection": lambda p: self._collection(p, months),
            "aging": lambda _p: self._aging(today),
            "workorders": lambda p: WorkOrderService(self.ctx).summary(period_first_day(p)),
            "months": lambda p: self.workorders_by_month(p, months),
            "maintenance": lambda p: self._maintenance(p),
        }
        return _part(lambda: readers[name](period_or_error(period)))

    # each section imports what it reads (the maintenance service and its models ~30 ms): a section's job never
    # waits on another section's imports
    def _property(self):
        from app.services.property import PropertyService

        return PropertyService(self.ctx)

    def _maintenance(self, period: str):
        from app.services.maintenance import MaintenanceService

        return MaintenanceService(self.ctx).completion(period)

    def _aging(self, today: date):
        from app.services.fees_reports import FeeReportService

        return FeeReportService(self.ctx).aging(today)

    def load(self, period: str, today: date | None = None, months: int = 12) -> DashboardData:
        """Every section of the 概况 page for ``period``, one after the other (the page reads them at once)."""
        period = period_or_error(period)
        today = today or self.ctx.clock().date()
        parts = {name: self.part(name, period, today, months) for name in PARTS}
        heading = parts.pop("heading")
        return DashboardData(period, today, self.ctx.clock(), heading.value or "", **parts)

    def workorders_by_month(self, last: str, months: int = 12) -> list[MonthWorkOrders]:
        """Reported orders, complaints, return visits and the average satisfaction of each calendar month."""
        WorkOrderService(self.ctx)._require_view()  # the same right as the work-order lists
        last = period_or_error(last)
        periods = periods_ending(last, months)
        with self.ctx.read() as s:
            # counts only, each from an index alone: reported orders (ix_workorders_reported_id) and complaints
            # (ix_workorders_kind_reported, 0024) apart — a CASE over every order of the year was 4× slower
            reported = _by_month(s, WorkOrder.reported_at, periods, (func.count(),))
            complaints = _by_month(s, WorkOrder.reported_at, periods, (func.count(),),
                                   WorkOrder.kind == Kind.COMPLAINT)
            visits = _by_month(s, WorkOrder.visited_at, periods, (func.count(), func.sum(WorkOrder.satisfaction)),
                               WorkOrder.satisfaction.is_not(None))
        out = []
        for p in periods:
            visited, total = visits[p]
            out.append(MonthWorkOrders(p, int(reported[p][0]), int(complaints[p][0]), int(visited),
                                       average_score(total, visited)))
        return out
