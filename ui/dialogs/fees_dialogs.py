"""Small fee forms: void a payment (reason), log a reminder (催缴), and the fee item editor.

Each dialog exposes ``values`` and ``validate()``; messages from the service (``FieldError``) are shown
next to the field they name and the dialog stays open with what was typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from app.models import ChargeMethod, Cycle, FeeKind, Scope, UnitUse
from ui.labels import code_label
from ui.messages import ui_errors
from ui.tabs.fees_common import fee_label, reminder_method_choices
from ui.widgets.focus import fields_first


class _FormDialog(QDialog):
    """QFormLayout + an error label under each field + OK/Cancel; ``save()`` does the service call."""

    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)  # room for the hint texts (much longer in English)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet("color: #c00;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:
        fields_first(self, self.buttons)  # the cursor in the first field, 确定/取消 last
        super().showEvent(event)

    def add_row(self, key: str, label: str, widget: QWidget) -> QWidget:
        error = QLabel(self)
        error.setStyleSheet("color: #c00;")
        error.hide()
        box = QWidget(self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        inner.addWidget(error)
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab into it
        self.form.addRow(label, box)
        self.errors[key] = error
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        for label in self.errors.values():
            label.hide()
        rest = []
        for key, message in ui_errors(errors).items():
            if key in self.errors:
                self.errors[key].setText(message)
                self.errors[key].show()
            else:
                rest.append(message)
        self.general_error.setText("\n".join(rest))
        self.general_error.setVisible(bool(rest))

    def validate(self) -> bool:
        return True

    def save(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def accept_if_valid(self) -> None:
        if not self.validate():
            return
        try:
            result = self.save()
        except FieldError as exc:
            self.show_errors(exc.errors)
            return
        except ServiceError as exc:
            self.show_errors({"_": str(exc)})
            return
        self.saved.emit(result)
        self.accept()


class VoidPaymentDialog(_FormDialog):
    """作废收款: the reason is required and printed on the void receipt."""

    def __init__(self, services, payment, parent: QWidget | None = None):
        super().__init__(self.tr("作废收款"), parent)
        self.services, self.payment = services, payment
        info = QLabel(self.tr("收据 %1 · %2 · %3 元").replace("%1", payment.receipt_no)
                      .replace("%2", payment.unit_label).replace("%3", f"{payment.amount:,.2f}"), self)
        self.form.addRow(info)
        self.reason = self.add_row("reason", self.tr("作废原因"), QLineEdit(self))
        self.reason.setPlaceholderText(self.tr("如: 金额录入错误, 已重新开具"))

    @property
    def values(self) -> dict[str, str]:
        return {"reason": self.reason.text()}

    def validate(self) -> bool:
        if len(self.reason.text().strip()) < 2:
            self.show_errors({"reason": self.tr("请填写作废原因")})
            return False
        return True

    def save(self):
        return self.services.payments.void(self.payment.id, self.reason.text())


class ReminderDialog(_FormDialog):
    """登记催缴: how the owner was chased, what they promised, a note."""

    def __init__(self, services, unit_id: int, unit_label: str, parent: QWidget | None = None):
        super().__init__(self.tr("登记催缴 - %1").replace("%1", unit_label), parent)
        self.services, self.unit_id = services, unit_id
        self.method = self.add_row("method", self.tr("催缴方式"), QComboBox(self))
        for text, code in reminder_method_choices():
            self.method.addItem(text, code)
        self.promised_check = QCheckBox(self.tr("业主承诺缴费日期"), self)
        self.promised = QDateEdit(self)
        self.promised.setCalendarPopup(True)
        self.promised.setDisplayFormat("yyyy-MM-dd")
        today = services.ctx.clock().date()
        self.promised.setDate(QDate(today.year, today.month, today.day).addDays(7))
        self.promised.setEnabled(False)
        self.promised_check.toggled.connect(self.promised.setEnabled)
        self.form.addRow(self.promised_check)
        self.add_row("promised_date", self.tr("承诺日期"), self.promised)
        self.note = self.add_row("note", self.tr("备注"), QPlainTextEdit(self))
        self.note.setFixedHeight(70)

    @property
    def values(self) -> dict[str, object]:
        promised = None
        if self.promised_check.isChecked():
            d = self.promised.date()
            promised = date(d.year(), d.month(), d.day())
        return {"method": self.method.currentData(), "promised_date": promised, "note": self.note.toPlainText()}

    def save(self):
        v = self.values
        return self.services.payments.add_reminder(self.unit_id, v["method"], promised_date=v["promised_date"],
                                                   note=v["note"])


class FeeItemDialog(_FormDialog):
    """收费项目: charging method, price, cycle, dates, scope, vacant rate and the late-fee rule."""

    def __init__(self, services, item=None, parent: QWidget | None = None):
        super().__init__(self.tr("编辑收费项目") if item else self.tr("新增收费项目"), parent)
        self.services, self.item = services, item
        self.name = self.add_row("name", self.tr("名称"), QLineEdit(self))
        self.kind = self.add_row("kind", self.tr("类别"), self._combo([(fee_label(k), str(k)) for k in FeeKind]))
        self.method = self.add_row("method", self.tr("计费方式"),
                                   self._combo([(fee_label(m), str(m)) for m in ChargeMethod]))
        self.price = self.add_row("unit_price", self.tr("单价"), QLineEdit(self))
        self.unit_label = self.add_row("unit_label", self.tr("单位"), QLineEdit(self))
        self.unit_label.setPlaceholderText(self.tr("如 元/㎡·月 (留空自动)"))
        self.cycle = self.add_row("cycle", self.tr("计费周期"), self._combo([(fee_label(c), str(c)) for c in Cycle]))
        self.start = self.add_row("start_date", self.tr("开始日期"), QLineEdit(self))
        self.start.setPlaceholderText("2026-01-01")
        self.end = self.add_row("end_date", self.tr("结束日期"), QLineEdit(self))
        self.end.setPlaceholderText(self.tr("留空表示长期"))
        self.scope = self.add_row("scope", self.tr("适用范围"), self._combo([(fee_label(s), str(s)) for s in Scope]))
        self.targets = self.add_row("targets", self.tr("适用对象"), QListWidget(self))
        self.targets.setFixedHeight(110)
        self.unit_codes = self.add_row("unit_codes", self.tr("房号"), QLineEdit(self))
        self.unit_codes.setPlaceholderText(self.tr("指定房屋时填写, 如 1-1-101, 3-2-1502"))
        self.scope.currentIndexChanged.connect(self._fill_targets)
        self.vacant = self.add_row("vacant_rate", self.tr("空置房收费比例"), QLineEdit(self))
        self.vacant.setPlaceholderText(self.tr("如 0.7 或 70%; 留空按全额"))
        self.late_rate = self.add_row("late_fee_daily_rate", self.tr("滞纳金日费率"), QLineEdit(self))
        self.late_rate.setPlaceholderText(self.tr("如 0.0003 (万分之三); 留空不计"))
        self.grace = self.add_row("late_fee_grace_days", self.tr("宽限天数"), QSpinBox(self))
        self.grace.setRange(0, 365)
        self.cap = self.add_row("late_fee_cap_rate", self.tr("滞纳金上限比例"), QLineEdit(self))
        self.cap.setPlaceholderText(self.tr("如 0.3 (不超过本金30%)"))
        self.sort_order = self.add_row("sort_order", self.tr("排序"), QSpinBox(self))
        self.active = QCheckBox(self.tr("启用"), self)
        self.active.setChecked(True)
        self.form.addRow(self.active)
        self.notes = self.add_row("notes", self.tr("备注"), QLineEdit(self))
        if item is not None:
            self._load(item)
        else:
            self._fill_targets()

    def _combo(self, items) -> QComboBox:
        combo = QComboBox(self)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        index = combo.findData(str(data))
        if index >= 0:
            combo.setCurrentIndex(index)

    def _fill_targets(self, *_args, selected=()) -> None:
        """Checkable choices for the scope: buildings, uses, or units/spaces (typed codes are not offered)."""
        self.targets.clear()
        scope = self.scope.currentData()
        choices: list[tuple[str, object]] = []
        if scope == Scope.BUILDINGS:
            choices = [(b.name, b.id) for b in self.services.archive.buildings()]
        elif scope == Scope.USES:
            choices = [(code_label(u), str(u)) for u in UnitUse]
        elif scope == Scope.SPACES:
            choices = [(str(t), t) for t in selected]  # kept as saved; spaces are chosen in the archive
        if scope == Scope.UNITS and selected:
            codes = []
            for unit_id in selected:
                try:
                    codes.append(self.services.archive.get_unit(unit_id).unit.code)
                except ServiceError:
                    continue
            self.unit_codes.setText(", ".join(codes))
        self.unit_codes.setEnabled(scope == Scope.UNITS)
        for text, data in choices:
            entry = QListWidgetItem(text, self.targets)
            entry.setData(256, data)
            entry.setCheckState(_checked(data in selected))
        self.targets.setEnabled(scope != Scope.ALL)

    def _load(self, item) -> None:
        self.name.setText(item.name)
        self._select(self.kind, item.kind)
        self._select(self.method, item.method)
        self.price.setText(f"{item.unit_price.normalize():f}")
        self.unit_label.setText(item.unit_label)
        self._select(self.cycle, item.cycle)
        self.start.setText(item.start_date.isoformat())
        self.end.setText(item.end_date.isoformat() if item.end_date else "")
        self._select(self.scope, item.scope)
        self._fill_targets(selected=item.targets)
        self.vacant.setText(f"{item.vacant_rate.normalize():f}" if item.vacant_rate is not None else "")
        self.late_rate.setText(f"{item.late_fee_daily_rate.normalize():f}" if item.late_fee_daily_rate else "")
        self.grace.setValue(item.late_fee_grace_days)
        self.cap.setText(f"{item.late_fee_cap_rate.normalize():f}" if item.late_fee_cap_rate is not None else "")
        self.sort_order.setValue(item.sort_order)
        self.active.setChecked(item.active)
        self.notes.setText(item.notes)

    def _unit_ids(self) -> list[int]:
        """Room codes typed for the 指定房屋 scope → unit ids; an unknown code is a field error."""
        import re

        ids, unknown = [], []
        for code in filter(None, re.split(r"[,，;；\s]+", self.unit_codes.text())):
            matches = [u for u in self.services.archive.search_units(code, limit=5) if u.code == code or u.label == code]
            if len(matches) == 1:
                ids.append(matches[0].id)
            else:
                unknown.append(code)
        if unknown:
            raise FieldError({"unit_codes": self.tr("找不到房号: %1").replace("%1", ", ".join(unknown))})
        return ids

    @property
    def values(self) -> dict[str, object]:
        if self.scope.currentData() == Scope.UNITS:
            targets = self._unit_ids()
        else:
            targets = [self.targets.item(i).data(256) for i in range(self.targets.count())
                       if self.targets.item(i).checkState() == _checked(True)]
        values = {
            "name": self.name.text(), "kind": self.kind.currentData(), "method": self.method.currentData(),
            "unit_price": self.price.text(), "unit_label": self.unit_label.text(), "cycle": self.cycle.currentData(),
            "start_date": self.start.text(), "end_date": self.end.text(), "scope": self.scope.currentData(),
            "targets": targets, "vacant_rate": self.vacant.text(), "late_fee_daily_rate": self.late_rate.text(),
            "late_fee_grace_days": self.grace.value(), "late_fee_cap_rate": self.cap.text(),
            "sort_order": self.sort_order.value(), "active": self.active.isChecked(), "notes": self.notes.text(),
        }
        if self.item is not None:
            values["version"] = self.item.version
        return values

    def save(self):
        return self.services.billing.save_item(self.values, self.item.id if self.item else None)


def _checked(on: bool):
    from PySide6.QtCore import Qt

    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


class _ApprovedDialog(_FormDialog):
    """A money move that needs ``fees.waive`` (减免, 退款): a cashier without it has the manager type their
    user name and password here; the move is then made, and audited, as the manager."""

    def __init__(self, services, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.services = services
        self.approver = self.approver_password = None

    def add_approval_rows(self) -> None:
        if self.services.ctx.can("fees.waive"):
            return
        self.approver = self.add_row("approver", self.tr("批准人 (经理) 用户名"), QLineEdit(self))
        self.approver_password = self.add_row("approver_password", self.tr("批准人密码"), QLineEdit(self))
        self.approver_password.setEchoMode(QLineEdit.EchoMode.Password)

    def approved_services(self):
        """The services acting as whoever approves: this operator, or the manager who signed in here."""
        if self.approver is None:
            return self.services
        actor = self.services.auth.login(self.approver.text(), self.approver_password.text())
        if "fees.waive" not in actor.permissions:
            raise FieldError({"approver": self.tr("%1 没有批准减免/退款的权限").replace("%1", actor.display_name)})
        return self.services.as_actor(actor)


class WaiverDialog(_ApprovedDialog):
    """减免: part of one period's open lines forgiven, with the reason and the manager's approval."""

    def __init__(self, services, account, parent: QWidget | None = None):
        super().__init__(services, self.tr("减免"), parent)
        self.account = account
        self.form.addRow(QLabel(account.label, self))
        self.period = self.add_row("period", self.tr("账期"), QComboBox(self))
        for period in sorted({ln.period for ln in account.lines}):
            self.period.addItem(period, period)
        self.item = self.add_row("item", self.tr("收费项目"), QComboBox(self))
        self.period.currentIndexChanged.connect(self._fill_items)
        self.amount = self.add_row("amount", self.tr("减免金额(元)"), QLineEdit(self))
        self.reason = self.add_row("reason", self.tr("减免原因"), QLineEdit(self))
        self.add_approval_rows()
        self._fill_items()

    def _fill_items(self, *_args) -> None:
        self.item.clear()
        self.item.addItem(self.tr("该账期全部未缴明细"), None)
        seen = set()
        for ln in self.account.lines:
            if ln.period == self.period.currentData() and ln.item_id not in seen and not ln.is_late_fee:
                seen.add(ln.item_id)
                self.item.addItem(ln.item_name, ln.item_id)

    def save(self):
        return self.approved_services().payments.waive(
            self.account.unit_id, self.period.currentData() or "", self.amount.text(), self.reason.text(),
            item_id=self.item.currentData())


class RefundDialog(_ApprovedDialog):
    """退款: prepaid (or an over-payment) paid back to the owner under its own voucher number."""

    def __init__(self, services, account, parent: QWidget | None = None):
        from ui.tabs.fees_common import money_text, pay_method_choices

        super().__init__(services, self.tr("退款"), parent)
        self.account = account
        self.form.addRow(QLabel(self.tr("%1 · 预存款余额 %2 元").replace("%1", account.label)
                                .replace("%2", money_text(account.prepaid_balance)), self))
        self.amount = self.add_row("amount", self.tr("退款金额(元)"), QLineEdit(self))
        self.method = self.add_row("method", self.tr("退款方式"), QComboBox(self))
        for text, code in pay_method_choices():
            self.method.addItem(text, code)
        self.payee = self.add_row("payer", self.tr("领款人"), QLineEdit(self))
        self.payee.setPlaceholderText(account.owners)
        self.reason = self.add_row("reason", self.tr("退款原因"), QLineEdit(self))
        self.add_approval_rows()

    def save(self):
        return self.approved_services().payments.refund(
            self.account.unit_id, self.amount.text(), self.method.currentData(), self.reason.text(),
            payee=self.payee.text())


class ChargeDatesDialog(_FormDialog):
    """计费起止日期 of a unit: 交房/收房 (fees start) and 迁出/过户 (fees end, inclusive), prorated by days."""

    def __init__(self, services, unit_id: int, unit_label: str, parent: QWidget | None = None):
        super().__init__(self.tr("计费起止日期"), parent)
        self.services, self.unit_id = services, unit_id
        start, end = services.billing.charge_dates(unit_id)
        self.form.addRow(QLabel(unit_label, self))
        self.start = self.add_row("charge_start", self.tr("计费开始 (交房/收房日期)"), QLineEdit(self))
        self.end = self.add_row("charge_end", self.tr("计费结束 (迁出/过户日期, 含当天)"), QLineEdit(self))
        self.start.setText(start.isoformat() if start else "")
        self.end.setText(end.isoformat() if end else "")
        for edit in (self.start, self.end):
            edit.setPlaceholderText(self.tr("如 2026-03-16; 空 = 不限"))
        self.form.addRow(QLabel(self.tr("已生成的账单不变; 如需按新日期重算请对该账期执行重算。"), self))

    def save(self):
        return self.services.billing.set_charge_dates(self.unit_id, self.start.text().strip(),
                                                      self.end.text().strip())
