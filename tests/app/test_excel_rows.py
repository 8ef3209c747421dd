"""app/excel/rows.py and app/excel/stream.py, the streaming writer of the big exports: the sheet must be byte for
byte what openpyxl's own write-only ``ws.append`` writes for the same values, styles, widths and frozen pane
(text with spaces, markup characters, numbers of every kind, missing cells), and the file must read back the
same through openpyxl and calamine: cells, header style, number formats, widths, the frozen pane."""

from __future__ import annotations

import math
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from python_calamine import CalamineWorkbook

from app.errors import ServiceError
from app.excel.cells import _discard
from app.excel.rows import column_letter
from app.excel.stream import Style, streamed_sheet

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "  a", "a ", " 王 ", "\u3000空格", "a\tb", "x\ny", "'=SUM(A1)", "+1", "1e5",
                     "a&b<c>d\"e'f", "0101", "😀", "  "]),
).filter(lambda text: not text.startswith("=") and text not in ERROR_CODES)  # text openpyxl does not take as text
VALUE = st.one_of(
    st.none(), TEXT, st.integers(-10**17, 10**17), st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(places=2, min_value=-10**9, max_value=10**9), st.just(Decimal("0.00")),
)
WIDTH = 5
COLUMNS = [Style(number_format="@"), None, Style(number_format="#,##0.00"), Style(bold=True), None]
HEADER = Style(bold=True, fill="DDEBF7", horizontal="center", vertical="center", wrap=True)
WIDTHS = [12, 8.5, 14, 10, 30]


def _openpyxl_style(cell, style: Style | None):
    if style is None:
        return
    if style.bold or style.size:
        cell.font = Font(bold=style.bold or None, size=style.size)
    if style.fill:
        cell.fill = PatternFill("solid", fgColor=style.fill)
    if style.horizontal or style.vertical or style.wrap:
        cell.alignment = Alignment(horizontal=style.horizontal, vertical=style.vertical, wrap_text=style.wrap or None)
    if style.number_format:
        cell.number_format = style.number_format


def _openpyxl(path, rows, freeze="A2") -> None:
    """The same sheet through openpyxl: a styled cell per value."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("表")
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[column_letter(index)].width = width
    ws.freeze_panes = freeze
    registered = False
    try:
        for values, styles in rows:
            if styles is None and not registered:  # the writer registers a row's styles in column order
                for style in COLUMNS:
                    cell = WriteOnlyCell(ws)
                    _openpyxl_style(cell, style)
                    _ = style is not None and cell.style_id
                registered = True
            cells = []
            for index, value in enumerate(values):
                if styles is None:
                    style = COLUMNS[index]
                elif isinstance(styles, Style):
                    style = styles
                else:
                    style = styles[index] if index < len(styles) else None
                if value is None:
                    cells.append(None)
                    continue
                cell = WriteOnlyCell(ws, value=value)
                _openpyxl_style(cell, style)
                cells.append(cell)
            ws.append(cells)
        wb.save(path)
    except Exception:
        _discard(wb)
        raise


def _streamed(path, rows, freeze="A2") -> None:
    with streamed_sheet(path, "表", widths=WIDTHS, freeze=freeze, column_styles=COLUMNS) as sheet:
        for values, styles in rows:
            sheet.append(values, styles)


def _sheet(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def _both(tmp_path, rows, freeze="A2") -> tuple[bytes | str, bytes | str]:
    out = []
    for name, write in (("plain", _openpyxl), ("streamed", _streamed)):
        path = tmp_path / f"{name}.xlsx"
        try:
            write(path, rows, freeze)
        except Exception as exc:  # noqa: BLE001 - both ways must refuse the same values
            out.append(type(exc).__name__)
        else:
            out.append(_sheet(path))
    return out[0], out[1]


def _with_header(rows):
    return [(["头"] * WIDTH, [HEADER] * WIDTH), *((row, None) for row in rows), (["尾", 1], [Style(bold=True), None])]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(VALUE, min_size=WIDTH, max_size=WIDTH), max_size=8))
def test_the_sheet_is_what_openpyxl_writes(tmp_path, rows):
    plain, streamed = _both(tmp_path, _with_header(rows))
    if isinstance(plain, str):  # openpyxl refuses a control character: so does the writer
        assert plain == "IllegalCharacterError" and streamed == "ValueError"
    else:
        assert streamed == plain


@pytest.mark.parametrize("value", [Decimal("1234.50"), 7, 0.1 + 0.2, 2**60, " 王 ", "a\nb", "", "  ", "<&>"])
def test_each_kind_alone(tmp_path, value):
    plain, streamed = _both(tmp_path, _with_header([[value] * WIDTH, [None] * WIDTH]))
    assert streamed == plain


@pytest.mark.parametrize("zeros", [(0.0, -0.0), (-0.0, 0.0), (Decimal("0.00"), Decimal("-0.00"))])
def test_a_zero_keeps_its_sign_after_the_other_zero(tmp_path, zeros):
    """Amounts' texts are cached by value, and 0 == -0: openpyxl writes "-0" for the second all the same."""
    plain, streamed = _both(tmp_path, _with_header([[zeros[0], None, None, None, None], [zeros[1]] + [None] * 4]))
    assert streamed == plain


