"""成本: cost entries by category, filtered by month, typed in or imported from .xlsx (all or nothing)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import ServiceError
from app.models import CostCategory
from app.money import format_money
from ui.dialogs.record import RecordDialog, combo, line
from ui.models.windowed import Column
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import month_items
from ui.pages.register_page import RegisterPage

COLUMNS = [
    Column("day", QT_TRANSLATE_NOOP("Column", "日期"), "day", sort_key="day", width=6),
    Column("category", QT_TRANSLATE_NOOP("Column", "类别"), "category", sort_key="category",
           formatter=office_label, width=4),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额(元)"), "amount", sort_key="amount", formatter=format_money,
           width=7),
    Column("description", QT_TRANSLATE_NOOP("Column", "摘要"), "description", width=12),
    Column("vendor", QT_TRANSLATE_NOOP("Column", "单位"), "vendor", width=10),
    Column("import_batch", QT_TRANSLATE_NOOP("Column", "导入批次"), "import_batch", width=7),
]


class CostDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑成本") if self.record_id else self.tr("新增成本"))
        self.add_field("day", self.tr("日期"), line(text=self.services.ctx.clock().date().isoformat()))
        self.add_field("category", self.tr("类别"), combo([(self.tr("请选择"), None), *office_choices(CostCategory)]))
        self.add_field("amount", self.tr("金额(元)"), line("0.00"))
        self.add_field("description", self.tr("摘要"), line())
        self.add_field("vendor", self.tr("单位"), line())


class CostsPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, services.costs, COLUMNS, CostDialog, descending=True,
                         placeholder=self.tr("摘要或单位"), parent=parent)
        reg = self.register
        reg.add_filter_combo("period", self.tr("月份"), month_items(services))
        reg.add_filter_combo("category", self.tr("类别"), [(self.tr("全部类别"), None),
                                                           *office_choices(CostCategory)])
        if self.can_manage:
            reg.add_action(self.tr("从 Excel 导入…"), self.choose_import)
        self.add_refresh()

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入成本"), "", self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        """Import every row or none; the message lists each bad row by its number."""
        try:
            outcome = self.service.import_file(path)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("导入成本"), str(exc))
            return False
        QMessageBox.information(self, self.tr("导入成本"), self.tr("已导入 %1 条, 合计 %2 元")
                                .replace("%1", str(outcome.rows)).replace("%2", format_money(outcome.total)))
        self.refresh()
        return True
