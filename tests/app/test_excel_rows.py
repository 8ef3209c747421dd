"""app/excel/rows.py writes rows as text: the sheet must be byte for byte what openpyxl's own ``ws.append`` writes
for the same values and styles, whatever the values (text with spaces, markup characters, formula-like or
error-code text, numbers of every kind, dates, bools, NaN, missing cells)."""

from __future__ import annotations

import math
import zipfile
from copy import copy
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.excel.cells import _discard
from app.excel.rows import fast_rows

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "  a", "a ", " 王 ", "\u3000空格", "a\tb", "x\ny", "=SUM(A1)", "=", "+1", "#N/A",
                     "#DIV/0!", "a&b<c>d\"e'f", "0101", "1e5", "😀"]),
)
VALUE = st.one_of(
    st.none(), TEXT, st.integers(-10**17, 10**17), st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(places=2, min_value=-10**9, max_value=10**9), st.sampled_from([Decimal("NaN"), Decimal("0.00")]),
    st.booleans(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
)
WIDTH = 5


def _styles(ws):
    text, amount, bold = WriteOnlyCell(ws), WriteOnlyCell(ws), WriteOnlyCell(ws)
    text.number_format, amount.number_format, bold.font = "@", "#,##0.00", Font(bold=True)
    return [text, None, amount, bold, None]


def _sheet(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml") + z.read("xl/styles.xml")


def _write(path, rows, fast: bool) -> bytes | str:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws.column_dimensions["A"].width = 12
    ws.freeze_panes = "A2"
    ws.append(["头"] * WIDTH)
    styles = _styles(ws)
    for style in styles:  # fast_rows registers the columns' styles at once, in column order
        _ = style is not None and style.style_id
    append = fast_rows(ws, styles) if fast else None
    try:
        for row in rows:
            if fast:
                append(row)
            else:  # openpyxl's way: a styled cell per value
                cells = []
                for style, value in zip(styles, row, strict=True):
                    if value is None:
                        cells.append(None)
                        continue
                    cell = WriteOnlyCell(ws)
                    if style is not None:
                        cell._style = copy(style._style)
                    cell.value = value  # a date adds a date format to the column's style
                    cells.append(cell)
                ws.append(cells)
        ws.append(["尾", 1])  # a plain row after the fast ones still works
        wb.save(path)
    except Exception as exc:  # noqa: BLE001 - both ways must refuse the same values
        _discard(wb)
        return type(exc).__name__
    return _sheet(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(VALUE, min_size=WIDTH, max_size=WIDTH), max_size=8))
def test_fast_rows_write_what_openpyxl_writes(tmp_path, rows):
    assert _write(tmp_path / "fast.xlsx", rows, True) == _write(tmp_path / "plain.xlsx", rows, False)


def test_a_cell_openpyxl_refuses_is_refused_too(tmp_path):
    rows = [["a\x01b", None, Decimal("1.00"), None, None]]
    assert _write(tmp_path / "fast.xlsx", rows, True) == "IllegalCharacterError"


@pytest.mark.parametrize("value", [Decimal("1234.50"), 7, 0.1 + 0.2, Decimal("NaN"), math.inf, "=1+1", " 王 "])
def test_each_kind_alone(tmp_path, value):
    rows = [[value] * WIDTH, [None] * WIDTH]
    assert _write(tmp_path / "fast.xlsx", rows, True) == _write(tmp_path / "plain.xlsx", rows, False)