@pytest.mark.parametrize("freeze", ["A2", "F3", "B1", "A1"])
def test_frozen_panes_as_openpyxl_writes_them(tmp_path, freeze):
    plain, streamed = _both(tmp_path, _with_header([["a", 1, Decimal("2.00"), "b", None]]), freeze)
    assert streamed == plain


@pytest.mark.parametrize("value", ["#N/A", "=1+1"])
def test_error_codes_and_formula_text_stay_text(tmp_path, value):
    """Deliberately unlike openpyxl (an error cell, a formula): what a person typed is text. The exports pass
    text through ``safe_value`` (no leading =) first anyway."""
    _streamed(tmp_path / "s.xlsx", [([value, None, None, None, None], None)])
    cell = load_workbook(tmp_path / "s.xlsx").active["A1"]
    assert cell.value == value and cell.data_type == "s"


@pytest.mark.parametrize("value", [date(2026, 1, 1), True, math.nan, Decimal("Infinity"), object()])
def test_values_that_are_not_plain_are_refused_and_the_older_file_stays(tmp_path, value):
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"older")
    with pytest.raises((TypeError, ServiceError)):
        _streamed(path, [(["a", None, None, None, None], None), ([value, None, None, None, None], None)])
    assert path.read_bytes() == b"older" and [p.name for p in tmp_path.iterdir()] == ["s.xlsx"]


def test_the_file_reads_back_alike_in_openpyxl_and_calamine(tmp_path):
    rows = _with_header([["0101", 12, Decimal("1234.50"), "王芳", None], ["a&b", -3, Decimal("0.00"), None, "x"]])
    _openpyxl(tmp_path / "plain.xlsx", rows, "F3")
    _streamed(tmp_path / "streamed.xlsx", rows, "F3")
    books = {name: load_workbook(tmp_path / f"{name}.xlsx") for name in ("plain", "streamed")}
    sheets = {name: wb.active for name, wb in books.items()}

    def look(ws):
        cells = [[(c.value, c.data_type, c.number_format, bool(c.font.b), c.fill.fill_type, c.fill.fgColor.rgb,
                   c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text)) for c in row]
                 for row in ws.iter_rows()]
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        return ws.title, ws.freeze_panes, widths, cells

    assert look(sheets["streamed"]) == look(sheets["plain"])
    header = sheets["streamed"]["A1"]
    assert header.font.b and header.fill.fgColor.rgb == "00DDEBF7" and header.alignment.horizontal == "center"
    assert sheets["streamed"]["C2"].number_format == "#,##0.00" and sheets["streamed"]["A2"].number_format == "@"
    calamine = {name: CalamineWorkbook.from_path(str(tmp_path / f"{name}.xlsx")) for name in ("plain", "streamed")}
    assert calamine["streamed"].sheet_names == calamine["plain"].sheet_names == ["表"]
    assert calamine["streamed"].get_sheet_by_index(0).to_python() == calamine["plain"].get_sheet_by_index(0).to_python()


def test_styles_the_exports_use(tmp_path):
    """A title's size, a custom number format and a long sheet name with characters Excel refuses."""
    path = tmp_path / "s.xlsx"
    with streamed_sheet(path, "台账[2026/11]: 一二三四五六七八九十一二三四五六七八九十", widths=[10]) as sheet:
        sheet.append(["标题"], Style(bold=True, size=14))
        sheet.append([Decimal("1.5")], [Style(number_format="0.000")])
        sheet.append([Decimal("2.5")], [Style(number_format="0.000")])
        sheet.append([Decimal("3.5")], [Style(number_format="General")])
    with zipfile.ZipFile(path) as z:
        styles = z.read("xl/styles.xml").decode()
    assert styles.count("<numFmt ") == 1 and 'formatCode="0.000"' in styles  # General is built in (id 0)
    ws = load_workbook(path).active
    assert ws.title == "台账_2026_11__ 一二三四五六七八九十一二三四五六七八九"[:31]
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].number_format == ws["A3"].number_format == "0.000" and ws["A3"].value == 2.5
    assert ws["A4"].number_format == "General"
