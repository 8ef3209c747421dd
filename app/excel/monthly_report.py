"""The monthly operations report as a workbook: one sheet of the report's tables (as in the PDF) and one
of the month's garbage records day by day. Numbers are numbers; texts go through the formula guard, and
the file is saved atomically (``app.excel.cells``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.excel.cells import safe_value, save_workbook


def _cell(value: object) -> object:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return float(value)
    return safe_value(value)


def write_monthly_report(report, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from app.models import ENVIRONMENT_LABELS, GarbageKind
    from app.services.monthly_report import report_tables

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    ws = wb.active
    ws.title = "月报"
    ws.append([f"{report.property_name} 经营月报 {report.period}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"生成于 {report.generated_at:%Y-%m-%d %H:%M}"])
    for t in report_tables(report):
        ws.append([])
        if t.section:
            ws.append([t.section])
            ws.cell(ws.max_row, 1).font = bold
        if t.title:
            ws.append([t.title])
        ws.append(list(t.headers))
        for c in ws[ws.max_row]:
            c.font, c.fill = bold, fill
        for row in t.rows:
            ws.append([_cell(v) for v in row])
            for c in ws[ws.max_row]:
                if isinstance(c.value, float):
                    c.number_format = "#,##0.00" if "元" in str(t.headers[c.column - 1]) else "0.0"
    for letter, width in zip("ABCDEF", (20, 16, 16, 16, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["C"].width = 36

    days = wb.create_sheet("垃圾分类日报")
    days.append(["日期", *(ENVIRONMENT_LABELS[k] + "(kg)" for k in GarbageKind), "合计(kg)"])
    for c in days[1]:
        c.font, c.fill = bold, fill
    for d in report.garbage.days:
        days.append([d.day, *(float(w) for w in d.weights), float(d.total)])
        days.cell(days.max_row, 1).number_format = "yyyy-mm-dd"
    days.append(["合计", *(float(k.weight_kg) for k in report.garbage.by_kind), float(report.garbage.total_kg)])
    days.column_dimensions["A"].width = 12
    save_workbook(wb, path)
