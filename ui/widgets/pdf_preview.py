"""In-app preview of any PDF the app makes (dispatch slips, fee notices, receipts): QtPdf view with
page navigation and zoom, Print (QPrintDialog) and Save (QFileDialog).

The PDF arrives as bytes from a service (``services.workorders.slip_pdf(id)``), so nothing here knows
what the document is::

    PdfPreviewDialog(pdf_bytes, title=self.tr("派工单 %1").replace("%1", number),
                     file_name=f"{number}.pdf", parent=self).exec()
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.files import write_bytes
from ui import shortcuts


class PdfPreview(QWidget):
    """A PDF shown from bytes, with print and save; reusable inside any page or dialog."""

    printed = Signal()
    saved = Signal(str)  # the path written

    def __init__(self, pdf: bytes = b"", file_name: str = "document.pdf", parent: QWidget | None = None):
        super().__init__(parent)
        self._bytes = b""
        self.file_name = file_name
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        # With the scroll bar free to come and go, a fit zoom keeps re-laying itself out and the window
        # freezes (measured: event loop stalled > 20 s on a one-page A5 slip). A fixed bar keeps the width stable.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

        self.zoom = QComboBox(self)
        self.zoom.setObjectName("pdf_zoom")
        for text, mode in ((self.tr("适合页面"), "fit_view"), (self.tr("适合宽度"), "fit_width"),
                           ("75%", 0.75), ("100%", 1.0), ("150%", 1.5)):
            self.zoom.addItem(text, mode)
        self.zoom.currentIndexChanged.connect(self._apply_zoom)
        self.pages = QLabel(self)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.print_button.setObjectName("pdf_print")
        self.print_button.clicked.connect(self.print_dialog)
        shortcuts.bind(self.print_button, shortcuts.PRINT_DIALOG)
        quick = shortcuts.shortcut(shortcuts.PRINT, self, self.quick_print)
        quick.setObjectName("quick_print")
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.save_button.setObjectName("pdf_save")
        self.save_button.clicked.connect(self.save_dialog)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("缩放"), self))
        bar.addWidget(self.zoom)
        bar.addWidget(self.pages)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        if pdf:
            self.set_pdf(pdf, file_name)

    # ---- content
    def set_pdf(self, pdf: bytes, file_name: str | None = None) -> None:
        """Show these PDF bytes (kept in memory: nothing is written until the user saves)."""
        self._bytes = bytes(pdf)
        if file_name:
            self.file_name = file_name
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self._bytes))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.pages.setText(self.tr("共 %n 页", "", self.page_count()))
        ok = self.document.status() == QPdfDocument.Status.Ready
        self.print_button.setEnabled(ok)
        self.save_button.setEnabled(ok)

    def pdf_bytes(self) -> bytes:
        return self._bytes

    def page_count(self) -> int:
        return self.document.pageCount()

    def _apply_zoom(self) -> None:
        mode = self.zoom.currentData()
        if mode == "fit_view":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif mode == "fit_width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(mode))

    # ---- saving
    def save_dialog(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存 PDF"), self.file_name, self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            self.save_to(path)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("保存失败"), str(exc))
            return None
        return path

    def save_to(self, path: str | Path) -> None:
        write_bytes(path, self._bytes)
        self.saved.emit(str(path))

    # ---- printing
    def _page_layout(self) -> QPageLayout:
        """The first page's own size and orientation (A5 landscape slips print as such)."""
        size = self.document.pagePointSize(0) if self.page_count() else QSizeF(595, 842)
        landscape = size.width() > size.height()
        portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
        page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))

    def choose_printer(self) -> QPrinter | None:
        """The system print dialog (GUI thread); None when the user cancels it."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self._page_layout())
        printer.setDocName(self.file_name)
        printer.setFromTo(0, 0)
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def default_printer(self) -> QPrinter | None:
        """The system's default printer set up for this document, or None when there is none."""
        from PySide6.QtPrintSupport import QPrinterInfo

        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            return None
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self._page_layout())
        printer.setDocName(self.file_name)
        return printer

    def quick_print(self) -> bool:
        """Ctrl+P: straight to the default printer (a receipt at the counter needs no dialog); the print
        dialog when there is no default printer."""
        if not self.page_count():
            return False
        printer = self.default_printer()
        return self.print_to(printer) if printer is not None else self.print_dialog()

    def print_dialog(self) -> bool:
        """打印… (Ctrl+Shift+P): choose the printer, then print in the background. True when printing started."""
        if not self.page_count():
            return False
        printer = self.choose_printer()
        if printer is None:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print off the GUI thread with a progress dialog and 取消 (``ui.printing`` says how); ``printed``
        fires when the pages are out. The window stays usable meanwhile."""
        from ui.jobs import run_with_progress_dialog
        from ui.printing import print_pdf

        if not self.page_count():
            return False
        pdf, title = self._bytes, self.file_name
        self._printer = printer  # alive until the job ends
        self.print_button.setEnabled(False)
        self.print_job = run_with_progress_dialog(
            self, self.tr("正在打印 %1…").replace("%1", title), lambda progress: print_pdf(pdf, printer, progress,
                                                                                         title=title),
            on_result=self._printed, on_error=self._print_failed,
            on_cancel=lambda: self.print_button.setEnabled(True))
        return True

    def _printed(self, method: str) -> None:
        self.print_button.setEnabled(True)
        self.last_print_method = method
        self.printed.emit()

    def _print_failed(self, message: str) -> None:
        self.print_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("打印失败"), message)


class PdfPreviewDialog(QDialog):
    """A window around :class:`PdfPreview`, sized for a page and a half."""

    def __init__(self, pdf: bytes, title: str, file_name: str = "document.pdf", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.preview = PdfPreview(pdf, file_name, self)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        self.resize(900, 700)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
