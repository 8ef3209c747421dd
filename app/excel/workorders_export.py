"""The work-order list to .xlsx: openpyxl write-only (rows stream to disk, flat memory), every cell going
through ``cell_value`` — the one place a text is made formula-safe (swap it for a shared writer when one
exists) — and the file written beside the target then renamed, so a failure leaves no half file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app.excel.roster_export import check_target, neutralise, save
from app.services.workorders import ESCALATION_LABELS, WorkOrderRow, label

HEADERS = ("工单编号", "状态", "类型", "类别", "紧急程度", "部位", "班组", "房号", "具体位置", "联系人", "处理人",
           "受理时间", "响应时限", "完成时限", "完成时间", "满意度", "返工次数", "升级", "重复报修", "问题描述")
WIDTHS = (17, 8, 6, 9, 8, 8, 6, 11, 14, 9, 9, 17, 17, 17, 17, 6, 8, 12, 8, 50)


def cell_value(value: object) -> object:
    """Text is neutralised (a leading = + - @ never runs as a formula); numbers and times stay typed."""
    if value is None:
        return None
    if isinstance(value, str):
        return neutralise(value)
    return value


def row_values(row: WorkOrderRow) -> list[object]:
    def when(value: datetime | None) -> str | None:
        return value.strftime("%Y-%m-%d %H:%M") if value else None

    return [row.number, label(row.state), label(row.kind), label(row.category), label(row.priority),
            label(row.location), label(row.team), row.unit_code, row.place, row.contact_name, row.assignee,
            when(row.reported_at), when(row.respond_by), when(row.due_at), when(row.completed_at),
            row.satisfaction, row.rework_count, ESCALATION_LABELS.get(row.escalation_level, ""),
            "是" if row.repeat_of_id else "", row.description]


def write_workorders(path: str | Path, rows: Iterable[WorkOrderRow]) -> int:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    check_target(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("工单")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([cell_value(h) for h in HEADERS])
    written = 0
    for row in rows:
        sheet.append([cell_value(v) for v in row_values(row)])
        written += 1
    part = path.with_name(path.name + ".part.xlsx")
    try:
        save(workbook, part)
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    return written
