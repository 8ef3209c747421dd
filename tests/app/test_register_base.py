"""The shared register plumbing (app/services/register_base.py), exercised through the equipment ledger."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import ConflictError, FieldError, PermissionDenied
from app.services.register_base import Cleaner, linked_orders, links_of_order, open_linked_workorder


def item(**extra) -> dict:
    return {"code": "gps-001", "name": "1号生活水泵", "system": "water", "location": "地下一层泵房",
            "installed_on": "2020-05-01", "warranty_until": "2025-04-30", **extra}


def test_save_list_count_filter_sort_and_search(services):
    eq = services.equipment
    first = eq.save(item())
    eq.save(item(code="DT-01", name="1栋1号电梯", system="elevator", location="1栋"))
    eq.save(item(code="XF-01", name="消防泵", system="fire", location="地下一层泵房"))
    assert eq.get(first).code == "GPS-001"  # codes are kept upper-case
    assert eq.count() == 3
    assert [r.code for r in eq.list({"system": "fire"})] == ["XF-01"]
    assert [r.code for r in eq.list({"query": "泵房"}, sort="code", descending=True)] == ["XF-01", "GPS-001"]
    assert [r.code for r in eq.list({}, offset=1, limit=1)] == ["GPS-001"]
    assert eq.count({"query": "100%"}) == 0  # LIKE wildcards are text
    assert [r.code for r in eq.list({"query": "PROPDESK:EQ:DT-01"})] == ["DT-01"]  # a scanned label


def test_bad_values_name_every_field_and_save_nothing(services):
    eq = services.equipment
    with pytest.raises(FieldError) as err:
        eq.save(item(code="", name="", system="", installed_on="2020-13-01", warranty_until="x"))
    assert set(err.value.errors) == {"code", "name", "system", "installed_on", "warranty_until"}
    assert eq.count() == 0
    eq.save(item())
    with pytest.raises(FieldError) as err:
        eq.save(item(name="另一台"))
    assert err.value.errors == {"code": "设备编号 GPS-001 已存在"}
    with pytest.raises(FieldError) as err:
        eq.save(item(code="B", installed_on="2021-01-01", warranty_until="2020-01-01"))
    assert "warranty_until" in err.value.errors


def test_stale_version_is_refused(services):
    eq = services.equipment
    row_id = eq.save(item())
    stored = eq.values(row_id)
    assert stored["installed_on"] == "2020-05-01" and stored["version"] == 1
    eq.save({**stored, "location": "泵房A"}, row_id)
    with pytest.raises(ConflictError):
        eq.save({**stored, "location": "泵房B"}, row_id)
    assert eq.get(row_id).location == "泵房A"


def test_permissions(services, as_role):
    services.equipment.save(item())
    assert as_role("engineering").equipment.count() == 1
    with pytest.raises(PermissionDenied):
        as_role("service").equipment.count()
    with pytest.raises(PermissionDenied):
        as_role("security").equipment.save(item(code="X"))


def test_cleaner_types_and_messages():
    c = Cleaner({"a": " 12.5 ", "b": "abc", "d": "2026/1/2", "m": "1,200.456", "i": "3.5"})
    assert c.number("a", "数量") == 12.5 and c.number("b", "数量") is None
    assert c.date("d", "日期") == date(2026, 1, 2)
    assert str(c.money("m", "金额")) == "1200.46"
    assert c.integer("i", "次数") is None
    assert c.errors == {"b": "数量应为数字", "i": "次数应为整数"}
    with pytest.raises(FieldError):
        c.done(x=1)
    assert Cleaner({}).done(x=1) == {"x": 1}


def test_open_linked_workorder(services):
    row_id = services.equipment.save(item())
    detail = open_linked_workorder(services, "equipment", row_id, {"category": "water", "description": "漏水"})
    assert detail.row.kind == "repair"
    with services.ctx.read() as s:
        assert [o.number for o in linked_orders(s, "equipment", [row_id])] == [detail.row.number]
        assert links_of_order(s, detail.row.id) == [("equipment", row_id)]
    with pytest.raises(FieldError):  # the intake's own validation: nothing opened, nothing linked
        open_linked_workorder(services, "equipment", row_id, {"category": "water", "description": ""})
    with services.ctx.read() as s:
        assert len(linked_orders(s, "equipment", [row_id])) == 1
