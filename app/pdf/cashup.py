"""The daily cash-up sheet (日结单): takings by operator and payment method and by fee item, the receipt-number
range, the day's voids and refunds (taken off the total), signatures.

Takes a ``Cashup`` (plain data) and draws A4 pages on a canvas, continuing onto more pages when the
lists are long.
"""

from __future__ import annotations

import io
from os import PathLike
from pathlib import Path

from app.files import write_bytes
from app.models.fees import FEE_LABELS
from app.money import format_money, rmb_upper
from app.pdf.fee_notice import fit
from app.pdf.fonts import cjk_font

PAGE_W, PAGE_H = 595.2756, 841.8898
MARGIN = 48.0


def render_cashup(data) -> bytes:
    buffer = io.BytesIO()
    _draw(data, buffer)
    return buffer.getvalue()


def write_cashup(data, path: str | PathLike[str]) -> Path:
    target = Path(path)
    return write_bytes(target, render_cashup(data))


class _Pager:
    """Tracks y and starts a new page (with a "(续)" header) when the next row would not fit."""

    def __init__(self, c, font: str, title: str):
        self.c, self.font, self.title, self.page = c, font, title, 1
        self.y = PAGE_H - MARGIN

    def need(self, height: float) -> None:
        if self.y - height < MARGIN + 20:
            self.c.setFont(self.font, 8)
            self.c.drawCentredString(PAGE_W / 2, MARGIN - 10, f"第 {self.page} 页")
            self.c.showPage()
            self.page += 1
            self.y = PAGE_H - MARGIN
            self.c.setFont(self.font, 11)
            self.c.drawString(MARGIN, self.y - 10, f"{self.title} (续)")
            self.y -= 30


def _draw(d, out) -> None:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font()
    # invariant: no creation date or random id in the file, so a closed day reprints byte for byte
    c = Canvas(out, pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=10, invariant=1)
    title = f"{d.property_name} 收费日结单 {d.day:%Y-%m-%d}"
    c.setTitle(title)
    c.setCreator("PropDesk 物业前台")
    left, right = MARGIN, PAGE_W - MARGIN
    p = _Pager(c, font, title)
    c.setFont(font, 18)
    c.drawCentredString(PAGE_W / 2, p.y - 16, f"{d.property_name} 收费日结单")
    p.y -= 40
    c.setFont(font, 10.5)
    c.drawString(left, p.y, f"日期: {d.day:%Y年%m月%d日}")
    if d.operator:
        c.drawString(left + 200, p.y, f"收款人: {d.operator}")
    c.drawRightString(right, p.y, f"收款笔数: {d.count}")
    p.y -= 16
    c.setFont(font, 9.5)
    first, last = d.receipts
    c.drawString(left, p.y, f"收据号: {first} 至 {last}" if first else "收据号: 无")
    if d.closed:
        c.drawRightString(right, p.y, f"已日结: {d.closed}")
    p.y -= 24

    def header(cols: list[tuple[str, float, bool]]) -> None:
        p.need(40)
        c.setFillGray(0.92)
        c.rect(left, p.y - 6, right - left, 20, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(font, 10)
        for text, x, at_right in cols:
            (c.drawRightString if at_right else c.drawString)(x, p.y, text)
        p.y -= 22

    c.setFont(font, 12)
    c.drawString(left, p.y, "按收款人和付款方式")
    p.y -= 22
    header([("收款人", left + 5, False), ("付款方式", left + 160, False), ("笔数", right - 150, True),
            ("金额(元)", right - 5, True)])
    for row in d.rows:
        p.need(16)
        c.setFont(font, 10)
        c.drawString(left + 5, p.y, row.operator)
        c.drawString(left + 160, p.y, row.method_label)
        c.drawRightString(right - 150, p.y, str(row.count))
        c.drawRightString(right - 5, p.y, format_money(row.amount))
        p.y -= 16
    p.y -= 10
    c.setFont(font, 12)
    c.drawString(left, p.y, "按付款方式汇总")
    p.y -= 22
    header([("付款方式", left + 5, False), ("笔数", right - 150, True), ("金额(元)", right - 5, True)])
    for method, count, amount in d.by_method:
        p.need(16)
        c.setFont(font, 10)
        c.drawString(left + 5, p.y, FEE_LABELS.get(method, method))
        c.drawRightString(right - 150, p.y, str(count))
        c.drawRightString(right - 5, p.y, format_money(amount))
        p.y -= 16
    if d.by_item:
        p.y -= 10
        c.setFont(font, 12)
        c.drawString(left, p.y, "按收费项目")
        p.y -= 22
        header([("收费项目", left + 5, False), ("金额(元)", right - 5, True)])
        for name, amount in d.by_item:
            p.need(16)
            c.setFont(font, 10)
            c.drawString(left + 5, p.y, name)
            c.drawRightString(right - 5, p.y, format_money(amount))
            p.y -= 16
    p.need(50)
    c.setLineWidth(1)
    c.line(left, p.y + 8, right, p.y + 8)
    p.y -= 8
    c.setFont(font, 12)
    c.drawString(left + 5, p.y, "实收合计")
    c.drawRightString(right - 5, p.y, f"¥ {format_money(d.total)}")
    p.y -= 16
    c.setFont(font, 10)
    c.drawString(left + 5, p.y, f"人民币(大写): {rmb_upper(d.total)}")
    p.y -= 30

    sections = (("当日作废收据 (%d 张, 已从实收中冲减)", "收据号", "作废原因", d.voided),
                ("当日退款 (%d 笔, 已从实收中扣除)", "退款单号", "退款原因", d.refunds))
    for caption, number_label, reason_label, rows in sections:
        if not rows:
            continue
        c.setFont(font, 12)
        c.drawString(left, p.y, caption % len(rows))
        p.y -= 22
        header([(number_label, left + 5, False), ("房号", left + 120, False), (reason_label, left + 250, False),
                ("金额(元)", right - 5, True)])
        for receipt_no, unit, amount, reason, by in rows:
            p.need(16)
            c.setFont(font, 9.5)
            c.drawString(left + 5, p.y, receipt_no)
            c.drawString(left + 120, p.y, unit)
            text = f"{reason} ({by})"
            c.setFont(font, fit(c, text, font, 9.5, right - left - 340))
            c.drawString(left + 250, p.y, text)
            c.setFont(font, 9.5)
            c.drawRightString(right - 5, p.y, format_money(amount))
            p.y -= 16
        p.y -= 20

    p.need(60)
    c.setFont(font, 11)
    p.y -= 20
    for i, label in enumerate(("收款人签字:", "复核人签字:", "财务签收:")):
        c.drawString(left + i * (right - left) / 3, p.y, label)
    c.setFont(font, 8)
    c.drawCentredString(PAGE_W / 2, MARGIN - 10, f"第 {p.page} 页")
    c.showPage()
    c.save()
