"""The one formula-safe way to put values into an .xlsx the app writes, and to save it.

Whatever a person typed (a name, a note, an audit summary) may start with ``=``, ``+``, ``-`` or ``@``:
a spreadsheet would run it as a formula (``=HYPERLINK(…)``, ``=cmd|…``). ``safe_value`` turns such text
into ``'=HYPERLINK(…)`` — shown as typed, never evaluated; the roster importer strips that apostrophe
again, so an export imports back unchanged. It also drops the control characters XML cannot hold (a
NUL in a name would otherwise abort the export). Numbers, dates and ``Decimal`` pass through as they are.

Usage, for every workbook (``cell.value = safe_value(text)`` for styled or normal cells)::

    with new_workbook(path) as wb:                   # saved atomically (app.files) when the block ends;
        ws = wb.create_sheet("…")                    # on any failure the older file stays, and the
        ws.append(safe_row(values))                  # user gets a Chinese message ("磁盘空间不足 …")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from app.errors import ServiceError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses (IllegalCharacterError)
MAX_CELL_TEXT = 32767  # Excel's limit per cell


def neutralise(value: str) -> str:
    """"=HYPERLINK(...)" → "'=HYPERLINK(...)": shown as typed, never evaluated."""
    return "'" + value if value.startswith(FORMULA_START) else value


_FORMULA_FIRST = frozenset(FORMULA_START)


def safe_value(value: object) -> object:
    """A value ready for a cell: text without XML-illegal characters and never a formula."""
    if type(value) is str and value and (
            value[0] in _FORMULA_FIRST or len(value) > MAX_CELL_TEXT or not value.isprintable()):
        return neutralise(_ILLEGAL.sub("", value))[:MAX_CELL_TEXT]
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_value(v) for v in values]


def check_target(path: str | Path) -> None:
    """Refuse before any work: a name Excel would not open, or a folder that does not exist."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ServiceError(f"导出文件名应以 .xlsx 结尾: {path.name}")
    if not path.parent.is_dir():
        raise ServiceError(f"文件夹不存在: {path.parent}")


@contextmanager
def new_workbook(path: str | Path, *, write_only: bool = True) -> Iterator:
    """``with new_workbook(path) as wb:`` fill it; it is saved atomically when the block ends.

    A failure anywhere inside (a full disk while write-only rows are spooled, a cancel) leaves the older
    file at ``path`` untouched and becomes a Chinese ``ServiceError``.
    """
    from openpyxl import Workbook

    from app.files import atomic_path

    check_target(path)
    wb = Workbook(write_only=write_only)
    try:
        with atomic_path(path) as temp:
            yield wb
            wb.save(temp)
    except BaseException:
        _discard(wb)
        raise


def save_workbook(wb, path: str | Path) -> Path:
    """Save a workbook built elsewhere atomically: the older file at ``path`` survives a kill or a full disk."""
    from app.files import atomic_path

    check_target(path)
    try:
        with atomic_path(path) as temp:
            wb.save(temp)
    except BaseException:
        _discard(wb)
        raise
    return Path(path)


def _discard(wb) -> None:
    """Close a write-only workbook's spooling streams now, quietly (left to the garbage collector, a failed
    one prints "Exception ignored … Traceback" on the console)."""
    for ws in getattr(wb, "_sheets", ()):
        rows = getattr(ws, "_rows", None)  # the row stream first: closed later, it writes to a closed file
        if rows is not None:
            with suppress(Exception):
                rows.close()
        writer = getattr(ws, "_writer", None)
        stream = getattr(writer, "xf", None)
        if stream is not None:
            with suppress(Exception):  # the failure was already reported
                stream.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            Path(out).unlink(missing_ok=True)
