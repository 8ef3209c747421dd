"""每日保洁任务: the day's task list generated from the plans, and marking tasks done."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import CleanArea
from ui.models.windowed import ROW_ROLE, Column, ListTableModel
from ui.office_labels import office_choices, office_label
from ui.widgets.flow_layout import FlowLayout, labelled
from ui.widgets.table import fit_columns, make_table_view

COLUMNS = [
    Column("area", QT_TRANSLATE_NOOP("Column", "区域"), "area", formatter=office_label),
    Column("place", QT_TRANSLATE_NOOP("Column", "具体位置"), "place"),
    Column("cleaner", QT_TRANSLATE_NOOP("Column", "保洁员/外包公司"), "cleaner"),
    Column("done", QT_TRANSLATE_NOOP("Column", "已完成"), "done"),
    Column("done_at", QT_TRANSLATE_NOOP("Column", "完成时间"), "done_at"),
    Column("note", QT_TRANSLATE_NOOP("Column", "备注"), "note"),
]


class DailyTasksPage(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = services.ctx.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.area = QComboBox(self)
        for text, code in [(self.tr("全部区域"), None), *office_choices(CleanArea)]:
            self.area.addItem(text, code)
        self.generate_button = QPushButton(self.tr("生成当日任务"), self)
        self.done_button = QPushButton(self.tr("标记完成"), self)
        self.undo_button = QPushButton(self.tr("撤销完成"), self)
        self.summary = QLabel(self)
        bar = FlowLayout()
        bar.addWidget(labelled(QLabel(self.tr("日期"), self), self.day, self))
        bar.addWidget(labelled(QLabel(self.tr("区域"), self), self.area, self))
        can = services.ctx.can("environment.record")
        for button in (self.generate_button, self.done_button, self.undo_button):
            button.setVisible(can)
            bar.addWidget(button)
        bar.addStretch()
        bar.addWidget(self.summary)
        self.model = ListTableModel(COLUMNS, parent=self)
        self.table = make_table_view(self.model, self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.day.dateChanged.connect(self.reload)
        self.area.currentIndexChanged.connect(self.reload)
        self.generate_button.clicked.connect(self.generate)
        self.done_button.clicked.connect(lambda: self.mark(True))
        self.undo_button.clicked.connect(lambda: self.mark(False))
        self.reload()

    def selected_day(self):
        return self.day.date().toPython()

    def reload(self) -> None:
        rows = self.services.cleaning.tasks(self.selected_day(), self.area.currentData())
        self.model.set_rows(rows)
        fit_columns(self.table)
        self.summary.setText(self.tr("已完成 %1 / %2").replace("%1", str(sum(r.done for r in rows)))
                             .replace("%2", str(len(rows))))

    def generate(self) -> None:
        try:
            made = self.services.cleaning.generate_tasks(self.selected_day())
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("生成当日任务"), str(exc))
            return
        self.summary.setText(self.tr("新生成 %n 项任务", "", made))
        self.reload()

    def mark(self, done: bool) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        try:
            for r in sorted(rows):
                task = self.model.index(r, 0).data(ROW_ROLE)
                self.services.cleaning.complete_task(task.id, done, task.note)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("保洁任务"), str(exc))
        self.reload()
