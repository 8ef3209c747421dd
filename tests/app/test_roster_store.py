"""What storing a roster pays for (issue 18, migration 0023): the people's only extra index is the partial
index of the 待核实 people, and the 待核实 list and filter read it."""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import event, insert, inspect, text

from app.db import open_database
from app.models import Building, Occupancy, Person, Unit
from app.search import index_rows_select
from app.services.archive import UnitFilter
from tests.conftest import database_at


def _people(services, flagged: set[int], count: int = 60) -> None:
    building = services.archive.create_building("9栋")
    with services.ctx.db.write_session() as s:
        s.execute(insert(Unit), [{"id": 1000 + n, "building_id": building, "unit_no": "1", "room_no": str(101 + n),
                                  "use": "residential", "status": "occupied", "notes": "", "version": 1,
                                  "search_text": f"9-1-{101 + n}  "} for n in range(count)])
        s.execute(insert(Person), [{"id": 1000 + n, "name": f"业主{count - n:03d}", "phone": "", "id_number": "",
                                    "notes": "", "version": 1, "id_unverified": n in flagged} for n in range(count)])
        s.execute(insert(Occupancy), [{"unit_id": 1000 + n, "person_id": 1000 + n, "relation": "owner", "version": 1}
                                      for n in range(count)])


def test_the_unverified_list_and_filter_find_exactly_the_flagged_people(services):
    _people(services, flagged={3, 40, 41})
    archive = services.archive
    assert [p.name for p in archive.unverified_people()] == ["业主019", "业主020", "业主057"]  # by name
    assert [u.code for u in archive.list_units(UnitFilter(unverified=True))] == ["9-1-104", "9-1-141", "9-1-142"]
    assert archive.count_units(UnitFilter(unverified=True)) == 3


@pytest.mark.sqlite_only
def test_the_unverified_queries_read_the_partial_index(services):
    """The index holds only the flagged people; a query whose condition is not the index's own could not use it
    (SQLite matches the WHERE term as written), and would scan every person."""
    _people(services, flagged={3})
    engine = services.ctx.db.engine
    seen: list[tuple[str, tuple]] = []
    listen = lambda _c, _cur, statement, params, _x, _m: seen.append((statement, params))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        services.archive.unverified_people()
        services.archive.list_units(UnitFilter(unverified=True))
        services.archive.count_units(UnitFilter(unverified=True))
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    reading = [(st, p) for st, p in seen if "id_unverified IS 1" in st]
    assert len(reading) == 3
    with engine.connect() as conn:
        for statement, params in reading:
            plan = " / ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params))
            steps = [step for step in plan.split(" / ") if " persons" in step]
            assert steps and all(step.endswith("USING INDEX ix_persons_unverified_name") for step in steps), plan


def test_people_and_units_carry_no_index_that_no_query_reads(services):
    """0023 dropped them: each one cost every stored person or unit its upkeep (by name, by phone, the whole
    table's flag; units by building, which the unique room index and ix_units_code_order already start with)."""
    inspector = inspect(services.ctx.db.engine)
    persons = {ix["name"]: ix["column_names"] for ix in inspector.get_indexes("persons")}
    assert persons == {"ix_persons_id_number": ["id_number"], "ix_persons_unverified_name": ["name"]}
    with warnings.catch_warnings():  # ix_units_code_order is an expression index, which reflection skips
        warnings.simplefilter("ignore")
        assert "ix_units_building_id" not in {ix["name"] for ix in inspector.get_indexes("units")}


SEARCHES = ("3-1-1502", "1381234", "浙a12", "3栋1单元")  # MATCH (3+ characters)
SHORT = ("张", "15", "浙a", "赵六", "王五")  # units_fts_instance: the rows holding a trigram that starts with them


def _hits(conn) -> dict[str, list[int]]:
    found = {q: [r[0] for r in conn.execute(text("SELECT rowid FROM units_fts WHERE units_fts MATCH :q ORDER BY rowid"),
                                            {"q": f'"{q}"'})] for q in SEARCHES}
    found.update({q: [r[0] for r in conn.execute(text(f"{index_rows_select('units_fts')} ORDER BY doc"),
                                                 {"short_q": q})] for q in SHORT})
    return found


@pytest.mark.sqlite_only
def test_the_search_index_made_again_by_0023_finds_what_it_found(tmp_path):
    """0023 makes ``units_fts`` again without per-row sizes (nothing ranks): every stored unit is indexed again,
    MATCH and the short-search occurrences give the same rows, and the triggers still index new units."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = database_at(url, "0022")
    texts = ["3-1-1502 3栋1单元1502 张三 13812345678 浙a12345  ", "3-1-1503 3栋1单元1503 李四 13912345678  ",
             "3-2-1502 3栋2单元1502 张三丰 13812345000 浙a12999  ", "5-1-101 5栋1单元101 王五  "]
    with db.engine.begin() as conn:
        conn.execute(insert(Building), [{"id": 1, "name": "3栋", "notes": "", "version": 1}])
        conn.execute(insert(Unit), [{"id": n + 1, "building_id": 1, "unit_no": "1", "room_no": str(1500 + n),
                                     "use": "residential", "status": "occupied", "notes": "", "search_text": t,
                                     "version": 1} for n, t in enumerate(texts)])
        before = _hits(conn)
        assert conn.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'units_fts_docsize'")) == 1
    db.dispose()
    assert before == {"3-1-1502": [1], "1381234": [1, 3], "浙a12": [1, 3], "3栋1单元": [1, 2], "张": [1, 3],
                      "15": [1, 2, 3], "浙a": [1, 3], "赵六": [], "王五": [4]}

    upgraded = open_database(url)
    with upgraded.engine.begin() as conn:
        assert _hits(conn) == before
        assert conn.scalar(text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'units_fts_%' "
                                "AND name IN ('units_fts_docsize', 'units_fts_vocab')")) == 0
        conn.execute(insert(Unit), [{"id": 9, "building_id": 1, "unit_no": "1", "room_no": "1601", "use": "residential",
                                     "status": "occupied", "notes": "", "search_text": "3-1-1601 张三  ", "version": 1}])
        conn.execute(text("UPDATE units SET search_text = '3-1-1503 3栋1单元1503 赵六  ' WHERE id = 2"))
        conn.execute(text("DELETE FROM units WHERE id = 4"))
        after = _hits(conn)
        conn.execute(text("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 1)"))  # raises if not
    upgraded.dispose()
    assert after == {**before, "张": [1, 3, 9], "赵六": [2], "王五": []}  # the triggers index what is written after
