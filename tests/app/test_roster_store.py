"""What storing a roster pays for (issue 18, migration 0023): the people's only extra index is the partial
index of the 待核实 people, and the 待核实 list and filter read it."""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import event, insert, inspect

from app.models import Occupancy, Person, Unit
from app.services.archive import UnitFilter


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
