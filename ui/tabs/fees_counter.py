"""客服 → 收费: the counter. Find the unit (room, name, phone, plate), see what it owes line by line, take
the money, print the receipt; void a payment with a reason (permission ``fees.void``).

All reads and writes go through ``services.payments`` / ``services.archive``; each is one short
transaction, so the page calls them directly on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from ui import shortcuts
from ui.dialogs.fees_dialogs import ChargeDatesDialog, RefundDialog, VoidPaymentDialog, WaiverDialog
from ui.messages import ui_errors
from ui.models.windowed import RIGHT, Column, ListTableModel, RowStyle
from ui.tabs.fees_common import fee_label, fit_columns, money_text, pay_method_choices, show_pdf, void_text
from ui.widgets.money_edit import money_input
from ui.widgets.permission_guard import guard
from ui.widgets.table import make_table_view

UNIT_COLUMNS = [
    Column("code", QT_TRANSLATE_NOOP("Column", "房号"), "code"),
    Column("owners", QT_TRANSLATE_NOOP("Column", "业主"), "owners"),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone"),
]
OWED_COLUMNS = [
    Column("period", QT_TRANSLATE_NOOP("Column", "账期"), "period"),
    Column("item", QT_TRANSLATE_NOOP("Column", "收费项目"), "item_name"),
    Column("description", QT_TRANSLATE_NOOP("Column", "计费说明"), "description"),
    Column("amount", QT_TRANSLATE_NOOP("Column", "应收"), "amount", align=RIGHT, formatter=money_text),
    Column("paid", QT_TRANSLATE_NOOP("Column", "已缴"), "paid", align=RIGHT, formatter=money_text),
    Column("outstanding", QT_TRANSLATE_NOOP("Column", "未缴"), "outstanding", align=RIGHT, formatter=money_text),
    Column("late", QT_TRANSLATE_NOOP("Column", "滞纳金"), "late_fee_due", align=RIGHT,
           formatter=lambda v: money_text(v) if v else ""),
]
PAYMENT_COLUMNS = [
    Column("receipt", QT_TRANSLATE_NOOP("Column", "收据号"), "receipt_no"),
    Column("paid_at", QT_TRANSLATE_NOOP("Column", "时间"), "paid_at"),
    Column("method", QT_TRANSLATE_NOOP("Column", "方式"), "method", formatter=fee_label),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额"), "amount", align=RIGHT, formatter=money_text),
    Column("operator", QT_TRANSLATE_NOOP("Column", "收款人"), "operator_name"),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), "voided", formatter=lambda v: void_text() if v else ""),
]

ARREARS_STYLE = RowStyle(foreground=QColor("#b00000"))
VOID_STYLE = RowStyle(foreground=QColor("#888888"))


class FeeCounterPage(QWidget):
    """The 收费 page of the 客服 tab."""

    paid = Signal(object)  # PaymentRow, after a payment was saved
    voided = Signal(object)

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.account = None
        this_month = services.ctx.clock().strftime("%Y-%m")

        # --- find the unit
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("房号 / 姓名 / 手机号 / 车牌, 回车查找"))
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.find_units)
        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self.find_units)
        self.units = ListTableModel(UNIT_COLUMNS, parent=self)
        self.unit_table = make_table_view(self.units, self, sortable=False)
        self.unit_table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._unit_chosen(cur.row()))
        find_box = QVBoxLayout()
        find_box.addWidget(self.search)
        find_box.addWidget(self.unit_table, 1)
        left = QWidget(self)
        left.setLayout(find_box)

        # --- what the unit owes
        self.header = QLabel(self.tr("请先查找房屋"), self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.header.setFont(font)
        # Until a unit is chosen the summary line says how to start.
        self.summary = QLabel(self.tr("在左上角输入房号、业主姓名、手机号或车牌, 按回车查找, 再点选房屋。"), self)
        self.summary.setWordWrap(True)  # wraps on a narrow window instead of squeezing the unit list
        self.owed = ListTableModel(
            OWED_COLUMNS, parent=self,
            row_style=lambda r: ARREARS_STYLE if r.period < this_month else None)
        self.owed_table = make_table_view(self.owed, self, sortable=False)
        self.owed_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.owed_table.selectionModel().selectionChanged.connect(self._selection_changed)

        # --- take the money
        self.amount = money_input(QLineEdit(self))
        self.amount.setPlaceholderText("0.00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_error = QLabel(self)
        self.amount_error.setStyleSheet("color: #c00;")
        self.method = QComboBox(self)
        for text, code in pay_method_choices():
            self.method.addItem(text, code)
        self.payer = QLineEdit(self)
        self.note = QLineEdit(self)
        self.only_selected = QCheckBox(self.tr("只收所选明细"), self)
        self.only_selected.toggled.connect(self._fill_amount)
        self.use_prepaid = QCheckBox(self.tr("先用预存款抵扣"), self)
        self.late_fees = QCheckBox(self.tr("收取滞纳金"), self)
        self.late_fees.toggled.connect(self._fill_amount)
        self.plan_label = QLabel(self)  # what the money will pay, 滞纳金 line by line, before it is taken
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)  # short lines, no wrapping: never clipped
        self.amount.textChanged.connect(self.update_plan)
        self.use_prepaid.toggled.connect(self.update_plan)
        self.pay_button = QPushButton(self.tr("收款并打印收据"), self)
        self.pay_button.setDefault(True)
        self.pay_button.clicked.connect(self.take_payment)
        shortcuts.bind(self.pay_button, shortcuts.PAY)
        shortcuts.shortcut(shortcuts.FIND, self, self.focus_search)
        self.search.setToolTip(self.tr("查找房屋 (%1)").replace("%1", shortcuts.key_text(shortcuts.FIND)))
        form = QFormLayout()
        form.addRow(self.tr("收款金额(元)"), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("付款方式"), self.method)
        form.addRow(self.tr("交款人"), self.payer)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(self.only_selected)
        form.addRow(self.use_prepaid)
        form.addRow(self.late_fees)
        pay_box = QGroupBox(self.tr("收款"), self)
        pay_layout = QVBoxLayout(pay_box)
        pay_layout.addLayout(form)
        pay_layout.addWidget(self.plan_label)
        pay_layout.addWidget(self.pay_button)
        pay_layout.addSpacing(12)
        # less frequent moves of the unit on screen, and the cashier's own cash-up of today
        self.waive_button = QPushButton(self.tr("减免…"), self)
        self.waive_button.clicked.connect(lambda: self._open_unit_dialog(WaiverDialog))
        self.refund_button = QPushButton(self.tr("退款…"), self)
        self.refund_button.clicked.connect(lambda: self._open_unit_dialog(RefundDialog))
        self.dates_button = QPushButton(self.tr("计费起止日期…"), self)
        self.dates_button.clicked.connect(self.edit_charge_dates)
        guard(services, "fees.billing", self.dates_button)
        self.my_cashup_button = QPushButton(self.tr("打印我的日结单"), self)
        self.my_cashup_button.clicked.connect(self.print_my_cashup)
        for button in (self.waive_button, self.refund_button, self.dates_button, self.my_cashup_button):
            pay_layout.addWidget(button)
        pay_layout.addStretch(1)
        guard(services, "fees.collect", self.pay_button)

        # --- payments of the unit
        self.payments = ListTableModel(PAYMENT_COLUMNS, parent=self,
                                       row_style=lambda r: VOID_STYLE if r.voided else None)
        self.payment_table = make_table_view(self.payments, self, sortable=False)
        self.reprint_button = QPushButton(self.tr("打印收据"), self)
        self.reprint_button.clicked.connect(self.print_selected_receipt)
        self.notice_button = QPushButton(self.tr("打印缴费通知单"), self)
        self.notice_button.clicked.connect(self.print_notice)
        self.void_button = QPushButton(self.tr("作废收款…"), self)
        self.void_button.clicked.connect(self.void_selected)
        guard(services, "fees.void", self.void_button)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("收款记录"), self))
        buttons.addStretch(1)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.void_button)

        middle = QWidget(self)
        mid = QVBoxLayout(middle)
        mid.addWidget(self.header)
        mid.addWidget(self.summary)
        mid.addWidget(self.owed_table, 3)
        mid.addLayout(buttons)
        mid.addWidget(self.payment_table, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(pay_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 700, 280])  # room for 房号 · 业主 · 电话 in the search results
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._set_enabled(False)

    # ---- finding
    def _search_edited(self) -> None:
        """The search no longer names the unit on screen: nothing may be charged to it any more."""
        self.clear_unit()
        self._debounce.start()

    def find_units(self) -> None:
        """Search; the counter shows a unit only when the search ends on exactly one chosen unit."""
        self._debounce.stop()
        self.clear_unit()
        try:
            rows = self.services.archive.search_units(self.search.text(), limit=50)
        except ServiceError as exc:
            self.units.set_rows([])
            QMessageBox.warning(self, self.tr("查找房屋"), str(exc))
            return
        self.units.set_rows(rows)
        fit_columns(self.unit_table)
        if len(rows) == 1:
            self.unit_table.selectRow(0)
        elif not rows:
            self.summary.setText(self.tr("没有找到房屋。请换一个房号、姓名、手机号或车牌再查。"))
        else:
            self.summary.setText(self.tr("找到 %1 户, 请在左侧点选要收费的房屋。").replace("%1", str(len(rows))))
        # Keys: one unit found → straight to the amount (already the sum due); several → the list (↑↓).
        if len(rows) == 1 and self.amount.isEnabled():
            self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
            self.amount.selectAll()
        elif rows:
            self.unit_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def home_widget(self) -> QWidget:
        return self.search

    def focus_search(self) -> None:
        """Ctrl+F: back to the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _unit_chosen(self, row: int) -> None:
        unit = self.units.row_at(row)
        if unit is None:
            self.clear_unit()
        else:
            self.show_unit(unit.id)

    def clear_unit(self) -> None:
        """No unit chosen: empty header, lines, payments and amount; 收款 disabled."""
        if self.account is None and not self.pay_button.isEnabled():
            return
        self.account = None
        self.header.setText(self.tr("请先查找房屋"))
        self.summary.setText(self.tr("在左上角输入房号、业主姓名、手机号或车牌, 按回车查找, 再点选房屋。"))
        self.owed.set_rows([])
        self.payments.set_rows([])
        self.amount.clear()
        self.amount_error.clear()
        self.late_fees.setChecked(False)
        self.use_prepaid.setChecked(False)
        self._set_enabled(False)

    def show_unit(self, unit_id: int) -> None:
        try:
            self.account = self.services.payments.account(unit_id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("收费"), str(exc))
            return
        a = self.account
        self.header.setText(f"{a.label}  {a.owners}  {a.phone}".strip())
        self.summary.setText(
            self.tr("未缴合计 %1 元 · 其中往期欠费 %2 元 · 预存款余额 %3 元 · 可收滞纳金 %4 元")
            .replace("%1", money_text(a.outstanding)).replace("%2", money_text(a.arrears))
            .replace("%3", money_text(a.prepaid_balance)).replace("%4", money_text(a.late_fees))
            + self._bank_failure(a))
        self.owed.set_rows(a.lines)
        self.payments.set_rows(a.payments)
        fit_columns(self.owed_table)
        fit_columns(self.payment_table)
        self.amount_error.clear()
        self.late_fees.setEnabled(a.late_fees > 0)
        self.use_prepaid.setEnabled(a.prepaid_balance > 0)
        self._set_enabled(True)
        self._fill_amount()

    def _bank_failure(self, a) -> str:
        """The bank's reason when its last collection of this unit failed and the arrears are still open."""
        if a.outstanding <= 0 or not self.services.ctx.can("fees.collect"):
            return ""
        failed = self.services.bank.failures(a.unit_id, limit=1)
        if not failed:
            return ""
        return "\n" + self.tr("银行托收失败 (%1): %2").replace("%1", failed[0].reference).replace("%2", failed[0].reason)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.amount, self.method, self.payer, self.note, self.only_selected, self.waive_button,
                       self.refund_button):
            widget.setEnabled(on)
        if not on:  # nothing to deduct from or charge before a unit is chosen (show_unit enables them)
            self.use_prepaid.setEnabled(False)
            self.late_fees.setEnabled(False)
        self.pay_button.setEnabled(on and self.services.ctx.can("fees.collect"))
        self.dates_button.setEnabled(on and self.services.ctx.can("fees.billing"))

    def _open_unit_dialog(self, dialog_class) -> None:
        if self.account is None:
            return
        dialog = dialog_class(self.services, self.account, self)
        dialog.saved.connect(lambda _result: self.show_unit(self.account.unit_id))
        dialog.open()

    def edit_charge_dates(self) -> None:
        if self.account is None:
            return
        dialog = ChargeDatesDialog(self.services, self.account.unit_id, self.account.label, self)
        dialog.open()

    def print_my_cashup(self) -> None:
        """The cashier's own cash-up (日结) of today: her takings, voids and refunds."""
        from app.pdf.cashup import render_cashup

        today = self.services.ctx.clock().date()
        try:
            data = self.services.fee_reports.cashup(today, operator_id=self.services.ctx.actor.user_id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("日结单"), str(exc))
            return
        show_pdf(self, render_cashup(data), self.tr("日结单 %1").replace("%1", today.isoformat()),
                 f"日结单{today:%Y%m%d}.pdf")

    def _selected_lines(self):
        rows = sorted({i.row() for i in self.owed_table.selectionModel().selectedRows()})
        return [self.owed.row_at(r) for r in rows]

    def _selection_changed(self, *_args) -> None:
        if self.only_selected.isChecked():
            self._fill_amount()

    def _fill_amount(self) -> None:
        """Suggest the amount due: all open lines, or only the selected ones (+ late fees if ticked)."""
        if self.account is None:
            return
        lines = self._selected_lines() if self.only_selected.isChecked() else list(self.account.lines)
        due = sum((ln.outstanding for ln in lines), start=0)
        if self.late_fees.isChecked():
            due += sum((ln.late_fee_due for ln in lines), start=0)
        self.amount.setText(money_text(due).replace(",", "") if due else "")
        self.update_plan()

    def _chosen_line_ids(self) -> list[int] | None:
        if not self.only_selected.isChecked() or self.account is None:
            return None
        ids = [ln.line_id for ln in self._selected_lines()]
        if self.late_fees.isChecked():
            ids += [ln.line_id for ln in self.account.lines if ln.is_late_fee]
        return ids

    def update_plan(self, *_args) -> None:
        """Show what the amount typed will pay: prepaid used, 滞纳金 per line (principal × days), to prepaid."""
        self.plan_label.clear()
        if self.account is None or not self.amount.text().strip():
            return
        try:
            plan = self.services.payments.preview(
                self.account.unit_id, self.amount.text(), line_ids=self._chosen_line_ids(),
                use_prepaid=self.use_prepaid.isChecked(), include_late_fees=self.late_fees.isChecked())
        except ServiceError:
            return  # the amount is named when 收款 is pressed
        parts = []
        if plan.prepaid_used:
            parts.append(self.tr("预存款抵扣 %1 元").replace("%1", money_text(plan.prepaid_used)))
        for line in plan.lines:
            if line.late_fee:
                parts.append(self.tr("%1 %2滞纳金:\n  本金 %3 × 逾期 %4 天 = %5 元")
                             .replace("%1", line.period).replace("%2", line.item_name)
                             .replace("%3", money_text(line.principal)).replace("%4", str(line.late_days))
                             .replace("%5", money_text(line.late_fee)))
        if self.late_fees.isChecked():
            parts.append(self.tr("本次滞纳金合计 %1 元").replace("%1", money_text(plan.late_fee)))
        if plan.to_prepaid:
            parts.append(self.tr("转预存 %1 元").replace("%1", money_text(plan.to_prepaid)))
        self.plan_label.setText("\n".join(parts))

    # ---- paying
    def take_payment(self) -> None:
        if self.account is None:
            return
        if self.only_selected.isChecked() and not self._selected_lines():
            self.amount_error.setText(self.tr("请在左侧选择要收的明细"))
            return
        line_ids = self._chosen_line_ids()
        try:
            payment = self.services.payments.pay(
                self.account.unit_id, self.amount.text(), self.method.currentData(), payer=self.payer.text(),
                note=self.note.text(), line_ids=line_ids, use_prepaid=self.use_prepaid.isChecked(),
                include_late_fees=self.late_fees.isChecked())
        except FieldError as exc:
            self.amount_error.setText("; ".join(ui_errors(exc.errors).values()))
            return
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("收款"), str(exc))
            return
        self.note.clear()
        self.show_unit(self.account.unit_id)
        self.paid.emit(payment)
        self.print_receipt(payment.id)

    def print_receipt(self, payment_id: int) -> None:
        from app.pdf.receipt import render_receipt

        try:
            data = self.services.payments.receipt(payment_id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("收据"), str(exc))
            return
        show_pdf(self, render_receipt(data), self.tr("收据 %1").replace("%1", data.receipt_no),
                 f"收据{data.receipt_no}.pdf")

    def print_notice(self) -> None:
        """This month's fee notice (缴费通知单) of the unit on screen: one page, drawn at once."""
        from app.pdf.fee_notice import render_notices

        if self.account is None:
            return
        period = self.services.ctx.clock().strftime("%Y-%m")
        try:
            notices = self.services.fee_reports.notices(period, [self.account.unit_id])
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("缴费通知单"), str(exc))
            return
        show_pdf(self, render_notices(notices), self.tr("缴费通知单 %1").replace("%1", self.account.label),
                 f"缴费通知单{period}-{self.account.code}.pdf")

    def _selected_payment(self):
        index = self.payment_table.currentIndex()
        return self.payments.row_at(index.row()) if index.isValid() else None

    def print_selected_receipt(self) -> None:
        payment = self._selected_payment()
        if payment is None:
            QMessageBox.information(self, self.tr("打印收据"), self.tr("请先选择一条收款记录"))
            return
        self.print_receipt(payment.id)

    def void_selected(self) -> None:
        payment = self._selected_payment()
        if payment is None:
            QMessageBox.information(self, self.tr("作废收款"), self.tr("请先选择一条收款记录"))
            return
        if payment.voided:
            QMessageBox.information(self, self.tr("作废收款"), self.tr("该收款已作废"))
            return
        dialog = VoidPaymentDialog(self.services, payment, self)
        dialog.saved.connect(self._after_void)
        dialog.open()

    def _after_void(self, payment) -> None:
        self.voided.emit(payment)
        self.show_unit(payment.unit_id)
        self.print_receipt(payment.id)
