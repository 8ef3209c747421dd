"""公摊 (issue 14): a master meter's usage less the sub-meters apportioned by area or equally, to the fen, as
its own line with the formula; re-posting replaces unpaid lines and is refused once paid or closed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.cli import main
from app.errors import FieldError, PermissionDenied, StateError
from app.models import Bill, BillLine, ChargeMethod, FeeKind, ShareBasis, ShareScope
from app.services.fees_shared import split_cents
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

D = Decimal


@pytest.fixture
def lift(db):
    """1栋 (a 100㎡, b 89.56㎡, c 118.75㎡) with 电费 sub-meters; the master 1栋公共用电 read 1000 → 1250."""
    services, clock = fee_services(db, now=datetime(2026, 11, 28, 10, 0))
    ids = build_property(services)
    items = add_items(services)
    power = services.billing.save_item({"name": "电费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED,
                                        "unit_price": "0.60", "unit_label": "元/度", "start_date": "2026-01-01"})
    services.billing.save_readings(power, "2026-10", {ids["a"]: "100", ids["b"]: "200", ids["c"]: "50"})
    services.billing.save_readings(power, "2026-11", {ids["a"]: "180", ids["b"]: "260", ids["c"]: "50"})
    meter = services.shared_meters.save_meter({
        "name": "1栋公共用电", "item_name": "公摊电费", "sub_item_id": power, "basis": ShareBasis.AREA,
        "unit_price": "1.20", "scope": ShareScope.BUILDING, "building_id": ids["b1"]})
    services.shared_meters.save_reading(meter, "2026-10", "1000")
    services.shared_meters.save_reading(meter, "2026-11", "1,250")
    services.billing.run("2026-11")
    return services, clock, ids, items, meter


def shared_lines(services, period="2026-11"):
    with services.ctx.read() as s:
        return {ln.unit_id: ln for ln in s.scalars(select(BillLine).join(Bill).where(
            Bill.period == period, BillLine.description.like("%总表%")))}


def test_split_cents_by_largest_remainder():
    assert split_cents(D("132.00"), [D("100"), D("89.56"), D("118.75")]) == [D("42.81"), D("38.35"), D("50.84")]
    assert split_cents(D("0.02"), [D(1), D(1), D(1)]) == [D("0.01"), D("0.01"), D("0.00")]
    assert split_cents(D("10.00"), []) == []


@given(st.integers(0, 10**8), st.lists(st.integers(1, 10**6), min_size=1, max_size=40))
def test_split_cents_always_sums_to_the_total(cents, weights):
    total = D(cents) / 100
    parts = split_cents(total, [D(w) / 100 for w in weights])
    assert sum(parts) == total
    whole = sum(weights)
    for part, w in zip(parts, weights, strict=True):
        assert abs(part - total * w / whole) < D("0.01")


def test_post_puts_each_share_on_the_bill_with_its_formula(lift):
    services, _, ids, _, meter = lift
    preview = services.shared_meters.preview(meter, "2026-11")
    assert (preview.master_usage, preview.sub_total, preview.usage, preview.total) == (
        D("250.00"), D("140.00"), D("110.00"), D("132.00"))  # (250 − 140) × 1.20
    assert not preview.posted and not shared_lines(services)
    with services.ctx.read() as s:
        totals_before = dict(s.execute(select(Bill.unit_id, Bill.total).where(Bill.period == "2026-11")).all())
    result = services.shared_meters.post(meter, "2026-11")
    lines = shared_lines(services)
    assert {u: ln.amount for u, ln in lines.items()} == {ids["a"]: D("42.81"), ids["b"]: D("38.35"),
                                                         ids["c"]: D("50.84")}
    assert sum(ln.amount for ln in lines.values()) == result.total == D("132.00")
    assert lines[ids["b"]].description == "(总表 250 − 分户合计 140) × 1.20 元 × 本户 89.56㎡ / 全楼 308.31㎡"
    with services.ctx.read() as s:
        totals = dict(s.execute(select(Bill.unit_id, Bill.total).where(Bill.period == "2026-11")).all())
    assert totals[ids["b"]] == totals_before[ids["b"]] + D("38.35")
    assert ids["d"] not in lines  # 2栋 is not in scope
    # bills, ledger, collection rate and the check agree
    ledger = services.fee_reports.ledger("2026-11")
    item = next(i for i, name in ledger.items if name == "公摊电费")
    assert sum(r.by_item[item][0] for r in ledger.rows if item in r.by_item) == D("132.00")
    assert services.fees_check.check("2026-11").ok
    notice = services.fee_reports.notices("2026-11", [ids["b"]])[0]
    assert any("全楼 308.31㎡" in (ln.description or "") for ln in notice.lines)
    # a price change of the items and a re-bill keep the 公摊 lines
    services.billing.rebill("2026-11")
    assert {u: ln.amount for u, ln in shared_lines(services).items()} == {u: ln.amount for u, ln in lines.items()}


def test_posting_again_replaces_unpaid_lines_and_stops_once_paid(lift):
    services, clock, ids, _, meter = lift
    services.shared_meters.post(meter, "2026-11")
    with services.ctx.read() as s:
        count = s.scalar(select(func.count(BillLine.id)))
        revisions = dict(s.execute(select(Bill.unit_id, Bill.revision)).all())
    services.shared_meters.post(meter, "2026-11")  # the same figures: nothing changes
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(BillLine.id))) == count
        assert dict(s.execute(select(Bill.unit_id, Bill.revision)).all()) == revisions
    services.shared_meters.save_reading(meter, "2026-11", "1360")  # a misread master: 360 − 140 = 220
    services.shared_meters.post(meter, "2026-11")
    lines = shared_lines(services)
    assert sum(ln.amount for ln in lines.values()) == D("264.00") and len(lines) == 3
    assert services.fees_check.check("2026-11").ok
    owed = services.payments.account(ids["a"]).outstanding
    services.payments.pay(ids["a"], str(owed), "cash")
    services.shared_meters.save_reading(meter, "2026-11", "1250")
    with pytest.raises(StateError, match="已有 1 户缴费"):
        services.shared_meters.post(meter, "2026-11")
    assert sum(ln.amount for ln in shared_lines(services).values()) == D("264.00")


def test_a_negative_share_is_refused_and_nothing_is_posted(lift):
    services, _, _, _, meter = lift
    services.shared_meters.save_reading(meter, "2026-11", "1100")  # 100 < the units' 140
    with pytest.raises(FieldError, match="总表用量 100 小于分户用量合计 140"):
        services.shared_meters.post(meter, "2026-11")
    assert not shared_lines(services)
    with pytest.raises(FieldError, match="小于上次读数"):
        services.shared_meters.save_reading(meter, "2026-11", "900")


def test_equal_shares_of_chosen_units_without_sub_meters(lift):
    services, _, ids, _, _ = lift
    lift_meter = services.shared_meters.save_meter({
        "name": "电梯", "item_name": "电梯运行费", "basis": ShareBasis.EQUAL, "unit_price": "1",
        "scope": ShareScope.UNITS, "unit_ids": [ids["a"], ids["b"], ids["d"]]})
    services.shared_meters.save_reading(lift_meter, "2026-10", "0")
    services.shared_meters.save_reading(lift_meter, "2026-11", "100")
    result = services.shared_meters.post(lift_meter, "2026-11")
    assert [p.amount for p in result.parts] == [D("33.34"), D("33.33"), D("33.33")]
    assert result.parts[0].formula == "总表 100 × 1.00 元 ÷ 3 户"
    assert services.fees_check.check("2026-11").ok


def test_meter_form_rules_and_rights(lift):
    services, _, ids, items, meter = lift
    with pytest.raises(FieldError) as err:
        services.shared_meters.save_meter({"name": "", "unit_price": "x", "scope": ShareScope.BUILDING})
    assert set(err.value.errors) >= {"name", "unit_price", "building_id"}
    with pytest.raises(FieldError, match="计费运行按期收取"):
        services.shared_meters.save_meter({"name": "水损", "item_name": "物业服务费", "unit_price": "1",
                                           "scope": ShareScope.ALL})
    with pytest.raises(FieldError, match="按抄表计费"):
        services.shared_meters.save_meter({"name": "水损", "sub_item_id": items["garbage"], "unit_price": "1",
                                           "scope": ShareScope.ALL})
    kefu = services.as_actor(actor("service", user_id=7, name="小王"))
    with pytest.raises(PermissionDenied):
        kefu.shared_meters.post(meter, "2026-11")
    with pytest.raises(FieldError, match="没有 2026-09 之前的读数|还没有 2026-09 的读数"):
        services.shared_meters.preview(meter, "2026-09")


def test_shared_commands(lift, db, cli_user, capsys):
    services, _, ids, _, _ = lift
    url = str(db.engine.url)
    prefix = cli_user(services)
    assert main(["--database", url, *prefix, "shared", "add", "2栋公共用电", "--item", "公摊电费",
                 "--price", "1.5", "--building", "2栋"]) == 0
    assert main(["--database", url, *prefix, "shared", "reading", "2栋公共用电", "2026-10", "10"]) == 0
    assert main(["--database", url, *prefix, "shared", "reading", "2栋公共用电", "2026-11", "30"]) == 0
    assert main(["--database", url, *prefix, "shared", "preview", "2栋公共用电", "2026-11"]) == 2
    assert "没有登记建筑面积: 2-1-102" in capsys.readouterr().err
    assert main(["--database", url, *prefix, "shared", "add", "车库照明", "--item", "公摊电费", "--price", "1.5",
                 "--units", "2-1-101", "--basis", "equal"]) == 0
    assert main(["--database", url, *prefix, "shared", "reading", "车库照明", "2026-10", "10"]) == 0
    assert main(["--database", url, *prefix, "shared", "reading", "车库照明", "2026-11", "30"]) == 0
    assert main(["--database", url, *prefix, "shared", "post", "车库照明", "2026-11"]) == 0
    out = capsys.readouterr().out
    assert "2-1-101  30.00  总表 20 × 1.50 元 ÷ 1 户" in out and "已入账: 1 户, 合计 30.00 元" in out
    assert main(["--database", url, *prefix, "shared", "list"]) == 0
    assert "1栋公共用电" in capsys.readouterr().out


def test_a_unit_leaving_the_scope_loses_its_unpaid_line(lift):
    services, _, ids, _, meter = lift
    services.shared_meters.post(meter, "2026-11")
    row = services.shared_meters.get(meter)
    services.shared_meters.save_meter({"name": row.name, "item_name": row.item_name, "sub_item_id": row.sub_item_id,
                                       "basis": ShareBasis.EQUAL, "unit_price": "1.20", "scope": ShareScope.UNITS,
                                       "rooms": "1-1-101, 1-1-102", "version": row.version}, meter)
    with pytest.raises(FieldError, match="房号不存在: 9-9-9"):
        services.shared_meters.save_meter({"name": row.name, "unit_price": "1.20", "scope": ShareScope.UNITS,
                                           "rooms": "1-1-101, 9-9-9"}, meter)
    services.billing.save_readings(services.shared_meters.get(meter).sub_item_id, "2026-11",
                                   {ids["a"]: "180", ids["b"]: "260"})
    result = services.shared_meters.post(meter, "2026-11")  # (250 − 140) × 1.20 over two units, equally
    assert [p.amount for p in result.parts] == [D("66.00"), D("66.00")]
    lines = shared_lines(services)
    assert set(lines) == {ids["a"], ids["b"]} and lines[ids["a"]].description.endswith("÷ 2 户")
    assert services.fees_check.check("2026-11").ok
