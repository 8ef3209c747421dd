"""The work-order list to .xlsx: openpyxl write-only (rows stream to disk, flat memory), every row through
the shared formula-safe writer (``app.excel.cells``), the file saved atomically (a failure or a kill leaves
any older file as it was)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app.excel.cells import new_workbook, safe_row
from app.services.workorders import ESCALATION_LABELS, WorkOrderRow, label

HEADERS = ("工单编号", "状态", "类型", "类别", "紧急程度", "部位", "班组", "房号", "具体位置", "联系人", "处理人",
           "受理时间", "响应时限", "完成时限", "完成时间", "满意度", "返工次数", "升级", "重复报修", "问题描述")
WIDTHS = (17, 8, 6, 9, 8, 8, 6, 11, 14, 9, 9, 17, 17, 17, 17, 6, 8, 12, 8, 50)


def row_values(row: WorkOrderRow) -> list[object]:
    def when(value: datetime | None) -> str | None:
        return value.strftime("%Y-%m-%d %H:%M") if value else None

    return [row.number, label(row.state), label(row.kind), label(row.category), label(row.priority),
            label(row.location), label(row.team), row.unit_code, row.place, row.contact_name, row.assignee,
            when(row.reported_at), when(row.respond_by), when(row.due_at), when(row.completed_at),
            row.satisfaction, row.rework_count, ESCALATION_LABELS.get(row.escalation_level, ""),
            "是" if row.repeat_of_id else "", row.description]


def write_workorders(path: str | Path, rows: Iterable[WorkOrderRow]) -> int:
    from openpyxl.utils import get_column_letter

    written = 0
    with new_workbook(path) as workbook:
        sheet = workbook.create_sheet("工单")
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.append(safe_row(HEADERS))
        for row in rows:
            sheet.append(safe_row(row_values(row)))
            written += 1
    return written
