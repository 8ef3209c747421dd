"""The fee ledger (收费台账) of a period as .xlsx: one row per unit, billed / paid / unpaid per item,
earlier arrears and the total due — the same figures the fee notice prints, to the fen.

openpyxl write-only (constant memory). Amounts are numbers with a 0.00 format so Excel can sum them;
rooms, names and codes are text so "0101" stays "0101" and nothing is read as a formula.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.excel.cells import check_target, safe_value, save_workbook
from app.excel.rows import fast_rows
from app.progress import NULL_PROGRESS

AMOUNT_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"


def ledger_headers(ledger) -> list[str]:
    headers = ["楼栋", "房号", "房屋", "业主", "建筑面积(㎡)"]
    for _, name in ledger.items:
        headers += [f"{name}应收", f"{name}实收", f"{name}欠费"]
    return headers + ["本期应收", "本期减免", "本期实收", "本期欠费", "往期欠费", "应缴合计"]


def ledger_values(ledger, row) -> list[object]:
    """One unit's cells in header order (text as str, amounts as Decimal)."""
    values: list[object] = [row.building, row.code, row.label, row.owner, row.area]
    zero = (Decimal("0.00"),) * 3
    for item_id, _ in ledger.items:
        values += list(row.by_item.get(item_id, zero))
    return values + [row.billed, row.waived, row.paid, row.unpaid, row.earlier_arrears, row.total_due]


def write_ledger(path: str | Path, ledger, progress=NULL_PROGRESS, rows=None) -> Path:
    """Write ``rows`` (default ``ledger.rows``; any iterable, e.g. ``FeeReportService.ledger_stream``'s,
    with ``ledger.unit_count`` their number) one by one: nothing but the running totals is kept."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    check_target(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"台账{ledger.period}")
    headers = ledger_headers(ledger)
    widths = [8, 12, 18, 14, 12] + [13] * (len(headers) - 5)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "F3"
    title = WriteOnlyCell(ws, value=safe_value(f"{ledger.property_name} 收费台账 {ledger.period}"))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    head = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill, cell.alignment = bold, fill, center
        head.append(cell)
    ws.append(head)
    n_text = 4
    styles = []
    for i in range(len(headers)):
        cell = WriteOnlyCell(ws)
        cell.number_format = TEXT_FORMAT if i < n_text else AMOUNT_FORMAT
        styles.append(cell)
    append = fast_rows(ws, styles)  # 100,000 units × 23 cells: openpyxl's cell objects would be most of the time
    totals = [Decimal("0.00")] * (len(headers) - 5)
    if rows is None:
        rows, total_rows = ledger.rows, len(ledger.rows)
    else:
        total_rows = ledger.unit_count
    n = 0
    for n, row in enumerate(rows, start=1):
        values = ledger_values(ledger, row)
        for i, value in enumerate(values):
            if value is None or value == "":
                values[i] = None
            elif i < n_text:
                values[i] = safe_value(str(value))
            elif i > n_text:
                totals[i - n_text - 1] += value
        append(values)
        if n % 2000 == 0:
            progress.report(n, total_rows, "写入台账")
    label = WriteOnlyCell(ws, value=f"合计 ({n} 户)")
    label.font = bold
    footer = [label, None, None, None, None]
    for value in totals:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format, cell.font = AMOUNT_FORMAT, bold
        footer.append(cell)
    ws.append(footer)
    return save_workbook(wb, path)

