"""每日保洁任务: the day's task list generated from the plans, and marking tasks done."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QMessageBox, QPushButton, QWidget

from app.errors import ServiceError
from app.models import CleanArea
from ui.models.windowed import ROW_ROLE, Column
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import ListPage

COLUMNS = [
    Column("area", QT_TRANSLATE_NOOP("Column", "区域"), "area", formatter=office_label),
    Column("place", QT_TRANSLATE_NOOP("Column", "具体位置"), "place"),
    Column("cleaner", QT_TRANSLATE_NOOP("Column", "保洁员/外包公司"), "cleaner"),
    Column("done", QT_TRANSLATE_NOOP("Column", "已完成"), "done"),
    Column("done_at", QT_TRANSLATE_NOOP("Column", "完成时间"), "done_at"),
    Column("note", QT_TRANSLATE_NOOP("Column", "备注"), "note"),
]


class DailyTasksPage(ListPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(COLUMNS, parent)
        self.services = services
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = services.ctx.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.add_field(self.tr("日期"), self.day)
        self.area = self.add_combo(self.tr("区域"), [(self.tr("全部区域"), None), *office_choices(CleanArea)])
        self.generate_button = QPushButton(self.tr("生成当日任务"), self)
        self.done_button = QPushButton(self.tr("标记完成"), self)
        self.undo_button = QPushButton(self.tr("撤销完成"), self)
        self.finish_bar(self.generate_button, self.done_button, self.undo_button)
        self.day.dateChanged.connect(self.reload)
        self.generate_button.clicked.connect(self.generate)
        self.done_button.clicked.connect(lambda: self.mark(True))
        self.undo_button.clicked.connect(lambda: self.mark(False))
        self.reload()

    def selected_day(self):
        return self.day.date().toPython()

    def reload(self) -> None:
        rows = self.services.cleaning.tasks(self.selected_day(), self.area.currentData())
        self.show_rows(rows)
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
