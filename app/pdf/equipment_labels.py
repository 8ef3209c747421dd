"""QR label sheet of the equipment ledger: A4, 3 × 8 labels (70 × 37 mm, the common sticker sheet).

Each label has the QR code (``PROPDESK:EQ:<code>``: scanned into the ledger's search box it opens the
item), the code in large type, the name, the system and the location. Drawn on a canvas with the
embedded CJK font; long texts are shortened to fit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

COLUMNS, ROWS = 3, 8
LABEL_W_MM, LABEL_H_MM = 70.0, 37.0
PER_PAGE = COLUMNS * ROWS


@dataclass(frozen=True)
class EquipmentLabel:
    code: str
    name: str
    system: str
    location: str
    qr_text: str


def _fit(canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with "…" so that it fits ``width`` points."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def render_labels(labels: Sequence[EquipmentLabel], property_name: str = "") -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from app.pdf.fonts import cjk_font

    font = cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle("设备标签")
    page_w, page_h = A4
    w, h = LABEL_W_MM * mm, LABEL_H_MM * mm
    left = (page_w - COLUMNS * w) / 2
    top = page_h - (page_h - ROWS * h) / 2
    qr_size = 27 * mm
    for index, label in enumerate(labels):
        if index and index % PER_PAGE == 0:
            canvas.showPage()
        slot = index % PER_PAGE
        x = left + (slot % COLUMNS) * w
        y = top - (slot // COLUMNS + 1) * h
        canvas.setLineWidth(0.3)
        canvas.setStrokeGray(0.75)
        canvas.rect(x, y, w, h)  # cut guide
        widget = QrCodeWidget(label.qr_text, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(qr_size, qr_size, transform=[qr_size / (x1 - x0), 0, 0, qr_size / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, x + 2 * mm, y + (h - qr_size) / 2)
        text_x = x + qr_size + 4 * mm
        text_w = w - qr_size - 6 * mm
        canvas.setFillGray(0)
        canvas.setFont(font, 12)
        canvas.drawString(text_x, y + h - 9 * mm, _fit(canvas, label.code, font, 12, text_w))
        canvas.setFont(font, 9)
        canvas.drawString(text_x, y + h - 15 * mm, _fit(canvas, label.name, font, 9, text_w))
        canvas.setFont(font, 7.5)
        canvas.drawString(text_x, y + h - 20.5 * mm, _fit(canvas, label.system, font, 7.5, text_w))
        canvas.drawString(text_x, y + h - 25 * mm, _fit(canvas, label.location, font, 7.5, text_w))
        canvas.setFillGray(0.45)
        canvas.setFont(font, 6.5)
        canvas.drawString(text_x, y + 3 * mm, _fit(canvas, property_name or "设施设备标识", font, 6.5, text_w))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
