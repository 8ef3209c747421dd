"""经理 → 收费管理: the billing run (preview → run, with progress and cancel; re-bill after a price change;
ledger export), the fee items editor, and the figures — collection rate (收缴率) for the month and the year
to date, arrears aging, and the printable daily cash-up (日结).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.services.fees_rules import parse_period
from ui.dialogs.fees_dialogs import FeeItemDialog
from ui.jobs import Loader, run_with_progress_dialog
from ui.models.windowed import RIGHT, Column, ListTableModel
from ui.tabs.fees_common import aging_labels, fee_label, fit_columns, money_text, show_pdf, total_text
from ui.widgets.permission_guard import guard
from ui.widgets.table import make_table_view

PREVIEW_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "收费项目"), "name"),
    Column("units", QT_TRANSLATE_NOOP("Column", "户数"), "units"),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额(元)"), "amount", align=RIGHT, formatter=money_text),
]
ITEM_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "名称"), "name"),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类别"), "kind", formatter=fee_label),
    Column("method", QT_TRANSLATE_NOOP("Column", "计费方式"), "method", formatter=fee_label),
    Column("price", QT_TRANSLATE_NOOP("Column", "单价"), lambda r: r.price_text),
    Column("cycle", QT_TRANSLATE_NOOP("Column", "周期"), "cycle", formatter=fee_label),
    Column("scope", QT_TRANSLATE_NOOP("Column", "适用范围"), "scope", formatter=fee_label),
    Column("start", QT_TRANSLATE_NOOP("Column", "开始"), "start_date"),
    Column("end", QT_TRANSLATE_NOOP("Column", "结束"), "end_date"),
    Column("active", QT_TRANSLATE_NOOP("Column", "启用"), "active"),
]
RATE_COLUMNS = [
    Column("kind", QT_TRANSLATE_NOOP("Column", "费用类别"), "kind",
           formatter=lambda k: fee_label(k) if k != "all" else total_text()),
    Column("billed", QT_TRANSLATE_NOOP("Column", "应收(元)"), "billed", align=RIGHT, formatter=money_text),
    Column("collected", QT_TRANSLATE_NOOP("Column", "实收(元)"), "collected", align=RIGHT, formatter=money_text),
    Column("rate", QT_TRANSLATE_NOOP("Column", "收缴率"), lambda r: r.rate, align=RIGHT,
           formatter=lambda v: f"{v:.1%}"),
]
CASHUP_COLUMNS = [
    Column("operator", QT_TRANSLATE_NOOP("Column", "收款人"), "operator"),
    Column("method", QT_TRANSLATE_NOOP("Column", "付款方式"), "method", formatter=fee_label),
    Column("count", QT_TRANSLATE_NOOP("Column", "笔数"), "count"),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额(元)"), "amount", align=RIGHT, formatter=money_text),
]


class BillingRunPage(QWidget):
    """计费: preview a period's bills, then create them in one cancellable background job."""

    billed = Signal(object)  # BillingPreview of the committed run

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.preview_result = None
        self.period = QLineEdit(self._default_period(), self)
        self.period.setMaximumWidth(100)
        self.period.textChanged.connect(self._period_changed)
        self.preview_button = QPushButton(self.tr("预览"), self)
        self.preview_button.clicked.connect(self.preview)
        self.run_button = QPushButton(self.tr("生成账单"), self)
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(self.run)
        self.rebill_button = QPushButton(self.tr("重算未缴账单…"), self)
        self.rebill_button.clicked.connect(self.rebill)
        self.supplement_button = QPushButton(self.tr("补收…"), self)
        self.supplement_button.clicked.connect(self.supplement)
        self.ledger_button = QPushButton(self.tr("导出台账…"), self)
        self.ledger_button.clicked.connect(self.export_ledger)
        self.readings_button = QPushButton(self.tr("导入抄表读数…"), self)
        self.readings_button.clicked.connect(self.import_readings)
        guard(services, "fees.billing", self.preview_button, self.rebill_button, self.supplement_button,
              self.readings_button)
        self.result_label = QLabel(self.tr("输入账期后点“预览”, 核对合计后再生成账单。重复生成不会产生重复账单。"), self)
        self.result_label.setWordWrap(True)
        self.model = ListTableModel(PREVIEW_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        fit_columns(self.table)  # before the first preview too: 金额 next to 户数, not at the far right
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("账期"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.preview_button)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        bar.addWidget(self.readings_button)
        bar.addWidget(self.rebill_button)
        bar.addWidget(self.supplement_button)
        bar.addWidget(self.ledger_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.table, 1)

    def _default_period(self) -> str:
        try:
            return self.services.billing.default_run_period()
        except ServiceError:
            return self.services.ctx.clock().strftime("%Y-%m")

    def _period_changed(self) -> None:
        self.preview_result = None
        self.run_button.setEnabled(False)

    def _show(self, result, committed: bool) -> None:
        self.model.set_rows(result.items)
        fit_columns(self.table)
        text = (self.tr("账期 %1: 已生成 %2 张账单, %3 条明细, 合计 %4 元。") if committed
                else self.tr("账期 %1: 将生成 %2 张账单, %3 条明细, 合计 %4 元。"))
        text = (text.replace("%1", result.period).replace("%2", str(result.bills))
                .replace("%3", str(result.lines)).replace("%4", money_text(result.total)))
        if result.existing_bills:
            text += " " + self.tr("另有 %1 户本期已有账单, 不重复生成。").replace("%1", str(result.existing_bills))
        for warning in result.warnings:
            text += "\n" + self.tr("注意: ") + warning
        self.result_label.setText(text)

    def _checked_period(self) -> str | None:
        try:
            return parse_period(self.period.text())
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("计费"), self.tr("账期: %1").replace("%1", str(exc)))
            return None

    def preview(self) -> None:
        services, period = self.services, self._checked_period()
        if period is None:
            return

        def done(result) -> None:
            self.preview_result = result
            self._show(result, committed=False)
            self.run_button.setEnabled(result.bills > 0 and services.ctx.can("fees.billing"))

        self.job = run_with_progress_dialog(self, self.tr("计费预览"),
                                            lambda progress: services.billing.preview(period, progress),
                                            on_result=done)

    def run(self) -> None:
        if self.preview_result is None:
            return
        services, period = self.services, self.preview_result.period

        def done(result) -> None:
            self.preview_result = None
            self.run_button.setEnabled(False)
            self._show(result, committed=True)
            self.billed.emit(result)

        self.job = run_with_progress_dialog(
            self, self.tr("生成账单 %1").replace("%1", period),
            lambda progress: services.billing.run(period, progress), on_result=done,
            on_cancel=lambda: self.result_label.setText(self.tr("已取消, 未生成任何账单。")))

    def rebill(self) -> None:
        try:
            dry = self.services.billing.rebill(self.period.text(), dry_run=True)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("重算账单"), str(exc))
            return
        if not dry.changed:
            QMessageBox.information(self, self.tr("重算账单"), self.tr("没有需要重算的未缴账单。"))
            return
        answer = QMessageBox.question(
            self, self.tr("重算账单"),
            self.tr("账期 %1 有 %2 张未缴账单将按现行价格重算 (已有收款的 %3 张不变), 未缴合计 %4 → %5 元。继续?")
            .replace("%1", dry.period).replace("%2", str(dry.changed)).replace("%3", str(dry.skipped_paid))
            .replace("%4", money_text(dry.old_total)).replace("%5", money_text(dry.new_total)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        services, period = self.services, dry.period
        self.job = run_with_progress_dialog(
            self, self.tr("重算账单"), lambda progress: services.billing.rebill(period, progress=progress),
            on_result=lambda r: self.result_label.setText(
                self.tr("已重算 %1 张账单。").replace("%1", str(r.changed))))

    def supplement(self) -> None:
        """补收: a fee item for a period already billed, on every bill that lacks it (paid ones too)."""
        from PySide6.QtWidgets import QInputDialog

        period = self._checked_period()
        if period is None:
            return
        names = [i.name for i in self.services.billing.items(include_inactive=False)]
        name, ok = QInputDialog.getItem(self, self.tr("补收"), self.tr("为账期 %1 补收的收费项目").replace("%1", period),
                                        names, 0, False)
        if not ok or not name:
            return
        try:
            dry = self.services.billing.supplement(period, name, dry_run=True)
            if not dry.lines:
                QMessageBox.information(self, self.tr("补收"), self.tr("没有需要补收的账单。"))
                return
            answer = QMessageBox.question(
                self, self.tr("补收"), self.tr("账期 %1 将为 %2 户补收“%3”, 合计 %4 元。继续?").replace("%1", period)
                .replace("%2", str(dry.lines)).replace("%3", name).replace("%4", money_text(dry.total)))
            if answer != QMessageBox.StandardButton.Yes:
                return
            done = self.services.billing.supplement(period, name)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("补收"), str(exc))
            return
        self.model.set_rows(done.items)
        self.result_label.setText(self.tr("账期 %1: 已为 %2 户补收“%3”, 合计 %4 元。").replace("%1", period)
                                  .replace("%2", str(done.lines)).replace("%3", name)
                                  .replace("%4", money_text(done.total)))

    def import_readings(self) -> None:
        """Meter readings of this period from a workbook (房号, 读数) for a metered item."""
        from PySide6.QtWidgets import QInputDialog

        period = self._checked_period()
        if period is None:
            return
        metered = [i for i in self.services.billing.items(include_inactive=False) if i.method == "metered"]
        if not metered:
            QMessageBox.information(self, self.tr("导入抄表读数"), self.tr("没有按抄表计费的收费项目, 请先在“收费项目”中添加。"))
            return
        names = [i.name for i in metered]
        name, ok = QInputDialog.getItem(self, self.tr("导入抄表读数"), self.tr("收费项目"), names, 0, False)
        if not ok:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择抄表文件"), "", "Excel (*.xlsx)")
        if not path:
            return
        item_id = metered[names.index(name)].id
        services = self.services

        def work(_progress) -> int:
            from app.errors import FieldError
            from app.excel.readings import read_readings

            try:
                return services.billing.import_readings(item_id, period, read_readings(path))
            except FieldError as exc:  # one line per bad row, without the field keys
                raise ServiceError("\n".join(exc.errors.values())) from None

        self.job = run_with_progress_dialog(
            self, self.tr("导入抄表读数"), work,
            on_result=lambda n: self.result_label.setText(
                self.tr("已导入 %1 %2 读数 %3 户。").replace("%1", name).replace("%2", period).replace("%3", str(n))))

    def export_ledger(self) -> None:
        period = self.period.text()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出台账"), f"收费台账{period}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        services = self.services
        self.job = run_with_progress_dialog(
            self, self.tr("导出台账"), lambda progress: services.fee_reports.export_ledger(path, period, progress=progress)[0],
            on_result=lambda p: self.result_label.setText(self.tr("台账已导出: %1").replace("%1", str(p))))


class FeeItemsPage(QWidget):
    """收费项目: the list and the editor dialog (permission ``fees.items``)."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = ListTableModel(ITEM_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self)
        self.table.activated.connect(lambda _index: self.edit())
        self.add_button = QPushButton(self.tr("新增项目…"), self)
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.edit_button.clicked.connect(self.edit)
        guard(services, "fees.items", self.add_button, self.edit_button)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.model.set_rows(self.services.billing.items())
        fit_columns(self.table)
        if select_id is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).id == select_id:
                    self.table.selectRow(row)

    def add(self) -> None:
        self._open(FeeItemDialog(self.services, parent=self))

    def edit(self) -> None:
        index = self.table.currentIndex()
        item = self.model.row_at(index.row()) if index.isValid() else None
        if item is None:
            QMessageBox.information(self, self.tr("编辑收费项目"), self.tr("请先选择一个项目"))
            return
        self._open(FeeItemDialog(self.services, item, parent=self))

    def _open(self, dialog: FeeItemDialog) -> None:
        dialog.saved.connect(lambda item_id: self.reload(item_id))
        dialog.open()


class FeeFiguresPage(QWidget):
    """收缴率 this month and this year, arrears aging, and the daily cash-up with print."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.period = QLineEdit(services.ctx.clock().strftime("%Y-%m"), self)
        self.period.setMaximumWidth(100)
        refresh = QPushButton(self.tr("刷新"), self)
        refresh.clicked.connect(self.reload)
        self.month_model = ListTableModel(RATE_COLUMNS, parent=self)
        self.year_model = ListTableModel(RATE_COLUMNS, parent=self)
        self.month_table = make_table_view(self.month_model, self, sortable=False)
        self.year_table = make_table_view(self.year_model, self, sortable=False)
        self.aging_label = QLabel(self)
        self.aging_label.setWordWrap(True)

        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = services.ctx.clock().date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(self.reload_cashup)
        self.cashup_model = ListTableModel(CASHUP_COLUMNS, parent=self)
        self.cashup_table = make_table_view(self.cashup_model, self, sortable=False)
        self.cashup_label = QLabel(self)
        self.cashup_label.setWordWrap(True)
        self.print_button = QPushButton(self.tr("打印日结单"), self)
        self.print_button.clicked.connect(self.print_cashup)
        self.close_button = QPushButton(self.tr("日结 (关闭当日)…"), self)
        self.close_button.clicked.connect(self.close_day)
        guard(services, "fees.reports", self.close_button)
        self.may_close = services.ctx.can("fees.reports")  # read once here, not in the job's result slot

        rates = QGroupBox(self.tr("收缴率"), self)
        rates_layout = QVBoxLayout(rates)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("账期"), self))
        bar.addWidget(self.period)
        bar.addWidget(refresh)
        bar.addStretch(1)
        rates_layout.addLayout(bar)
        self.month_title = QLabel(self)
        self.year_title = QLabel(self)
        rates_layout.addWidget(self.month_title)
        rates_layout.addWidget(self.month_table)
        rates_layout.addWidget(self.year_title)
        rates_layout.addWidget(self.year_table)
        rates_layout.addWidget(self.aging_label)

        cash = QGroupBox(self.tr("日结"), self)
        cash_layout = QVBoxLayout(cash)
        cbar = QHBoxLayout()
        cbar.addWidget(QLabel(self.tr("日期"), self))
        cbar.addWidget(self.day)
        cbar.addStretch(1)
        cbar.addWidget(self.close_button)
        cbar.addWidget(self.print_button)
        cash_layout.addLayout(cbar)
        cash_layout.addWidget(self.cashup_table)
        cash_layout.addWidget(self.cashup_label)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(rates, 1)
        layout.addWidget(cash, 1)
        self.cashup = None
        # both halves are read in background jobs, each showing "正在加载…" until its figures come
        self.rates_loader = Loader(self)
        self.rates_loader.loaded.connect(self._show_rates)
        self.cashup_loader = Loader(self)
        self.cashup_loader.loaded.connect(self._show_cashup)
        self.reload()

    @property
    def loading(self) -> bool:
        return self.rates_loader.busy or self.cashup_loader.busy

    def reload(self) -> None:
        # ``services.fee_reports`` is first touched in the worker: importing the fee services (~0.3 s cold)
        # happens there, not on the GUI thread
        services, period = self.services, self.period.text()
        self.aging_label.setText(self.tr("正在加载…"))
        self.month_model.set_rows([])
        self.year_model.set_rows([])
        self.rates_loader.load(lambda: (services.fee_reports.collection_rate(period), services.fee_reports.aging()))
        self.reload_cashup()

    def _show_rates(self, value, error: str) -> None:
        if value is None:
            self.aging_label.setText(error)
            return
        figures, aging = value
        self.month_title.setText(self.tr("本期 %1").replace("%1", figures.period))
        self.year_title.setText(self.tr("本年累计 (%1 至 %2)").replace("%1", figures.period[:4] + "-01")
                                .replace("%2", figures.period))
        self.month_model.set_rows(figures.month)
        self.year_model.set_rows(figures.year_to_date)
        fit_columns(self.month_table)
        fit_columns(self.year_table)
        buckets = ", ".join(f"{label} {money_text(v)}" for label, v in zip(aging_labels(), aging.buckets, strict=True))
        self.aging_label.setText(self.tr("欠费 %1 户, 合计 %2 元: %3").replace("%1", str(aging.units))
                                 .replace("%2", money_text(aging.total)).replace("%3", buckets))

    def _day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def reload_cashup(self) -> None:
        services, day = self.services, self._day()
        self.cashup = None
        self.cashup_model.set_rows([])
        self.cashup_label.setText(self.tr("正在加载…"))
        self.cashup_loader.load(lambda: services.fee_reports.cashup(day))

    def _show_cashup(self, cashup, error: str) -> None:
        if cashup is None:
            self.cashup_label.setText(error)
            return
        self.cashup = cashup
        self.cashup_model.set_rows(self.cashup.rows)
        fit_columns(self.cashup_table)
        c = self.cashup
        text = self.tr("实收合计 %1 元, %2 笔").replace("%1", money_text(c.total)).replace("%2", str(c.count))
        if c.voided:
            text += self.tr("; 当日作废 %1 张, 冲减 %2 元").replace("%1", str(len(c.voided))) \
                .replace("%2", money_text(c.reversed_total))
        if c.refunds:
            text += self.tr("; 当日退款 %1 笔, %2 元").replace("%1", str(len(c.refunds))) \
                .replace("%2", money_text(c.refunded_total))
        if c.receipts[0]:
            text += "\n" + self.tr("收据号 %1 至 %2").replace("%1", c.receipts[0]).replace("%2", c.receipts[1])
        if c.by_item:
            text += "\n" + " · ".join(f"{name} {money_text(amount)}" for name, amount in c.by_item)
        if c.closed:
            text += "\n" + self.tr("已日结: %1").replace("%1", c.closed)
        self.cashup_label.setText(text)
        self.close_button.setEnabled(not c.closed and self.may_close)

    def close_day(self) -> None:
        day = self._day()
        answer = QMessageBox.question(
            self, self.tr("日结"),
            self.tr("关闭 %1 的收款? 之后当日不能再收款、作废或退款, 日结单按现在的数字打印。").replace("%1", day.isoformat()))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.fee_reports.close_cashup(day)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("日结"), str(exc))
        self.reload_cashup()

    def print_cashup(self) -> None:
        from app.pdf.cashup import render_cashup

        if self.cashup is None:
            return
        day = self.cashup.day
        show_pdf(self, render_cashup(self.cashup), self.tr("日结单 %1").replace("%1", day.isoformat()),
                 f"日结单{day:%Y%m%d}.pdf")
