"""客服 → 催缴: units in arrears with aging (≤3, 4–6, 7–12, >12 months), the units to chase today, the
reminder log, and fee notices (缴费通知单) for one unit or a whole building, built off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.services.fees_rules import parse_period
from ui import shortcuts
from ui.dialogs.fees_dialogs import ReminderDialog
from ui.jobs import run_with_progress_dialog
from ui.models.windowed import RIGHT, Column, ListTableModel, RowStyle
from ui.tabs.fees_common import aging_labels, fee_label, money_text, show_pdf
from ui.widgets.table import fit_columns, make_table_view

ARREARS_COLUMNS = [
    Column("code", QT_TRANSLATE_NOOP("Column", "房号"), "code"),
    Column("owner", QT_TRANSLATE_NOOP("Column", "业主"), "owner"),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone"),
    Column("total", QT_TRANSLATE_NOOP("Column", "欠费合计"), "total", align=RIGHT, formatter=money_text),
    Column("b0", QT_TRANSLATE_NOOP("Column", "≤3个月"), lambda r: r.buckets[0], align=RIGHT, formatter=money_text),
    Column("b1", QT_TRANSLATE_NOOP("Column", "4–6个月"), lambda r: r.buckets[1], align=RIGHT, formatter=money_text),
    Column("b2", QT_TRANSLATE_NOOP("Column", "7–12个月"), lambda r: r.buckets[2], align=RIGHT, formatter=money_text),
    Column("b3", QT_TRANSLATE_NOOP("Column", ">12个月"), lambda r: r.buckets[3], align=RIGHT, formatter=money_text),
    Column("oldest", QT_TRANSLATE_NOOP("Column", "最早欠费账期"), "oldest_period"),
    Column("months", QT_TRANSLATE_NOOP("Column", "欠费月数"), "months"),
    Column("last", QT_TRANSLATE_NOOP("Column", "最近催缴"), "last_reminder_at"),
    Column("how", QT_TRANSLATE_NOOP("Column", "方式"), "last_reminder_method", formatter=fee_label),
    Column("promised", QT_TRANSLATE_NOOP("Column", "承诺缴费日"), "promised_date"),
]
REMINDER_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), "at"),
    Column("method", QT_TRANSLATE_NOOP("Column", "方式"), "method", formatter=fee_label),
    Column("by", QT_TRANSLATE_NOOP("Column", "催缴人"), "by_name"),
    Column("arrears", QT_TRANSLATE_NOOP("Column", "当时欠费"), "arrears", align=RIGHT, formatter=money_text),
    Column("promised", QT_TRANSLATE_NOOP("Column", "承诺缴费日"), "promised_date"),
    Column("note", QT_TRANSLATE_NOOP("Column", "备注"), "note"),
]
OLD_DEBT = RowStyle(foreground=QColor("#b00000"))


def render_notice_pdf(services, period: str, unit_ids: list[int], progress) -> bytes:
    """Worker-thread body: read the notice data and draw the pages (sessions open inside the worker)."""
    from app.pdf.fee_notice import render_notices

    return render_notices(services.fee_reports.notices(period, unit_ids), progress)


class ArrearsPage(QWidget):
    """The 催缴 page of the 客服 tab."""

    reminded = Signal(int)  # unit id
    notices_ready = Signal(bytes)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.summary = QLabel(self)
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("全部欠费户"), "all")
        self.mode.addItem(self.tr("今日待催缴"), "chase")
        self.building = QComboBox(self)
        self.building.addItem(self.tr("全部楼栋"), None)
        try:
            for b in services.archive.buildings():
                self.building.addItem(b.name, b.id)
        except ServiceError:
            pass
        self.mode.currentIndexChanged.connect(self.reload)
        self.building.currentIndexChanged.connect(self.reload)
        self.period = QLineEdit(services.ctx.clock().strftime("%Y-%m"), self)
        self.period.setMaximumWidth(90)
        self.period.setToolTip(self.tr("通知单账期, 如 2026-11"))

        self.model = ListTableModel(ARREARS_COLUMNS, parent=self,
                                    row_style=lambda r: OLD_DEBT if r.buckets[2] or r.buckets[3] else None)
        self.table = make_table_view(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_log(cur.row()))
        self.log_model = ListTableModel(REMINDER_COLUMNS, parent=self)
        self.log_table = make_table_view(self.log_model, self, sortable=False)

        self.remind_button = QPushButton(self.tr("登记催缴…"), self)
        self.remind_button.clicked.connect(self.add_reminder)
        self.unit_notice_button = QPushButton(self.tr("打印本户通知单"), self)
        self.unit_notice_button.clicked.connect(self.print_unit_notice)
        self.building_notice_button = QPushButton(self.tr("打印通知单 (所选楼栋/全部)"), self)
        self.building_notice_button.clicked.connect(self.print_building_notices)
        shortcuts.bind(self.building_notice_button, shortcuts.PRINT)
        shortcuts.shortcut(shortcuts.BUILDING, self, lambda: self.building.setFocus(
            Qt.FocusReason.ShortcutFocusReason))
        self.building.setToolTip(self.tr("楼栋 (%1)").replace("%1", shortcuts.key_text(shortcuts.BUILDING)))
        self.ledger_button = QPushButton(self.tr("导出台账…"), self)
        self.ledger_button.clicked.connect(self.export_ledger)

        bar = QHBoxLayout()
        bar.addWidget(self.mode)
        bar.addWidget(self.building)
        bar.addWidget(QLabel(self.tr("账期"), self))
        bar.addWidget(self.period)
        bar.addStretch(1)
        bar.addWidget(self.remind_button)
        bar.addWidget(self.unit_notice_button)
        bar.addWidget(self.building_notice_button)
        bar.addWidget(self.ledger_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        log_box = QWidget(self)
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        self.log_title = QLabel(self.tr("催缴记录: 在上面的列表中点选一户查看"), self)
        log_layout.addWidget(self.log_title)
        log_layout.addWidget(self.log_table)
        splitter.addWidget(log_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.reload()

    def home_widget(self) -> QWidget:
        return self.table

    def reload(self) -> None:
        reports = self.services.fee_reports
        try:
            everything = reports.arrears()
            building = self.building.currentData()
            if self.mode.currentData() == "chase":
                rows = reports.chase_list(building_id=building)
            else:
                rows = reports.arrears(building) if building is not None else everything
            aging = reports.aging(rows=everything)
        except ServiceError as exc:
            self.summary.setText(str(exc))
            self.model.set_rows([])
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        parts = [f"{label} {money_text(amount)}" for label, amount in zip(aging_labels(), aging.buckets, strict=True)]
        self.summary.setText(
            self.tr("欠费 %1 户, 合计 %2 元 (%3); 列表 %4 户").replace("%1", str(aging.units))
            .replace("%2", money_text(aging.total)).replace("%3", ", ".join(parts)).replace("%4", str(len(rows))))
        self.log_model.set_rows([])
        if hasattr(self, "log_title"):
            self.log_title.setText(self.tr("催缴记录: 在上面的列表中点选一户查看"))

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_log(self, row: int) -> None:
        unit = self.model.row_at(row)
        if unit is None:
            self.log_model.set_rows([])
            return
        try:
            self.log_model.set_rows(self.services.payments.reminders(unit.unit_id))
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("催缴记录"), str(exc))
            return
        fit_columns(self.log_table)
        title = self.tr("催缴记录 · %1") if self.log_model.rowCount() else self.tr("催缴记录 · %1: 还没有催缴记录")
        self.log_title.setText(title.replace("%1", unit.label))

    def add_reminder(self) -> None:
        unit = self.current()
        if unit is None:
            QMessageBox.information(self, self.tr("登记催缴"), self.tr("请先选择一户"))
            return
        dialog = ReminderDialog(self.services, unit.unit_id, unit.label, self)
        dialog.saved.connect(lambda _id: self._after_reminder(unit.unit_id))
        dialog.open()

    def _after_reminder(self, unit_id: int) -> None:
        self.reload()
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).unit_id == unit_id:
                self.table.selectRow(row)
                break
        self.reminded.emit(unit_id)

    def _period(self) -> str | None:
        try:
            return parse_period(self.period.text())
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("缴费通知单"), self.tr("账期: %1").replace("%1", str(exc)))
            return None

    def print_unit_notice(self) -> None:
        unit, period = self.current(), self._period()
        if period is None:
            return
        if unit is None:
            QMessageBox.information(self, self.tr("缴费通知单"), self.tr("请先选择一户"))
            return
        self._render([unit.unit_id], period, f"缴费通知单{period}-{unit.code}.pdf")

    def print_building_notices(self) -> None:
        period = self._period()
        if period is None:
            return
        try:
            units = self.services.fee_reports.notice_units(period, self.building.currentData())
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("缴费通知单"), str(exc))
            return
        if not units:
            QMessageBox.information(self, self.tr("缴费通知单"), self.tr("该账期没有账单或欠费, 无需通知。"))
            return
        name = self.building.currentText() if self.building.currentData() else self.tr("全部")
        self._render(units, period, f"缴费通知单{period}-{name}.pdf")

    def _render(self, unit_ids: list[int], period: str, filename: str) -> None:
        services = self.services
        title = self.tr("缴费通知单 (%1 页)").replace("%1", str(len(unit_ids)))
        self.job = run_with_progress_dialog(
            self, title, lambda progress: render_notice_pdf(services, period, unit_ids, progress),
            on_result=lambda pdf: self._show(pdf, title, filename))

    def _show(self, pdf: bytes, title: str, filename: str) -> None:
        self.notices_ready.emit(pdf)
        show_pdf(self, pdf, title, filename)

    def export_ledger(self) -> None:
        """The fee ledger (台账) of the period, for the selected building or all, to .xlsx."""
        from PySide6.QtWidgets import QFileDialog

        period = self._period()
        if period is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出台账"), f"收费台账{period}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        services, building = self.services, self.building.currentData()
        self.job = run_with_progress_dialog(
            self, self.tr("导出台账"),
            lambda progress: services.fee_reports.export_ledger(path, period, building, progress)[0],
            on_result=lambda p: QMessageBox.information(self, self.tr("导出台账"),
                                                        self.tr("台账已导出: %1").replace("%1", str(p))))
