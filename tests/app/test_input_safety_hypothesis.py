"""Generated hostile rosters (issue 10): random sparse extents, invisible characters in every field, and rows
that contradict what is stored. Whatever comes, the import answers with messages (never another exception),
refuses far values naming the cell, never renames a stored person or moves a plate unasked, and stores no
invisible character."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.db import open_database
from app.errors import ServiceError
from app.excel import extent
from app.services import Services
from app.services.roster import RosterRejected
from app.validators import clean_text, has_invisible
from tests.app.roster_files import HEADER, ID_A, ID_B, ID_C, people

INVISIBLE = ["\u200b", "\ufeff", "\u00a0", "\u2060", "\u200d", "\u3000", "\u00ad"]
NAMES = ["董静", "张三", "李四", "王五"]
SEED = [1, "1栋", "1", "101", "90", "董静", "13800000001", ID_A, "", "", "浙A12345", ""]


def sprinkle(draw, text: str) -> str:
    """Insert up to two invisible (or space-like) characters at random places."""
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
    return text


@st.composite
def rosters(draw):
    rows = []
    for n in range(draw(st.integers(1, 6))):
        building = sprinkle(draw, f"{draw(st.integers(1, 2))}栋")
        room = sprinkle(draw, str(draw(st.sampled_from([101, 102, 201]))))
        name = sprinkle(draw, draw(st.sampled_from(NAMES)))
        id_number = draw(st.sampled_from(["", ID_A, ID_B, ID_C]))
        if id_number and draw(st.booleans()):
            id_number = sprinkle(draw, id_number)
        plate = draw(st.sampled_from(["", "浙A12345", "浙B54321"]))
        rows.append([n + 1, building, "1", room, "", name, "", id_number, "", "", plate, ""])
    far = draw(st.one_of(
        st.none(),
        st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), st.booleans()),  # (row, column, has value)
    ))
    return rows, far


def write(path: Path, rows: list[list], far) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    if far is not None:
        row, col, has_value = far
        if row > len(rows) + 1 or col > len(HEADER):
            cell = ws.cell(row=row, column=col)
            if has_value:
                cell.value = "远"
            else:
                cell.font = Font(bold=True)
    wb.save(path)
    return path


def far_beyond_limits(far) -> str | None:
    if far is None or not far[2]:
        return None
    row, col, _ = far
    rows, cols = max(row, 1), max(col, len(HEADER))
    if rows > extent.MAX_ROWS or cols > extent.MAX_COLUMNS or rows * cols > extent.MAX_CELLS:
        return f"{get_column_letter(col)}{row}"
    return None


@pytest.mark.slow
@pytest.mark.sqlite_only
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roster=rosters())
def test_generated_hostile_rosters(migrated_template, tmp_path_factory, roster):
    rows, far = roster
    folder = tmp_path_factory.mktemp("gen")
    shutil.copyfile(migrated_template, folder / "p.db")
    db = open_database(f"sqlite:///{folder / 'p.db'}")
    try:
        services = Services.open(db)
        services.roster.commit(write(folder / "seed.xlsx", [SEED], None))
        path = write(folder / "r.xlsx", rows, far)
        refused_cell = far_beyond_limits(far)
        try:
            preview = services.roster.preview(path)
        except ServiceError as exc:
            assert refused_cell is not None and refused_cell in str(exc), str(exc)
            return
        assert refused_cell is None
        impostors = {i + 2 for i, row in enumerate(rows)  # the stored ID under another name
                     if row[7] == ID_A and clean_text(row[5]).replace(" ", "") != "董静"}
        lines = preview.lines()
        for excel_row in impostors:  # refused: as a conflict, or for another reason found first
            assert any(line.startswith(f"第{excel_row}行 ") for line in lines), lines
        try:
            services.roster.commit(preview)
        except RosterRejected:
            assert preview.issues
        stored = people(db)
        assert ("1栋", "1", "101", "董静", "13800000001", ID_A) in [tuple(p[:6]) for p in stored]
        assert not any(has_invisible(value) or "\u00a0" in value or "\u3000" in value
                       for p in stored for value in p[:6] if isinstance(value, str))
        buildings = {p[0] for p in stored}
        assert buildings <= {"1栋", "2栋"}, buildings  # look-alikes folded into one
    finally:
        db.dispose()
