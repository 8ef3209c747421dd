"""The 秩序 team's printed documents — visitor pass (A6/A5), incident report, written rectification notice —
all one simple shape: a title, a table of facts, sections of text, signature lines. Built from plain data."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Document:
    title: str
    number: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (heading, text)
    signatures: tuple[str, ...] = field(default_factory=tuple)
    footer: str = ""
    property_name: str = ""


PAGE_SIZES = ("A6", "A5", "A4")


def render_document(doc: Document, page: str = "A4") -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, A5, A6
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.pdf.fonts import cjk_font

    sizes = {"A6": (A6, 8.0, 5 * mm), "A5": (A5, 9.5, 8 * mm), "A4": (A4, 10.5, 15 * mm)}
    if page.upper() not in sizes:
        raise ValueError(f"纸张应为 {'/'.join(PAGE_SIZES)}, 不是 {page!r}")
    pagesize, base, margin = sizes[page.upper()]
    font = cjk_font()
    usable = pagesize[0] - 2 * margin
    body = ParagraphStyle("body", fontName=font, fontSize=base, leading=base * 1.35, wordWrap="CJK")
    label = ParagraphStyle("label", parent=body, textColor=colors.HexColor("#444444"))
    title = ParagraphStyle("title", parent=body, fontSize=base + 6, leading=base + 9, alignment=TA_CENTER)
    centre = ParagraphStyle("centre", parent=body, alignment=TA_CENTER)
    heading = ParagraphStyle("heading", parent=body, fontSize=base + 1, leading=base * 1.6)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(text or "").replace("\n", "<br/>"), style)

    story = [p(doc.property_name or "物业服务中心", centre), p(doc.title, title), p(f"编号 {doc.number}", centre),
             Spacer(0, 2 * mm)]
    facts = Table([[p(k, label), p(v)] for k, v in doc.facts], colWidths=[usable * 0.26, usable * 0.74])
    facts.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f5")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    story.append(facts)
    for name, text in doc.sections:
        story += [Spacer(0, 2 * mm), p(name, heading)]
        story += [p(line) for line in (text or "—").splitlines() if line.strip()] or [p("—")]
    if doc.signatures:
        story.append(Spacer(0, 5 * mm))
        cells = [p(f"{name}: ________________") for name in doc.signatures]
        sign = Table([cells[i: i + 2] for i in range(0, len(cells), 2)], colWidths=[usable / 2] * 2)
        sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
        story.append(sign)
    if doc.footer:
        story += [Spacer(0, 3 * mm), p(doc.footer, label)]
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                                 topMargin=margin, bottomMargin=margin, title=doc.title.replace(" ", ""),
                                 initialFontName=font)
    template.build(story)
    return buffer.getvalue()
