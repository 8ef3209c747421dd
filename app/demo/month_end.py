"""Demo month-end (issue 14): the demo's oldest fee period closed (月结) on the 5th of the month after — its days
closed (日结) first, as a close requires — so the 经理 → 月结 page shows a frozen collection rate and what was
collected later; a 水费 item with readings of the first building for the last three months, one meter replaced,
so 抄表录入 shows last readings and averages; and that building's master water meter (公摊 水损), its readings
and last month's apportionment posted, so 经理 → 公摊 and the bills show the 公摊 lines with their formula."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import select

from app.models import Bill, Building, ChargeMethod, Cycle, FeeKind, ShareBasis, ShareScope, Unit
from app.services import Services
from app.services.context import ServiceContext
from app.services.fees_rules import add_months, period_first_day, period_of


def _at(services: Services, when: datetime) -> Services:
    return Services(ServiceContext(services.db, services.ctx.actor, lambda: when))


def fill(services: Services, rng, result) -> None:
    with services.ctx.read() as s:
        periods = sorted(set(s.scalars(select(Bill.period).distinct())))
        building_id = s.scalar(select(Building.id).order_by(Building.id).limit(1))
        unit_ids = list(s.scalars(select(Unit.id).where(Unit.building_id == building_id).order_by(Unit.id)))
    if not periods:
        return
    today = services.ctx.clock().date()
    water = services.billing.save_item({
        "name": "水费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED, "unit_price": "3.45",
        "unit_label": "元/吨", "cycle": Cycle.MONTHLY, "start_date": period_first_day(period_of(today)),
        "sort_order": 4})
    readings = {u: Decimal(rng.randint(100, 900)) for u in unit_ids}
    master = sum(readings.values(), Decimal(0)) + rng.randint(500, 900)
    meter = services.shared_meters.save_meter({
        "name": "1号楼总水表", "item_name": "公摊水费", "sub_item_id": water, "basis": ShareBasis.AREA,
        "unit_price": "3.45", "scope": ShareScope.BUILDING, "building_id": building_id,
        "notes": "总表用量减各户水表用量 (管网损耗、公共用水), 按建筑面积分摊"}) if unit_ids else None
    for back in (3, 2, 1):
        period = add_months(period_of(today), -back)
        used = {u: rng.randint(5, 20) for u in readings}
        for u, n in used.items():
            readings[u] += n
        master += sum(used.values(), 0) + rng.randint(40, 90)  # leaks and the public taps
        services.billing.save_readings(water, period, {u: str(r) for u, r in readings.items()})
        if meter is not None:
            services.shared_meters.save_reading(meter, period, str(master))
    if unit_ids:  # one meter replaced this month
        services.meters.record_change(water, unit_ids[0], period_of(today), today, str(readings[unit_ids[0]] + 4),
                                      "0", note="水表损坏, 更换新表")
    last = add_months(period_of(today), -1)
    if meter is not None and last in periods:
        services.shared_meters.post(meter, last)
        result.counts["shared_lines"] = len(unit_ids)
    oldest = periods[0]
    if oldest < period_of(today):
        when = datetime.combine(period_first_day(add_months(oldest, 1)).replace(day=5), time(17, 0))
        manager = _at(services, when)
        for day in manager.periods.open_days(oldest):
            _at(services, datetime.combine(day, time(18, 30))).fee_reports.close_cashup(day)
        manager.periods.close(oldest)
        result.counts["closed_periods"] = 1
