"""承接查验问题清单: the defects of one building, A4 landscape, for the developer to sign and rectify.

A table (repeating its header on every page) of each defect: area, location, description, responsible
party, deadline, state, re-inspections; signature lines for both parties at the end; "第 n 页" footers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class DefectLine:
    no: int
    scope: str
    area: str
    location: str
    description: str
    responsible: str
    deadline: date | None
    state: str
    reinspections: int
    reinspection_note: str
    photo_path: str = ""


def render_defect_list(property_name: str, building: str, lines: Sequence[DefectLine], printed_at: datetime
                       ) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.pdf.fonts import cjk_font

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=9, textColor=colors.white)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=22, alignment=1)
    sub = ParagraphStyle("sub", parent=body, fontSize=10, leading=14, alignment=1)

    def p(text: object, style=body) -> Paragraph:
        return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=14 * mm, title=f"承接查验问题清单 {building}")
    headers = ["序号", "范围", "区域", "部位", "问题描述", "责任单位", "整改期限", "状态", "复验", "复验意见"]
    widths = [10, 22, 20, 32, 78, 30, 20, 20, 10, 31]
    data = [[p(h, head) for h in headers]]
    for ln in lines:
        description = ln.description + (f"\n照片: {ln.photo_path}" if ln.photo_path else "")
        data.append([p(ln.no), p(ln.scope), p(ln.area), p(ln.location), p(description), p(ln.responsible),
                     p(ln.deadline.isoformat() if ln.deadline else ""), p(ln.state),
                     p(ln.reinspections or ""), p(ln.reinspection_note)])
    if not lines:
        data.append([p("无问题记录"), *[p("") for _ in headers[1:]]])
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2f5d8a")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f8")]),
    ]))
    open_count = sum(1 for ln in lines if ln.state != "已销项")
    story = [
        p(property_name, sub), p("承接查验问题清单", title),
        p(f"{building}    共 {len(lines)} 项, 未销项 {open_count} 项    打印时间 {printed_at:%Y-%m-%d %H:%M}", sub),
        Spacer(1, 4 * mm), table, Spacer(1, 12 * mm),
        Table([[p("移交单位(签章):"), p("接管单位(签章):"), p("监理/见证单位:")],
               [p("日期:"), p("日期:"), p("日期:")]], colWidths=[90 * mm] * 3, rowHeights=[14 * mm, 8 * mm]),
    ]

    def footer(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawRightString(landscape(A4)[0] - 12 * mm, 7 * mm, f"{building} 承接查验问题清单  第 {canvas.getPageNumber()} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
