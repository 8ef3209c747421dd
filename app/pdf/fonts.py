"""The bundled CJK TrueType font, registered with reportlab once and embedded in every PDF.

Loading the .ttc costs ~0.1 s, so it happens on first use only (thread-safe). reportlab's built-in
``STSong-Light`` is never used: it is not embedded and lacks glyphs such as "·" and "㎡".
"""

from __future__ import annotations

import threading

FONT_NAME = "WQYMicroHei"

_lock = threading.Lock()
_registered = False


def cjk_font() -> str:
    """Register the bundled font (first call only) and return its reportlab name."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            from app.resources import font_path

            pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
            _registered = True
    return FONT_NAME
