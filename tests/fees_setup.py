"""A small property with fee items for the fee tests (app and GUI): a clock the test can move."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from app.models import ChargeMethod, Cycle, FeeKind, ParkingSpace, Unit, UnitStatus
from app.services import Services
from app.services.context import SYSTEM, ServiceContext


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def fee_services(db, now: datetime = datetime(2026, 11, 28, 10, 0), actor=SYSTEM) -> tuple[Services, Clock]:
    clock = Clock(now)
    return Services(ServiceContext(db, actor, clock)), clock


def build_property(services: Services) -> dict[str, int]:
    """Two buildings, five units (one vacant, one without area), two parking spaces on unit a."""
    arch = services.archive
    b1 = arch.create_building("1栋", floors=18)
    b2 = arch.create_building("2栋", floors=11)
    ids = {}
    for key, building, room, area, status in [
        ("a", b1, "101", "100.00", UnitStatus.OCCUPIED),
        ("b", b1, "102", "89.56", UnitStatus.OCCUPIED),
        ("c", b1, "201", "118.75", UnitStatus.VACANT),
        ("d", b2, "101", "143.08", UnitStatus.OCCUPIED),
        ("e", b2, "102", "", UnitStatus.OCCUPIED),
    ]:
        ids[key] = arch.save_unit({"building_id": building, "unit_no": "1", "room_no": room, "area": area,
                                   "status": status})
    arch.save_member(ids["a"], {"name": "张三", "phone": "13812345678"})
    arch.save_member(ids["b"], {"name": "李四", "phone": "13912345678"})
    arch.save_member(ids["d"], {"name": "王五", "phone": "13712345678"})
    arch.add_vehicle(ids["a"], "浙A12345")
    with services.ctx.write() as s:
        s.add_all([ParkingSpace(code="B1-001", unit_id=ids["a"]), ParkingSpace(code="B1-002", unit_id=ids["a"]),
                   ParkingSpace(code="B1-003", unit_id=ids["d"])])
    ids["b1"], ids["b2"] = b1, b2
    return ids


def add_items(services: Services, start: date = date(2025, 1, 1)) -> dict[str, int]:
    billing = services.billing
    return {
        "property": billing.save_item({
            "name": "物业服务费", "kind": FeeKind.PROPERTY, "method": ChargeMethod.AREA, "unit_price": "2.80",
            "cycle": Cycle.MONTHLY, "start_date": start, "vacant_rate": "0.7", "late_fee_daily_rate": "0.0003",
            "late_fee_grace_days": "15", "late_fee_cap_rate": "0.3", "sort_order": 1}),
        "parking": billing.save_item({
            "name": "停车费", "kind": FeeKind.PARKING, "method": ChargeMethod.SPACE, "unit_price": "300",
            "cycle": Cycle.MONTHLY, "start_date": start, "sort_order": 2}),
        "garbage": billing.save_item({
            "name": "垃圾清运费", "kind": FeeKind.OTHER, "method": ChargeMethod.FIXED, "unit_price": "15",
            "cycle": Cycle.MONTHLY, "start_date": start, "sort_order": 3}),
    }


def unit_area(services: Services, unit_id: int) -> Decimal | None:
    with services.ctx.read() as s:
        return s.get(Unit, unit_id).area
