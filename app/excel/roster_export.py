"""Writing a roster to .xlsx (openpyxl write-only: constant memory, 10,000 rows in about 2 s).

The columns are the importer's own (``EXPORT_KEYS``), so an exported file imports back with no changes.
Every cell is written as text: ID numbers and phones keep their digits and leading zeros, and a value
starting with = + - @ gets a leading apostrophe so no spreadsheet ever runs it as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from app.errors import ServiceError
from app.excel.roster import BY_KEY, EXPORT_KEYS
from app.progress import NULL_PROGRESS, ProgressLike

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """"=HYPERLINK(...)" → "'=HYPERLINK(...)": shown as typed, never evaluated."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_roster(path: str | Path, rows: Iterable, *, title: str = "业主花名册",
                 progress: ProgressLike = NULL_PROGRESS) -> None:
    """Rows are ``RosterExportRow`` (or any sequence in EXPORT_KEYS order without 序号)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    check_target(path)
    rows = list(rows)
    wb = Workbook(write_only=True)
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
    total = len(rows)
    for n, row in enumerate(rows, start=1):
        # Python str → a text cell: ID numbers and phones keep every digit without a number format.
        ws.append([n, *(neutralise(v) if v else None for v in _as_tuple(row))])
        if n % 2000 == 0:
            progress.report(n, total, "写入 Excel")
    save(wb, path)


def _as_tuple(row) -> Sequence[str]:
    if isinstance(row, Sequence):
        return [str(v or "") for v in row]
    return [row.building, row.unit_no, row.room_no, row.area, row.name, row.relation, row.phone, row.id_number,
            row.move_in, row.spaces, row.plates, row.notes]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def check_target(path: str | Path) -> None:
    """Refuse before any work: a name Excel would not open, or a folder that does not exist."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ServiceError(f"导出文件名应以 .xlsx 结尾: {path.name}")
    if not path.parent.is_dir():
        raise ServiceError(f"文件夹不存在: {path.parent}")


def save(wb, path: str | Path) -> None:
    """Save, with a message instead of a traceback when the file is open in Excel or the folder is gone."""
    check_target(path)
    try:
        wb.save(path)
    except PermissionError:
        raise ServiceError(f"无法写入“{path.name}”: 文件可能正在 Excel 中打开, 请关闭后重试。") from None
    except OSError as exc:
        raise ServiceError(f"无法写入“{path}”: {exc.strerror or exc}") from None
