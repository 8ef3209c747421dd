"""The fee notice (缴费通知单): one A4 page per unit, drawn straight on a reportlab canvas.

A whole building or property goes into one PDF (1,000 pages in about two seconds — platypus would take
twice as long, see DESIGN.md). Takes ``NoticeData`` rows (plain data) so the CLI, the GUI and the
benchmark share it; the bundled CJK font is embedded. Amounts are right-aligned in their columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from os import PathLike
from pathlib import Path

from app.files import atomic_write
from app.money import format_money, rmb_upper
from app.pdf.fonts import cjk_font
from app.progress import NULL_PROGRESS

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN = 48.0
MAX_ARREARS_ROWS = 24  # two columns of 12; older months fold into one "更早" row


def period_text(period: str) -> str:
    return f"{period[:4]}年{int(period[5:7])}月"


def fit(canvas, text: str, font: str, size: float, width: float) -> float:
    """The font size (≤ ``size``) at which ``text`` fits ``width`` — long descriptions shrink, never spill."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    needed = stringWidth(text, font, size)
    return size if needed <= width else max(size * width / needed, 5.0)


def render_notices(notices: Sequence, progress=NULL_PROGRESS) -> bytes:
    buffer = io.BytesIO()
    _draw_all(notices, buffer, progress)
    return buffer.getvalue()


def write_notices(notices: Sequence, path: str | PathLike[str], progress=NULL_PROGRESS) -> Path:
    """Write every notice to ``path`` (written to a temporary file first, so a cancel leaves no half PDF)."""
    target = Path(path)
    with atomic_write(target) as out:
        _draw_all(notices, out, progress)
    return target


def _draw_all(notices: Sequence, out, progress) -> None:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font()
    c = Canvas(out, pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=10)
    first = notices[0] if notices else None
    c.setTitle(f"缴费通知单 {period_text(first.period)}" if first else "缴费通知单")
    c.setAuthor(first.property_name if first else "PropDesk")
    c.setCreator("PropDesk 物业前台")
    total = len(notices)
    for n, notice in enumerate(notices):
        if n % 25 == 0:
            progress.report(n, total, f"生成通知单 {n}/{total}")
        _draw_page(c, notice, font)
        c.showPage()
    if not notices:
        c.setFont(font, 12)
        c.drawString(MARGIN, PAGE_H - MARGIN - 20, "没有需要通知的房屋。")
        c.showPage()
    c.save()
    progress.report(total, total, "完成")


