"""The fee ledger (收费台账) of a period as .xlsx: one row per unit, billed / paid / unpaid per item,
earlier arrears and the total due — the same figures the fee notice prints, to the fen.

Streamed (``app.excel.stream``: one row held at a time, no openpyxl). Amounts are numbers with a 0.00
format so Excel can sum them; rooms, names and codes are text so "0101" stays "0101" and nothing is read as
a formula.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.excel.cells import check_target, safe_value
from app.excel.stream import Style, streamed_sheet
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
    check_target(path)
    headers = ledger_headers(ledger)
    n_text = 4
    text, amount = Style(number_format=TEXT_FORMAT), Style(number_format=AMOUNT_FORMAT)
    if rows is None:
        rows, total_rows = ledger.rows, len(ledger.rows)
    else:
        total_rows = ledger.unit_count
    totals = [Decimal("0.00")] * (len(headers) - 5)
    n = 0
    with streamed_sheet(path, f"台账{ledger.period}", widths=[8, 12, 18, 14, 12] + [13] * (len(headers) - 5),
                        freeze="F3", column_styles=[text] * n_text + [amount] * (len(headers) - n_text),
                        rows_expected=total_rows) as sheet:
        sheet.append([safe_value(f"{ledger.property_name} 收费台账 {ledger.period}")], Style(bold=True, size=14))
        sheet.append(headers, Style(bold=True, fill="DDEBF7", horizontal="center", vertical="center", wrap=True))
        for n, row in enumerate(rows, start=1):
            values = ledger_values(ledger, row)
            for i, value in enumerate(values):
                if value is None or value == "":
                    values[i] = None
                elif i < n_text:
                    values[i] = safe_value(str(value))
                elif i > n_text:
                    totals[i - n_text - 1] += value
            sheet.append(values)
            if n % 2000 == 0:
                progress.report(n, total_rows, "写入台账")
        bold = Style(bold=True)
        sheet.append([f"合计 ({n} 户)", None, None, None, None, *totals],
                     [bold] + [None] * 4 + [Style(bold=True, number_format=AMOUNT_FORMAT)] * len(totals))
    return Path(path)
