"""Rows of plain values as a sheet's XML text — the bytes openpyxl's write-only ``ws.append`` writes for them.

``RowXml(style_ids)`` formats one ``<row>`` element per call from the values (text, ``Decimal``, ``int``,
``float``; ``None`` writes no cell), column ``i`` carrying the cell style ``style_ids[i]`` (``None``:
unstyled). It is the core of ``app.excel.stream``, the streaming writer of the big plain exports: for the
2.3 million cells of a 100,000-unit ledger, openpyxl's cell objects and element tree were three quarters of
the time. ``tests/app/test_excel_rows.py`` compares the bytes with openpyxl's for the same values.

Deliberate differences from openpyxl: text is always written as text (openpyxl makes "#N/A" an error cell
and "=…" a formula; callers pass text through ``app.excel.cells.safe_value`` first anyway), and values that
are not plain (a date, a bool, NaN, infinity, another type) are refused with a ``TypeError``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal

_EXACT = 2**53  # an int up to this: "%.16g" writes its digits, as str() does
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses (IllegalCharacterError)
MAX_TEXT = 32767


def escape(text: str) -> str:
    """Text for XML: & < > escaped, as et_xmlfile (openpyxl's writer, via ElementTree) writes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def column_letter(index: int) -> str:
    """1 → "A", 27 → "AA" (openpyxl's ``get_column_letter``)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def number_text(value) -> str:
    """A number as openpyxl writes it (``safe_string``: "%.16g", via float for a ``Decimal``)."""
    if type(value) is int and -_EXACT <= value <= _EXACT:
        return str(value)
    if type(value) is bool or not math.isfinite(value):
        raise TypeError(f"not a plain number for a cell: {value!r}")
    return "%.16g" % value  # noqa: UP031 - openpyxl's safe_string


def _text_tail(value: str) -> str:
    """What follows ``<t`` for any text: openpyxl's ``xml:space`` rule (``whitespace()``), then the text."""
    if _ILLEGAL.search(value) or len(value) > MAX_TEXT:
        raise ValueError(f"text a cell cannot hold: {value[:40]!r}")
    stripped = value.strip()
    space = ' xml:space="preserve">' if stripped and value != stripped else ">"
    return f"{space}{escape(value)}</t></is></c>"


class RowXml:
    """``RowXml(style_ids)(values, row_number)`` → the ``<row>`` element's text for those values."""

    def __init__(self, style_ids: Sequence[int | None]):
        # per column: '<c r="B', and what follows the row number for text and for a number (with ' s="3"')
        self.columns = []
        for index, style_id in enumerate(style_ids):
            style = "" if style_id is None else f' s="{style_id}"'
            self.columns.append((f'<c r="{column_letter(index + 1)}', f'"{style} t="inlineStr"><is><t',
                                 f'"{style} t="n"><v>', f'"{style} t="inlineStr" />'))
        self.numbers: dict[object, str] = {}  # amount → its text ("%.16g" of a Decimal costs 2 µs; amounts repeat)

    def __call__(self, row: Sequence[object], row_number: int) -> str:
        r = str(row_number)
        parts = [f'<row r="{r}">']
        numbers = self.numbers
        for (head, text, number, empty), value in zip(self.columns, row, strict=True):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if value and value.isprintable() and value[0] != " " and value[-1] != " " and len(value) <= MAX_TEXT:
                    # printable: no character openpyxl refuses, of the white space only " ", none at the ends
                    parts.append(f"{head}{r}{text}>{escape(value)}</t></is></c>")
                elif value:
                    parts.append(f"{head}{r}{text}{_text_tail(value)}")
                else:
                    parts.append(f"{head}{r}{empty}")
                continue
            if kind is int and -_EXACT <= value <= _EXACT:
                parts.append(f"{head}{r}{number}{value}</v></c>")
                continue
            shown = numbers.get(value) if kind is Decimal or kind is float else None
            if shown is None:
                shown = number_text(value) if kind in (int, float, Decimal) else _refuse(value)
                if kind is not int and value:  # not a zero: 0 == -0, and openpyxl writes "-0"
                    if len(numbers) >= 4096:
                        numbers.clear()
                    numbers[value] = shown
            parts.append(f"{head}{r}{number}{shown}</v></c>")
        parts.append("</row>")
        return "".join(parts)


def _refuse(value) -> str:
    raise TypeError(f"not a plain value for a cell: {value!r} ({type(value).__name__})")