def _draw_page(c, d, font: str) -> None:
    left, right = MARGIN, PAGE_W - MARGIN
    width = right - left
    y = PAGE_H - MARGIN

    c.setFont(font, 20)
    c.drawCentredString(PAGE_W / 2, y - 18, f"{d.property_name} 缴费通知单")
    y -= 40
    c.setFont(font, 10)
    c.drawString(left, y, f"账期: {period_text(d.period)}")
    c.drawRightString(right, y, f"通知日期: {d.issued:%Y-%m-%d}")
    y -= 10
    c.setLineWidth(1.2)
    c.line(left, y, right, y)

    # who and what
    y -= 22
    c.setFont(font, 12)
    owner = d.owner or "业主"
    c.drawString(left, y, f"尊敬的 {owner} 业主/住户:")
    y -= 20
    c.setFont(font, 10.5)
    area = f"{d.area}㎡" if d.area else "—"
    c.drawString(left, y, f"房号: {d.unit_label}")
    c.drawString(left + width * 0.45, y, f"建筑面积: {area}")
    c.drawRightString(right, y, f"缴费截止日期: {d.deadline:%Y年%m月%d日}")
    y -= 18
    c.drawString(left, y, f"您本期 ({period_text(d.period)}) 的物业相关费用及往期欠费如下, 请按时缴纳:")

    # this period's lines
    cols = (left, left + 96, right - 190, right - 120, right - 50)  # item, description | amount, paid, unpaid
    y -= 26
    y = _table_header(c, font, y, left, right, [("收费项目", cols[0]), ("计费说明", cols[1])],
                      [("应收(元)", cols[2] + 60), ("已缴(元)", cols[3] + 60), ("未缴(元)", right)])
    c.setFont(font, 10)
    for line in d.lines:
        y -= 17
        c.drawString(cols[0] + 4, y, line.item_name)
        size = fit(c, line.description, font, 9, cols[2] - cols[1] - 8)
        c.setFont(font, size)
        c.drawString(cols[1], y, line.description)
        c.setFont(font, 10)
        c.drawRightString(cols[2] + 56, y, format_money(line.amount))
        c.drawRightString(cols[3] + 56, y, format_money(line.paid))
        c.drawRightString(right - 4, y, format_money(line.unpaid))
    if not d.lines:
        y -= 17
        c.drawString(cols[0] + 4, y, "本期无账单")
    y -= 8
    c.setLineWidth(0.5)
    c.line(left, y, right, y)
    y -= 16
    c.setFont(font, 10.5)
    c.drawString(cols[0] + 4, y, "本期未缴小计")
    c.drawRightString(right - 4, y, format_money(d.current_due))

    # arrears by month
    y -= 30
    c.setFont(font, 12)
    c.drawString(left, y, "往期欠费")
    c.setFont(font, 10)
    # Many lines this period leave less room: fold more months so the page never overflows.
    arrears = _fold_arrears(d.arrears, MAX_ARREARS_ROWS - 2 * max(0, len(d.lines) - 5))
    if not arrears:
        c.drawString(left + 70, y, "无")
        y -= 6
    else:
        half = (width - 20) / 2
        y -= 20
        for col in range(2 if len(arrears) > 1 else 1):
            x = left + col * (half + 20)
            _table_header(c, font, y + 4, x, x + half, [("账期", x)], [("欠费金额(元)", x + half)])
        top = y
        rows_per_col = (len(arrears) + 1) // 2
        c.setFont(font, 10)
        for i, (label, amount) in enumerate(arrears):
            col, row = divmod(i, rows_per_col)
            x = left + col * (half + 20)
            ry = top - 17 * (row + 1)
            c.drawString(x + 4, ry, label)
            c.drawRightString(x + half - 4, ry, format_money(amount))
        y = top - 17 * rows_per_col - 8
        c.setLineWidth(0.5)
        c.line(left, y, right, y)
    y -= 16
    c.setFont(font, 10.5)
    c.drawString(cols[0] + 4, y, f"往期欠费合计 ({len(d.arrears)} 个月)")
    c.drawRightString(right - 4, y, format_money(d.arrears_total))

    # the total
    y -= 34
    c.setLineWidth(1.2)
    c.rect(left, y - 12, width, 40)
    c.setFont(font, 14)
    c.drawString(left + 10, y + 6, "应缴合计")
    c.setFont(font, 16)
    c.drawRightString(right - 10, y + 6, f"¥ {format_money(d.total_due)}")
    c.setFont(font, 9.5)
    c.drawString(left + 10, y - 7, f"人民币(大写): {rmb_upper(d.total_due)}")
    if d.prepaid_balance:
        c.drawRightString(right - 10, y - 7, f"预存款余额: {format_money(d.prepaid_balance)} 元 (可抵扣)")

    # how to pay and notes
    y -= 40
    for i, line in enumerate(d.payment_methods.splitlines()):  # the second line: the bank account from 设置
        text, x = (f"缴费方式: {line}", left) if i == 0 else (line, left + 52)
        c.setFont(font, fit(c, text, font, 10.5, right - x))
        c.drawString(x, y, text)
        y -= 18
    contact = "   ".join(p for p in (f"服务电话: {d.property_phone}" if d.property_phone else "",
                                     f"地址: {d.property_address}" if d.property_address else "") if p)
    if contact:
        c.drawString(left, y, contact)
        y -= 18
    c.setFont(font, 9.5)
    c.drawString(left, y, "备注:")
    for note in d.notes.splitlines():
        size = fit(c, note, font, 9.5, width - 34)
        c.setFont(font, size)
        c.drawString(left + 30, y, note)
        y -= 14

    # signature block at the foot
    c.setFont(font, 11)
    c.drawRightString(right, MARGIN + 30, f"{d.property_name} 物业服务中心")
    c.drawRightString(right, MARGIN + 12, f"{d.issued:%Y年%m月%d日}")
    c.setFont(font, 8)
    c.drawString(left, MARGIN - 10, "本通知单由 PropDesk 物业前台生成, 金额以物业服务中心账目为准。")


def _table_header(c, font: str, y: float, left: float, right: float, texts, right_texts) -> float:
    c.setFillGray(0.92)
    c.rect(left, y - 6, right - left, 20, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(font, 10)
    for text, x in texts:
        c.drawString(x + 4, y, text)
    for text, x in right_texts:
        c.drawRightString(x - 4, y, text)
    return y - 6


def _fold_arrears(arrears: Sequence[tuple[str, Decimal]], limit: int = MAX_ARREARS_ROWS) -> list[tuple[str, Decimal]]:
    """Month rows for the arrears table; beyond ``limit`` rows the oldest months are summed into one row."""
    rows = [(period_text(p), amount) for p, amount in arrears]
    limit = max(limit, 2)
    if len(rows) <= limit:
        return rows
    keep = limit - 1
    older = rows[: len(rows) - keep]
    total = sum((a for _, a in older), Decimal("0.00"))
    return [(f"{arrears[0][0]} 至 {arrears[len(older) - 1][0]}", total)] + rows[-keep:]
