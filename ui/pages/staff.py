"""员工 (经理) and 本组员工 (team tabs): staff to add, edit and deactivate, and the required positions per team
with their vacancies. Short lists, so ``ListTableModel``s; every change goes through ``StaffService``
(``staff.edit``; the page opens read-only without it, see ``ui/tabs/base.py``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import TEAM_LABELS
from app.services import Services
from app.services.staff import PositionRow, StaffRow, StaffService
from ui.dialogs.form import FormDialog
from ui.labels import team_label
from ui.models.windowed import ROW_ROLE, Column, ListTableModel, RowStyle
from ui.tabs.base import read_safe
from ui.widgets.table import fit_columns, make_table_view


def _state(active: bool) -> str:
    return QCoreApplication.translate("StaffPage", "在职") if active else QCoreApplication.translate("StaffPage", "已停用")


STAFF_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "姓名"), "name"),
    Column("team", QT_TRANSLATE_NOOP("Column", "班组"), "team", formatter=team_label),
    Column("position", QT_TRANSLATE_NOOP("Column", "岗位"), "position"),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone"),
    Column("company", QT_TRANSLATE_NOOP("Column", "外包单位"), "company"),
    Column("hired_on", QT_TRANSLATE_NOOP("Column", "入职日期"), "hired_on"),
    Column("username", QT_TRANSLATE_NOOP("Column", "登录账户"), "username"),
    Column("active", QT_TRANSLATE_NOOP("Column", "状态"), "active", formatter=_state),
]

POSITION_COLUMNS = [
    Column("team", QT_TRANSLATE_NOOP("Column", "班组"), "team", formatter=team_label),
    Column("name", QT_TRANSLATE_NOOP("Column", "岗位"), "name"),
    Column("required", QT_TRANSLATE_NOOP("Column", "定编"), "required"),
    Column("filled", QT_TRANSLATE_NOOP("Column", "在岗"), "filled"),
    Column("vacant", QT_TRANSLATE_NOOP("Column", "空缺"), "vacant"),
]


def team_combo(parent: QWidget, team: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for code in TEAM_LABELS:
        combo.addItem(team_label(code), code)
    if team:
        combo.setCurrentIndex(combo.findData(team))
    return combo


class StaffDialog(FormDialog):
    """Add (``row`` None) or edit one staff member."""

    def __init__(self, services: Services, row: StaffRow | None = None, team: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(self.tr("编辑员工") if row else self.tr("新增员工"), parent)
        self.services = services
        self.row = row
        self.add_field("name", self.tr("姓名"), QLineEdit(self))
        self.add_field("team", self.tr("班组"), team_combo(self, team))
        position = QComboBox(self)
        position.setEditable(True)
        self.add_field("position", self.tr("岗位"), position)
        self.add_field("phone", self.tr("电话"), QLineEdit(self))
        hired = QLineEdit(self)
        hired.setPlaceholderText("2024-03-01")
        self.add_field("hired_on", self.tr("入职日期"), hired)
        company = QLineEdit(self)
        company.setPlaceholderText(self.tr("外包人员填写所属公司, 自有员工留空"))
        self.add_field("company", self.tr("外包单位"), company)
        self.field("team").currentIndexChanged.connect(self._fill_positions)
        self._fill_positions()
        if row is not None:
            self.set_values({"name": row.name, "team": row.team, "phone": row.phone, "company": row.company,
                             "hired_on": row.hired_on.isoformat() if row.hired_on else ""})
            position.setCurrentText(row.position)

    def _fill_positions(self, *_args) -> None:
        """The team's required positions to pick from; any other text may be typed."""
        combo: QComboBox = self.field("position")
        text = combo.currentText()
        combo.clear()
        team = self.field("team").currentData()
        combo.addItems([p.name for p in self.services.staff.positions() if p.team == team])
        combo.setCurrentText(text)

    @property
    def values(self):
        values = super().values
        values["position"] = self.field("position").currentText()
        return values

    def check(self, values) -> None:
        StaffService.check(values)

    def save(self, values) -> int:
        if self.row is None:
            return self.services.staff.save_staff(values)
        return self.services.staff.save_staff(values, self.row.id, version=self.row.version)


