"""业主档案: the owner/unit archive — a RegisterView over units, with the unit's people, vehicles and
parking in the detail pane, and the add/edit forms of ``ui/dialogs/archive.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import UnitStatus, UnitUse
from app.services import Services
from app.services.archive import MemberRow, UnitDetail, UnitFilter, UnitRow
from ui.dialogs.archive import PersonDialog, UnitDialog, VehicleDialog
from ui.dialogs.form import FormDialog
from ui.labels import choices, code_label
from ui.models.windowed import ROW_ROLE, Column, ListTableModel
from ui.widgets.register_view import Filters, RegisterView
from ui.widgets.table import fit_columns, fit_columns_to_samples, make_table_view

UNIT_COLUMNS = [
    Column("code", QT_TRANSLATE_NOOP("Column", "房号"), "code", sort_key="code", width=6),
    Column("building", QT_TRANSLATE_NOOP("Column", "楼栋"), "building", width=3),
    Column("floor", QT_TRANSLATE_NOOP("Column", "楼层"), "floor", sort_key="floor", width=3),
    Column("area", QT_TRANSLATE_NOOP("Column", "建筑面积(㎡)"), "area", sort_key="area", width=6),  # as in the unit form
    Column("use", QT_TRANSLATE_NOOP("Column", "用途"), "use", formatter=code_label, width=4),
    Column("status", QT_TRANSLATE_NOOP("Column", "状态"), "status", sort_key="status", formatter=code_label,
           width=4),
    Column("owners", QT_TRANSLATE_NOOP("Column", "业主"), "owners", width=8),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone"),
]
MEMBER_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "姓名"), "name"),
    Column("relation", QT_TRANSLATE_NOOP("Column", "身份"), "relation", formatter=code_label),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone"),
    Column("id_number", QT_TRANSLATE_NOOP("Column", "身份证号"), "id_number"),
    Column("id_unverified", QT_TRANSLATE_NOOP("Column", "核实"), "id_unverified",
           formatter=lambda flag: QCoreApplication.translate("Archive", "待核实") if flag else ""),
    Column("gender", QT_TRANSLATE_NOOP("Column", "性别"), "gender"),
    Column("move_in_date", QT_TRANSLATE_NOOP("Column", "入住日期"), "move_in_date"),
]
VEHICLE_COLUMNS = [
    Column("plate", QT_TRANSLATE_NOOP("Column", "车牌"), "plate"),
    Column("owner", QT_TRANSLATE_NOOP("Column", "车主"), "owner"),
    Column("parking_space", QT_TRANSLATE_NOOP("Column", "车位"), "parking_space"),
    Column("brand", QT_TRANSLATE_NOOP("Column", "品牌"), "brand"),
    Column("color", QT_TRANSLATE_NOOP("Column", "颜色"), "color"),
]


def unit_filter(f: Filters) -> UnitFilter:
    return UnitFilter(query=f.get("query", ""), building_id=f.get("building_id"), status=f.get("status"),
                      unverified=bool(f.get("unverified")))


class UnitDetailPane(QWidget):
    """The selected unit: its facts, people (masked by the service), vehicles and parking spaces."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: UnitDetail | None = None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        captions = (("area", self.tr("建筑面积")), ("inner_area", self.tr("室内面积")), ("floor", self.tr("楼层")),
                    ("building", self.tr("楼栋")), ("use", self.tr("用途")), ("status", self.tr("状态")),
                    ("parking", self.tr("车位")), ("notes", self.tr("备注")))
        self.facts = {key: QLabel(self) for key, _caption in captions}
        facts_form = QFormLayout()
        for key, caption in captions:
            self.facts[key].setWordWrap(True)
            self.facts[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts_form.addRow(caption, self.facts[key])

        self.members = ListTableModel(MEMBER_COLUMNS, parent=self)
        self.member_table = make_table_view(self.members, self, sortable=False)
        self.add_member_button = QPushButton(self.tr("新增住户"), self)
        self.edit_member_button = QPushButton(self.tr("编辑住户"), self)
        self.reveal_button = QPushButton(self.tr("显示完整号码"), self)
        self.reveal_button.setToolTip(self.tr("逐条查看手机号和身份证号; 每次查看都记入审计日志"))
        self.edit_member_button.setEnabled(False)
        self.reveal_button.setEnabled(False)
        self.member_table.selectionModel().selectionChanged.connect(self._member_selected)
        people_box = QGroupBox(self.tr("住户"), self)
        people_buttons = QHBoxLayout()
        people_buttons.addWidget(self.reveal_button)
        people_buttons.addStretch(1)
        people_buttons.addWidget(self.add_member_button)
        people_buttons.addWidget(self.edit_member_button)
        people_layout = QVBoxLayout(people_box)
        people_layout.addWidget(self.member_table)
        people_layout.addLayout(people_buttons)

        self.vehicles = ListTableModel(VEHICLE_COLUMNS, parent=self)
        self.vehicle_table = make_table_view(self.vehicles, self, sortable=False)
        self.add_vehicle_button = QPushButton(self.tr("新增车辆"), self)
        vehicle_box = QGroupBox(self.tr("车辆"), self)
        vehicle_buttons = QHBoxLayout()
        vehicle_buttons.addStretch(1)
        vehicle_buttons.addWidget(self.add_vehicle_button)
        vehicle_layout = QVBoxLayout(vehicle_box)
        vehicle_layout.addWidget(self.vehicle_table)
        vehicle_layout.addLayout(vehicle_buttons)

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(8, 0, 0, 0)
        content_layout.addWidget(self.title)
        content_layout.addLayout(facts_form)
        content_layout.addWidget(people_box, 3)
        content_layout.addWidget(vehicle_box, 2)

        self.empty = QLabel(self.tr("在左侧选择一套房屋查看详情"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(dark);")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        self.content = content

    def show_detail(self, detail: UnitDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.members.set_rows([])
            self.vehicles.set_rows([])
            self.stack.setCurrentWidget(self.empty)
            return
        unit = detail.unit
        self.title.setText(f"{unit.label}  ({unit.code})")
        self.facts["area"].setText(f"{unit.area} ㎡" if unit.area is not None else "—")
        self.facts["inner_area"].setText(f"{detail.inner_area} ㎡" if detail.inner_area is not None else "—")
        floors = detail.building_floors
        self.facts["floor"].setText((str(unit.floor) if unit.floor is not None else "—")
                                    + (self.tr(" (共 %1 层)").replace("%1", str(floors)) if floors else ""))
        elevator = {True: self.tr("有电梯"), False: self.tr("无电梯"), None: self.tr("电梯: 未登记")}[detail.elevator]
        self.facts["building"].setText(f"{unit.building}, {elevator}")
        self.facts["use"].setText(code_label(unit.use))
        self.facts["status"].setText(code_label(unit.status))
        self.facts["parking"].setText("、".join(detail.parking_spaces) or self.tr("无"))
        self.facts["notes"].setText(detail.notes or "—")
        self.members.set_rows(detail.members)
        self.vehicles.set_rows(detail.vehicles)
        fit_columns(self.member_table)
        fit_columns(self.vehicle_table)
        self.stack.setCurrentWidget(self.content)

    def _member_selected(self, *_args) -> None:
        member = self.current_member()
        self.edit_member_button.setEnabled(member is not None)
        self.reveal_button.setEnabled(member is not None and "*" in member.phone + member.id_number)

    def current_member(self) -> MemberRow | None:
        index = self.member_table.currentIndex()
        if not index.isValid() or not self.member_table.selectionModel().isRowSelected(index.row()):
            return None
        return self.members.data(index, ROW_ROLE)


class ArchivePage(QWidget):
    """业主档案 page: search, filter by building and status, view and edit units and their people."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.last_dialog: FormDialog | None = None
        archive = services.archive
        self.detail = UnitDetailPane(self)
        self.register = RegisterView(
            UNIT_COLUMNS,
            count=lambda f: archive.count_units(unit_filter(f)),
            fetch=lambda f, offset, limit, key, desc, after=None: archive.list_units(
                unit_filter(f), offset, limit, key or "code", desc, after=after),
            sort_key="code", seek=True,
            placeholder=self.tr("搜索: 房号 (3-1-1502)、姓名、手机号、身份证尾号或车牌"),
            detail=self.detail,
            parent=self,
        )
        # 用途/状态 columns as wide as their longest label in the current language ("Residential", "Renovating").
        model = self.register.model
        fit_columns_to_samples(self.register.table, {
            model.column_index("use"): [text for text, _code in choices(UnitUse)],
            model.column_index("status"): [text for text, _code in choices(UnitStatus)]})
        self.building_combo = self.register.add_filter_combo("building_id", self.tr("楼栋"), [])
        self.load_buildings()
        self.status_combo = self.register.add_filter_combo(
            "status", self.tr("状态"), [(self.tr("全部状态"), None), *choices(UnitStatus)]
        )
        self.unverified_combo = self.register.add_filter_combo(
            "unverified", self.tr("身份证"), [(self.tr("全部"), None), (self.tr("待核实"), True)])
        can_edit = services.ctx.can("archive.edit")
        self.add_unit_action = self.register.add_action(self.tr("新增房屋"), self.add_unit)
        self.edit_unit_action = self.register.add_action(self.tr("编辑房屋"), self.edit_unit, needs_row=True)
        self.register.add_action(self.tr("刷新"), self.refresh)
        from ui.roster_actions import add_to_archive_page  # 导入/导出花名册, 导出当前列表, 下载导入模板
        self.roster_actions = add_to_archive_page(self)
        self.add_unit_action.setVisible(can_edit)
        self.edit_unit_action.setVisible(can_edit)
        for button in (self.detail.add_member_button, self.detail.edit_member_button, self.detail.add_vehicle_button):
            button.setVisible(can_edit)
        self.detail.add_member_button.clicked.connect(self.add_member)
        self.detail.edit_member_button.clicked.connect(self.edit_member)
        self.detail.add_vehicle_button.clicked.connect(self.add_vehicle)
        self.detail.reveal_button.setVisible(services.ctx.can("pii.reveal") or services.ctx.can("pii.view_full"))
        self.detail.reveal_button.clicked.connect(self.reveal_member)
        self.register.current_row_changed.connect(self.show_unit)
        if can_edit:  # double-click / Enter opens the form only for those who may edit
            self.detail.member_table.activated.connect(lambda *_: self.edit_member())
            self.register.activated.connect(lambda _row: self.edit_unit())
        self.register.splitter.setSizes([700, 520])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.register)

    # ---- data
    def load_buildings(self) -> None:
        combo = self.building_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("全部楼栋"), None)
        for b in self.services.archive.buildings():
            combo.addItem(b.name, b.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def current_unit(self) -> UnitRow | None:
        return self.register.current_row()

    def show_unit(self, row: UnitRow | None) -> None:
        if row is None:
            self.detail.show_detail(None)
            return
        try:
            self.detail.show_detail(self.services.archive.get_unit(row.id))
        except ServiceError as exc:
            self.detail.show_detail(None)
            self.detail.empty.setText(str(exc))

    def refresh(self) -> None:
        self.load_buildings()
        self.register.reload()

    # ---- actions: each opens a window-modal form; ``last_dialog`` is the open one (tests drive it)
    def _open(self, dialog: FormDialog, select_unit: Callable[[int], int | None]) -> FormDialog:
        if self.last_dialog is not None:
            self.last_dialog.deleteLater()
        self.last_dialog = dialog
        dialog.saved.connect(lambda saved_id: self._after_save(select_unit(saved_id)))
        dialog.open()
        return dialog

    def _after_save(self, unit_id: int | None) -> None:
        self.load_buildings()
        self._reload_selecting(unit_id)

    def add_unit(self) -> FormDialog:
        def select(new_id: int) -> int:
            self.register.search.blockSignals(True)  # make sure the new unit is in the list
            self.register.search.clear()
            self.register.search.blockSignals(False)
            return new_id

        return self._open(UnitDialog(self.services, parent=self), select)

    def edit_unit(self) -> FormDialog | None:
        unit = self.current_unit()
        if unit is None:
            return None
        return self._open(UnitDialog(self.services, unit.id, parent=self), lambda _id: unit.id)

    def add_member(self) -> FormDialog | None:
        detail = self.detail.detail
        if detail is None:
            return None
        unit = detail.unit
        return self._open(PersonDialog(self.services, unit.id, unit_label=unit.code, parent=self), lambda _id: unit.id)

    def edit_member(self) -> FormDialog | None:
        detail, member = self.detail.detail, self.detail.current_member()
        if detail is None or member is None:
            return None
        unit = detail.unit
        dialog = PersonDialog(self.services, unit.id, member.person_id, unit_label=unit.code, parent=self)
        return self._open(dialog, lambda _id: unit.id)

    def reveal_member(self) -> str | None:
        """Show the selected person's phone and ID number in full, once; the service logs who looked."""
        member = self.detail.current_member()
        if member is None:
            return None
        try:
            phone = self.services.archive.reveal(member.person_id, "phone") if "*" in member.phone else member.phone
            id_number = (self.services.archive.reveal(member.person_id, "id_number")
                         if "*" in member.id_number else member.id_number)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("显示完整号码"), str(exc))
            return None
        text = (self.tr("%1\n手机号: %2\n身份证号: %3\n\n本次查看已记入审计日志。")
                .replace("%1", member.name).replace("%2", phone or "—").replace("%3", id_number or "—"))
        QMessageBox.information(self, self.tr("显示完整号码"), text)
        return text

    def add_vehicle(self) -> FormDialog | None:
        detail = self.detail.detail
        if detail is None:
            return None
        unit = detail.unit
        dialog = VehicleDialog(self.services, unit.id, detail.members, unit_label=unit.code, parent=self)
        return self._open(dialog, lambda _id: unit.id)

    def _reload_selecting(self, unit_id: Any) -> None:
        self.register.reload(select=lambda row: row.id == unit_id)  # selecting it refreshes the detail
