"""The service calendar (服务日历) and the escalation margins, on the 经理 → 工单时限 page: each team's
working hours and weekdays (or 24 hours), holidays and weekend days worked, and how long overdue an order
may be before the team supervisor, then the manager, is told. Every deadline counts on this calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from app.models import Team
from ui.models.windowed import Column, ListTableModel
from ui.widgets.table import fit_columns, make_table_view
from ui.workorder_labels import wo_label

WEEKDAYS = (QT_TRANSLATE_NOOP("WorkOrders", "一"), QT_TRANSLATE_NOOP("WorkOrders", "二"),
            QT_TRANSLATE_NOOP("WorkOrders", "三"), QT_TRANSLATE_NOOP("WorkOrders", "四"),
            QT_TRANSLATE_NOOP("WorkOrders", "五"), QT_TRANSLATE_NOOP("WorkOrders", "六"),
            QT_TRANSLATE_NOOP("WorkOrders", "日"))


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("WorkOrders", text)


def _hours_text(row) -> str:
    if row.all_day:
        return _tr(ALL_DAY)
    return f"{row.start_minute // 60:02d}:{row.start_minute % 60:02d}–{row.end_minute // 60:02d}:" \
           f"{row.end_minute % 60:02d}"


def _days_text(row) -> str:
    if row.all_day:
        return _tr(EVERY_DAY)
    return " ".join(_tr(WEEKDAYS[int(d) - 1]) for d in row.weekdays)


ALL_DAY, EVERY_DAY = QT_TRANSLATE_NOOP("WorkOrders", "24小时"), QT_TRANSLATE_NOOP("WorkOrders", "每天")
WORKED, DAY_OFF = QT_TRANSLATE_NOOP("WorkOrders", "调休上班"), QT_TRANSLATE_NOOP("WorkOrders", "休息")

HOURS_COLUMNS = [
    Column("team", QT_TRANSLATE_NOOP("Column", "班组"), "team", formatter=wo_label),
    Column("hours", QT_TRANSLATE_NOOP("Column", "工作时间"), _hours_text),
    Column("days", QT_TRANSLATE_NOOP("Column", "工作日"), _days_text),
]
HOLIDAY_COLUMNS = [
    Column("day", QT_TRANSLATE_NOOP("Column", "日期"), lambda r: f"{r.day:%Y-%m-%d}"),
    Column("name", QT_TRANSLATE_NOOP("Column", "名称"), "name"),
    Column("workday", QT_TRANSLATE_NOOP("Column", "安排"), lambda r: _tr(WORKED if r.workday else DAY_OFF)),
]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ServiceCalendarPanel(QWidget):
    """Team hours (left) and holidays (right), each a small table with its form."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.hours_model = ListTableModel(HOURS_COLUMNS, parent=self)
        self.hours_table = make_table_view(self.hours_model, self, sortable=False)
        self.hours_table.selectionModel().currentRowChanged.connect(self._hours_chosen)
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        for team in Team:
            self.team.addItem(wo_label(team), str(team))
        self.team.currentIndexChanged.connect(self._show_team)
        self.all_day = QCheckBox(self.tr("24小时值班 (如秩序)"), self)
        self.all_day.setObjectName("all_day")
        self.start = QTimeEdit(self)
        self.start.setObjectName("start")
        self.end = QTimeEdit(self)
        self.end.setObjectName("end")
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        for i, text in enumerate(WEEKDAYS, start=1):
            box = QCheckBox(_tr(text), self)
            box.setObjectName(f"day_{i}")
            self.days.append(box)
            days_row.addWidget(box)
        self.all_day.toggled.connect(self._all_day_toggled)
        save_hours = QPushButton(self.tr("保存工作时间"), self)
        save_hours.setObjectName("save_hours")
        save_hours.clicked.connect(self.save_hours)

        hours_box = QGroupBox(self.tr("班组工作时间"), self)
        form = QFormLayout()
        form.addRow(self.tr("班组"), self.team)
        form.addRow("", self.all_day)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("–", self))
        times.addWidget(self.end)
        times.addStretch(1)
        form.addRow(self.tr("上下班"), times)
        form.addRow(self.tr("工作日"), days_row)
        form.addRow("", save_hours)
        column = QVBoxLayout(hours_box)
        column.addWidget(self.hours_table, 1)
        column.addLayout(form)

        self.holiday_model = ListTableModel(HOLIDAY_COLUMNS, parent=self)
        self.holiday_table = make_table_view(self.holiday_model, self, sortable=False)
        today = services.ctx.clock().date()
        self.holiday_day = QDateEdit(_qdate(today), self)
        self.holiday_day.setObjectName("holiday_day")
        self.holiday_day.setCalendarPopup(True)
        self.holiday_day.setDisplayFormat("yyyy-MM-dd")
        self.holiday_name = QLineEdit(self)
        self.holiday_name.setObjectName("holiday_name")
        self.holiday_name.setPlaceholderText(self.tr("如 元旦、春节"))
        self.holiday_worked = QCheckBox(self.tr("调休上班 (周末照常工作)"), self)
        self.holiday_worked.setObjectName("holiday_worked")
        add = QPushButton(self.tr("添加"), self)
        add.setObjectName("add_holiday")
        add.clicked.connect(self.add_holiday)
        remove = QPushButton(self.tr("删除所选"), self)
        remove.setObjectName("remove_holiday")
        remove.clicked.connect(self.remove_holiday)
        holiday_box = QGroupBox(self.tr("节假日"), self)
        form = QFormLayout()
        form.addRow(self.tr("日期"), self.holiday_day)
        form.addRow(self.tr("名称"), self.holiday_name)
        form.addRow("", self.holiday_worked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(remove)
        buttons.addWidget(add)
        form.addRow(buttons)
        column = QVBoxLayout(holiday_box)
        column.addWidget(self.holiday_table, 1)
        column.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("calendar_message")
        self.message.setWordWrap(True)
        note = QLabel(self.tr("所有工单时限按班组工作时间计算; 紧急工单和24小时班组不受工作时间限制。"
                              "节假日对非24小时班组为休息日。"), self)
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(hours_box, 3)
        row.addWidget(holiday_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        self.reload()
        self._show_team()

    def reload(self) -> None:
        try:
            self.hours_model.set_rows(self.services.service_calendar.team_hours())
            self.holiday_model.set_rows(self.services.service_calendar.holidays())
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
        fit_columns(self.hours_table)
        fit_columns(self.holiday_table)

    def _hours_chosen(self, current, _previous) -> None:
        row = self.hours_model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self.team.setCurrentIndex(self.team.findData(row.team))

    def _show_team(self, *_args) -> None:
        team = self.team.currentData()
        row = next((self.hours_model.row_at(i) for i in range(self.hours_model.rowCount())
                    if self.hours_model.row_at(i).team == team), None)
        if row is None:
            return
        self.all_day.setChecked(row.all_day)
        self.start.setTime(QTime(row.start_minute // 60, row.start_minute % 60))
        self.end.setTime(QTime(row.end_minute // 60, row.end_minute % 60) if row.end_minute < 24 * 60
                         else QTime(23, 59))
        for i, box in enumerate(self.days, start=1):
            box.setChecked(str(i) in row.weekdays)
        self._all_day_toggled(row.all_day)

    def _all_day_toggled(self, on: bool) -> None:
        for widget in (self.start, self.end, *self.days):
            widget.setEnabled(not on)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")

    def save_hours(self) -> bool:
        days = "".join(str(i) for i, box in enumerate(self.days, start=1) if box.isChecked())
        try:
            self.services.service_calendar.set_team_hours(
                self.team.currentData(), all_day=self.all_day.isChecked(), start=self.start.time().toString("HH:mm"),
                end=self.end.time().toString("HH:mm"), weekdays=days)
        except FieldError as exc:
            self.show_message("\n".join(exc.errors.values()), error=True)
            return False
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.show_message(self.tr("已保存。新登记和重新计算的工单时限按新的工作时间。"))
        self.reload()
        return True

    def add_holiday(self) -> bool:
        try:
            self.services.service_calendar.set_holiday(self.holiday_day.date().toPython(), self.holiday_name.text(),
                                                       self.holiday_worked.isChecked())
        except FieldError as exc:
            self.show_message("\n".join(exc.errors.values()), error=True)
            return False
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.show_message(self.tr("已保存。"))
        self.holiday_name.clear()
        self.reload()
        return True

    def remove_holiday(self) -> bool:
        index = self.holiday_table.currentIndex()
        row = self.holiday_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.show_message(self.tr("请先在列表中选择要删除的日期"), error=True)
            return False
        try:
            self.services.service_calendar.remove_holiday(row.day)
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.reload()
        return True


class EscalationPanel(QWidget):
    """How long overdue (working time) before the team supervisor, then the manager, is told."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.supervisor = QSpinBox(self)
        self.supervisor.setObjectName("supervisor_minutes")
        self.manager = QSpinBox(self)
        self.manager.setObjectName("manager_minutes")
        for box in (self.supervisor, self.manager):
            box.setRange(0, 30 * 24 * 60)
            box.setSuffix(self.tr(" 分钟"))
        self.message = QLabel(self)
        self.message.setObjectName("escalation_message")
        self.message.setWordWrap(True)
        save = QPushButton(self.tr("保存"), self)
        save.setObjectName("save_margins")
        save.clicked.connect(self.save)
        box = QGroupBox(self.tr("超时自动升级"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("超时多久升级至班组主管"), self.supervisor)
        form.addRow(self.tr("超时多久升级至经理"), self.manager)
        form.addRow(QLabel(self.tr("按工作时间计; 挂起的工单不升级。每一步都记入工单的处理记录, 并列入当天的升级清单。"),
                           self))
        form.addRow(self.message)
        form.addRow("", save)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        try:
            supervisor, manager = services.service_calendar.escalation_margins()
            self.supervisor.setValue(supervisor)
            self.manager.setValue(manager)
        except ServiceError as exc:
            self.message.setText(str(exc))

    def save(self) -> bool:
        try:
            self.services.service_calendar.set_escalation_margins(self.supervisor.value(), self.manager.value())
        except ServiceError as exc:
            errors = exc.errors.values() if isinstance(exc, FieldError) else [str(exc)]
            self.message.setText("\n".join(errors))
            self.message.setStyleSheet("color: #b00020;")
            return False
        self.message.setText(self.tr("已保存。"))
        self.message.setStyleSheet("color: #1b5e20;")
        return True
