"""Writing a roster to .xlsx (openpyxl write-only: constant memory, 10,000 rows in about 2 s).

The columns are the importer's own (``EXPORT_KEYS``), so an exported file imports back with no changes.
Every cell is written as text: ID numbers and phones keep their digits and leading zeros, and a value
starting with = + - @ gets a leading apostrophe so no spreadsheet ever runs it as a formula (``app.excel.cells``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from app.excel.cells import check_target, neutralise, new_workbook, safe_value, save_workbook
from app.excel.roster import BY_KEY, EXPORT_KEYS
from app.excel.rows import fast_rows
from app.progress import NULL_PROGRESS, ProgressLike


def write_roster(path: str | Path, rows: Iterable, *, title: str = "业主花名册", total: int | None = None,
                 progress: ProgressLike = NULL_PROGRESS) -> int:
    """Rows are ``RosterExportRow`` (or any sequence in EXPORT_KEYS order without 序号); returns how many
    were written. ``rows`` may be an iterator (streamed from SQL): nothing is held but the current row;
    ``total`` is then only for the progress bar."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    check_target(path)
    if total is None:
        rows = list(rows)
        total = len(rows)
    n = 0
    with new_workbook(path) as wb:
        ws = wb.create_sheet(title[:31])
        columns = [BY_KEY[k] for k in EXPORT_KEYS]
        for index, col in enumerate(columns, start=1):
            ws.column_dimensions[_letter(index)].width = col.width + 2
        ws.freeze_panes = "A2"
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        center = Alignment(horizontal="center", vertical="center")
        header = []
        for col in columns:
            cell = WriteOnlyCell(ws, value=col.header)
            cell.font, cell.fill, cell.alignment = bold, fill, center
            header.append(cell)
        ws.append(header)
        append = fast_rows(ws, [None] * len(columns))
        for n, row in enumerate(rows, start=1):
            # Python str → a text cell: ID numbers and phones keep every digit without a number format.
            append([n, *(safe_value(v) if v else None for v in _as_tuple(row))])
            if n % 2000 == 0:
                progress.report(n, total, "写入 Excel")
    return n


def _as_tuple(row) -> Sequence[str]:
    if isinstance(row, Sequence):
        return [str(v or "") for v in row]
    return [row.building, row.unit_no, row.room_no, row.area, row.name, row.relation, row.phone, row.id_number,
            row.move_in, row.spaces, row.plates, row.notes, row.gender, row.floor, row.inner_area, row.floors,
            row.elevator, row.id_unverified]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


# Kept for callers that imported them from here; the one copy is app.excel.cells.
save = save_workbook
__all__ = ["check_target", "neutralise", "save", "write_roster"]
