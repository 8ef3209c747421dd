"""活动通知: the A4 notice of a community activity, to print and post in the lobbies."""

from __future__ import annotations

import io

from app.pdf.fonts import cjk_font


def render_activity_notice(d) -> bytes:
    """``d`` is an ``app.services.activities.NoticeData``."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = cjk_font()
    title = ParagraphStyle("t", fontName=font, fontSize=26, leading=34, alignment=1, spaceAfter=8 * mm)
    body = ParagraphStyle("b", fontName=font, fontSize=14, leading=24, firstLineIndent=28)
    fact = ParagraphStyle("f", fontName=font, fontSize=14, leading=24)
    right = ParagraphStyle("r", fontName=font, fontSize=13, leading=22, alignment=2)
    when = f"{d.day.year}年{d.day.month}月{d.day.day}日 {d.time_text}".strip()
    story = [Paragraph("活动通知", title), Paragraph("尊敬的各位业主、住户:", fact), Spacer(1, 3 * mm)]
    story += [Paragraph(escape(text), body) for text in (d.description or d.title).splitlines() if text.strip()]
    story += [Spacer(1, 5 * mm), Paragraph(f"活动名称: {escape(d.title)}", fact),
              Paragraph(f"活动时间: {escape(when)}", fact), Paragraph(f"活动地点: {escape(d.place or '另行通知')}", fact)]
    if d.capacity:
        story.append(Paragraph(f"名额: {d.capacity} 人, 报满为止; 请到物业服务中心前台报名。", fact))
    if d.phone:
        story.append(Paragraph(f"咨询电话: {escape(d.phone)}", fact))
    story += [Spacer(1, 15 * mm), Paragraph(f"{escape(d.property_name)} 物业服务中心", right),
              Paragraph(f"{d.issued_on.year}年{d.issued_on.month}月{d.issued_on.day}日", right)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=30 * mm,
                      bottomMargin=25 * mm, title=f"活动通知 {d.title}", creator="PropDesk 物业前台").build(story)
    return buffer.getvalue()
