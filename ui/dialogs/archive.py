"""Forms of the owner archive: unit (房屋), person in a unit (住户), vehicle (车辆).

Rules come from ``app.services.archive`` (``validate_unit``/``validate_person``) and ``app.validators``;
the service checks again on save (duplicates, stale versions) and its ``FieldError`` lands inline too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QPushButton, QWidget

from app.errors import FieldError, ServiceError
from app.models import Relation, UnitStatus, UnitUse
from app.services import Services
from app.services.archive import MemberRow, validate_person, validate_unit
from app.validators import normalize_plate
from ui.dialogs.form import FormDialog
from ui.labels import choices


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def _combo(items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


class UnitDialog(FormDialog):
    """新增/编辑房屋. ``unit_id`` None creates a unit."""

    def __init__(self, services: Services, unit_id: int | None = None, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("新增房屋") if unit_id is None else self.tr("编辑房屋"))
        self.services = services
        self.unit_id = unit_id
        self.version = None
        self.new_building = QPushButton(self.tr("新建楼栋…"))
        self.new_building.clicked.connect(self.ask_new_building)
        self.add_field("building_id", self.tr("楼栋"), _combo([]), extra=self.new_building)
        self.add_field("unit_no", self.tr("单元"), _line(self.tr("例如 1, 无单元可留空")))
        self.add_field("room_no", self.tr("房号"), _line(self.tr("例如 1502")))
        self.add_field("floor", self.tr("楼层"), _line(self.tr("留空则按房号推算")))
        self.add_field("area", self.tr("建筑面积(㎡)"), _line(self.tr("例如 89.50")))
        self.add_field("use", self.tr("用途"), _combo(choices(UnitUse)))
        self.add_field("status", self.tr("状态"), _combo(choices(UnitStatus)))
        self.add_field("notes", self.tr("备注"), _line())
        self.load_buildings()
        if unit_id is not None:
            stored = services.archive.get_unit_values(unit_id)
            self.version = stored.pop("version")
            self.set_values(stored)

    def load_buildings(self, select: int | None = None) -> None:
        combo: QComboBox = self.field("building_id")
        combo.clear()
        combo.addItem(self.tr("请选择楼栋"), None)
        for b in self.services.archive.buildings():
            combo.addItem(b.name, b.id)
        if select is not None:
            combo.setCurrentIndex(combo.findData(select))
        elif combo.count() == 2:
            combo.setCurrentIndex(1)

    def ask_new_building(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("新建楼栋"), self.tr("楼栋名称 (例如 7栋):"))
        if not ok:
            return
        try:
            building_id = self.services.archive.create_building(name)
        except FieldError as exc:
            self.show_errors({"building_id": "; ".join(exc.errors.values())})
            return
        except ServiceError as exc:
            self.show_errors({}, str(exc))
            return
        self.load_buildings(select=building_id)
        self.show_errors({})

    def check(self, values: dict[str, Any]) -> None:
        validate_unit(values)

    def save(self, values: dict[str, Any]) -> int:
        return self.services.archive.save_unit({**values, "version": self.version}, self.unit_id)


class PersonDialog(FormDialog):
    """新增/编辑住户 of one unit. Phone/ID shown masked stay as stored unless retyped."""

    def __init__(self, services: Services, unit_id: int, person_id: int | None = None, unit_label: str = "",
                 parent: QWidget | None = None):
        super().__init__("", parent)
        title = self.tr("新增住户") if person_id is None else self.tr("编辑住户")
        self.setWindowTitle(f"{title} — {unit_label}" if unit_label else title)
        self.services = services
        self.unit_id = unit_id
        self.person_id = person_id
        self.version = None
        self.add_field("name", self.tr("姓名"), _line())
        self.add_field("relation", self.tr("身份"), _combo(choices(Relation)))
        self.add_field("phone", self.tr("手机/电话"), _line(self.tr("例如 13812345678 或 0571-88886666")))
        self.add_field("id_number", self.tr("身份证号"), _line(self.tr("18位, 最后一位可为X")))
        self.add_field("move_in_date", self.tr("入住日期"), _line(self.tr("例如 2020-05-01, 可留空")))
        self.add_field("notes", self.tr("备注"), _line())
        if person_id is not None:
            stored = services.archive.get_person_values(person_id, unit_id)
            self.version = stored.pop("version")
            self.set_values(stored)

    def check(self, values: dict[str, Any]) -> None:
        # Masked values ("138****5678") mean "unchanged": the service keeps what is stored.
        validate_person({k: ("" if isinstance(v, str) and "*" in v else v) for k, v in values.items()})

    def save(self, values: dict[str, Any]) -> int:
        return self.services.archive.save_member(self.unit_id, {**values, "version": self.version}, self.person_id)


class VehicleDialog(FormDialog):
    """新增车辆 of one unit, optionally linked to one of its people."""

    def __init__(self, services: Services, unit_id: int, members: tuple[MemberRow, ...] = (), unit_label: str = "",
                 parent: QWidget | None = None):
        super().__init__("", parent)
        title = self.tr("新增车辆")
        self.setWindowTitle(f"{title} — {unit_label}" if unit_label else title)
        self.services = services
        self.unit_id = unit_id
        self.add_field("plate", self.tr("车牌号"), _line(self.tr("例如 浙A12345 或 浙AD12345")))
        people = [(self.tr("(不指定)"), None)] + [(m.name, m.person_id) for m in members]
        self.add_field("person_id", self.tr("车主"), _combo(people))
        self.add_field("brand", self.tr("品牌"), _line())
        self.add_field("color", self.tr("颜色"), _line())

    def check(self, values: dict[str, Any]) -> None:
        try:
            normalize_plate(values["plate"])
        except ValueError as exc:
            raise FieldError({"plate": str(exc)}) from None

    def save(self, values: dict[str, Any]) -> int:
        return self.services.archive.add_vehicle(self.unit_id, values["plate"], values["person_id"],
                                                 values["brand"], values["color"])
