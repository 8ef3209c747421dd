"""Demo month-end (issue 14): the demo's oldest fee period closed (月结) on the 5th of the month after, so the
经理 → 月结 page shows a frozen collection rate and what was collected later; a 水费 item with readings for
the last three months, one meter replaced, so 抄表录入 shows last readings and averages."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import select

from app.models import Bill, ChargeMethod, Cycle, FeeKind, Unit
from app.services import Services
from app.services.context import ServiceContext
from app.services.fees_rules import add_months, period_first_day, period_of


def fill(services: Services, rng, result) -> None:
    with services.ctx.read() as s:
        periods = sorted(set(s.scalars(select(Bill.period).distinct())))
        unit_ids = list(s.scalars(select(Unit.id).order_by(Unit.id).limit(60)))
    if not periods:
        return
    today = services.ctx.clock().date()
    water = services.billing.save_item({
        "name": "水费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED, "unit_price": "3.45",
        "unit_label": "元/吨", "cycle": Cycle.MONTHLY, "start_date": period_first_day(period_of(today)),
        "sort_order": 4})
    readings = {u: Decimal(rng.randint(100, 900)) for u in unit_ids}
    for back in (3, 2, 1):
        period = add_months(period_of(today), -back)
        for u in readings:
            readings[u] += rng.randint(5, 20)
        services.billing.save_readings(water, period, {u: str(r) for u, r in readings.items()})
    if unit_ids:  # one meter replaced this month
        services.meters.record_change(water, unit_ids[0], period_of(today), today, str(readings[unit_ids[0]] + 4),
                                      "0", note="水表损坏, 更换新表")
    oldest = periods[0]
    if oldest < period_of(today):
        when = datetime.combine(period_first_day(add_months(oldest, 1)).replace(day=5), time(17, 0))
        manager = Services(ServiceContext(services.db, services.ctx.actor, lambda: when))
        manager.periods.close(oldest)
        result.counts["closed_periods"] = 1
