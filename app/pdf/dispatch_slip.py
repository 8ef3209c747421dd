"""The dispatch slip (派工单): one work order on A5 landscape (or A4), built from plain data.

The technician takes it to the job, writes the work done and the materials, and the owner signs and
ticks a satisfaction box. Long descriptions wrap and flow onto a second page with a "(续)" header;
every page carries the number and "第 n/N 页". The bundled CJK font is embedded (``app.pdf.fonts``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from os import PathLike
from pathlib import Path
from xml.sax.saxutils import escape

from app.files import write_bytes
from app.money import format_money, to_money

SATISFACTION_LABELS = ((5, "非常满意"), (4, "满意"), (3, "一般"), (2, "不满意"), (1, "非常不满意"))
BLANK_MATERIAL_ROWS = 3


@dataclass(frozen=True)
class SlipMaterial:
    name: str
    unit: str
    quantity: Decimal
    price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class SlipData:
    """Everything printed on a slip, already as display text (labels, masked phone)."""

    number: str
    property_name: str
    kind: str
    source: str
    category: str
    location: str
    priority: str
    team: str
    state: str
    unit: str
    place: str
    contact_name: str
    contact_phone: str
    description: str
    reported_at: datetime
    dispatched_at: datetime | None
    respond_by: datetime | None
    due_at: datetime | None
    completed_at: datetime | None
    assignee: str
    assignee_phone: str = ""
    work_notes: str = ""
    materials: tuple[SlipMaterial, ...] = field(default_factory=tuple)
    labour_fee: Decimal = Decimal("0.00")
    material_fee: Decimal = Decimal("0.00")
    satisfaction: int | None = None
    visit_comment: str = ""
    printed_at: datetime | None = None
    charged: bool | None = None  # None: charged when location is 自用部位

    @property
    def is_charged(self) -> bool:
        return self.charged if self.charged is not None else self.location == "自用部位"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _text(value: str) -> str:
    """Plain text → Paragraph markup: XML-escaped, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def render_slip(data: SlipData, page: str = "A5") -> bytes:
    """The slip as PDF bytes; ``page`` is "A5" (landscape, default) or "A4" (portrait)."""
    buffer = io.BytesIO()
    _build(data, buffer, page)
    return buffer.getvalue()


def write_slip(data: SlipData, path: str | PathLike[str], page: str = "A5") -> Path:
    target = Path(path)
    return write_bytes(target, render_slip(data, page))


