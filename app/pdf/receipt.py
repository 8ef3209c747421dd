"""The receipt (收据) of a payment: an A4 sheet with two copies — 第一联 客户联 on the top half (given to the
payer) and 第二联 存根联 below (kept by the office) — cut along the dashed line.

Chinese offices expect the total in words (人民币大写) beside the figures, the receipt number, the payment
method, the payee and a place for the stamp. A voided payment prints the same receipt crossed with a
red 作废 and the reason, who and when. Takes ``ReceiptData`` (plain data).
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Sequence
from decimal import Decimal
from os import PathLike
from pathlib import Path

from app.files import write_bytes
from app.money import format_money, rmb_upper
from app.pdf.fee_notice import fit
from app.pdf.fonts import cjk_font

PAGE_W, PAGE_H = 595.2756, 841.8898
MARGIN = 40.0
MAX_ROWS = 10  # more allocations than this are summed per item with their period range


def render_receipt(data) -> bytes:
    buffer = io.BytesIO()
    _draw(data, buffer)
    return buffer.getvalue()


def write_receipt(data, path: str | PathLike[str]) -> Path:
    target = Path(path)
    return write_bytes(target, render_receipt(data))


def receipt_rows(lines: Sequence) -> list[tuple[str, str, str, Decimal]]:
    """(period text, item, description, amount): one per line, or one per item when there are many."""
    if len(lines) <= MAX_ROWS:
        return [(ln.period, ln.item_name, ln.description, ln.amount) for ln in lines]
    grouped: OrderedDict[str, list] = OrderedDict()
    for ln in lines:
        grouped.setdefault(ln.item_name, []).append(ln)
    rows = []
    for name, group in grouped.items():
        periods = sorted(ln.period for ln in group)
        span = periods[0] if periods[0] == periods[-1] else f"{periods[0]}至{periods[-1]}"
        rows.append((span, name, f"共 {len(group)} 期", sum((ln.amount for ln in group), Decimal("0.00"))))
    return rows


COPIES = ("第一联 客户联", "第二联 存根联")


def _draw(d, out) -> None:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font()
    c = Canvas(out, pagesize=(PAGE_W, PAGE_H), initialFontName=font, initialFontSize=10)
    c.setTitle(f"收据 {d.receipt_no}")
    c.setAuthor(d.property_name)
    c.setCreator("PropDesk 物业前台")
    for n, copy in enumerate(COPIES):
        _draw_copy(c, d, font, PAGE_H - MARGIN - n * PAGE_H / 2, copy)
    # cut line at half height
    c.setDash(4, 3)
    c.setLineWidth(0.5)
    c.line(MARGIN / 2, PAGE_H / 2, PAGE_W - MARGIN / 2, PAGE_H / 2)
    c.setDash()
    c.setFont(font, 7)
    c.drawCentredString(PAGE_W / 2, PAGE_H / 2 - 10, "沿虚线裁开")
    c.showPage()
    c.save()


def _draw_copy(c, d, font: str, y: float, copy: str) -> None:
    left, right = MARGIN, PAGE_W - MARGIN
    width = right - left
    c.setFont(font, 9)
    c.drawRightString(right, y - 4, copy)
    c.setFont(font, 18)
    c.drawCentredString(PAGE_W / 2, y - 16, f"{d.property_name}  收  据")
    y -= 38
    c.setFont(font, 10)
    c.drawString(left, y, f"日期: {d.paid_at:%Y-%m-%d %H:%M}")
    c.setFillColorRGB(0.75, 0, 0)
    c.setFont(font, 12)
    c.drawRightString(right, y, f"No. {d.receipt_no}")
    c.setFillGray(0)
    y -= 20
    c.setFont(font, 10.5)
    c.drawString(left, y, f"房号: {d.unit_label}")
    c.drawString(left + width * 0.45, y, f"交款人: {d.payer or '—'}")
    c.drawRightString(right, y, f"付款方式: {d.method_label}")

    # the table
    cols = (left, left + 90, left + 200, right)
    y -= 12
    c.setLineWidth(1)
    top = y
    c.line(left, y, right, y)
    y -= 15
    c.setFont(font, 10)
    for text, x in (("账期", cols[0]), ("收费项目", cols[1]), ("说明", cols[2])):
        c.drawString(x + 5, y, text)
    c.drawRightString(right - 5, y, "金额(元)")
    y -= 6
    c.setLineWidth(0.5)
    c.line(left, y, right, y)
    rows = receipt_rows(d.lines)
    if d.to_prepaid:
        rows.append(("", "预存款", "存入预存款余额", d.to_prepaid))
    if d.prepaid_used:
        rows.append(("", "预存款抵扣", "本次使用预存款 (不计入实收)", -d.prepaid_used))
    for period, item, desc, amount in rows:
        y -= 16
        c.setFont(font, fit(c, period, font, 10, cols[1] - cols[0] - 8))
        c.drawString(cols[0] + 5, y, period)
        c.setFont(font, fit(c, item, font, 10, cols[2] - cols[1] - 8))
        c.drawString(cols[1] + 5, y, item)
        c.setFont(font, fit(c, desc, font, 9, right - cols[2] - 100))
        c.drawString(cols[2] + 5, y, desc)
        c.setFont(font, 10)
        c.drawRightString(right - 5, y, format_money(amount))
    y -= 8
    c.line(left, y, right, y)
    y -= 18
    c.setFont(font, 11)
    c.drawString(left + 5, y, f"合计人民币(大写): {rmb_upper(d.amount)}")
    c.setFont(font, 13)
    c.drawRightString(right - 5, y, f"¥ {format_money(d.amount)}")
    y -= 10
    c.setLineWidth(1)
    c.line(left, y, right, y)
    c.line(left, top, left, y)
    c.line(right, top, right, y)
    for x in cols[1:3]:
        c.setLineWidth(0.5)
        c.line(x, top, x, y + 28)

    y -= 18
    c.setFont(font, 10)
    if d.note:
        c.setFont(font, fit(c, f"备注: {d.note}", font, 10, width))
        c.drawString(left, y, f"备注: {d.note}")
        y -= 16
        c.setFont(font, 10)
    c.drawString(left, y, f"收款人: {d.operator_name}")
    c.drawString(left + width * 0.45, y, "交款人签字:")
    c.drawRightString(right, y, "收款单位(盖章)")
    y -= 16
    c.setFont(font, 8.5)
    c.drawString(left, y, "本收据为物业服务中心收款凭证, 请妥善保管; 涂改无效。")
    if d.bank_line:
        y -= 12
        c.drawString(left, y, f"转账账户: {d.bank_line}")

    if d.voided:
        c.saveState()
        c.setFillColorRGB(0.85, 0, 0)
        c.setStrokeColorRGB(0.85, 0, 0)
        c.setFont(font, 12)
        c.drawString(left, y - 22, f"作废原因: {d.void_reason}")
        when = f"{d.voided_at:%Y-%m-%d %H:%M}" if d.voided_at else ""
        c.drawRightString(right, y - 22, f"作废人: {d.voided_by_name}  {when}")
        c.translate(PAGE_W / 2, (top + y) / 2 + 40)
        c.rotate(18)
        c.setLineWidth(3)
        c.rect(-95, -34, 190, 76)
        c.setFont(font, 60)
        c.drawCentredString(0, -18, "作废")
        c.restoreState()
