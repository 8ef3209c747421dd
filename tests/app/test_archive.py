"""Owner/unit archive: saving with validation, search by any handle, masking, stale saves."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import ConflictError, FieldError, PermissionDenied
from app.models import Person, Unit
from app.services.archive import UnitFilter

VALID_ID = "11010519491231002X"


@pytest.fixture
def unit_id(services):
    building = services.archive.create_building("3栋", floors=18)
    uid = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502", "area": "118.75"})
    services.archive.save_member(uid, {"name": "张三", "phone": "138-1234-5678", "id_number": VALID_ID.lower()})
    services.archive.add_vehicle(uid, "浙a·12345")
    return uid


def count(db, model):
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("query", ["3-1-1502", "3栋1单元1502", "张三", "张", "13812345678", "1234",
                                   "002x", "浙A12345", "a123"])
def test_search_by_any_handle(services, unit_id, query):
    rows = services.archive.list_units(UnitFilter(query=query))
    assert [r.id for r in rows] == [unit_id]
    assert services.archive.count_units(UnitFilter(query=query)) == 1


def test_search_misses_and_wildcards_are_literal(services, unit_id):
    assert services.archive.count_units(UnitFilter(query="李四")) == 0
    assert services.archive.count_units(UnitFilter(query="%")) == 0
    assert services.archive.count_units(UnitFilter(query="_")) == 0


def test_detail_stores_normalised_values(services, unit_id):
    detail = services.archive.get_unit(unit_id)
    assert detail.unit.code == "3-1-1502"
    assert detail.unit.area == Decimal("118.75")
    assert detail.unit.floor == 15
    assert detail.members[0].phone == "13812345678"  # the system actor may see it in full
    assert detail.members[0].id_number == VALID_ID
    assert detail.vehicles[0].plate == "浙A12345"


def test_receptionist_sees_masked_personal_data(as_role, unit_id):
    detail = as_role("service").archive.get_unit(unit_id)
    assert detail.members[0].phone == "138****5678"
    assert detail.members[0].id_number == "1101**********002X"
    assert detail.unit.phone == "138****5678"


def test_bad_id_number_saves_nothing(services, db, unit_id):
    before = count(db, Person)
    with pytest.raises(FieldError) as err:
        services.archive.save_member(unit_id, {"name": "李四", "id_number": "110105194912310022"})
    assert err.value.errors == {"id_number": "校验位错误"}
    assert count(db, Person) == before


def test_duplicate_room_is_refused(services, db, unit_id):
    building = services.archive.get_unit_values(unit_id)["building_id"]
    with pytest.raises(FieldError, match="房号"):
        services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502"})
    assert count(db, Unit) == 1


def test_editing_masked_values_keeps_the_stored_ones(as_role, services, unit_id):
    clerk = as_role("service")
    person_id = clerk.archive.get_unit(unit_id).members[0].person_id
    values = clerk.archive.get_person_values(person_id, unit_id)
    assert "*" in values["phone"]
    clerk.archive.save_member(unit_id, {**values, "name": "张三丰"}, person_id=person_id)
    member = services.archive.get_unit(unit_id).members[0]
    assert (member.name, member.phone, member.id_number) == ("张三丰", "13812345678", VALID_ID)


def test_stale_save_is_refused_and_overwrites_nothing(services, unit_id):
    first = services.archive.get_unit_values(unit_id)
    second = dict(first)
    services.archive.save_unit({**first, "notes": "first"}, unit_id)
    with pytest.raises(ConflictError, match="重新加载"):
        services.archive.save_unit({**second, "notes": "second"}, unit_id)
    assert services.archive.get_unit(unit_id).notes == "first"


def test_roles_without_edit_permission_are_refused(as_role, unit_id):
    with pytest.raises(PermissionDenied):
        as_role("engineering").archive.save_unit({"building_id": 1, "room_no": "101"})


def test_writes_record_the_operator(as_role, db, unit_id):
    as_role("service", user_id=42).archive.save_unit(
        {"building_id": 1, "unit_no": "1", "room_no": "1502", "notes": "x", "version": None}, unit_id
    )
    with db.read_session() as s:
        unit = s.get(Unit, unit_id)
        assert unit.updated_by == 42 and unit.updated_at is not None
