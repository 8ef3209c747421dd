"""从库存选择: pick a stock item and a quantity for a work order's material line (the line then draws
from stock when the order is completed — ``app.services.inventory.draw_for_workorder``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.errors import FieldError
from app.services.inventory import parse_quantity
from ui.dialogs.form import FormDialog
from ui.dialogs.record import combo, line


@dataclass(frozen=True)
class PickedStock:
    item_id: int
    name: str
    unit: str
    quantity: str
    price: str


class StockPickDialog(FormDialog):
    """Item (工程库 by default) and quantity; ``picked`` holds the choice after 保存."""

    def __init__(self, services, warehouse: str | None = "engineering", parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("从库存选择材料"))
        self.services = services
        self.picked: PickedStock | None = None
        self.add_field("item_id", self.tr("库存物品"), combo([(self.tr("请选择"), None),
                                                             *services.inventory.choices(warehouse)]))
        self.add_field("quantity", self.tr("数量"), line(text="1"))

    def check(self, values) -> None:
        errors = {}
        if not values.get("item_id"):
            errors["item_id"] = "请选择库存物品"
        try:
            parse_quantity(values.get("quantity"))
        except FieldError as exc:
            errors.update(exc.errors)
        if errors:
            raise FieldError(errors)

    def save(self, values) -> int:
        row = self.services.inventory.get(int(values["item_id"]))
        quantity = parse_quantity(values["quantity"])
        self.picked = PickedStock(row.id, row.name, row.unit, f"{quantity.normalize():f}", str(row.price))
        return row.id
