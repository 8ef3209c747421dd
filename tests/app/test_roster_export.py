"""The roster export at flat memory (issue 18): the database sorts a few buildings at a time, the file is written
by the streaming writer — and what comes out is what the one ORDER BY over the whole roster and openpyxl wrote."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook
from sqlalchemy import func, update
from sqlalchemy.dialects import sqlite

import app.services.roster_export as roster_module
from app.excel.cells import safe_value
from app.excel.roster import BY_KEY, EXPORT_KEYS
from app.models import Building, Occupancy, ParkingSpace, Unit, Vehicle
from app.services.auth import permissions_for
from app.services.context import Actor
from tests.app.roster_files import HEADER, id_no, write_xlsx

BUILDINGS = ["10栋", "2栋", "1栋", "A座", "商铺", "12栋"]


def _commit_roster(services, tmp_path):
    """Six buildings whose names sort differently by length and by text, units "1", "2", "10", rooms of 3 and
    4 digits, units with two and three people, cars and spaces."""
    rows, n = [HEADER], 0
    for b, building in enumerate(BUILDINGS):
        for unit in ("10", "2", "1"):
            for room in ("1001", "901", "102", "1101"):
                for _person in range(1 + (n % 3 == 0) + (n % 7 == 0)):
                    n += 1
                    car = f"浙A{n:05d}" if n % 4 == 0 else ""
                    space = f"B{b}-{n:03d}" if n % 5 == 0 else ""
                    rows.append([n, building, unit, room, "88.50", f"业主{n}", f"138{n:08d}",
                                 id_no(f"11010519800101{n:03d}"), "2019-05-01", space, car, "-备注" if n == 3 else ""])
    services.roster.commit(write_xlsx(tmp_path / "roster.xlsx", rows))


@pytest.fixture
def roster(services, db, tmp_path):
    """``_commit_roster``'s, some cars and spaces a unit's rather than a person's."""
    _commit_roster(services, tmp_path)
    with db.engine.begin() as conn:  # some cars and spaces belong to the unit, to nobody in particular
        conn.execute(update(Vehicle).where(Vehicle.id % 3 == 0).values(person_id=None))
        conn.execute(update(ParkingSpace).where(ParkingSpace.id % 2 == 0).values(person_id=None))
    return services


def _one_order_by(db) -> list[tuple]:
    """The roster order as one statement over the whole roster wrote it (before the building groups)."""
    stmt = roster_module._export_statement().order_by(
        func.length(Building.name), Building.name, func.length(Unit.unit_no), Unit.unit_no,
        func.length(Unit.room_no), Unit.room_no, Occupancy.id)
    with db.read_session() as s:
        return [(row[4], row[5], row[6], row[8]) for row in s.execute(stmt)]


def _keys(rows) -> list[tuple]:
    return [(r.building, r.unit_no, r.room_no, r.name) for r in rows]


def test_the_lines_come_in_the_one_order_by_s_order_however_they_are_grouped(roster, db, monkeypatch):
    whole = roster.roster_export.export_rows()
    assert len(whole) > 100 and _keys(whole) == _one_order_by(db)
    unit_ids = sorted({u for u, *_ in _unit_rows(db)})
    few = roster.roster_export.export_rows(unit_ids[5:40])
    for sort_units, block, few_units in ((1, 1, 0), (7, 3, 0), (10**6, 10**6, 0), (1, 1, 10**6)):
        monkeypatch.setattr(roster_module, "EXPORT_SORT_UNITS", sort_units)
        monkeypatch.setattr(roster_module, "EXPORT_BLOCK", block)
        monkeypatch.setattr(roster_module, "FEW_UNITS", few_units)
        assert roster.roster_export.export_rows() == whole
        assert roster.roster_export.export_rows(unit_ids[5:40]) == few  # a filtered list: the same lines, either path
    assert few == [r for r in whole if (r.building, r.unit_no, r.room_no) in _unit_keys(db, unit_ids[5:40])]
    assert any(r.plates for r in whole) and any(r.spaces for r in whole)


def _unit_rows(db):
    with db.read_session() as s:
        return list(s.execute(Unit.__table__.select().with_only_columns(Unit.id, Unit.building_id)))


def _unit_keys(db, ids) -> set[tuple]:
    with db.read_session() as s:
        return {(b, u, r) for b, u, r in s.execute(
            Unit.__table__.join(Building.__table__).select().with_only_columns(Building.name, Unit.unit_no, Unit.room_no)
            .where(Unit.id.in_(ids)))}


