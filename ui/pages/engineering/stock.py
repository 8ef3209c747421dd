"""库存: the one stock page — 工程 tab (工程库 materials and tools) and 环境 tab (保洁库 supplies, with
usage and cost per month). Items with balance, value and low-stock warning; in, out, return; tools
lent and returned; stock-take with differences."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import StockCategory, Warehouse
from app.money import format_money
from app.services.inventory import StockRow
from ui.dialogs.form import FormDialog
from ui.dialogs.record import ActionDialog, RecordDialog, combo, line
from ui.engineering_labels import eng_choices, eng_label
from ui.models.windowed import Column, ListTableModel, RowStyle
from ui.pages.register_page import DetailPane, RegisterPage
from ui.widgets.table import fit_columns, make_table_view


def qty(value) -> str:
    return "" if value is None else f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


COLUMNS = [
    Column("code", QT_TRANSLATE_NOOP("Column", "编号"), "code", sort_key="code", width=6),
    Column("name", QT_TRANSLATE_NOOP("Column", "名称"), "name", sort_key="name", width=8),
    Column("spec", QT_TRANSLATE_NOOP("Column", "规格"), "spec", width=6),
    Column("category", QT_TRANSLATE_NOOP("Column", "类别"), "category", sort_key="category", formatter=eng_label,
           width=5),
    Column("quantity", QT_TRANSLATE_NOOP("Column", "结存"), "quantity", sort_key="quantity", formatter=qty, width=4),
    Column("unit", QT_TRANSLATE_NOOP("Column", "单位"), "unit", width=3),
    Column("lent", QT_TRANSLATE_NOOP("Column", "借出"), "lent", formatter=lambda v: qty(v) if v else "", width=3),
    Column("price", QT_TRANSLATE_NOOP("Column", "均价"), "price", formatter=format_money, width=5),
    Column("value", QT_TRANSLATE_NOOP("Column", "金额"), "value", sort_key="value", formatter=format_money, width=6),
    Column("min_quantity", QT_TRANSLATE_NOOP("Column", "最低库存"), "min_quantity",
           formatter=lambda v: qty(v) if v else "", width=4),
]
MOVE_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), "at"),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), "kind", formatter=eng_label),
    Column("quantity", QT_TRANSLATE_NOOP("Column", "数量"), "quantity", formatter=qty),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额"), "amount", formatter=format_money),
    Column("target", QT_TRANSLATE_NOOP("Column", "去向/来源"), "target"),
    Column("note", QT_TRANSLATE_NOOP("Column", "备注"), "note"),
]
USAGE_COLUMNS = [
    Column("month", QT_TRANSLATE_NOOP("Column", "月份"), "month"),
    Column("item", QT_TRANSLATE_NOOP("Column", "物品"), "item"),
    Column("quantity", QT_TRANSLATE_NOOP("Column", "用量"), lambda r: f"{qty(r.quantity)} {r.unit}"),
    Column("cost", QT_TRANSLATE_NOOP("Column", "费用"), "cost", formatter=format_money),
]
LOAN_COLUMNS = [
    Column("item", QT_TRANSLATE_NOOP("Column", "工具"), "item"),
    Column("borrower", QT_TRANSLATE_NOOP("Column", "借用人"), "borrower"),
    Column("quantity", QT_TRANSLATE_NOOP("Column", "数量"), "quantity", formatter=qty),
    Column("lent_on", QT_TRANSLATE_NOOP("Column", "借出日期"), "lent_on"),
    Column("due_on", QT_TRANSLATE_NOOP("Column", "应还日期"), "due_on"),
]
LOW = RowStyle(background=QColor("#fde7e9"))


def stock_style(row: StockRow) -> RowStyle | None:
    return LOW if row.low else None


class StockItemDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑物品") if self.record_id else self.tr("新增物品"))
        self.add_field("code", self.tr("编号"), line(self.tr("例如 CL-001")))
        self.add_field("name", self.tr("名称"), line())
        self.add_field("spec", self.tr("规格型号"), line())
        self.add_field("unit", self.tr("单位"), line(self.tr("个、米、桶…")))
        self.add_field("category", self.tr("类别"), combo(eng_choices(StockCategory)))
        self.add_field("warehouse", self.tr("仓库"), combo(eng_choices(Warehouse)))
        self.add_field("min_quantity", self.tr("最低库存"), line(self.tr("低于或等于此数时提醒, 0 不提醒")))


class StockTakeDialog(QDialog):
    """盘点: the count sheet of one warehouse — type the counted quantities, save, then finish to post the
    differences (盘盈/盘亏) as adjustments."""

    COL_CODE, COL_NAME, COL_BOOK, COL_COUNTED, COL_DIFF = range(5)

    def __init__(self, services, stocktake_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("盘点"))
        self.services, self.stocktake_id = services, stocktake_id
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("count_sheet")
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("名称"), self.tr("账面数量"),
                                              self.tr("实盘数量"), self.tr("差异")])
        self.table.verticalHeader().setVisible(False)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("保存实盘数"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.finish_button = buttons.addButton(self.tr("完成盘点"), QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save_counts)
        self.finish_button.clicked.connect(self.finish)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 480)
        self.load()

    def load(self) -> None:
        self.lines = self.services.inventory.stocktake_lines(self.stocktake_id)
        self.table.setRowCount(len(self.lines))
        for r, ln in enumerate(self.lines):
            for c, text in ((self.COL_CODE, ln.code), (self.COL_NAME, f"{ln.name} ({ln.unit})"),
                            (self.COL_BOOK, qty(ln.book)), (self.COL_COUNTED, qty(ln.counted)),
                            (self.COL_DIFF, qty(ln.difference))):
                item = QTableWidgetItem(text)
                if c != self.COL_COUNTED:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c in (self.COL_BOOK, self.COL_COUNTED, self.COL_DIFF):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def set_count(self, row: int, text: str) -> None:
        self.table.item(row, self.COL_COUNTED).setText(text)

    def save_counts(self) -> bool:
        errors = []
        for r, ln in enumerate(self.lines):
            text = self.table.item(r, self.COL_COUNTED).text().strip()
            if text == qty(ln.counted):
                continue
            try:
                self.services.inventory.set_count(ln.id, text)
            except ServiceError as exc:
                errors.append(f"{ln.code} {ln.name}: {'; '.join(getattr(exc, 'errors', {}).values()) or exc}")
        self.load()
        self.message.setText("\n".join(errors))
        return not errors

    def finish(self) -> int | None:
        if not self.save_counts():
            return None
        try:
            posted = self.services.inventory.close_stocktake(self.stocktake_id)
        except ServiceError as exc:
            self.message.setText("; ".join(getattr(exc, "errors", {}).values()) or str(exc))
            return None
        self.accept()
        return posted


class LoansDialog(QDialog):
    """借还工具: the tools out on loan, with 归还."""

    def __init__(self, services, warehouse: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("借出未还的工具"))
        self.services, self.warehouse = services, warehouse
        self.model = ListTableModel(LOAN_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.back = QPushButton(self.tr("归还所选"), self)
        self.back.clicked.connect(self.give_back)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.back)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.resize(600, 360)
        self.load()

    def load(self) -> None:
        self.model.set_rows(self.services.inventory.loans(warehouse=self.warehouse))
        fit_columns(self.table)

    def give_back(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        loan = self.model.rows()[index.row()]
        try:
            self.services.inventory.give_back(loan.id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("归还"), str(exc))
        self.load()


class UsageDialog(QDialog):
    """月度用量与费用 of a warehouse over the last twelve months, with each month's total."""

    def __init__(self, services, warehouse: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("月度用量与费用 — %1").replace("%1", eng_label(warehouse)))
        today = services.ctx.clock().date()
        since = date(today.year - 1, today.month, 1)
        until = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        rows = services.inventory.usage(warehouse, since, until)
        self.model = ListTableModel(USAGE_COLUMNS, rows, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        totals: dict[str, object] = {}
        for r in rows:
            totals[r.month] = totals.get(r.month, 0) + r.cost
        self.totals = QLabel("   ".join(f"{m}: {format_money(v)}" for m, v in totals.items())
                             or self.tr("近12个月没有领用"), self)
        self.totals.setObjectName("totals")
        self.totals.setWordWrap(True)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("每月合计 (元):"), self))
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        fit_columns(self.table)
        self.resize(620, 420)


