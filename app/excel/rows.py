"""Appending many rows of plain values to a write-only sheet fast, the XML byte for byte openpyxl's own.

openpyxl's write-only ``append`` makes a cell object per value, binds and type-checks it, then serialises
it through ``et_xmlfile`` as an element tree: for the 2.3 million cells of a 100,000-unit ledger that was
three quarters of the export's time. ``fast_rows(ws, styles)`` returns ``append(values)`` for a sheet whose columns each
have one fixed style: each row's ``<row>`` element is formatted as text from the values (text, ``Decimal``,
``int``, ``float``; ``None`` writes no cell) and goes to the same stream, between the same elements.

Anything else — a formula-like or error-code string, a date, a bool, NaN, a row with row dimensions, or an
XML writer other than ``et_xmlfile`` (lxml installed) — is written by openpyxl itself, cell by cell, so the
file never differs from what ``ws.append`` writes (``tests/app/test_excel_rows.py`` compares the bytes).
Text should have passed ``app.excel.cells.safe_value`` first, as for ``ws.append``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from copy import copy
from decimal import Decimal
from xml.etree.ElementTree import _escape_cdata  # what et_xmlfile escapes text with

_EXACT = 2**53  # an int up to this: "%.16g" writes its digits, as str() does


class _Prepared(tuple):
    """A row of values for ``fast_rows``'s writer (a plain tuple or list goes to openpyxl as usual)."""

    __slots__ = ()


def fast_rows(ws, styles: Sequence[object | None]) -> Callable[[Sequence[object]], None]:
    """``append(values)`` for the write-only sheet ``ws``: one value per column, column ``i`` styled like the
    cell ``styles[i]`` (a ``WriteOnlyCell`` carrying font/fill/number format…, or ``None``: unstyled).
    ``ws.append`` keeps working for other rows (a title, a styled footer) in between."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell._writer import write_cell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.utils import get_column_letter

    templates = []
    for style in styles:
        cell = WriteOnlyCell(ws)
        if style is not None:
            cell._style = copy(style._style)
        templates.append(cell)
    # per column: '<c r="B' and what follows the row number for text and for a number, with ' s="3"' for a
    # styled column (its style registered in the workbook, as writing the cell would)
    columns = []
    for index, cell in enumerate(templates):
        style = f' s="{cell.style_id}"' if cell.has_style else ""
        columns.append((f'<c r="{get_column_letter(index + 1)}', f'"{style} t="inlineStr"><is><t',
                        f'"{style} t="n"><v>', index))
    errors = frozenset(ERROR_CODES)
    numbers: dict[object, str] = {}  # amount → its text ("%.16g" of a Decimal costs 2 µs; amounts repeat)

    def openpyxl_cell(index: int, value, row_idx: int):
        cell = WriteOnlyCell(ws)
        cell._style = copy(templates[index]._style)
        cell.value = value
        cell.row, cell.column = row_idx, index + 1
        return cell

    def write_row(xf, row, row_idx: int) -> None:
        if type(row) is not _Prepared:
            return plain_write_row(xf, row, row_idx)
        file = getattr(xf, "_file", None)  # et_xmlfile's text sink (lxml's writer has none)
        if file is None or ws.row_dimensions.get(row_idx) is not None:
            cells = [openpyxl_cell(index, v, row_idx) for (*_, index), v in zip(columns, row, strict=True)
                     if v is not None]
            return plain_write_row(xf, cells, row_idx)
        r = str(row_idx)
        parts = [f'<row r="{r}">']
        for (head, text, number, index), value in zip(columns, row, strict=True):
            if value is None:
                continue
            kind = type(value)
            # printable: no character openpyxl refuses, and of the white space only " " (so the test for
            # openpyxl's xml:space="preserve" is simple); a formula-like or error-code text goes to openpyxl
            if kind is str and value.isprintable() and value and value[0] != "=" and value not in errors \
                    and len(value) <= 32767:
                space = ' xml:space="preserve">' if (value[0] == " " or value[-1] == " ") and value.strip(" ") \
                    else ">"
                parts.append(f"{head}{r}{text}{space}{_escape_cdata(value)}</t></is></c>")
                continue
            if kind is int and -_EXACT <= value <= _EXACT:
                parts.append(f"{head}{r}{number}{value}</v></c>")
                continue
            if kind is Decimal or kind is float:
                shown = numbers.get(value)
                if shown is None and math.isfinite(value):
                    if len(numbers) >= 4096:
                        numbers.clear()
                    shown = numbers[value] = "%.16g" % value  # noqa: UP031 - openpyxl's safe_string: via float
                if shown is not None:
                    parts.append(f"{head}{r}{number}{shown}</v></c>")
                    continue
            # anything else as openpyxl writes it (a formula-like or error-code text, a date, NaN …)
            file("".join(parts))
            parts = []
            cell = openpyxl_cell(index, value, row_idx)
            write_cell(xf, ws, cell, cell.has_style)
        parts.append("</row>")
        file("".join(parts))

    ws._get_writer()
    plain_write_row = ws._writer.write_row
    ws._writer.write_row = write_row
    plain_values_to_row = ws._values_to_row

    def values_to_row(values, row_idx):
        return values if type(values) is _Prepared else plain_values_to_row(values, row_idx)

    ws._values_to_row = values_to_row

    def append(values: Sequence[object]) -> None:
        ws.append(_Prepared(values))

    return append