def test_building_groups_keep_the_order_and_never_split_a_building(roster, db, monkeypatch):
    monkeypatch.setattr(roster_module, "EXPORT_SORT_UNITS", 20)  # 12 units a building: one each
    with db.read_session() as s:
        groups = list(roster_module._building_groups(s))
        names = dict(s.execute(Building.__table__.select().with_only_columns(Building.id, Building.name)).all())
    assert [len(g) for g in groups] == [1] * 6
    ordered = [names[g[0]] for g in groups]
    assert ordered == sorted(names.values(), key=lambda name: (len(name), name)) != sorted(names.values())
    monkeypatch.setattr(roster_module, "EXPORT_SORT_UNITS", 24)
    with db.read_session() as s:
        assert [len(g) for g in roster_module._building_groups(s)] == [2, 2, 2]


def test_in_lists_are_padded_to_a_few_lengths():
    """One statement text per power of two, not one per list length (the driver caches 128 statements per
    connection: an export's look-ups of every length filled it, 4 MB at 100,000 units)."""
    padded = {n: roster_module._padded(list(range(n))) for n in range(1, 600)}
    assert all(p[:n] == list(range(n)) and set(p) == set(range(n)) for n, p in padded.items())
    assert {len(p) for p in padded.values()} == {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}


@pytest.mark.sqlite_only
def test_a_building_group_is_read_by_the_units_index_and_sorted_alone(roster, db):
    """The plan walks the group's units by ix_units_code_order and each unit's people by the occupancies'
    unique index: nothing scans the whole roster, and SQLite's sorter holds one group."""
    with db.read_session() as s:
        group = next(roster_module._building_groups(s))
        stmt = roster_module._export_statement().where(Unit.building_id.in_(roster_module._padded(group))).order_by(
            func.length(Building.name), Building.name, func.length(Unit.unit_no), Unit.unit_no,
            func.length(Unit.room_no), Unit.room_no, Occupancy.id)
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        plan = [row[-1] for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert any("INDEX ix_units_code_order (building_id=?)" in step for step in plan), plan
    assert any("SEARCH occupancies USING" in step and "(unit_id=?)" in step for step in plan), plan
    assert not any(step.startswith("SCAN") for step in plan), plan


def _openpyxl_roster(path, rows) -> None:
    """The export as openpyxl wrote it before the streaming writer (write-only, styled header, text cells)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("业主花名册")
    columns = [BY_KEY[k] for k in EXPORT_KEYS]
    for index, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width + 2
    ws.freeze_panes = "A2"
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    ws.append(header)
    for n, row in enumerate(rows, start=1):
        values = [row.building, row.unit_no, row.room_no, row.area, row.name, row.relation, row.phone, row.id_number,
                  row.move_in, row.spaces, row.plates, row.notes, row.gender, row.floor, row.inner_area, row.floors,
                  row.elevator, row.id_unverified]
        ws.append([n, *(safe_value(v) if v else None for v in values)])
    wb.save(path)


def _sheet(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("full", [True, False])
def test_the_file_is_the_one_openpyxl_wrote_masked_or_not(roster, tmp_path, full):
    permissions = permissions_for("manager") - (set() if full else {"pii.view_full"})
    clerk = roster.as_actor(Actor(None, "clerk", "clerk", "manager", frozenset(permissions)))
    out, before = tmp_path / "export.xlsx", tmp_path / "openpyxl.xlsx"
    assert clerk.roster_export.export(out) == len(lines := clerk.roster_export.export_rows())
    _openpyxl_roster(before, lines)
    assert _sheet(out) == _sheet(before)
    read = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert read == CalamineWorkbook.from_path(str(before)).get_sheet_by_index(0).to_python()
    phone, id_number = read[1][7], read[1][8]
    assert ("****" in phone and "*" * 10 in id_number) != full and len(phone) == 11
    assert "'-备注" in [row[12] for row in read]  # formula-like text neutralised
    ws = load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws["A1"].font.b and ws["A1"].fill.fgColor.rgb == "00DDEBF7"
    assert ws["A1"].alignment.horizontal == "center" and ws.column_dimensions["B"].width == BY_KEY["building"].width + 2


def test_the_export_imports_back_unchanged(services, tmp_path):
    _commit_roster(services, tmp_path)
    out = tmp_path / "export.xlsx"
    services.roster_export.export(out)
    preview = services.roster.preview(out)
    assert preview.ok and preview.counts["unchanged"] == len(services.roster_export.export_rows()) > 100
    assert preview.counts["create"] == preview.counts["update"] == preview.counts["error"] == 0
