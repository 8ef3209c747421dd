"""The monthly operations report (经营月报) as an A4 PDF: headline figures, then one section per area of
work with its table and a chart (reportlab graphics), all in the bundled CJK font.

Takes a ``MonthlyReport`` (plain data from ``app.services.monthly_report``); platypus lays out the few
pages (one document, so its speed is no concern).
"""

from __future__ import annotations

import io
from decimal import Decimal

from app.money import format_money
from app.pdf.fonts import cjk_font

DASH = "—"
BLUE, ORANGE, GREEN, GREY = "#2f6db5", "#e08a1e", "#3c9a5f", "#8a8a8a"


def num(value: object) -> str:
    """A figure as printed: "—" for unknown, money (two decimals) with thousands separators, others as is."""
    if value is None:
        return DASH
    if isinstance(value, Decimal) and value.as_tuple().exponent == -2:
        return format_money(value)
    return str(value)


def render_monthly_report(report) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font()
    title_style = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=1)
    sub_style = ParagraphStyle("sub", fontName=font, fontSize=9, leading=12, alignment=1, textColor=colors.grey)
    h_style = ParagraphStyle("h", fontName=font, fontSize=13, leading=18, spaceBefore=8, spaceAfter=4,
                             keepWithNext=1, textColor=colors.HexColor(BLUE))
    note_style = ParagraphStyle("note", fontName=font, fontSize=8, leading=11, textColor=colors.grey, keepWithNext=1)
    foot_style = ParagraphStyle("foot", parent=note_style, keepWithNext=0)

    def table(headers, raw_rows, widths: list[float]) -> Table:
        """Numbers (and "—") right-aligned, texts left."""
        rows = [list(headers)] + [[num(v) for v in row] for row in raw_rows]
        right = [("ALIGN", (c, r), (c, r), "RIGHT") for r, row in enumerate(raw_rows, start=1)
                 for c, v in enumerate(row) if c and not isinstance(v, str)]
        t = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(TableStyle(right + [
            ("FONT", (0, 0), (-1, -1), font, 9),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde8f5")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b8")),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        return t

    from app.services.monthly_report import report_tables

    r = report
    month_label = f"{r.period[:4]}年{int(r.period[5:])}月"
    story = [
        Paragraph(f"{r.property_name} 经营月报", title_style),
        Paragraph(f"{month_label}  ·  生成于 {r.generated_at:%Y-%m-%d %H:%M}", sub_style),
        Spacer(1, 4 * mm),
    ]
    charts = {
        "二、收费与欠费": (f"近{len(r.collection_trend)}个月物业费收缴率(%)", _bar_chart(
            [m.period[2:] for m in r.collection_trend],
            [[float(_pct(m.rate_of("property").collected, m.rate_of("property").billed) or 0)
              for m in r.collection_trend]], [BLUE], font, value_max=100)),
        "三、工单与客户服务": ("工单受理量(蓝)与投诉量(橙)", _bar_chart(
            [m.period[2:] for m in r.workorder_trend],
            [[m.reported for m in r.workorder_trend], [m.complaints for m in r.workorder_trend]], [BLUE, ORANGE],
            font)),
        "五、成本与预算": ("本年累计成本(蓝)与年度预算(灰), 万元", _bar_chart(
            [c.label for c in r.costs], [[float(c.year_to_date) / 10000 for c in r.costs],
                                         [float(c.budget or 0) / 10000 for c in r.costs]], [BLUE, GREY], font)),
    }
    pending_chart = None
    for t in report_tables(r):
        block = []
        if t.section:
            if pending_chart:
                story.append(KeepTogether([Paragraph(pending_chart[0], note_style), pending_chart[1]]))
            block.append(Paragraph(t.section, h_style))  # kept on the page of its first table
            pending_chart = charts.get(t.section)
        if t.title:
            block.append(Paragraph(t.title, note_style))
        first = 42 if len(t.headers) <= 3 else 34
        rest = (178 - first) / (len(t.headers) - 1)
        widths = [first, 34, 178 - first - 34] if len(t.headers) == 3 else [first] + [rest] * (len(t.headers) - 1)
        story.append(KeepTogether(block + [table(t.headers, t.rows, widths), Spacer(1, 2 * mm)]))
    if pending_chart:
        story.append(KeepTogether([Paragraph(pending_chart[0], note_style), pending_chart[1]]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("“—”表示该项数据尚未登记或相应模块未启用。收缴率 = 已收 ÷ 应收(不含滞纳金)。"
                           "欠费为生成月报当日的数字。", foot_style))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"{r.property_name} 经营月报 {r.period}",
                            author="PropDesk 物业前台", creator="PropDesk 物业前台")

    def footer(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(A4[0] / 2, 9 * mm, f"{r.property_name} 经营月报 {r.period}  第 {doc_.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _pct(part, whole) -> Decimal | None:
    from app.services.annual_plan import percent

    return percent(part, whole)


def _bar_chart(labels: list[str], series: list[list[float]], fills: list[str], font: str,
               value_max: float | None = None):
    """A grouped bar chart (one colour per series) as a platypus flowable, value labels above the bars."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(480, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 22, 430, 110
    chart.data = series
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([v for s in series for v in s] + [0])
    chart.valueAxis.valueMax = value_max or (top * 1.2 if top else 1)
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabelFormat = "%.0f" if top >= 100 else "%.1f"
    chart.barLabels.nudge = 6
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = colors.HexColor(fill)
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    return drawing