class PositionDialog(FormDialog):
    """A required position of a team and how many people it needs."""

    def __init__(self, services: Services, row: PositionRow | None = None, team: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(self.tr("修改岗位") if row else self.tr("新增岗位"), parent)
        self.services = services
        self.row = row
        self.add_field("team", self.tr("班组"), team_combo(self, row.team if row else team))
        self.add_field("name", self.tr("岗位"), QLineEdit(self))
        self.add_field("required", self.tr("定编人数"), QLineEdit(self))
        self.set_values({"name": row.name, "required": row.required} if row else {"required": 1})

    def save(self, values) -> int:
        return self.services.staff.save_position(values["team"], values["name"], values["required"],
                                                 self.row.id if self.row else None)


class StaffPage(QWidget):
    """Staff of ``team`` (None: every team) above, the team's required positions and vacancies below."""

    def __init__(self, services: Services, team: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.team = team
        self.model = ListTableModel(STAFF_COLUMNS, parent=self,
                                    row_style=lambda r: None if r.active else RowStyle(foreground=QColor("#888888")))
        self.table = make_table_view(self.model, self)
        self.table.doubleClicked.connect(lambda _i: self.edit_staff())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.count_label = QLabel(self)
        self.show_inactive = QCheckBox(self.tr("显示已停用"), self)
        self.show_inactive.toggled.connect(self.reload)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_action = self.toolbar.addAction(self.tr("新增员工…"), self.add_staff)
        self.edit_action = self.toolbar.addAction(self.tr("编辑…"), self.edit_staff)
        self.active_action = self.toolbar.addAction(self.tr("停用"), self.toggle_active)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.show_inactive)
        refresh = self.toolbar.addAction(self.tr("刷新"), self.reload)
        read_safe(refresh)

        self.positions_model = ListTableModel(POSITION_COLUMNS, parent=self, row_style=self._vacancy_style)
        self.positions_table = make_table_view(self.positions_model, self)
        self.positions_table.doubleClicked.connect(lambda _i: self.edit_position())
        self.positions_label = QLabel(self)
        self.positions_bar = QToolBar(self)
        self.positions_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_position_action = self.positions_bar.addAction(self.tr("新增岗位…"), self.add_position)
        self.edit_position_action = self.positions_bar.addAction(self.tr("修改岗位…"), self.edit_position)
        self.delete_position_action = self.positions_bar.addAction(self.tr("删除岗位"), self.delete_position)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.toolbar)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.count_label)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.positions_label)
        bottom_layout.addWidget(self.positions_bar)
        bottom_layout.addWidget(self.positions_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.reload()

    # ---- state
    def reload(self, *_args, select: int | None = None) -> None:
        current = self.current_staff()
        keep = select if select is not None else (current.id if current else None)
        try:
            rows = self.services.staff.list_staff(self.team, active_only=not self.show_inactive.isChecked())
            positions = [p for p in self.services.staff.positions() if self.team in (None, p.team)]
        except ServiceError as exc:
            self.count_label.setText(str(exc))
            return
        self.model.set_rows(rows)
        self.positions_model.set_rows(positions)
        fit_columns(self.table)
        fit_columns(self.positions_table)
        for i, row in enumerate(rows):
            if row.id == keep:
                self.table.selectRow(i)
        self.count_label.setText(self.tr("共 %n 人", "", sum(1 for r in rows if r.active)))
        vacant = sum(p.vacant for p in positions)
        self.positions_label.setText(self.tr("定岗定编: 空缺 %n 人", "", vacant) if positions
                                     else self.tr("定岗定编: 尚未设置岗位"))
        self._update_actions()

    def current_staff(self) -> StaffRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.data(index, ROW_ROLE)

    def current_position(self) -> PositionRow | None:
        index = self.positions_table.currentIndex()
        return self.positions_model.data(index, ROW_ROLE) if index.isValid() else None

    def _update_actions(self, *_args) -> None:
        row = self.current_staff()
        self.edit_action.setEnabled(row is not None)
        self.active_action.setEnabled(row is not None)
        self.active_action.setText(self.tr("启用") if row is not None and not row.active else self.tr("停用"))

    @staticmethod
    def _vacancy_style(row: PositionRow) -> RowStyle | None:
        return RowStyle(background=QColor("#fff3e0")) if row.vacant else None

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("员工"), message)

    # ---- actions
    def add_staff(self) -> None:
        dialog = StaffDialog(self.services, team=self.team, parent=self)
        dialog.saved.connect(lambda new_id: self.reload(select=new_id))
        dialog.open()
        self.dialog = dialog

    def edit_staff(self) -> None:
        row = self.current_staff()
        if row is None or not self.edit_action.isVisible():
            return
        try:
            full = self.services.staff.get(row.id)  # the phone in full for editing
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        dialog = StaffDialog(self.services, full, parent=self)
        dialog.saved.connect(lambda new_id: self.reload(select=new_id))
        dialog.open()
        self.dialog = dialog

    def toggle_active(self) -> None:
        row = self.current_staff()
        if row is None:
            return
        try:
            self.services.staff.set_active(row.id, not row.active)
        except ServiceError as exc:
            self._show_error(str(exc))
        self.reload()

    def add_position(self) -> None:
        dialog = PositionDialog(self.services, team=self.team, parent=self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()
        self.dialog = dialog

    def edit_position(self) -> None:
        row = self.current_position()
        if row is None or not self.edit_position_action.isVisible():
            return
        dialog = PositionDialog(self.services, row, parent=self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()
        self.dialog = dialog

    def delete_position(self) -> None:
        row = self.current_position()
        if row is None:
            return
        try:
            self.services.staff.delete_position(row.id)
        except ServiceError as exc:
            self._show_error(str(exc))
        self.reload()
