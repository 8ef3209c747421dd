"""The PDF preview stays responsive: a fit-to-view zoom once kept re-laying itself out and froze the window."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from ui.widgets.pdf_preview import PdfPreviewDialog


def test_shown_preview_leaves_the_event_loop_running(qtbot):
    from app.pdf.dispatch_slip import render_slip
    from tests.app.test_dispatch_slip import slip

    dialog = PdfPreviewDialog(render_slip(slip()), "派工单", "GD202611280007.pdf")
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=3000)  # frozen: no tick at all for seconds
    timer.stop()
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 1.0
