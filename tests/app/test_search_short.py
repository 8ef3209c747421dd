"""Issue 18: a 1–2 character search finds exactly the rows whose text holds it (the plain LIKE the search
promises), whichever way ``app.search.short_plan`` answers: every row from the trigram index (a rare
query; its page sorted, or met along the sort index testing ids against the index's rows: "walk"), a probe
of the index for the count (a commoner one), or LIKE along the sort index (the commonest).
Units and work orders; both engines (PostgreSQL answers by LIKE alone)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, event, insert, text

from app import search
from app.models import Category, Kind, Priority, State, Unit, WorkOrder
from app.paging import AtLeast
from app.search import normalise_query
from app.services import archive, workorders
from app.services.archive import UnitFilter
from app.services.workorders import WorkOrderFilter

ALPHABET = "王芳张a1x"  # few characters: every one and two of them are searched, most found somewhere
CAP = 4
PLANS = ("index", "walk", "probe", "like")
T0 = datetime(2026, 11, 1, 8, 0)


def _plan(monkeypatch, plan: str) -> None:
    """Force one of short_plan's ways on SQLite (small tables would always take the index)."""
    monkeypatch.setattr(search, "_plans_seen", {})
    monkeypatch.setattr(search, "WALK_RATIO", 0 if plan == "walk" else 10**9)
    monkeypatch.setattr(search, "WALK_SLACK", 10**9)
    if plan == "probe":  # the index's rows only prove the count; PROBE_ROWS 3: sometimes too few, then LIKE
        monkeypatch.setattr(search, "INDEX_PAGE_MAX", 0)
        monkeypatch.setattr(search, "PROBE_ROWS", 3)
    if plan == "like":
        monkeypatch.setattr(search, "DENSE_SHARE", 0)


def _queries(texts: list[str]) -> list[str]:
    found = {t[i : i + n] for t in texts for n in (1, 2) for i in range(len(t) - n + 1)}
    return sorted({q for q in found | set(ALPHABET) | {"芳王", "xa"} if " " not in q})


def _check(count, ids_of, query: str, expected: set[int]) -> None:
    got = count(query)
    if len(expected) > CAP:
        assert isinstance(got, AtLeast) and got == CAP, query
    else:
        assert got == len(expected) and not isinstance(got, AtLeast), query
    assert ids_of(query) == expected, query


texts = st.lists(st.text(ALPHABET, max_size=6), min_size=1, max_size=12)


@pytest.mark.parametrize("plan", PLANS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=texts)
def test_a_short_unit_search_finds_exactly_the_units_holding_it(services, monkeypatch, plan, names):
    _plan(monkeypatch, plan)
    monkeypatch.setattr(archive, "COUNT_CAP", CAP)
    building = getattr(services, "_short_building", None) or services.archive.create_building("9栋")
    services._short_building = building
    rows = [f"9-1-{n + 101} {name}  " for n, name in enumerate(names)]  # as unit_search_text writes it
    with services.ctx.db.write_session() as s:
        s.execute(delete(Unit))
        s.execute(insert(Unit), [
            {"building_id": building, "unit_no": "1", "room_no": str(n + 101), "use": "residential",
             "status": "occupied", "notes": "", "search_text": row, "version": 1} for n, row in enumerate(rows)])
        stored = dict(s.execute(text("SELECT id, search_text FROM units")).all())

    def ids_of(query):  # every page, sought from the row before it
        found, after = [], None
        while page := services.archive.list_units(UnitFilter(query=query), len(found), 3, after=after):
            found += [r.id for r in page]
            after = found[-1]
        assert len(found) == len(set(found))
        return set(found)

    for query in _queries(names):
        q = normalise_query(query)
        expected = {uid for uid, row in stored.items() if q in row}
        _check(lambda t: services.archive.count_units(UnitFilter(query=t)), ids_of, query, expected)
        # another filter (every unit is occupied): the count cannot be the index's alone
        _check(lambda t: services.archive.count_units(UnitFilter(query=t, status="occupied")), ids_of, query,
               expected)


def _ascii_lower(value: str) -> str:  # SQLite's LIKE ignores the case of ASCII letters only
    return "".join(c.lower() if c.isascii() else c for c in value)


@pytest.mark.parametrize("plan", PLANS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orders=st.lists(st.tuples(st.text(ALPHABET + "A", max_size=4), st.text(ALPHABET, max_size=6),
                                 st.text(ALPHABET, max_size=3)), min_size=1, max_size=12))