class StockPage(RegisterPage):
    """Stock of one warehouse (``warehouse`` fixed: the 环境 tab's 保洁库) or of both (工程 tab: a filter)."""

    def __init__(self, services, warehouse: str | None = None, parent: QWidget | None = None):
        self.pane = DetailPane(MOVE_COLUMNS, parent)
        self.warehouse = warehouse
        super().__init__(services, services.inventory, COLUMNS, StockItemDialog, detail=self.pane,
                         placeholder=self.tr("编号、名称或规格"), row_style=stock_style,
                         base_filters={"warehouse": warehouse} if warehouse else None, parent=parent)
        reg = self.register
        if warehouse is None:
            reg.add_filter_combo("warehouse", self.tr("仓库"), [(self.tr("全部仓库"), None), *eng_choices(Warehouse)])
        reg.add_filter_combo("category", self.tr("类别"), [(self.tr("全部类别"), None), *eng_choices(StockCategory)])
        reg.add_filter_combo("low", self.tr("库存"), [(self.tr("全部"), None), (self.tr("低于最低库存"), 1)])
        if self.can_manage:
            reg.add_action(self.tr("入库"), self.stock_in, needs_row=True)
            reg.add_action(self.tr("出库"), self.stock_out, needs_row=True)
            reg.add_action(self.tr("退库"), self.return_stock, needs_row=True)
            reg.add_action(self.tr("借出"), self.lend, needs_row=True)
            reg.add_action(self.tr("借还工具"), self.show_loans)
            reg.add_action(self.tr("盘点"), self.stocktake)
        reg.add_action(self.tr("月度用量"), self.show_usage)
        self.add_refresh()
        self.summary = QLabel(self)
        self.summary.setObjectName("stock_summary")
        reg.filter_bar.addWidget(self.summary)
        reg.current_row_changed.connect(self.show_item)
        reg.filters_changed.connect(self.update_summary)
        reg.splitter.setSizes([640, 380])
        self.update_summary()

    def new_defaults(self) -> dict:
        if self.warehouse is None:
            return {}
        return {"warehouse": self.warehouse, "category": "supply" if self.warehouse == "cleaning" else "material"}

    def refresh(self) -> None:
        super().refresh()
        self.update_summary()

    def update_summary(self) -> None:
        warehouse = self.warehouse or self.register.filters().get("warehouse")
        try:
            count, value = self.services.inventory.totals(warehouse)
            low = len(self.services.inventory.low_stock(warehouse))
        except ServiceError:
            self.summary.setText("")
            return
        text = self.tr("库存金额 %1 元").replace("%1", format_money(value))
        if low:
            text += "  " + self.tr("%1 项低于最低库存").replace("%1", str(low))
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b00020;" if low else "")

    def show_item(self, row: StockRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        facts = [(self.tr("仓库"), eng_label(row.warehouse)), (self.tr("类别"), eng_label(row.category)),
                 (self.tr("结存"), f"{qty(row.quantity)} {row.unit}"),
                 (self.tr("可用"), f"{qty(row.available)} {row.unit}"),
                 (self.tr("金额"), self.tr("%1 (均价 %2)").replace("%1", format_money(row.value))
                  .replace("%2", format_money(row.price)))]
        self.pane.show(f"{row.code}  {row.name} {row.spec}".strip(), facts, self.services.inventory.moves(row.id))

    # ---- moves
    def _move_dialog(self, title: str, submit, *, price: bool = False, target: bool = False) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(f"{title} — {row.code} {row.name}", lambda v: submit(row, v), parent=self)
        dialog.add_field("quantity", self.tr("数量 (%1)").replace("%1", row.unit), line(text="1"))
        if price:
            dialog.add_field("price", self.tr("单价(元)"), line(format_money(row.price)))
        if target:
            dialog.add_field("workorder", self.tr("工单号"), line(self.tr("例如 GD202611280001")))
            dialog.add_field("person", self.tr("领用人"), line())
            dialog.add_field("target", "", QLabel(self.tr("工单号与领用人至少填一项"), dialog))
        dialog.add_field("note", self.tr("备注"), line())
        return self.open_dialog(dialog, lambda _id: row.id)

    def stock_in(self) -> FormDialog | None:
        return self._move_dialog(self.tr("入库"), lambda row, v: self.services.inventory.stock_in(
            row.id, v["quantity"], v["price"], v["note"]), price=True)

    def stock_out(self) -> FormDialog | None:
        return self._move_dialog(self.tr("出库"), lambda row, v: self.services.inventory.stock_out(
            row.id, v["quantity"], workorder=v["workorder"], person=v["person"], note=v["note"]), target=True)

    def return_stock(self) -> FormDialog | None:
        return self._move_dialog(self.tr("退库"), lambda row, v: self.services.inventory.return_stock(
            row.id, v["quantity"], workorder=v["workorder"], person=v["person"], note=v["note"]), target=True)

    def lend(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(self.tr("借出 — %1").replace("%1", f"{row.code} {row.name}"),
                              lambda v: self.services.inventory.lend(row.id, v["borrower"], v["quantity"],
                                                                     v["due_on"], v["note"]), parent=self)
        dialog.add_field("borrower", self.tr("借用人"), line())
        dialog.add_field("quantity", self.tr("数量"), line(text="1"))
        dialog.add_field("due_on", self.tr("应还日期"), line("2026-12-31"))
        dialog.add_field("note", self.tr("备注"), line())
        return self.open_dialog(dialog, lambda _id: row.id)

    def show_loans(self) -> LoansDialog:
        dialog = LoansDialog(self.services, self.warehouse, self)
        dialog.finished.connect(lambda _r: self.register.reload())
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def stocktake(self) -> StockTakeDialog | FormDialog | None:
        """Continue the warehouse's open stock-take, or start one (asking which warehouse on the 工程 tab)."""
        open_take = next((t for t in self.services.inventory.stocktakes(self.warehouse) if not t.closed), None)
        if open_take is not None:
            return self._open_count_sheet(open_take.id)
        dialog = ActionDialog(self.tr("开始盘点"), lambda v: self.services.inventory.start_stocktake(
            v["warehouse"], v["note"]), ok_text=self.tr("开始"), parent=self)
        dialog.add_field("warehouse", self.tr("仓库"), combo(eng_choices(Warehouse)))
        dialog.add_field("note", self.tr("备注"), line())
        dialog.set_values({"warehouse": self.warehouse or Warehouse.ENGINEERING})
        dialog.field("warehouse").setEnabled(self.warehouse is None)
        dialog.saved.connect(self._open_count_sheet)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _open_count_sheet(self, stocktake_id: int) -> StockTakeDialog:
        sheet = StockTakeDialog(self.services, stocktake_id, self)
        sheet.finished.connect(lambda _r: self.refresh())
        self.last_dialog = sheet
        sheet.open()
        return sheet

    def show_usage(self) -> UsageDialog:
        warehouse = self.warehouse or self.register.filters().get("warehouse") or Warehouse.ENGINEERING
        dialog = UsageDialog(self.services, warehouse, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog
