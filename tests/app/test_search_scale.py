"""Issue 18 at a million rows: the search index rebuilt for any number of units, short searches capped."""

from sqlalchemy import select, update

from app.models import Unit
from app.services.archive import refresh_search_text


def _units(services, rooms):
    building = services.archive.create_building("3栋", floors=18)
    ids = []
    for n, room in enumerate(rooms):
        uid = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": room})
        services.archive.save_member(uid, {"name": f"业主{n}", "phone": f"1381234{n:04d}"})
        ids.append(uid)
    return ids


def _texts(db, ids):
    with db.read_session() as s:
        return dict(s.execute(select(Unit.id, Unit.search_text).where(Unit.id.in_(ids))).all())


def _blank(db, ids):
    with db.write_session() as s:
        s.execute(update(Unit).where(Unit.id.in_(ids)).values(search_text=""))


def test_refresh_search_text_takes_more_ids_than_sql_variables(services, db):
    ids = _units(services, ["1502"])
    before = _texts(db, ids)
    _blank(db, ids)
    with db.write_session() as s:  # 300,000 ids: "too many SQL variables" when sent in one IN (…)
        refresh_search_text(s, [*ids, *range(10**9, 10**9 + 300_000)])
    assert _texts(db, ids) == before
    assert "业主0" in before[ids[0]]


def test_refresh_search_text_in_small_chunks_builds_the_same_text(services, db):
    ids = _units(services, ["101", "102", "103", "104", "105"])
    before = _texts(db, ids)
    _blank(db, ids)
    with db.write_session() as s:
        refresh_search_text(s, reversed(ids), chunk_size=2)
    assert _texts(db, ids) == before
    assert all(f"业主{n}" in before[uid] for n, uid in enumerate(ids))
