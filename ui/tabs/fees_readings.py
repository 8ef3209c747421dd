"""经理 → 抄表录入: a building's readings typed in a grid, keyboard only — rooms in order, the last reading and
the average usage shown; type a reading and press Enter to go to the next room. Usage below zero (without a
recorded 换表 or the item's 表满量程) and usage above 3 × the unit's average are flagged before saving."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from app.models import ChargeMethod
from ui.dialogs.form import FormDialog
from ui.widgets.table import fit_columns, make_table_view

READING = 3
HEADERS = (QT_TRANSLATE_NOOP("Column", "房号"), QT_TRANSLATE_NOOP("Column", "上次读数"),
           QT_TRANSLATE_NOOP("Column", "平均用量"), QT_TRANSLATE_NOOP("Column", "本期读数"),
           QT_TRANSLATE_NOOP("Column", "用量"), QT_TRANSLATE_NOOP("Column", "提示"))
FLAG = QBrush(QColor("#fde2e1"))


class ReadingsModel(QAbstractTableModel):
    """The grid: one row per unit; only 本期读数 is editable; each typed value is checked at once."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.typed: dict[int, str] = {}  # row → text typed this session

    def set_rows(self, rows, typed: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.typed = dict(typed or {})
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Column", HEADERS[section])
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == READING else base

    def text(self, row: int) -> str:
        if row in self.typed:
            return self.typed[row]
        reading = self.rows[row].reading
        return "" if reading is None else str(reading)

    def checked(self, row: int) -> tuple[Decimal | None, str]:
        """(usage, warning) of what stands in the row now; ("", "") when nothing is typed."""
        text = self.text(row).strip()
        if not text:
            return None, ""
        try:
            value = Decimal(text.replace(",", ""))
            if not value.is_finite() or value < 0:
                raise InvalidOperation
        except InvalidOperation:
            return None, QCoreApplication.translate("ReadingsGridPage", "读数无效")
        return self.rows[row].check(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == READING:
                return self.text(index.row())
            if col in (4, 5):
                usage, warning = self.checked(index.row())
                return (str(usage) if usage is not None else "") if col == 4 else warning
            value = (r.room, r.last_reading, r.average)[col]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and self.checked(index.row())[1]:
            return FLAG
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != READING:
            return False
        self.typed[index.row()] = str(value).strip()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True

    def to_save(self) -> dict[int, str]:
        return {self.rows[row].unit_id: text for row, text in self.typed.items() if text}

    def problems(self) -> tuple[list[str], list[str]]:
        """(refused rows, outlier rows) among what was typed, each as "room: message"."""
        refused, outliers = [], []
        for row, text in self.typed.items():
            if not text:
                continue
            usage, warning = self.checked(row)
            if warning:
                (outliers if usage is not None else refused).append(f"{self.rows[row].room}: {warning}")
        return refused, outliers


class MeterChangeDialog(FormDialog):
    """换表 of one unit in this period's reading: the old meter's final reading, the new one's start, the date;
    the period's usage then spans both meters."""

    def __init__(self, services, item_id: int, period: str, row, parent: QWidget | None = None):
        super().__init__(self.tr("登记换表 - %1").replace("%1", row.room), parent)
        self.services, self.item_id, self.period, self.unit_id = services, item_id, period, row.unit_id
        last = "" if row.last_reading is None else str(row.last_reading)
        self.form.addRow(QLabel(self.tr("账期 %1, 上次读数 %2").replace("%1", period).replace("%2", last or "-"), self))
        self.add_field("changed_on", self.tr("换表日期"), QLineEdit(services.ctx.clock().strftime("%Y-%m-%d"), self))
        self.add_field("old_final", self.tr("旧表止码"), QLineEdit(self))
        self.add_field("new_start", self.tr("新表起码"), QLineEdit("0", self))
        self.add_field("note", self.tr("备注"), QLineEdit(self))
        if row.change is not None:
            self.set_values({"old_final": row.change[0], "new_start": row.change[1]})
        self.first_field = self.field("old_final")

    def save(self, values) -> int:
        return self.services.meters.record_change(self.item_id, self.unit_id, self.period, values["changed_on"],
                                                  values["old_final"], values["new_start"], values["note"])


class ReadingsGridPage(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.item = QComboBox(self)
        for item in services.billing.items(include_inactive=False):
            if item.method == ChargeMethod.METERED:
                self.item.addItem(item.name, item.id)
        self.building = QComboBox(self)
        self.building.addItem(self.tr("全部楼栋"), None)
        for b in services.archive.buildings():
            self.building.addItem(b.name, b.id)
        self.period = QLineEdit(services.ctx.clock().strftime("%Y-%m"), self)
        self.period.setMaximumWidth(90)
        load = QPushButton(self.tr("载入"), self)
        load.clicked.connect(self.reload)
        self.change_button = QPushButton(self.tr("换表…"), self)
        self.change_button.clicked.connect(self.record_change)
        self.save_button = QPushButton(self.tr("保存读数 (Ctrl+S)"), self)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.model = ReadingsModel(self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.model.dataChanged.connect(self._next_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        for label, widget in ((self.tr("项目"), self.item), (self.tr("楼栋"), self.building),
                              (self.tr("账期"), self.period)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addWidget(load)
        bar.addStretch(1)
        bar.addWidget(self.change_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.reload()

    def home_widget(self) -> QWidget:
        return self.table

    def reload(self, keep_typed: bool = False) -> None:
        if self.item.currentData() is None:
            self.status.setText(self.tr("没有按抄表计费的收费项目"))
            return
        try:
            rows = self.services.meters.sheet(self.item.currentData(), self.period.text(), self.building.currentData())
        except ServiceError as exc:
            self.status.setText(str(exc))
            return
        self.model.set_rows(rows, self.model.typed if keep_typed else None)
        fit_columns(self.table)
        self.status.setText(self.tr("输入读数后按回车到下一户; 红色行: 用量为负或超过平均的3倍"))
        if rows:
            self.table.setCurrentIndex(self.model.index(0, READING))

    def record_change(self) -> None:
        """换表 for the room of the current row; the grid reloads with the usage across both meters."""
        index = self.table.currentIndex()
        if not index.isValid() or self.item.currentData() is None:
            return
        dialog = MeterChangeDialog(self.services, self.item.currentData(), self.period.text(),
                                   self.model.rows[index.row()], self)
        row = index.row()

        def changed(_id) -> None:
            self.reload(keep_typed=True)  # what was typed stays, now checked against the change
            self.table.setCurrentIndex(self.model.index(row, READING))
            self.status.setText(self.tr("已登记换表"))

        dialog.saved.connect(changed)
        dialog.open()
        self._dialog = dialog

    def _next_row(self, top_left, _bottom_right) -> None:
        below = self.model.index(top_left.row() + 1, READING)
        if below.isValid():  # after the editor has closed (it restores the current cell while closing)
            QTimer.singleShot(0, lambda: self.table.setCurrentIndex(below))

    def save(self) -> None:
        refused, outliers = self.model.problems()
        title = self.tr("保存读数")
        if refused:
            QMessageBox.warning(self, title, self.tr("以下读数不能保存, 请更正:") + "\n" + "\n".join(refused))
            return
        if outliers and QMessageBox.question(
                self, title, self.tr("以下用量异常, 仍然保存?") + "\n" + "\n".join(outliers)
        ) != QMessageBox.StandardButton.Yes:
            return
        values = self.model.to_save()
        if not values:
            return
        try:
            count = self.services.billing.save_readings(self.item.currentData(), self.period.text(), values)
        except FieldError as exc:
            QMessageBox.warning(self, title, "\n".join(exc.errors.values()))
            return
        except ServiceError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self.reload()
        self.status.setText(self.tr("已保存 %1 户读数").replace("%1", str(count)))
