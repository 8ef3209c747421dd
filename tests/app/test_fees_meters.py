"""换表 and 表满归零 (issue 14): usage spans a meter replacement or a wrap; a lower reading without either is
still refused, naming the unit."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.errors import FieldError, PermissionDenied, StateError
from app.models import BillLine, ChargeMethod, FeeKind
from app.services.fees_meters import meter_usage, natural
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

D = Decimal


@pytest.fixture
def water(db):
    services, clock = fee_services(db, now=datetime(2026, 11, 28, 10, 0))
    ids = build_property(services)
    add_items(services)
    item = services.billing.save_item({"name": "水费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED,
                                       "unit_price": "3.45", "unit_label": "元/吨", "start_date": "2026-01-01"})
    services.billing.save_readings(item, "2026-10", {ids["a"]: "100", ids["b"]: "9990"})
    return services, clock, ids, item


def water_line(services, unit_id, period):
    with services.ctx.read() as s:
        return s.scalar(select(BillLine).where(
            BillLine.unit_id == unit_id, BillLine.period == period, BillLine.description.like("%元/吨%")))


def test_usage_rules():
    assert meter_usage(D("100"), D("112.5")) == (D("12.5"), "112.5−100=12.5")
    assert meter_usage(D("100"), D("7"), (D("130"), D("2")))[0] == D("35")  # 30 on the old meter, 5 on the new
    assert meter_usage(D("9990"), D("15"), None, D("10000"))[0] == D("25")
    with pytest.raises(ValueError, match="小于上次读数"):
        meter_usage(D("100"), D("90"))
    with pytest.raises(ValueError, match="旧表止码"):
        meter_usage(D("100"), D("7"), (D("90"), D("0")))
    with pytest.raises(ValueError, match="新表起码"):
        meter_usage(D("100"), D("1"), (D("130"), D("2")))


def test_a_meter_change_spans_both_meters_on_the_bill(water):
    services, _, ids, item = water
    with pytest.raises(FieldError, match="小于上次读数"):
        services.billing.save_readings(item, "2026-11", {ids["a"]: "7"})
    with pytest.raises(FieldError, match="旧表止码"):
        services.meters.record_change(item, ids["a"], "2026-11", "2026-11-12", "90", "0")
    kefu = services.as_actor(actor("service", user_id=7, name="小王"))
    with pytest.raises(PermissionDenied):
        kefu.meters.record_change(item, ids["a"], "2026-11", "2026-11-12", "130", "2")
    services.meters.record_change(item, ids["a"], "2026-11", "2026-11-12", "130", "2", note="水表损坏")
    services.billing.save_readings(item, "2026-11", {ids["a"]: "7"})
    services.billing.run("2026-11")
    line = water_line(services, ids["a"], "2026-11")
    assert line.quantity == D("35.00") and line.amount == D("120.75")  # 35 × 3.45
    assert line.description.startswith("旧表130.00−100.00+新表7.00−2.00=35.00")
    assert [c.note for c in services.meters.changes(ids["a"])] == ["水表损坏"]


def test_a_meter_that_wraps_needs_its_max(water):
    services, _, ids, item = water
    with pytest.raises(FieldError) as err:
        services.billing.save_readings(item, "2026-11", {ids["b"]: "15"})
    assert f"房屋 {ids['b']} 的读数 15.00 小于上次读数 9990.00" in str(err.value)
    with pytest.raises(FieldError):
        services.meters.set_meter_max(item, "-1")
    services.meters.set_meter_max(item, "10000")
    services.billing.save_readings(item, "2026-11", {ids["b"]: "15"})
    services.billing.run("2026-11")
    line = water_line(services, ids["b"], "2026-11")
    assert line.quantity == D("25.00") and line.amount == D("86.25")


def test_no_meter_change_in_a_closed_period(water):
    services, clock, ids, item = water
    services.billing.run("2026-10")
    clock.now = datetime(2026, 11, 3, 9, 0)
    services.as_actor(actor("manager", user_id=8, name="张经理")).periods.close("2026-10")
    with pytest.raises(StateError, match="已月结"):
        services.meters.record_change(item, ids["a"], "2026-10", "2026-10-12", "130", "2")
    with pytest.raises(StateError, match="已月结"):
        services.billing.save_readings(item, "2026-10", {ids["a"]: "101"})


def test_meter_commands(water, db, cli_user, capsys):
    from app.cli import main

    services, _, ids, item = water
    prefix = cli_user(services)
    base = ["--database", db.url, *prefix, "meter"]
    assert main([*base, "change", "--item", "水费", "--unit", "1-1-101", "--period", "2026-11", "--date",
                 "2026-11-12", "--old-final", "90", "--new-start", "0"]) != 0
    assert "旧表止码 90.00 小于上次读数 100.00" in capsys.readouterr().err
    assert main([*base, "change", "--item", "水费", "--unit", "1-1-101", "--period", "2026-11", "--date",
                 "2026-11-12", "--old-final", "130", "--new-start", "2"]) == 0
    assert main([*base, "max", "--item", "水费", "--max", "10000"]) == 0
    assert "表满量程: 10000.00" in capsys.readouterr().out
    services.billing.save_readings(item, "2026-11", {ids["a"]: "7", ids["b"]: "15"})
    services.billing.run("2026-11")
    assert water_line(services, ids["a"], "2026-11").quantity == D("35.00")
    assert water_line(services, ids["b"], "2026-11").quantity == D("25.00")


def test_readings_sheet_in_room_order_with_last_reading_average_and_flags(water):
    services, _, ids, item = water
    services.billing.save_readings(item, "2026-11", {ids["a"]: "110", ids["b"]: "9995"})
    rows = services.meters.sheet(item, "2026-12")
    assert [r.room for r in rows] == ["1-1-101", "1-1-102", "1-1-201", "2-1-101", "2-1-102"]
    assert natural("10栋") > natural("2栋") and natural("1001") > natural("902")
    a = next(r for r in rows if r.unit_id == ids["a"])
    assert (a.last_reading, a.average, a.reading) == (D("110.00"), D("10.00"), None)
    assert a.check(D("125")) == (D("15.00"), "")
    usage, warning = a.check(D("141"))
    assert usage == D("31.00") and "超过平均 10.00 的3倍" in warning
    assert a.check(D("100"))[0] is None and "小于上次读数" in a.check(D("100"))[1]
    services.billing.save_readings(item, "2026-12", {ids["a"]: "125"})
    assert next(r for r in services.meters.sheet(item, "2026-12") if r.unit_id == ids["a"]).reading == D("125.00")
