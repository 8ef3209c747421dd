"""The desk's quick look-up ranks its matches: exact room, then names, then phone/ID tails, with reasons."""

from __future__ import annotations

from app.search import MATCH_NAME, MATCH_PHONE, MATCH_ROOM, MATCH_ROOM_PART, rank_match


def _unit(services, building, room, name, phone, id_number=""):
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": room})
    services.archive.save_member(unit, {"name": name, "phone": phone, "id_number": id_number})
    return unit


def test_exact_room_beats_a_phone_that_contains_the_digits(services):
    b1 = services.archive.create_building("1栋", floors=18)
    b3 = services.archive.create_building("3栋", floors=18)
    phone_hit = _unit(services, b1, "304", "赵六", "13915020001")  # 1-1-304: its phone contains 1502
    room_hit = _unit(services, b3, "1502", "张三", "13812345678")
    result = services.archive.lookup_units("1502")
    assert [m.unit.id for m in result.matches] == [room_hit, phone_hit]
    assert [m.reason for m in result.matches] == [MATCH_ROOM, MATCH_PHONE]
    assert result.total == 2


def test_names_before_phone_tails_and_more_than_the_limit(services):
    b = services.archive.create_building("2栋", floors=30)
    for i in range(10):
        _unit(services, b, f"{i + 1:02d}01", f"李{i}", f"1380000{i:04d}")
    result = services.archive.lookup_units("李", limit=8)
    assert len(result.matches) == 8 and result.total == 10
    assert {m.reason for m in result.matches} == {MATCH_NAME}
    tail = services.archive.lookup_units("0007")
    assert tail.matches[0].unit.owners == "李7" and tail.matches[0].reason == MATCH_PHONE


def test_rank_order():
    people = [("王五", "13800001502", "")]
    assert rank_match("1502", ["3-1-1502"], "1502", [], []) == (0, MATCH_ROOM)
    assert rank_match("王五", ["1-1-304"], "304", people, [])[1] == MATCH_NAME
    assert rank_match("1502", ["1-1-304"], "304", people, []) == (4, MATCH_PHONE)
    assert rank_match("0000", ["1-1-304"], "304", people, []) == (6, MATCH_PHONE)


def test_a_room_code_typed_half_way_finds_rooms_not_id_digits(services):
    """"3-1-" is the moment before the room number is typed: it must not turn into the digits "31" and pick
    the first owner whose ID number holds them."""
    b1 = services.archive.create_building("1栋", floors=18)
    b3 = services.archive.create_building("3栋", floors=18)
    _unit(services, b1, "503", "郭洋", "17734505320", "110101199003071233")  # "31" in the ID number
    wanted = _unit(services, b3, "1502", "张三", "13812345678")
    for typed in ("3-1-", "3-1"):
        result = services.archive.lookup_units(typed)
        assert [m.unit.id for m in result.matches] == [wanted], typed
        assert result.matches[0].reason == MATCH_ROOM_PART
