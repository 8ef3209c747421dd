"""Issue 18, the list rows: keyset paging gives the same rows as OFFSET, the stored sort keys (ranks, room
code) follow every write, the work-order search index follows every change, and migration 0017 backfills
them on an office's 0.1.0 database. Both engines unless marked."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, text, update

from app import migrations
from app.db import open_database
from app.models import Base, Category, Kind, Priority, State, Unit, WorkOrder
from app.models.workorders import PRIORITY_RANK, STATE_RANK
from app.paging import AtLeast
from app.services import Services
from app.services.archive import SORT_KEYS as UNIT_SORT_KEYS
from app.services.archive import UnitFilter
from app.services.workorder_keys import refresh_unit_keys
from app.services.workorders import SORT_KEYS, WorkOrderFilter
from tests.conftest import database_at

T0 = datetime(2026, 11, 1, 8, 0)


def _units(services, rooms: list[tuple[str, str, str]]) -> list[int]:
    ids = []
    for building, unit_no, room_no in rooms:
        found = [b.id for b in services.archive.buildings() if b.name == building]
        building_id = found[0] if found else services.archive.create_building(building)
        ids.append(services.archive.save_unit({"building_id": building_id, "unit_no": unit_no, "room_no": room_no,
                                               "area": "80", "use": "residential", "status": "occupied"}))
    return ids


ROOMS = [("3栋", "1", "1502"), ("3栋", "1", "901"), ("3栋", "10", "101"), ("12栋", "2", "1001"), ("A座", "", "88")]


def _insert_orders(services, unit_ids: list[int], specs: list[tuple]) -> None:
    """Orders through Core (as a bulk loader would): the ranks come from the insert defaults, the room
    codes from ``refresh_unit_keys``."""
    rows = []
    staff = getattr(services, "_scale_staff", None) or []
    for n, (state, priority, kind, category, unit, minutes, due, *assignee) in enumerate(specs, 1):
        rows.append({"assignee_id": staff[assignee[0]] if assignee and assignee[0] is not None else None,"number": f"GD2026110{n:05d}", "kind": kind, "source": "phone", "location": "public",
                     "category": category, "priority": priority, "team": "engineering", "state": state,
                     "unit_id": unit_ids[unit] if unit is not None else None, "contact_name": f"联系人{n % 3}",
                     "contact_phone": "13800000000", "place": "", "description": f"描述{n}",
                     "reported_at": T0 + timedelta(minutes=minutes), "respond_by": T0,
                     "due_at": T0 + timedelta(hours=due), "work_notes": "", "labour_fee": Decimal("0"),
                     "material_fee": Decimal("0"), "visit_comment": "", "cancel_reason": "", "chase_count": 0,
                     "version": 1})
    with services.ctx.db.write_session() as s:
        s.execute(delete(WorkOrder))
        if rows:
            s.execute(insert(WorkOrder.__table__), rows)
        refresh_unit_keys(s, unit_ids)


def _walk(list_fn, total: int, key: str, descending: bool, size: int, seek: bool) -> list[int]:
    ids: list[int] = []
    while len(ids) < total + 1:
        after = ids[-1] if seek and ids else None
        page = [r.id for r in list_fn(len(ids), size, key, descending, after=after)]
        if not page:
            break
        ids += page
    return ids


order_specs = st.lists(st.tuples(
    st.sampled_from(list(State)), st.sampled_from(list(Priority)), st.sampled_from(list(Kind)),
    st.sampled_from(list(Category)[:3]), st.sampled_from([None, 0, 1, 2, 3, 4]),
    st.integers(0, 5), st.integers(0, 3), st.sampled_from([None, 0, 1])), max_size=30)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=order_specs, size=st.integers(1, 7))
def test_keyset_pages_are_the_offset_pages_for_every_sort_and_direction(services, specs, size):
    unit_ids = getattr(services, "_scale_units", None) or _units(services, ROOMS)
    services._scale_units = unit_ids
    services._scale_staff = getattr(services, "_scale_staff", None) or [
        services.staff.save_staff({"name": name, "team": "engineering"}) for name in ("李师傅", "王师傅")]
    _insert_orders(services, unit_ids, specs)
    wo = services.workorders
    flt = WorkOrderFilter()
    total = wo.count(flt)
    assert total == len(specs)
    for key in SORT_KEYS:
        for descending in (False, True):
            by_offset = _walk(lambda *a, **k: wo.list(flt, *a[:4]), total, key, descending, size, seek=False)
            by_seek = _walk(lambda o, n, k, d, after: wo.list(flt, o, n, k, d, after=after), total, key,
                            descending, size, seek=True)
            assert by_seek == by_offset, (key, descending)
            assert len(by_offset) == total and len(set(by_offset)) == total
            reverse = _walk(lambda o, n, k, d, after: wo.list(flt, o, n, k, d, after=after), total, key,
                            not descending, size, seek=True)
            assert reverse == by_offset[::-1], (key, descending)


def test_sort_orders_follow_the_enum_order_and_the_room_order(services):
    unit_ids = _units(services, ROOMS)
    specs = [(State.CANCELLED, Priority.NORMAL, Kind.REPAIR, Category.WATER, 0, 1, 1),
             (State.RECEIVED, Priority.URGENT, Kind.REPAIR, Category.WATER, 1, 2, 1),
             (State.ON_HOLD, Priority.HIGH, Kind.REPAIR, Category.WATER, 2, 3, 1),
             (State.RECEIVED, Priority.NORMAL, Kind.REPAIR, Category.WATER, 3, 4, 1),
             (State.COMPLETED, Priority.URGENT, Kind.REPAIR, Category.WATER, 4, 5, 1),
             (State.DISPATCHED, Priority.HIGH, Kind.REPAIR, Category.WATER, None, 6, 1)]
    _insert_orders(services, unit_ids, specs)
    wo = services.workorders
    rows = wo.list(sort="state", descending=False)
    assert [r.state for r in rows] == [State.RECEIVED, State.RECEIVED, State.DISPATCHED, State.ON_HOLD,
                                       State.COMPLETED, State.CANCELLED]
    assert [r.priority for r in wo.list(sort="priority", descending=False)][:2] == [Priority.URGENT] * 2
    # buildings in the archive's order (as created), 3-1-901 before 3-1-1502 (shorter room first),
    # 单元 "1" before "10", no unit first
    assert [r.unit_code for r in wo.list(sort="unit", descending=False)] == [
        "", "3-1-901", "3-1-1502", "3-10-101", "12-2-1001", "A-88"]


def test_ranks_and_room_codes_follow_every_write(services, as_role):
    unit_ids = _units(services, ROOMS)
    staff_id = services.staff.save_staff({"name": "李师傅", "team": "engineering", "phone": "13900000000"})
    wo = services.workorders
    order = wo.intake({"kind": Kind.REPAIR, "source": "phone", "category": Category.WATER,
                       "priority": Priority.HIGH, "location": "private", "unit_id": unit_ids[0],
                       "contact_name": "王伟", "contact_phone": "13812345678", "description": "厨房水龙头漏水"}).row
    assert order.unit_code == "3-1-1502"

    def stored() -> tuple:
        with services.ctx.db.read_session() as s:
            return s.execute(select(WorkOrder.state, WorkOrder.state_rank, WorkOrder.priority,
                                    WorkOrder.priority_rank, WorkOrder.unit_text, WorkOrder.unit_sort)
                             .where(WorkOrder.id == order.id)).one()

    def check(unit_text: str) -> None:
        state, state_rank, priority, priority_rank, text_, sort = stored()
        assert (state_rank, priority_rank) == (STATE_RANK[state], PRIORITY_RANK[priority])
        assert text_ == unit_text and sort.endswith(unit_text.rsplit("-", 1)[-1])

    check("3-1-1502")
    version = wo.dispatch(order.id, staff_id).row.version
    check("3-1-1502")
    detail = wo.correct(order.id, {"priority": Priority.URGENT, "unit_id": unit_ids[3]}, "登记错了", version=version)
    assert stored()[2:5] == (Priority.URGENT, 0, "12-2-1001")
    check("12-2-1001")
    version = wo.start(order.id, version=detail.row.version).row.version
    check("12-2-1001")
    version = wo.hold(order.id, "等配件", version=version).row.version
    check("12-2-1001")
    # the unit is renumbered in the archive: its orders follow
    building = [b.id for b in services.archive.buildings() if b.name == "12栋"][0]
    services.archive.save_unit({"building_id": building, "unit_no": "2", "room_no": "1002", "area": "80",
                                "use": "residential", "status": "occupied",
                                "version": _unit_version(services, unit_ids[3])},
                               unit_ids[3])
    check("12-2-1002")
    assert [r.id for r in wo.list(WorkOrderFilter(query="12-2-1002"))] == [order.id]
    assert [r.id for r in wo.list(WorkOrderFilter(query="12-2-1001"))] == []


def _unit_version(services, unit_id: int) -> int:
    with services.ctx.db.read_session() as s:
        return s.scalar(select(Unit.version).where(Unit.id == unit_id))


def test_search_finds_number_room_name_phone_and_description(services, as_role):
    unit_ids = _units(services, ROOMS)
    wo = services.workorders
    intake = {"kind": Kind.REPAIR, "source": "phone", "category": Category.WATER, "priority": Priority.NORMAL,
              "location": "private"}
    a = wo.intake({**intake, "unit_id": unit_ids[0], "contact_name": "王伟", "contact_phone": "13812345678",
                   "description": "厨房水龙头漏水"}).row
    b = wo.intake({**intake, "unit_id": unit_ids[1], "contact_name": "李娜", "contact_phone": "13987654321",
                   "description": "客厅灯不亮"}).row

    def found(query: str, svc=services) -> list[int]:
        return sorted(r.id for r in svc.workorders.list(WorkOrderFilter(query=query)))

    assert found("3-1-1502") == found("3栋1单元1502") == [a.id]
    assert found("王") == found("王伟") == [a.id]
    assert found("水龙头") == [a.id] and found("灯不亮") == [b.id]
    assert found(b.number) == found(b.number.lower()) == [b.id]
    assert found("13987654321") == found("7654") == found("98765") == [b.id]
    assert found("3-1-") == [a.id, b.id]
    # without the right to see phones in full: a whole number or its last 4 digits, never a fragment
    desk = as_role("service")
    if not desk.ctx.can("pii.view_full"):
        assert found("13987654321", desk) == found("4321", desk) == [b.id]
        assert found("98765", desk) == []
    assert services.workorders.count(WorkOrderFilter(query="王")) == 1


@pytest.mark.sqlite_only
def test_the_search_index_follows_inserts_updates_and_deletes(services):
    unit_ids = _units(services, ROOMS)
    _insert_orders(services, unit_ids, [(State.RECEIVED, Priority.NORMAL, Kind.REPAIR, Category.WATER, 0, 1, 1)])
    wo = services.workorders

    def found(query: str) -> int:
        return wo.count(WorkOrderFilter(query=query))

    assert found("描述1") == 1 and found("3-1-1502") == 1  # inserted with Core
    with services.ctx.db.write_session() as s:
        s.execute(update(WorkOrder).values(description="电梯异响"))
    assert found("描述1") == 0 and found("电梯异响") == 1
    with services.ctx.db.write_session() as s:
        refresh_unit_keys(s, unit_ids)  # unchanged rooms: the index still holds one row per order
        s.execute(update(WorkOrder).values(unit_id=unit_ids[3]))
        refresh_unit_keys(s, [unit_ids[3]])
    assert found("3-1-1502") == 0 and found("12-2-1001") == 1
    with services.ctx.db.write_session() as s:
        s.execute(delete(WorkOrder))
    assert found("电梯异响") == 0
    with services.ctx.db.engine.begin() as conn:
        conn.execute(text("INSERT INTO workorders_fts(workorders_fts, rank) VALUES('integrity-check', 1)"))


def test_a_short_search_stops_counting(services, monkeypatch):
    unit_ids = _units(services, ROOMS)
    monkeypatch.setattr("app.services.workorders.COUNT_CAP", 5)
    _insert_orders(services, unit_ids, [(State.RECEIVED, Priority.NORMAL, Kind.REPAIR, Category.WATER, 0, n, 1)
                                        for n in range(8)])
    wo = services.workorders
    count = wo.count(WorkOrderFilter(query="联系"))  # 1–2 characters: anywhere in the searched text
    assert isinstance(count, AtLeast) and count == 5
    assert len(wo.list(WorkOrderFilter(query="联系"), limit=200)) == 8
    assert wo.count(WorkOrderFilter(query="描述1")) == 1 and not isinstance(
        wo.count(WorkOrderFilter(query="描述1")), AtLeast)


def test_archive_keyset_pages_are_the_offset_pages(services):
    rng = random.Random(7)
    b1 = services.archive.create_building("1栋")
    b2 = services.archive.create_building("2栋")
    with services.ctx.db.write_session() as s:
        s.execute(insert(Unit), [
            {"building_id": rng.choice([b1, b2]), "unit_no": rng.choice(["1", "2", "10"]), "room_no": str(room),
             "floor": rng.choice([None, 1, 2, 3]), "area": rng.choice([None, Decimal("80.5"), Decimal("99")]),
             "use": "residential", "status": rng.choice(["occupied", "vacant"]), "notes": "", "search_text": "",
             "version": 1} for room in rng.sample(range(100, 2000), 60)])
    ar = services.archive
    flt = UnitFilter()
    total = ar.count_units(flt)
    for key in UNIT_SORT_KEYS:
        for descending in (False, True):
            by_offset = _walk(lambda *a, **k: ar.list_units(flt, *a[:4]), total, key, descending, 7, seek=False)
            by_seek = _walk(lambda o, n, k, d, after: ar.list_units(flt, o, n, k, d, after=after), total, key,
                            descending, 7, seek=True)
            assert by_seek == by_offset and len(set(by_offset)) == total == 60, key
            reverse = _walk(lambda o, n, k, d, after: ar.list_units(flt, o, n, k, d, after=after), total, key,
                            not descending, 7, seek=True)
            assert reverse == by_offset[::-1], key


UPGRADE_ROWS = {
    "buildings": [{"id": 1, "name": "3栋", "notes": "", "version": 1}],
    "units": [{"id": 1, "building_id": 1, "unit_no": "1", "room_no": "1502", "area": Decimal("89.56"),
               "use": "residential", "status": "occupied", "notes": "", "search_text": "3-1-1502 张三", "version": 1},
              {"id": 2, "building_id": 1, "unit_no": "1", "room_no": "901", "area": None, "use": "residential",
               "status": "vacant", "notes": "", "search_text": "3-1-901", "version": 1}],
}


@pytest.mark.sqlite_only
def test_migration_0017_backfills_a_0_1_0_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = database_at(url, "0005")
    columns_0005 = ("id, number, kind, source, location, category, priority, team, state, unit_id, contact_name, "
                    "contact_phone, place, description, reported_at, respond_by, due_at, work_notes, labour_fee, "
                    "material_fee, visit_comment, cancel_reason, chase_count, version")
    with db.engine.begin() as conn:
        for table, rows in UPGRADE_ROWS.items():
            conn.execute(Base.metadata.tables[table].insert(), rows)
        for n, (state, priority, unit) in enumerate([("archived", "normal", 1), ("received", "urgent", 2),
                                                     ("in_progress", "high", None)], 1):
            conn.execute(text(f"INSERT INTO workorders ({columns_0005}) VALUES (:id, :number, 'repair', 'phone', "
                              "'private', 'water', :priority, 'engineering', :state, :unit, '张三', '13812345678', "
                              "'', :desc, :at, :at, :at, '', 0, 0, '', '', 0, 1)"),
                         {"id": n, "number": f"GD20261101000{n}", "priority": priority, "state": state, "unit": unit,
                          "desc": f"旧工单{n}号", "at": T0 + timedelta(minutes=n)})
    db.dispose()

    upgraded = open_database(url)
    with upgraded.engine.connect() as conn:
        rows = conn.execute(text("SELECT state, state_rank, priority, priority_rank, unit_text, unit_sort "
                                 "FROM workorders ORDER BY id")).all()
    assert [(r[1], r[3]) for r in rows] == [(STATE_RANK[r[0]], PRIORITY_RANK[r[2]]) for r in rows]
    assert [r[4] for r in rows] == ["3-1-1502", "3-1-901", ""]
    services = Services.open(upgraded)
    wo = services.workorders
    assert [r.number[-1] for r in wo.list(sort="unit", descending=False)] == ["3", "2", "1"]
    assert [r.number[-1] for r in wo.list(sort="state", descending=False)] == ["2", "3", "1"]
    assert [r.id for r in wo.list(WorkOrderFilter(query="旧工单2"))] == [2]  # the index was built
    assert [r.id for r in wo.list(WorkOrderFilter(query="3-1-901"))] == [2]
    assert [u.id for u in services.archive.list_units(UnitFilter(), sort="code")] == [2, 1]
    new = wo.intake({"kind": Kind.REPAIR, "source": "phone", "category": Category.WATER, "priority": "normal",
                     "location": "public", "description": "新工单"}).row
    assert [r.id for r in wo.list(WorkOrderFilter(query="新工单"))] == [new.id]  # the triggers are in place
    upgraded.dispose()



def test_head_and_current_revision_without_alembic_agree_with_alembic(db):
    from alembic.runtime.migration import MigrationContext

    assert migrations.head_revision() == migrations.script_directory().get_current_head()
    with db.engine.connect() as conn:
        assert migrations.current_revision(db) == MigrationContext.configure(conn).get_current_revision()


@pytest.mark.sqlite_only
def test_common_text_is_tested_row_by_row_with_the_same_result(services, monkeypatch):
    unit_ids = _units(services, ROOMS)
    _insert_orders(services, unit_ids, [(State.RECEIVED, Priority.NORMAL, Kind.REPAIR, Category.WATER, n % 5, n, 1)
                                        for n in range(8)])
    with services.ctx.db.write_session() as s:
        s.execute(update(WorkOrder).where(WorkOrder.id % 2 == 0).values(description="厨房水管漏水"))
    wo = services.workorders
    flt = WorkOrderFilter(query="水管漏")
    through_index = [r.id for r in wo.list(flt, sort="unit", descending=False)]
    assert len(through_index) == 4 and wo.count(flt) == 4
    monkeypatch.setattr("app.services.workorders.DENSE_MATCHES", 2)  # "common": more matches than that
    monkeypatch.setattr("app.services.workorders.COUNT_CAP", 1)
    assert [r.id for r in wo.list(flt, sort="unit", descending=False)] == through_index
    assert wo.count(flt) == AtLeast(1) and isinstance(wo.count(flt), AtLeast)
    one = wo.count(WorkOrderFilter(query="水管漏", unit_id=unit_ids[0]))  # other filters: counted (up to the cap)
    assert one == 1 and not isinstance(one, AtLeast)


def test_cli_list_searches_and_says_when_it_stopped_counting(services, db, cli_user, capsys, monkeypatch):
    from app.cli import main

    unit_ids = _units(services, ROOMS)
    _insert_orders(services, unit_ids, [(State.RECEIVED, Priority.NORMAL, Kind.REPAIR, Category.WATER, n % 5, n, 1)
                                        for n in range(6)])
    prefix = cli_user(services)
    assert main(["--database", db.url, *prefix, "workorder", "list", "--query", "3栋1单元1502"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "共 2 条" and all("3-1-1502" in line for line in out[:-1]) and len(out) == 3
    monkeypatch.setattr("app.services.workorders.COUNT_CAP", 3)
    monkeypatch.setattr("app.commands.workorder_quick.COUNT_CAP", 3)  # the list's SQLite answer (test_cli_quick.py)
    assert main(["--database", db.url, *prefix, "workorder", "list", "--query", "联系", "--limit", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "共 3+ 条, 显示前 2 条"