def _build(data: SlipData, out, page: str) -> None:
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4, A5, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        KeepTogether,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    from app.pdf.fonts import cjk_font

    font = cjk_font()
    if page.upper() == "A4":
        pagesize, base = A4, 10
    elif page.upper() == "A5":
        pagesize, base = landscape(A5), 8.5
    else:
        raise ValueError(f"纸张应为 A5 或 A4, 不是 {page!r}")
    width, height = pagesize
    margin = 8 * mm
    usable = width - 2 * margin
    lead = base * 1.3

    body = ParagraphStyle("body", fontName=font, fontSize=base, leading=lead, wordWrap="CJK")
    label_style = ParagraphStyle("label", parent=body, textColor=colors.HexColor("#444444"))
    heading = ParagraphStyle("heading", parent=body, fontSize=base + 0.5, leading=lead + 1,
                             textColor=colors.white)
    title = ParagraphStyle("title", parent=body, fontSize=base + 7, leading=base + 10, alignment=TA_CENTER)
    subtitle = ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    grid = colors.HexColor("#777777")
    band = colors.HexColor("#4a5d73")

    def table_style(*commands) -> TableStyle:
        """Every table cell in the CJK font (plain-string cells would fall back to Helvetica)."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands])

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(_text(text), style)

    def section(name: str) -> Table:
        t = Table([[Paragraph(escape(name), heading)]], colWidths=[usable])
        t.setStyle(table_style(("BACKGROUND", (0, 0), (-1, -1), band), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)))
        return t

    # Header: property name and title in the middle, QR code of the number on the right.
    qr_size = 15 * mm if page.upper() == "A5" else 24 * mm  # 21 modules of 0.7 mm: scans fine
    widget = QrCodeWidget(data.number, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    qr = Drawing(qr_size, qr_size, transform=[qr_size / (x1 - x0), 0, 0, qr_size / (y1 - y0), 0, 0],
                 initialFontName=font)
    qr.add(widget)
    header = Table(
        [[p(f"编号 {data.number}"), [p(data.property_name or "物业服务中心", subtitle), p("派 工 单", title)],
          qr]],
        colWidths=[usable * 0.3, usable * 0.4, usable * 0.3], rowHeights=[qr_size],
    )
    header.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)))

    # Facts of the order: three label/value pairs per row.
    pairs = [
        ("类型", data.kind), ("来源", data.source), ("状态", data.state),
        ("类别", data.category), ("部位", data.location), ("紧急程度", data.priority),
        ("房屋", data.unit or "—"), ("联系人", data.contact_name), ("联系电话", data.contact_phone),
        ("受理时间", _when(data.reported_at)), ("派单时间", _when(data.dispatched_at)), ("班组", data.team),
        ("处理人", data.assignee + (f" {data.assignee_phone}" if data.assignee_phone else "")),
        ("响应时限", _when(data.respond_by)), ("完成时限", _when(data.due_at)),
    ]
    label_w, value_w = usable * 0.09, usable * (1 / 3 - 0.09)
    rows = [
        sum(([p(k, label_style), p(v)] for k, v in pairs[i : i + 3]), []) for i in range(0, len(pairs), 3)
    ]
    rows.append([p("具体位置", label_style), p(data.place or "—"), "", "", "", ""])
    facts = Table(rows, colWidths=[label_w, value_w] * 3)
    facts.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.4, grid), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f5")),
        ("BACKGROUND", (2, 0), (2, -2), colors.HexColor("#eef1f5")),
        ("BACKGROUND", (4, 0), (4, -2), colors.HexColor("#eef1f5")),
        ("SPAN", (1, -1), (-1, -1)),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ))

    story = [header, Spacer(0, 1.5 * mm), facts, Spacer(0, 1.5 * mm), section("问题描述"), Spacer(0, 1)]
    # Free text flows as separate paragraphs so it can continue on the next page.
    story += [p(line) for line in (data.description or "—").splitlines() if line.strip()] or [p("—")]

    story += [Spacer(0, 1 * mm), section("处理情况 (维修人员填写)"), Spacer(0, 1)]
    if data.work_notes.strip():
        story += [p(line) for line in data.work_notes.splitlines() if line.strip()]
    else:
        story.append(Spacer(0, lead * 2.2))

    # Materials with quantity and price; blank lines to write on when none are recorded yet.
    mat_rows = [[p(h, label_style) for h in ("材料名称", "单位", "数量", "单价(元)", "金额(元)")]]
    for m in data.materials:
        mat_rows.append([p(m.name), p(m.unit), p(f"{m.quantity.normalize():f}", right),
                         p(format_money(m.price), right), p(format_money(m.amount), right)])
    if not data.materials:
        mat_rows += [[""] * 5 for _ in range(BLANK_MATERIAL_ROWS)]
    if data.is_charged:
        total = to_money(data.labour_fee + data.material_fee)
        filled = bool(data.materials) or data.labour_fee > 0
        charge = (f"人工费 {format_money(data.labour_fee)} 元  材料费 {format_money(data.material_fee)} 元  "
                  f"合计 {format_money(total)} 元") if filled else "人工费 ______ 元  材料费 ______ 元  合计 ______ 元"
        charge_text = "收费(自用部位): " + charge
    else:
        charge_text = "收费: 公共部位维修, 不向业主收费"
    mat_rows.append([p(charge_text), "", "", "", ""])
    materials = Table(mat_rows, colWidths=[usable * w for w in (0.40, 0.10, 0.14, 0.18, 0.18)],
                      rowHeights=[None] + [None] * len(data.materials)
                      + [lead + 3] * (0 if data.materials else BLANK_MATERIAL_ROWS) + [None],
                      repeatRows=1)
    materials.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.4, grid), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
        ("SPAN", (0, -1), (-1, -1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ))
    story += [Spacer(0, 1 * mm), materials]

    # Satisfaction boxes (ticked when the return visit is recorded) and the two signatures.
    boxes = "&nbsp;&nbsp;&nbsp;".join(
        ("■" if data.satisfaction == score else "□") + "&nbsp;" + text for score, text in SATISFACTION_LABELS
    )
    visit = f"业主评价:&nbsp;&nbsp;{boxes}"
    if data.visit_comment:
        visit += f"&nbsp;&nbsp;&nbsp;&nbsp;意见: {_text(data.visit_comment)}"
    blank_time = "" if data.completed_at else "年&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;日&nbsp;&nbsp;&nbsp;&nbsp;时"
    blank_date = "年&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;日"
    sign_w = [usable * w for w in (0.13, 0.22, 0.10, 0.22, 0.09, 0.24)]
    sign = Table(
        [[Paragraph(visit, body), "", "", "", "", ""],
         [p("维修人员签字:", label_style), "", p("完成时间:", label_style),
          Paragraph(_text(_when(data.completed_at)) or blank_time, right), p("业主签字:", label_style), ""],
         ["", "", "", "", p("日期:", label_style), Paragraph(blank_date, right)]],
        colWidths=sign_w, rowHeights=[None, lead + 5, lead + 5],
    )
    sign.setStyle(table_style(
        ("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 1), (1, 1), 0.5, colors.black), ("LINEBELOW", (3, 1), (3, 1), 0.5, colors.black),
        ("LINEBELOW", (5, 1), (5, 1), 0.5, colors.black), ("LINEBELOW", (5, 2), (5, 2), 0.5, colors.black),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, grid), ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ))
    story += [Spacer(0, 1.5 * mm), KeepTogether([sign])]

    printed = _when(data.printed_at or datetime.now())

    class NumberedCanvas(Canvas):
        """Defers page output so every page can say "第 n/N 页"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, base - 1.5)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawString(margin, margin / 2, f"打印时间 {printed}")
                self.drawRightString(width - margin, margin / 2, f"{data.number}  第 {self._pageNumber}/{total} 页")
                if self._pageNumber > 1:
                    self.drawString(margin, height - margin / 2 - base / 2, f"派工单 {data.number} (续)")
                super().showPage()
            super().save()

    # One frame exactly the usable area (no inner padding): the tables above are sized to ``usable``.
    frame = Frame(margin, margin + 2, usable, height - 2 * margin - 4, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="slip")
    doc = BaseDocTemplate(
        out, pagesize=pagesize, pageTemplates=[PageTemplate(id="slip", frames=[frame])],
        title=f"派工单 {data.number}", author=data.property_name or "PropDesk", subject="派工单",
        creator="PropDesk", initialFontName=font,  # no stray, unembedded Helvetica
    )
    doc.build(story, canvasmaker=NumberedCanvas)
