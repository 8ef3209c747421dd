"""设施设备台账: items by system, each item's history and cost in the detail pane, QR label sheets,
报修 linked to the item, and .xlsx import/export."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import ServiceError
from app.models import EquipmentStatus, EquipmentSystem, LogKind
from app.money import format_money
from app.services.equipment import ENTITY, SYSTEM_CATEGORY, EquipmentRow
from ui.dialogs.form import FormDialog
from ui.dialogs.linked_order import LinkedOrderDialog
from ui.dialogs.record import RecordDialog, combo, line, note
from ui.engineering_labels import eng_choices, eng_label
from ui.models.windowed import Column
from ui.pages.register_page import DetailPane, RegisterPage, show_pdf

COLUMNS = [
    Column("code", QT_TRANSLATE_NOOP("Column", "编号"), "code", sort_key="code", width=7),
    Column("name", QT_TRANSLATE_NOOP("Column", "名称"), "name", sort_key="name", width=9),
    Column("system", QT_TRANSLATE_NOOP("Column", "系统"), "system", sort_key="system", formatter=eng_label, width=6),
    Column("location", QT_TRANSLATE_NOOP("Column", "位置"), "location", sort_key="location", width=8),
    Column("status", QT_TRANSLATE_NOOP("Column", "状态"), "status", sort_key="status", formatter=eng_label, width=4),
    Column("warranty_until", QT_TRANSLATE_NOOP("Column", "保修截止"), "warranty_until", sort_key="warranty_until",
           width=6),
    Column("vendor", QT_TRANSLATE_NOOP("Column", "维保单位"), "vendor", width=8),
]
HISTORY_COLUMNS = [
    Column("on", QT_TRANSLATE_NOOP("Column", "日期"), "on"),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), "kind", formatter=eng_label),
    Column("summary", QT_TRANSLATE_NOOP("Column", "内容"), "summary"),
    Column("cost", QT_TRANSLATE_NOOP("Column", "费用"), "cost", formatter=lambda v: "" if v is None else format_money(v)),
]


class EquipmentDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑设备") if self.record_id else self.tr("新增设备"))
        self.add_field("code", self.tr("设备编号"), line(self.tr("例如 GPS-001")))
        self.add_field("name", self.tr("设备名称"), line())
        self.add_field("system", self.tr("所属系统"), combo([(self.tr("请选择"), None), *eng_choices(EquipmentSystem)]))
        self.add_field("location", self.tr("位置"), line(self.tr("例如 地下一层泵房")))
        self.add_field("model", self.tr("型号"), line())
        self.add_field("maker", self.tr("生产厂家"), line())
        self.add_field("installed_on", self.tr("安装日期"), line("2020-05-01"))
        self.add_field("warranty_until", self.tr("保修截止"), line("2025-04-30"))
        vendors = [(self.tr("无"), None), *self.services.vendors.choices()]
        self.add_field("vendor_id", self.tr("维保单位"), combo(vendors))
        self.add_field("status", self.tr("状态"), combo(eng_choices(EquipmentStatus)))
        self.add_field("notes", self.tr("备注"), note())


class LogDialog(FormDialog):
    """记履历: a part replaced, a repair by others, a check or a note, with its cost."""

    def __init__(self, services, equipment_id: int, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("记录履历"))
        self.services, self.equipment_id = services, equipment_id
        self.add_field("logged_on", self.tr("日期"), line(text=services.ctx.clock().date().isoformat()))
        self.add_field("kind", self.tr("类型"), combo(eng_choices(LogKind)))
        self.add_field("summary", self.tr("内容"), line(self.tr("例如 更换水泵机械密封")))
        self.add_field("cost", self.tr("费用(元)"), line("0.00"))

    def save(self, values) -> int:
        self.services.equipment.add_log(self.equipment_id, values)
        return self.equipment_id


class EquipmentPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(HISTORY_COLUMNS, parent)
        super().__init__(services, services.equipment, COLUMNS, EquipmentDialog, detail=self.pane,
                         placeholder=self.tr("编号、名称、位置、型号或扫描标签"), parent=parent)
        reg = self.register
        reg.add_filter_combo("system", self.tr("系统"), [(self.tr("全部系统"), None), *eng_choices(EquipmentSystem)])
        reg.add_filter_combo("status", self.tr("状态"), [(self.tr("全部状态"), None), *eng_choices(EquipmentStatus)])
        reg.add_action(self.tr("打印标签"), self.print_labels)
        reg.add_action(self.tr("导出"), self.export_ledger)
        if self.can_manage:
            reg.add_action(self.tr("导入"), self.import_ledger)
        if services.ctx.can("maintenance.record"):
            self.log_button = self.pane.add_button(self.tr("记录履历"), self.add_log)
        if services.ctx.can("workorder.create"):
            self.order_button = self.pane.add_button(self.tr("报修"), self.report_fault)
        self.add_refresh()
        reg.current_row_changed.connect(self.show_item)
        reg.splitter.setSizes([620, 400])

    def show_item(self, row: EquipmentRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        try:
            history = self.services.equipment.history(row.id)
        except ServiceError as exc:
            self.pane.clear(str(exc))
            return
        total = sum((h.cost for h in history if h.cost is not None), start=0)
        self.pane.show(f"{row.code}  {row.name}", [
            (self.tr("系统"), eng_label(row.system)), (self.tr("位置"), row.location),
            (self.tr("型号/厂家"), " / ".join(filter(None, (row.model, row.maker)))),
            (self.tr("安装日期"), row.installed_on.isoformat() if row.installed_on else ""),
            (self.tr("保修截止"), row.warranty_until.isoformat() if row.warranty_until else ""),
            (self.tr("维保单位"), row.vendor), (self.tr("状态"), eng_label(row.status)),
            (self.tr("累计费用"), format_money(total)),
        ], history)

    def print_labels(self) -> bytes | None:
        """The QR label sheet of the selected item, or of the whole list as filtered when none is selected."""
        row = self.current()
        try:
            pdf = (self.services.equipment.label_pdf([row.id]) if row is not None
                   else self.services.equipment.label_pdf(filters=self.register.filters()))
        except ServiceError as exc:
            self.pane.clear(str(exc))
            return None
        show_pdf(self, pdf, self.tr("设备标签"), "equipment-labels.pdf")
        return pdf

    def export_ledger(self, path: str | None = None) -> int | None:
        """The list as filtered to an .xlsx (that imports back)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出设备台账"), "设备台账.xlsx",
                                                  self.tr("Excel 工作簿 (*.xlsx)"))
            if not path:
                return None
        return self.run(self.tr("导出设备台账"), lambda: self.services.equipment.export_xlsx(
            path, self.register.filters()), done=self.tr("已导出到 %1").replace("%1", path))

    def import_ledger(self, path: str | None = None):
        """Add/update items from an .xlsx; any bad row: every problem listed, nothing saved."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入设备台账"), "", self.tr("Excel 工作簿 (*.xlsx)"))
            if not path:
                return None
        result = self.run(self.tr("导入设备台账"), lambda: self.services.equipment.import_xlsx(path))
        if result is not None:
            QMessageBox.information(self, self.tr("导入设备台账"), self.tr("共 %1 行: 新增 %2, 更新 %3")
                                    .replace("%1", str(result.rows)).replace("%2", str(result.created))
                                    .replace("%3", str(result.updated)))
        return result

    def add_log(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        return self.open_dialog(LogDialog(self.services, row.id, parent=self))

    def report_fault(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = LinkedOrderDialog(self.services, ENTITY, row.id, category=SYSTEM_CATEGORY[row.system],
                                   place=f"{row.location} {row.code} {row.name}".strip(), parent=self)
        return self.open_dialog(dialog, lambda _order: row.id)
