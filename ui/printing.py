"""Printing a PDF the app made, off the GUI thread, with progress and 取消.

The printer is chosen in the GUI thread (QPrintDialog); the pages go out in a worker (``ui.jobs``), by
the best way the platform offers:

* ``file`` — "打印到文件" as PDF: the document's own bytes are written (vector, instant);
* ``spooler`` — a system print queue reached by the CUPS command ``lp`` (Linux, macOS, and any machine
  with CUPS installed): the PDF itself is handed to the queue, which prints it as vector text — no page
  images, a 208-page building run is ~the size of the PDF. Cancelling stops it before the hand-over
  only; after that the job is in the queue (cancel it there);
* ``raster`` — otherwise (Windows has no standard command that prints a PDF without a PDF viewer, so its
  GDI printers get this): each page is drawn as an image of at most ``PRINT_DPI`` through QPainter on the
  QPrinter, in the worker (Qt allows painting on a QPrinter outside the GUI thread); 取消 aborts the
  print job between pages.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from app.errors import ServiceError
from app.files import write_bytes
from app.progress import Cancelled, Progress

PRINT_DPI = 300  # raster only: 1200 dpi would be 280 MB an A5 page

Spool = Callable[[list[str]], None]


def print_method(printer: QPrinter) -> str:
    """"file", "spooler" or "raster" (see the module's text)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return "file"
    if printer.printerName() and shutil.which("lp"):
        return "spooler"
    return "raster"


def spool_command(printer: QPrinter, path: str, title: str) -> list[str]:
    """``lp`` for this queue, copies and page range (CUPS prints the PDF as it is)."""
    command = ["lp", "-d", printer.printerName(), "-n", str(max(printer.copyCount(), 1)), "-t", title]
    if printer.fromPage() and printer.toPage():
        command += ["-P", f"{printer.fromPage()}-{printer.toPage()}"]
    if printer.duplex() in (QPrinter.DuplexMode.DuplexLongSide, QPrinter.DuplexMode.DuplexAuto):
        command += ["-o", "sides=two-sided-long-edge"]
    elif printer.duplex() == QPrinter.DuplexMode.DuplexShortSide:
        command += ["-o", "sides=two-sided-short-edge"]
    return [*command, "--", path]


def run_spooler(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServiceError(QCoreApplication.translate("Printing", "打印队列没有响应: %1").replace("%1", str(exc))) from exc
    if done.returncode != 0:
        raise ServiceError(QCoreApplication.translate("Printing", "打印队列拒绝了打印任务: %1").replace("%1", (done.stderr or done.stdout).strip()))


def print_pdf(pdf: bytes, printer: QPrinter, progress: Progress, *, title: str = "PropDesk",
              spool: Spool = run_spooler) -> str:
    """Worker body: send the PDF to the printer; returns the method used. Raises Cancelled after 取消."""
    method = print_method(printer)
    progress.report(0, 0, "")
    if method == "file":
        write_bytes(printer.outputFileName(), pdf)  # atomically, like every file the app writes
        return method
    with tempfile.TemporaryDirectory(prefix="propdesk-print-") as folder:
        path = str(Path(folder) / "document.pdf")
        Path(path).write_bytes(pdf)
        if method == "spooler":
            progress.report(0, 1, "")  # the last moment 取消 can stop it
            spool(spool_command(printer, path, title))
            return method
        _print_raster(path, printer, progress)
    return method


def _print_raster(path: str, printer: QPrinter, progress: Progress) -> None:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(path)  # a file loads synchronously (bytes through a QBuffer would not)
    pages = document.pageCount()
    if pages <= 0:
        raise ServiceError(QCoreApplication.translate("Printing", "无法读取要打印的文档"))
    painter = QPainter()
    if not painter.begin(printer):
        raise ServiceError(QCoreApplication.translate("Printing", "无法开始打印, 请检查打印机。"))
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(pages):
            try:
                progress.report(index, pages, "")
            except Cancelled:
                printer.abort()
                raise
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(QPointF(0, 0), QSizeF(image.width() * scale, image.height() * scale))
            target.moveCenter(area.center())
            painter.drawImage(target, image)
        progress.report(pages, pages, "")
    finally:
        if painter.isActive():
            painter.end()
        document.close()
