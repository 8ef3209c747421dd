"""经营月报: the month's operations report previewed in the page, printed, or saved as PDF or Excel."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.errors import ServiceError
from ui.pages.environment.common import month_items
from ui.widgets.flow_layout import FlowLayout, labelled
from ui.widgets.pdf_preview import PdfPreview


class MonthlyReportPage(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.period = QComboBox(self)
        for text, period in month_items(services, 24, everything=False):
            self.period.addItem(text, period)
        self.period.setCurrentIndex(1 if self.period.count() > 1 else 0)  # last month: the one to report
        self.show_button = QPushButton(self.tr("生成"), self)
        self.show_button.clicked.connect(self.render)
        self.excel_button = QPushButton(self.tr("导出 Excel…"), self)
        self.excel_button.clicked.connect(self.choose_excel)
        self.status = QLabel(self)
        bar = FlowLayout()
        bar.addWidget(labelled(QLabel(self.tr("月份"), self), self.period, self))
        bar.addWidget(self.show_button)
        bar.addWidget(self.excel_button)
        bar.addStretch()
        bar.addWidget(self.status)
        self.preview = PdfPreview(file_name="monthly-report.pdf", parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.preview, 1)
        self.status.setText(self.tr("选择月份后点“生成”"))

    def render(self) -> bool:
        period = self.period.currentData()
        try:
            pdf = self.services.monthly_report.pdf(period)
        except ServiceError as exc:
            self.status.setText(str(exc))
            return False
        self.preview.set_pdf(pdf, f"经营月报-{period}.pdf")
        self.status.setText(self.tr("%1 经营月报, 共 %2 页").replace("%1", period)
                            .replace("%2", str(self.preview.page_count())))
        return True

    def choose_excel(self) -> None:
        period = self.period.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), f"经营月报-{period}.xlsx",
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_excel(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_excel(self, path: str) -> bool:
        try:
            self.services.monthly_report.write(self.period.currentData(), path)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("导出 Excel"), str(exc))
            return False
        self.status.setText(self.tr("已导出 %1").replace("%1", path))
        return True
