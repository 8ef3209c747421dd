"""经理 → 审计日志: who changed what and when, filtered and paged in SQL, exported to Excel.

Read-only by design: the service offers no edit or delete, and neither does this page.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.services.audit import ACTIONS, AuditFilter, AuditRow
from ui.models.windowed import Column
from ui.security_labels import action_label, entity_label
from ui.widgets.register_view import RegisterView

COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), "at", sort_key="newest"),
    Column("username", QT_TRANSLATE_NOOP("Column", "操作人"), "username"),
    Column("action", QT_TRANSLATE_NOOP("Column", "操作"), "action", formatter=action_label),
    Column("entity", QT_TRANSLATE_NOOP("Column", "对象"), "entity", formatter=entity_label),
    Column("entity_id", QT_TRANSLATE_NOOP("Column", "编号"), "entity_id"),
    Column("summary", QT_TRANSLATE_NOOP("Column", "摘要"), "summary"),
    Column("changes", QT_TRANSLATE_NOOP("Column", "变更内容 (前 → 后)"), lambda r: r.changes_text),
]


class AuditDetail(QWidget):
    """The selected event in full (long before → after lists do not fit a cell)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)

    def show_row(self, row: AuditRow | None) -> None:
        if row is None:
            self.title.clear()
            self.text.clear()
            return
        self.title.setText(f"{row.at:%Y-%m-%d %H:%M:%S}  {row.username}  {action_label(row.action)}  "
                           f"{entity_label(row.entity)} {row.entity_id or ''}  {row.summary}")
        self.text.setPlainText(row.changes_text.replace("; ", "\n"))


class AuditLogPage(QWidget):
    exported = Signal(str)  # the file written

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.detail = AuditDetail(self)
        self.view = RegisterView(
            COLUMNS, count=self._count, fetch=self._fetch, sort_key="newest", descending=True,
            placeholder=self.tr("搜索摘要、变更内容、操作人"), detail=self.detail, parent=self,
        )
        self.view.current_row_changed.connect(self.detail.show_row)
        self.action_combo = self.view.add_filter_combo(
            "action", self.tr("操作"), [(self.tr("全部"), None)] + [(action_label(c), c) for c in ACTIONS])
        self.entity_combo = self.view.add_filter_combo("entity", self.tr("对象"), [(self.tr("全部"), None)])
        self.user_combo = self.view.add_filter_combo("user_id", self.tr("操作人"), [(self.tr("全部"), None)])
        self.use_dates = QCheckBox(self.tr("日期"), self)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.date_to = QDateEdit(QDate.currentDate(), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._dates_changed)
        self.use_dates.toggled.connect(self._dates_changed)
        at = self.view.filter_bar.indexOf(self.view.count_label) - 1
        for offset, widget in enumerate((self.use_dates, self.date_from, QLabel("—", self), self.date_to)):
            self.view.filter_bar.insertWidget(at + offset, widget)
        self.export_action = self.view.add_action(self.tr("导出 Excel…"), self.export)
        for key, width in (("at", 150), ("username", 90), ("action", 110), ("entity", 90), ("entity_id", 60)):
            self.view.table.setColumnWidth(self.view.model.column_index(key), width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.refresh_choices()

    # ---- data
    def current_filter(self, filters: dict | None = None) -> AuditFilter:
        f = filters if filters is not None else self.view.filters()
        dates = self.use_dates.isChecked() if hasattr(self, "use_dates") else False  # built after the view
        return AuditFilter(
            user_id=f.get("user_id"), action=f.get("action"), entity=f.get("entity"),
            date_from=_py_date(self.date_from.date()) if dates else None,
            date_to=_py_date(self.date_to.date()) if dates else None,
            text=f.get("query", ""),
        )

    def _count(self, filters) -> int:
        return self.services.audit.count(self.current_filter(filters))

    def _fetch(self, filters, offset: int, limit: int, _sort: str | None, descending: bool):
        return self.services.audit.search(self.current_filter(filters), offset, limit, newest_first=descending)

    def refresh_choices(self) -> None:
        """Fill the 对象/操作人 combos from what the log holds (keeps the current choice)."""
        try:
            entities = self.services.audit.entities()
            operators = self.services.audit.operators()
        except ServiceError:
            return
        for combo, items in ((self.entity_combo, [(entity_label(e), e) for e in entities]),
                             (self.user_combo, [(name, uid) for uid, name in operators])):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

    def reload(self) -> None:
        self.refresh_choices()
        self.view.reload()

    def _dates_changed(self, *_args) -> None:
        self.view.apply_filters()

    # ---- export
    def export(self, path: str | None = None):
        """Ask for a file, then write it off the GUI thread with a cancellable progress dialog."""
        from ui.jobs import run_with_progress_dialog

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出审计日志"), f"审计日志-{date.today():%Y%m%d}.xlsx", self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return None
        flt = self.current_filter()  # read on the GUI thread; the worker only calls the service
        audit = self.services.audit

        def done(written: int) -> None:
            self.exported.emit(path)
            QMessageBox.information(self, self.tr("导出审计日志"), self.tr("已导出 %n 条记录。", "", written))
            self.view.reload()

        return run_with_progress_dialog(self, self.tr("导出审计日志"),
                                        lambda progress: audit.export_xlsx(flt, path, progress=progress),
                                        on_result=done)


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
