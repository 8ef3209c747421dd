"""Printing never freezes the window: the pages go out in a worker with progress and 取消; a PDF file
printer gets the document's own (vector) bytes, a CUPS queue the PDF itself, other printers page images."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.progress import Cancelled, Progress
from ui import printing
from ui.widgets.pdf_preview import PdfPreviewDialog


def notices_pdf(pages: int) -> bytes:
    import io

    from pypdf import PdfWriter

    from app.pdf.dispatch_slip import render_slip
    from tests.app.test_dispatch_slip import slip

    reader = PdfReader(io.BytesIO(render_slip(slip())))
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_page(reader.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def file_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_runs_in_the_background_and_sends_the_pdf_itself(qtbot, tmp_path):
    pdf = notices_pdf(3)
    dialog = PdfPreviewDialog(pdf, "通知单", "n.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.preview
    preview.choose_printer = lambda: file_printer(tmp_path / "out.pdf")  # the print dialog's choice
    with qtbot.waitSignal(preview.printed, timeout=10000):
        assert preview.print_dialog()  # returns at once: the work is in the worker
        assert not preview.print_button.isEnabled()
    assert (tmp_path / "out.pdf").read_bytes() == pdf  # vector: the very document, not page images
    assert preview.last_print_method == "file"
    qtbot.waitUntil(preview.print_button.isEnabled)


def test_raster_printing_draws_every_page_and_cancel_aborts(qtbot, tmp_path):
    pdf = notices_pdf(4)
    path = tmp_path / "in.pdf"
    path.write_bytes(pdf)
    seen: list[tuple[int, int]] = []
    printer = file_printer(tmp_path / "raster.pdf")
    printing._print_raster(str(path), printer, Progress(lambda d, t, _x: seen.append((d, t))))
    assert len(PdfReader(tmp_path / "raster.pdf").pages) == 4 and seen[-1] == (4, 4)

    progress = Progress(lambda d, _t, _x: progress.cancel() if d == 1 else None)
    with pytest.raises(Cancelled):
        printing._print_raster(str(path), file_printer(tmp_path / "cut.pdf"), progress)


def test_a_cups_queue_gets_the_pdf_with_copies_and_range(monkeypatch, tmp_path):
    printer = QPrinter()
    monkeypatch.setattr(printer, "printerName", lambda: "front-desk")
    monkeypatch.setattr(printing.shutil, "which", lambda name: "/usr/bin/lp")
    printer.setCopyCount(2)
    printer.setFromTo(2, 3)
    assert printing.print_method(printer) == "spooler"
    sent: list[list[str]] = []
    assert printing.print_pdf(b"%PDF-1.4 test", printer, Progress(), title="通知单", spool=sent.append) == "spooler"
    command = sent[0]
    assert command[:7] == ["lp", "-d", "front-desk", "-n", "2", "-t", "通知单"] and "-P" in command
    assert command[command.index("-P") + 1] == "2-3" and command[-1].endswith("document.pdf")
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)  # e.g. Windows: page images
    assert printing.print_method(printer) == "raster"
