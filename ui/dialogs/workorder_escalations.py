"""The daily list of automatic escalations (今日升级清单): every step the clock took on a day, with the order,
its team and why; double-click shows the order."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.errors import ServiceError
from ui.models.windowed import Column, ListTableModel
from ui.widgets.table import fit_columns, make_table_view
from ui.workorder_labels import wo_label


def _level(level: int) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("WorkOrders", _LEVELS.get(level, ""))


_LEVELS = {1: QT_TRANSLATE_NOOP("WorkOrders", "班组主管"), 2: QT_TRANSLATE_NOOP("WorkOrders", "经理")}

COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), lambda r: f"{r.at:%H:%M}"),
    Column("number", QT_TRANSLATE_NOOP("Column", "工单编号"), "number"),
    Column("team", QT_TRANSLATE_NOOP("Column", "班组"), "team", formatter=wo_label),
    Column("level", QT_TRANSLATE_NOOP("Column", "升级至"), "level", formatter=_level),
    Column("note", QT_TRANSLATE_NOOP("Column", "说明"), "note"),
]


class EscalationListDialog(QDialog):
    """One day's escalation steps; ``open_order(number)`` when a row is double-clicked."""

    open_order = Signal(str)

    def __init__(self, services, day: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("自动升级清单"))
        self.day = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.model = ListTableModel(COLUMNS, parent=self)
        self.table = make_table_view(self.model, self)
        self.table.doubleClicked.connect(lambda index: self.open_order.emit(self.model.row_at(index.row()).number))
        self.message = QLabel(self)
        self.message.setObjectName("escalation_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期"), self))
        top.addWidget(self.day)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        try:
            rows = self.services.workorders.escalations(self.day.date().toPython())
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.model.set_rows(rows)
        fit_columns(self.table)
        self.message.setText(self.tr("共 %n 步", "", len(rows)))
