"""Appending many rows of plain values to a write-only sheet fast, the XML byte for byte openpyxl's own.

openpyxl's write-only ``append`` makes a cell object per value, binds and type-checks it, then serialises
it through ``et_xmlfile`` as an element tree: about 45 µs a cell here, 100 s for the 2.3 million cells of a
100,000-unit ledger. ``fast_rows(ws, styles)`` returns ``append(values)`` for a sheet whose columns each
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

_NUMBERS = (Decimal, int, float)


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
    # ' s="3"' for a styled column (its style registered in the workbook, as writing the cell would), else ''
    style_attrs = [f' s="{cell.style_id}"' if cell.has_style else "" for cell in templates]
    letters = [get_column_letter(i) for i in range(1, len(templates) + 1)]
    columns = tuple(zip(letters, style_attrs, range(len(templates)), strict=True))
    errors = frozenset(ERROR_CODES)

    def plain(value) -> bool:
        """Whether the text below is what openpyxl writes for this value."""
        kind = type(value)
        if kind is str:
            return not (value.startswith("=") and len(value) > 1) and value not in errors and value != ""
        return kind in _NUMBERS and math.isfinite(value)

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
            cells = [openpyxl_cell(i, v, row_idx) for (_l, _s, i), v in zip(columns, row, strict=True)
                     if v is not None]
            return plain_write_row(xf, cells, row_idx)
        parts = [f'<row r="{row_idx}">']
        for (letter, style, index), value in zip(columns, row, strict=True):
            if value is None:
                continue
            if not plain(value):
                file("".join(parts))
                parts = []
                write_cell(xf, ws, openpyxl_cell(index, value, row_idx), bool(style))
            elif type(value) is str:
                space = ' xml:space="preserve"' if value != value.strip() and value.strip() else ""
                parts.append(f'<c r="{letter}{row_idx}"{style} t="inlineStr"><is><t{space}>'
                             f'{_escape_cdata(value)}</t></is></c>')
            else:
                parts.append(f'<c r="{letter}{row_idx}"{style} t="n"><v>{"%.16g" % value}</v></c>')
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
