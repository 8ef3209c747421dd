"""Issue 18 at a million rows: the search index rebuilt for any number of units, short searches capped."""

from sqlalchemy import select, update

from app.models import Unit
from app.paging import AtLeast
from app.search import normalise_query, short_plan
from app.services import archive
from app.services.archive import UnitFilter, refresh_search_text


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


# --- 1–2 character searches: the count stops at a cap, the first page is the same ---------------------------

ROOMS = ["101", "102", "201", "202", "301", "1001", "1002"]


def _codes(rows):
    return [row.code for row in rows]


def test_a_short_query_with_more_matches_than_the_cap_says_so_and_lists_the_same_first_rows(services, db,
                                                                                          monkeypatch):
    _units(services, ROOMS)  # every owner is called 业主…: "业" matches all seven
    expected = _codes(services.archive.list_units(UnitFilter(query="业"), limit=200))
    assert expected == ["3-1-101", "3-1-102", "3-1-201", "3-1-202", "3-1-301", "3-1-1001", "3-1-1002"]
    monkeypatch.setattr(archive, "COUNT_CAP", 3)
    count = services.archive.count_units(UnitFilter(query="业"))
    assert count == 3 and isinstance(count, AtLeast)
    assert _codes(services.archive.list_units(UnitFilter(query="业"), limit=200)) == expected
    assert _codes(services.archive.list_units(UnitFilter(query="业主"), offset=2, limit=2)) == expected[2:4]
    desc = services.archive.list_units(UnitFilter(query="业"), limit=200, sort="code", descending=True)
    assert _codes(desc) == expected[::-1]


def test_a_short_query_with_few_matches_counts_them_exactly(services, monkeypatch):
    _units(services, ROOMS)
    monkeypatch.setattr(archive, "COUNT_CAP", 3)
    for query, codes in (("主1", ["3-1-102"]), ("主6", ["3-1-1002"]), ("主5", ["3-1-1001"]), ("无此", [])):
        count = services.archive.count_units(UnitFilter(query=query))
        assert count == len(codes) and not isinstance(count, AtLeast), query
        assert _codes(services.archive.list_units(UnitFilter(query=query))) == codes


def test_three_or_more_characters_are_counted_in_full(services, monkeypatch):
    _units(services, ROOMS)
    monkeypatch.setattr(archive, "COUNT_CAP", 3)
    count = services.archive.count_units(UnitFilter(query="3-1"))  # the trigram index: every match counted
    assert count == 7 and not isinstance(count, AtLeast)
    assert len(services.archive.list_units(UnitFilter(query="3-1"))) == 7


def test_one_or_two_characters_found_through_the_index_are_exactly_the_units_holding_them(services, db):
    building = services.archive.create_building("9栋")
    people = [("张伟", "", ""), ("王秀英", "13812345678", ""), ("欧阳娜娜", "", "11010519491231002X"),
              ("李a", "", ""), ("赵四", "0571-8888-1234", "")]
    ids = []
    for n, (name, phone, id_number) in enumerate(people):
        uid = services.archive.save_unit({"building_id": building, "unit_no": "", "room_no": f"{n + 1}08"})
        services.archive.save_member(uid, {"name": name, "phone": phone, "id_number": id_number})
        ids.append(uid)
    services.archive.add_vehicle(ids[1], "浙A·9Z8YB")  # a text ending in letters
    texts = _texts(db, ids)
    assert all(t.endswith("  ") for t in texts.values())
    pairs = {t[i : i + n] for t in texts.values() for n in (1, 2) for i in range(len(t) - n + 1)}
    pairs |= {"无此", "伟王", "yz", "鑫"}
    pairs = {p for p in pairs if " " not in p}
    with db.read_session() as s:
        if db.is_sqlite:  # the index answers these (each is rare here), not LIKE
            for query in ("张伟", "欧"):
                assert short_plan(Unit.id, s, query).narrow is not None
    for pair in sorted(pairs):
        query = normalise_query(pair)  # ("-1" is the digit 1)
        expected = sorted(uid for uid, t in texts.items() if query in t)
        assert services.archive.count_units(UnitFilter(query=pair)) == len(expected), pair
        assert sorted(r.id for r in services.archive.list_units(UnitFilter(query=pair))) == expected, pair


def test_the_desk_look_up_finds_a_two_character_name_through_the_same_path(services):
    ids = _units(services, ["101", "102"])
    services.archive.save_member(ids[1], {"name": "张伟", "phone": ""})
    found = services.archive.lookup_units("张伟")
    assert [(m.unit.id, m.reason) for m in found.matches] == [(ids[1], "name")] and found.total == 1
