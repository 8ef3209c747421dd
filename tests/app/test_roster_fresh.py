"""The roster import's fresh path (``app.services.roster._fresh`` / ``_write_fresh``) against the row loop.

A file that meets nothing stored — none of its units, ID numbers, plates or spaces in the database, no plate or
space twice, no name twice in a unit — is planned and written column by column (an ID number on several rows:
one owner of several units). Whatever the file holds, the import must answer and store exactly what the
row-by-row plan answers and stores: the preview (statuses, counts, issues, conflicts, totals), the result,
every row of the tables it writes, the audit trail and the search index. Hypothesis generates small files of
co-owners, owners of several units (one ID number, one name, the later rows' phone, gender and notes filling in
blanks), blank and repeated cells, repeated names, ID numbers, plates and spaces (plates and spaces twice, or a
name twice in a unit, send a file to the row loop), the optional columns (楼层, 室内面积, 总层数, 电梯, 性别,
身份), imported into an empty database and into one holding another building; each is imported both ways, on
both engines.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.demo.property import id_number, mobile, person_name, plate
from app.services import Services
from app.services import roster as roster_service
from app.services.archive import UnitFilter
from app.services.roster import RosterRejected
from tests.app.roster_files import HEADER, ID_A, ID_B, ID_C, ID_D, id_no, write_xlsx
from tests.app.test_roster_write_equivalence import stored
from tests.conftest import _fresh_database

EXTRA = ["楼层", "室内面积(㎡)", "总层数", "是否有电梯", "性别", "身份"]
NAMES = ["董静", "张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "冯一"]
IDS = [ID_A, ID_B, ID_C, ID_D, *(id_no(f"33010619800101{n:03d}") for n in range(100, 108))]
OTHER = [[1, "9栋", "1", "101", "80", "钱七", "13900000009", "", "", "", "", ""]]  # a stored building elsewhere


def _cell(draw, choices: list, blank: float = 0.5) -> object:
    return "" if draw(st.floats(0, 1)) < blank else draw(st.sampled_from(choices))


@st.composite
def fresh_rosters(draw) -> tuple[list[list], bool, bool]:
    """Rows (HEADER, perhaps EXTRA), whether the extra columns are there, whether another building is stored."""
    extra = draw(st.booleans())
    owners = draw(st.booleans())  # an ID number always under one name: owners of several units
    rows = []
    for n in range(draw(st.integers(1, 12))):
        row = [n + 1, draw(st.sampled_from(["1栋", "2栋", "3号楼"])), draw(st.sampled_from(["1", "1", "2"])),
               draw(st.sampled_from(["101", "102", "201", "1502"])), _cell(draw, ["89.50", "90"]),
               draw(st.sampled_from(NAMES)), _cell(draw, ["13800000001", "13912345678", "0571-88886666"]),
               _cell(draw, IDS, 0.3), _cell(draw, ["2019-05-01", "2020/1/2"]),
               _cell(draw, ["B1-001", "B1-002", "B1-003、B1-004", "B2-010", "B2-011", "B2-012"], 0.7),
               _cell(draw, ["浙A12345", "浙B54321", "浙C11111、浙D22222", "浙E33333", "浙F44444"], 0.7), _cell(draw, ["共有人"], 0.8)]
        if owners and row[7]:
            row[5] = NAMES[IDS.index(row[7]) % len(NAMES)]
        if extra:
            row += [_cell(draw, ["5", "12"]), _cell(draw, ["70", "75.5"]), _cell(draw, ["18", "30"]),
                    _cell(draw, ["有", "无"]), _cell(draw, ["男", "女"]), _cell(draw, ["业主", "租户", "家属"])]
        rows.append(row)
    return rows, extra, draw(st.booleans())


def _import(template: str, folder: Path, path: Path, other: bool, fresh: bool, monkeypatch, calls: list) -> tuple:
    """Preview and commit ``path`` into a new database (holding OTHER when ``other``): what it answered and stored."""
    monkeypatch.setattr(roster_service, "FRESH_PATH", fresh)
    folder.mkdir()
    db = _fresh_database(template, folder)
    try:
        services = Services.open(db)
        if other:
            services.roster.commit(write_xlsx(folder / "other.xlsx", [HEADER, *OTHER]))
            calls.clear()
        preview = services.roster.preview(path)
        answered = (preview.statuses, preview.counts, preview.lines(), [c.change for c in preview.conflicts],
                    str(preview.totals) if preview.ok else "")
        try:
            results = [services.roster.commit(path)]
        except RosterRejected as exc:
            results, answered = [], (*answered, [str(i) for i in exc.issues])
        rows = stored(services, db, results)
        rows["search"] = {q: [u.id for u in services.archive.list_units(UnitFilter(query=q), limit=500)]
                          for q in (*NAMES, "1-1-101", "1栋2单元", "浙a1", "138", "0571", ID_B[-4:])}
        if db.engine.dialect.name == "sqlite":
            with db.engine.begin() as conn:
                conn.execute(text("INSERT INTO units_fts(units_fts, rank) VALUES ('integrity-check', 1)"))
        return answered, rows
    finally:
        db.dispose()


def _both_ways(template, folder: Path, path: Path, other: bool, monkeypatch, calls: list) -> None:
    row_loop = _import(template, folder / "rows", path, other, False, monkeypatch, calls)
    assert not calls
    fresh = _import(template, folder / "fresh", path, other, True, monkeypatch, calls)
    assert fresh[0] == row_loop[0]
    assert {k: v for k, v in fresh[1].items() if v != row_loop[1][k]} == {}


@pytest.fixture
def fresh_calls(monkeypatch) -> list:
    """The files written by the fresh path (a spy on ``_write_fresh``)."""
    calls: list = []
    write = roster_service._write_fresh

    def spy(conn, f, *args):
        calls.append(len(f.records))
        return write(conn, f, *args)

    monkeypatch.setattr(roster_service, "_write_fresh", spy)
    return calls


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roster=fresh_rosters())
def test_fresh_path_answers_and_stores_what_the_row_loop_does(migrated_template, tmp_path_factory, monkeypatch,
                                                             fresh_calls, roster):
    rows, extra, other = roster
    folder = tmp_path_factory.mktemp("fresh")
    path = write_xlsx(folder / "r.xlsx", [HEADER + EXTRA if extra else HEADER, *rows])
    fresh_calls.clear()
    _both_ways(migrated_template, folder, path, other, monkeypatch, fresh_calls)
    numbers = [r[7] for r in rows if r[7]]
    event(("fresh path" if fresh_calls else "row loop") + (", an ID number on several rows"
                                                            if len(set(numbers)) < len(numbers) else ""))


def _office_rows(count: int, seed: int = 3, owners: bool = False) -> list[list]:
    """A first roster as offices keep them: co-owners, cars with spaces, some people without an ID number; with
    ``owners``, every tenth row the owner (name and ID number, another phone or none) of a unit a few rows up,
    or a namesake of theirs where that row has no ID number."""
    rng = random.Random(seed)
    rows, n = [], 0
    for b in (1, 2):
        for u in (1, 2, 3):
            for room in range(101, 201):
                for k in range(2 if room % 4 == 0 else 1):
                    n += 1
                    car = plate(rng) if n % 3 == 0 else ""
                    rows.append([n, f"{b}号楼", str(u), str(room), "" if k else f"{88 + room % 5}.50",
                                 person_name(rng) + "甲乙"[k], mobile(rng), id_number(rng) if n % 6 else "",
                                 (date(2016, 1, 1) + timedelta(days=n)).isoformat(), f"B{b}-{n:03d}" if car else "",
                                 car, "共有人" if k else "", str(room // 100 + 1), "" if n % 5 else "18",
                                 "" if n % 7 else "有", "男" if n % 2 else "", "" if k else "业主"])
                    if owners and n % 10 == 0:
                        source = rows[-9] if n % 20 == 0 else rows[-8]  # (rows[-9] has no ID number)
                        rows[-1][5], rows[-1][7] = source[5], source[7]
                        if n % 20 == 0:
                            rows[-1][6] = ""
                    if n >= count:
                        return rows
    return rows


@pytest.mark.parametrize("other, owners", [(False, False), (True, False), (False, True)])
def test_a_first_roster_takes_the_fresh_path_and_stores_the_same(migrated_template, tmp_path, monkeypatch,
                                                                 fresh_calls, other, owners):
    """Past the sizes where the import changes method (the search index filled in one statement from 200 new
    units; 500 ID numbers looked up in one pass); with owners of several units, too."""
    header = HEADER + ["楼层", "总层数", "是否有电梯", "性别", "身份"]
    rows = _office_rows(620, owners=owners)
    if owners:
        numbers = [r[7] for r in rows if r[7]]
        assert len(set(numbers)) < len(numbers) - 20  # (the shapes under test: owners on several rows,
        namesakes = [r[5] for r in rows if not r[7]]  # namesakes without an ID number in other units)
        assert len(set(namesakes)) < len(namesakes) - 5
    path = write_xlsx(tmp_path / "first.xlsx", [header, *rows])
    _both_ways(migrated_template, tmp_path, path, other, monkeypatch, fresh_calls)
    assert fresh_calls == [620]


@pytest.mark.parametrize("change", ["same name twice in a unit", "a plate twice",
                                    "a space twice", "a row in error (no name)", "a stored unit", "a stored ID number",
                                    "a stored plate"])
def test_files_that_meet_themselves_or_the_database_take_the_row_loop(migrated_template, tmp_path, monkeypatch,
                                                                      fresh_calls, change):
    rows = [r[:12] for r in _office_rows(40)]
    stored_rows = [[1, "5栋", "1", "101", "80", "钱七", "", "", "", "", "", ""]]
    assert rows[3][1:4] == rows[4][1:4]  # two owners of 1号楼 1-104
    if change == "same name twice in a unit":
        rows[4][5] = rows[3][5]
    elif change == "a plate twice":
        rows[3][10] = rows[4][10] = "浙A12345"
    elif change == "a space twice":
        rows[3][9] = rows[4][9] = "B9-001"
    elif change == "a row in error (no name)":
        rows.append([99, "1号楼", "1", "999", "90", "", "", "", "", "", "", ""])
    elif change == "a stored unit":
        stored_rows = [[1, "1号楼", "1", "101", "80", "钱七", "", "", "", "", "", ""]]
    elif change == "a stored ID number":
        stored_rows[0][7] = rows[0][7] = ID_B
        stored_rows[0][5] = rows[0][5]
    elif change == "a stored plate":
        stored_rows[0][10] = rows[2][10]
    folder = tmp_path / "db"
    folder.mkdir()
    db = _fresh_database(migrated_template, folder)
    try:
        services = Services.open(db)
        services.roster.commit(write_xlsx(tmp_path / "stored.xlsx", [HEADER, *stored_rows]))
        assert fresh_calls == [1]  # (a first file of one row: fresh)
        result = services.roster.commit(write_xlsx(tmp_path / "r.xlsx", [HEADER, *rows]), update_existing=True,
                                        only_valid=True)
        assert fresh_calls == [1] and result.created
    finally:
        db.dispose()