def test_a_short_work_order_search_finds_exactly_the_orders_holding_it(services, monkeypatch, plan, orders):
    _plan(monkeypatch, plan)
    monkeypatch.setattr(workorders, "COUNT_CAP", CAP)
    rows = [{"number": f"GD{n:04d}", "kind": Kind.REPAIR, "source": "phone", "location": "public",
             "category": Category.WATER, "priority": Priority.NORMAL, "team": "engineering",
             "state": State.RECEIVED, "unit_id": None, "contact_name": name, "contact_phone": "",
             "place": place, "description": description, "reported_at": T0 + timedelta(minutes=n),
             "respond_by": T0, "due_at": T0, "work_notes": "", "labour_fee": Decimal("0"),
             "material_fee": Decimal("0"), "visit_comment": "", "cancel_reason": "", "chase_count": 0, "version": 1}
            for n, (name, description, place) in enumerate(orders)]
    with services.ctx.db.write_session() as s:
        s.execute(delete(WorkOrder))
        s.execute(insert(WorkOrder.__table__), rows)
        stored = {r[0]: [_ascii_lower(v) for v in r[1:]] for r in s.execute(text(
            "SELECT id, number, contact_name, contact_phone, place, description, unit_text FROM workorders"))}
    wo = services.workorders

    def ids_of(query):
        found, after = [], None
        while page := wo.list(WorkOrderFilter(query=query), len(found), 3, after=after):
            found += [r.id for r in page]
            after = found[-1]
        assert len(found) == len(set(found))
        return set(found)

    for query in _queries([f"{name}{description}{place}" for name, description, place in orders] + ["gd", "d0"]):
        q = normalise_query(query)
        expected = {oid for oid, values in stored.items() if any(q in v for v in values)}
        _check(lambda t: wo.count(WorkOrderFilter(query=t)), ids_of, query, expected)
        _check(lambda t: wo.count(WorkOrderFilter(query=t, states=(State.RECEIVED,))), ids_of, query, expected)


@pytest.mark.sqlite_only
def test_the_work_order_index_holds_every_value_with_two_spaces_after_it(services):
    """0022: so a name of one or two characters (王芳) has a trigram, and the index stays whole."""
    wo = services.workorders
    order = wo.intake({"kind": Kind.REPAIR, "source": "phone", "category": Category.WATER,
                       "priority": Priority.NORMAL, "location": "public", "contact_name": "王芳",
                       "contact_phone": "13812345678", "description": "漏水"}).row
    with services.ctx.db.engine.begin() as conn:
        terms = {t for (t,) in conn.execute(text(
            "SELECT term FROM workorders_fts_instance WHERE doc = :id"), {"id": order.id})}
        assert {"王芳 ", "芳  ", "漏水 ", "水  "} <= terms
        conn.execute(text("UPDATE workorders SET contact_name = '李' WHERE id = :id"), {"id": order.id})
        conn.execute(text("INSERT INTO workorders_fts(workorders_fts, rank) VALUES('integrity-check', 1)"))
    assert [r.id for r in wo.list(WorkOrderFilter(query="李"))] == [order.id]
    assert wo.list(WorkOrderFilter(query="王芳")) == []


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("flt", "limit", "walked"), [
    (UnitFilter(query="王芳"), 30, True),
    (UnitFilter(query="王芳", status="occupied"), 30, False),  # another filter: the index's rows, sorted
    (UnitFilter(query="王芳"), 200, False),  # a long page would walk too far
])
def test_a_rare_query_walks_the_sort_index_only_for_the_top_of_a_bare_search(services, monkeypatch, flt, limit,
                                                                              walked):
    _plan(monkeypatch, "walk")
    building = services.archive.create_building("9栋")
    with services.ctx.db.write_session() as s:
        s.execute(insert(Unit), [
            {"building_id": building, "unit_no": "1", "room_no": str(n + 101), "use": "residential",
             "status": "occupied", "notes": "", "version": 1,
             "search_text": f"9-1-{n + 101} {'王芳' if n % 3 else '李四'}  "} for n in range(30)])
    seen = []
    engine = services.ctx.db.engine
    listen = lambda _c, _cur, statement, params, _x, _m: seen.append((statement, params))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        rows = services.archive.list_units(flt, 0, limit)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert [r.room_no for r in rows] == [str(n + 101) for n in range(30) if n % 3]
    statement, params = next((st, p) for st, p in seen if "ORDER BY units." in st and "units_fts_instance" in st)
    with engine.connect() as conn:
        plan = " / ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params))
    assert ("USING INDEX ix_units_code_order" in plan and "TEMP B-TREE FOR ORDER BY" not in plan) == walked, plan


@pytest.mark.sqlite_only
def test_a_rare_query_whose_rows_all_come_last_is_not_walked(services, monkeypatch):
    """A walk along the sort index would read nearly all of it before meeting rows that all come at the end
    (the last buildings entered): those are sorted instead. Spread out, the same number of rows is walked."""
    monkeypatch.setattr(search, "WALK_RATIO", 0)  # as many rows as make a walk worth it at a million units
    monkeypatch.setattr(search, "DENSE_NEED", 10**6)  # and rare, as there
    building = services.archive.create_building("9栋")

    def plan_where(holds) -> search.ShortPlan:
        monkeypatch.setattr(search, "_plans_seen", {})
        with services.ctx.db.write_session() as s:
            s.execute(delete(Unit))
            s.execute(insert(Unit), [
                {"building_id": building, "unit_no": "1", "room_no": str(n + 1001), "use": "residential",
                 "status": "occupied", "notes": "", "version": 1,
                 "search_text": f"9-1-{n + 1001} {'王芳' if holds(n) else '李四'}  "} for n in range(2000)])
        with services.ctx.db.read_session() as s:
            return search.short_plan(Unit.id, s, "王芳")

    last = plan_where(lambda n: n >= 1600)
    assert last.rows == 400 and last.narrow is not None and last.walk is None
    spread = plan_where(lambda n: n % 5 == 0)
    assert spread.rows == 400 and spread.walk is not None
