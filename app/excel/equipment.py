"""The equipment ledger as .xlsx: export (the formula-safe writer of ``app.excel.cells``) and import rows
(the roster's reader, ``RosterIssue`` row messages). Import is all-or-nothing: the service checks every
row first and saves nothing while any row is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.excel.reader import read_sheet
from app.excel.roster import RosterIssue, display, is_blank
from app.validators import clean_text

# field → header (the export writes these; the import finds them in any order)
HEADERS: dict[str, str] = {
    "code": "设备编号", "name": "设备名称", "system": "所属系统", "location": "位置", "model": "型号",
    "maker": "生产厂家", "installed_on": "安装日期", "warranty_until": "保修截止", "vendor": "维保单位",
    "status": "状态", "notes": "备注",
}
REQUIRED = ("code", "name", "system")


@dataclass(frozen=True)
class EquipmentLine:
    """One data row: Excel row number and the cell texts by field."""

    row: int
    values: dict[str, object]


def write_equipment(path: str | Path, rows: Iterable[list[object]]) -> Path:
    from app.excel.cells import new_workbook, safe_row

    with new_workbook(path) as wb:
        ws = wb.create_sheet("设备台账")
        ws.append(list(HEADERS.values()))
        for row in rows:
            ws.append(safe_row(row))
    return Path(path)


def read_equipment(path: str | Path) -> tuple[list[EquipmentLine], list[RosterIssue]]:
    """The data rows of the first sheet whose header row names 设备编号; issues for a missing header."""
    sheet = read_sheet(path)
    wanted = {text: field for field, text in HEADERS.items()}
    for index, row in enumerate(sheet.rows[:20]):
        columns = {i: wanted[clean_text(v).replace(" ", "")] for i, v in enumerate(row)
                   if clean_text(v).replace(" ", "") in wanted}
        if "code" in columns.values():
            header = index
            break
    else:
        return [], [RosterIssue(0, "", "找不到表头行: 第一行应包含“设备编号”“设备名称”“所属系统”等列")]
    missing = [HEADERS[f] for f in REQUIRED if f not in columns.values()]
    if missing:
        return [], [RosterIssue(header + 1, "", f"缺少必填列: {'、'.join(missing)}")]
    lines = []
    for number, row in enumerate(sheet.rows[header + 1:], start=header + 2):
        values = {field: (row[i] if i < len(row) else None) for i, field in columns.items()}
        if all(is_blank(v) for v in values.values()):
            continue
        lines.append(EquipmentLine(number, {k: "" if is_blank(v) else _text(v) for k, v in values.items()}))
    return lines, []


def _text(value: object) -> object:
    """Dates stay dates (the service parses them); everything else as the person sees it."""
    from datetime import date

    if isinstance(value, date):
        return value
    text = display(value)
    return text[1:] if text.startswith("'") else text
