"""Writing a roster to .xlsx, streamed (``app.excel.stream``: one row held at a time, no openpyxl).

The columns are the importer's own (``EXPORT_KEYS``), so an exported file imports back with no changes.
Every cell is written as text: ID numbers and phones keep their digits and leading zeros, and a value
starting with = + - @ gets a leading apostrophe so no spreadsheet ever runs it as a formula (``app.excel.cells``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from app.excel.cells import check_target, safe_value
from app.excel.roster_columns import BY_KEY, EXPORT_KEYS
from app.excel.stream import Style, streamed_sheet
from app.progress import NULL_PROGRESS, ProgressLike

HEADER = Style(bold=True, fill="DDEBF7", horizontal="center", vertical="center")


def write_roster(path: str | Path, rows: Iterable, *, title: str = "业主花名册", total: int | None = None,
                 progress: ProgressLike = NULL_PROGRESS) -> int:
    """Rows are ``RosterExportRow`` (or any sequence in EXPORT_KEYS order without 序号); returns how many
    were written. ``rows`` may be an iterator (streamed from SQL): nothing is held but the current row;
    ``total`` is then only for the progress bar."""
    check_target(path)
    if total is None:
        rows = list(rows)
        total = len(rows)
    columns = [BY_KEY[k] for k in EXPORT_KEYS]
    n = 0
    with streamed_sheet(path, title, widths=[col.width + 2 for col in columns], freeze="A2",
                        rows_expected=total) as sheet:
        sheet.append([col.header for col in columns], HEADER)
        for n, row in enumerate(rows, start=1):
            # Python str → a text cell: ID numbers and phones keep every digit without a number format.
            sheet.append([n, *(safe_value(v) if v else None for v in _as_tuple(row))])
            if n % 2000 == 0:
                progress.report(n, total, "写入 Excel")
    return n


def _as_tuple(row) -> Sequence[str]:
    if isinstance(row, Sequence):
        return [str(v or "") for v in row]
    return [row.building, row.unit_no, row.room_no, row.area, row.name, row.relation, row.phone, row.id_number,
            row.move_in, row.spaces, row.plates, row.notes, row.gender, row.floor, row.inner_area, row.floors,
            row.elevator, row.id_unverified]

