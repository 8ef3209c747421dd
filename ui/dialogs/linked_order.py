"""报修 from a register in one step: a short work-order form opened from whatever found the problem (an
equipment item, a PM anomaly, a patrol point…), saved through ``open_linked_workorder`` so the order
links back to it. Any register can use it::

    LinkedOrderDialog(services, "equipment", item.id, category="water", place=item.location,
                      description=self.tr("…"), parent=self).open()
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.models import Category, Priority
from app.services.register_base import open_linked_workorder
from app.services.workorders import validate_intake
from ui.dialogs.form import FormDialog
from ui.dialogs.record import combo, line, note
from ui.workorder_labels import wo_choices


class LinkedOrderDialog(FormDialog):
    """Category, priority, place and description of a repair order linked to ``entity``/``entity_id``."""

    def __init__(self, services, entity: str, entity_id: int, *, category: str = Category.OTHER, place: str = "",
                 description: str = "", extra: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("报修 (生成维修工单)"))
        self.services, self.entity, self.entity_id = services, entity, entity_id
        self.extra = dict(extra or {})
        self.detail = None
        self.add_field("category", self.tr("类别"), combo(wo_choices(Category)))
        self.add_field("priority", self.tr("紧急程度"), combo(wo_choices(Priority)))
        self.add_field("place", self.tr("具体位置"), line())
        self.add_field("description", self.tr("问题描述"), note(height=90))
        self.set_values({"category": category, "priority": Priority.NORMAL, "place": place,
                         "description": description})
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("生成工单"))

    def intake_values(self, values: dict[str, Any]) -> dict[str, Any]:
        return {"kind": "repair", "source": "patrol", "location": "public", **self.extra, **values}

    def check(self, values: dict[str, Any]) -> None:
        validate_intake(self.intake_values(values))

    def save(self, values: dict[str, Any]) -> int:
        self.detail = open_linked_workorder(self.services, self.entity, self.entity_id, self.intake_values(values))
        return self.detail.row.id
