"""Small forms for the moves of a work order: a note/reason, dispatch/reassign, hold, completion, return
visit (reached or not), correction, desk closure and handing over a leaving technician's orders.

Each dialog is given ``submit(values) -> WorkOrderDetail`` (a service call). OK calls it; a FieldError
is shown next to its field and the dialog stays open, any other ServiceError above the buttons; on
success the new detail is in ``detail`` and ``accepted`` fires.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, FieldError, ServiceError
from app.models import Category, Location, Priority
from app.money import format_money, to_money
from app.services.workorders import Material
from ui.messages import ui_message
from ui.widgets.focus import fields_first
from ui.widgets.money_edit import money_input
from ui.workorder_labels import wo_choices

STOCK_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # on a material's name cell: the stock item it draws from

Submit = Callable[[dict[str, Any]], Any]
ERROR_STYLE = "color: #b00020;"


class MoveDialog(QDialog):
    """A form with per-field error labels that calls ``submit`` on OK."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.detail = None
        self.conflict = False  # someone else saved the order first: the caller reloads it
        self._errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.message = QLabel(self)
        self.message.setObjectName("dialog_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.first_field: QWidget | None = None  # where the cursor starts (default: the first field)

    def showEvent(self, event) -> None:
        fields_first(self, self.buttons, self.first_field)
        super().showEvent(event)

    def add_row(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        """A labelled field; ``field`` is the service's key for its error message."""
        self.form.addRow(label, widget if field is None else self.boxed(widget, field))
        return widget

    def boxed(self, widget: QWidget, field: str) -> QWidget:
        """The widget over its (hidden) error label, as one row's field."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self._errors[field] = error
        return box

    def values(self) -> dict[str, Any]:  # pragma: no cover - overridden
        return {}

    def show_errors(self, errors: dict[str, str]) -> None:
        unplaced = []
        for label in self._errors.values():
            label.hide()
        for field, text in errors.items():
            key = field.split(".")[0]
            label = self._errors.get(field) or self._errors.get(key)
            if label is None:
                unplaced.append(text)
            else:
                text = ui_message(text)
                label.setText(text if label.isHidden() else f"{label.text()}\n{text}")
                label.show()
        self.show_message("\n".join(unplaced))

    def show_message(self, text: str) -> None:
        self.message.setText(ui_message(text))
        self.message.setVisible(bool(text))

    def submit(self) -> None:
        self.show_errors({})
        try:
            self.detail = self._submit(self.values())
        except FieldError as exc:
            self.show_errors(exc.errors)
            return
        except ConflictError as exc:
            self.conflict = True
            self.show_message(str(exc))
            return
        except ServiceError as exc:
            self.show_message(str(exc))
            return
        self.accept()


class NoteDialog(MoveDialog):
    """A note (催办, 开始处理) or a required reason (挂起, 取消)."""

    def __init__(self, title: str, label: str, submit: Submit, *, required: bool = False, text: str = "",
                 parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.required = required
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setPlainText(text)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 5)
        self.add_row(label, self.note, "reason")
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"note": self.note.toPlainText().strip()}

    def submit(self) -> None:
        if self.required and not self.values()["note"]:
            self.show_errors({"reason": self.tr("请填写原因")})
            return
        super().submit()


class DispatchDialog(MoveDialog):
    """派单/改派: a team, then one of its active staff, and an optional note."""

    def __init__(self, title: str, teams: Sequence[tuple[str, str]], staff: Callable[[str], Sequence[Any]],
                 submit: Submit, *, team: str = "", current_assignee: int | None = None,
                 load: Callable[[str], dict[int, int]] | None = None, reassign: bool = False,
                 parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.reassign = reassign
        self._staff = staff
        self._load = load
        self.current_assignee = current_assignee
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        for text, code in teams:
            self.team.addItem(text, code)
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assignee")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.add_row(self.tr("班组"), self.team)
        self.add_row(self.tr("处理人"), self.assignee, "assignee_id")
        self.add_row(self.tr("改派原因") if reassign else self.tr("派单说明"), self.note, "note")
        if reassign:
            self.note.setPlaceholderText(self.tr("如 请假、技能不符、离职交接"))
        self.team.currentIndexChanged.connect(self._fill_staff)
        index = self.team.findData(team)
        self.team.setCurrentIndex(max(index, 0))
        self._fill_staff()
        self.first_field = self.assignee  # the team follows the category: the choice is the person
        self.resize(380, self.sizeHint().height())

    def _fill_staff(self) -> None:
        self.assignee.clear()
        # Nobody is proposed: an Enter straight after opening must not dispatch to the first name.
        self.assignee.addItem(self.tr("请选择处理人 (↑↓)"), None)
        try:
            rows = list(self._staff(self.team.currentData()))
        except ServiceError as exc:
            self.show_message(str(exc))
            rows = []
        try:
            load = self._load(self.team.currentData()) if self._load else {}
        except ServiceError:
            load = {}
        for row in rows:
            text = f"{row.name} · {row.position}" if row.position else row.name
            if self._load is not None:
                text += self.tr(" (在办 %n 单)", "", load.get(row.id, 0))
            if row.id == self.current_assignee:
                text += self.tr(" (当前)")
            self.assignee.addItem(text, row.id)
        if not rows:
            self.assignee.setItemText(0, self.tr("(该班组没有在职员工)"))

    def values(self) -> dict[str, Any]:
        return {"assignee_id": self.assignee.currentData(), "note": self.note.text().strip()}

    def submit(self) -> None:
        if self.assignee.currentData() is None:
            self.show_errors({"assignee_id": self.tr("请选择处理人")})
            self.assignee.setFocus()
            return
        if self.reassign and not self.values()["note"]:
            self.show_errors({"note": self.tr("请填写改派原因")})
            return
        super().submit()


class HoldDialog(NoteDialog):
    """挂起: the reason and the date work is expected to resume; the deadline clocks stop meanwhile."""

    def __init__(self, title: str, submit: Submit, *, today: QDate, parent: QWidget | None = None):
        super().__init__(title, self.tr("挂起原因"), submit, required=True, parent=parent)
        self.until = QDateEdit(today.addDays(1), self)
        self.until.setObjectName("until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setMinimumDate(today)
        self.add_row(self.tr("预计恢复日期"), self.until, "until")
        hint = QLabel(self.tr("挂起期间响应和完成时限暂停计时, 恢复处理后顺延。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(dark);")
        self.form.addRow(hint)

    def values(self) -> dict[str, Any]:
        return {**super().values(), "until": self.until.date().toPython()}


class HandoverDialog(MoveDialog):
    """交接: every open order of a leaving technician goes to another person, with the reason."""

    def __init__(self, title: str, staff: Sequence[Any], submit: Submit, *, team_label: Callable[[str], str],
                 parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.leaving, self.taking = QComboBox(self), QComboBox(self)
        self.leaving.setObjectName("leaving")
        self.taking.setObjectName("taking")
        for member in staff:
            text = f"{team_label(member.team)} · {member.name}"
            self.leaving.addItem(text, member.id)
            if member.active:
                self.taking.addItem(text, member.id)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("如 离职、调岗、长假"))
        self.add_row(self.tr("交出人"), self.leaving)
        self.add_row(self.tr("接手人"), self.taking, "assignee_id")
        self.add_row(self.tr("交接原因"), self.reason, "note")
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"from": self.leaving.currentData(), "to": self.taking.currentData(), "reason": self.reason.text()}


class DeskCloseDialog(MoveDialog):
    """前台办结 a registered 咨询/建议: the answer, and whether a return visit is wanted."""

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(self.fontMetrics().height() * 5)
        self.add_row(self.tr("答复内容"), self.answer, "answer")
        self.visit = QCheckBox(self.tr("需要回访"), self)
        self.visit.setObjectName("visit")
        self.add_row("", self.visit)
        self.resize(420, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"answer": self.answer.toPlainText().strip(), "visit": self.visit.isChecked()}


class CorrectDialog(MoveDialog):
    """更正 category / priority / part / unit after intake, with the reason; deadlines are recomputed."""

    KEEP = object()

    def __init__(self, title: str, submit: Submit, *, row: Any, unit_text: str,
                 find_units: Callable[[str], Sequence[Any]], parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self._find_units = find_units
        self.category = self._combo("category", wo_choices(Category), row.category)
        self.priority = self._combo("priority", wo_choices(Priority), row.priority)
        self.location = self._combo("location", wo_choices(Location), row.location)
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        self.unit.addItem(unit_text or self.tr("(公共区域)"), row.unit_id)
        if row.unit_id:
            self.unit.addItem(self.tr("(无, 公共区域)"), None)
        self._fixed = self.unit.count()  # the current unit and "none": kept across searches
        self.lookup = QLineEdit(self)
        self.lookup.setObjectName("unit_lookup")
        self.lookup.setPlaceholderText(self.tr("输入房号或业主姓名后回车查找"))
        self.lookup.returnPressed.connect(self.search_units)
        unit_box = QWidget(self)
        column = QVBoxLayout(unit_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.unit)
        column.addWidget(self.lookup)
        self.add_row(self.tr("类别"), self.category, "category")
        self.add_row(self.tr("紧急程度"), self.priority, "priority")
        self.add_row(self.tr("部位"), self.location, "location")
        self.add_row(self.tr("房屋"), unit_box, "unit_id")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.add_row(self.tr("更正原因"), self.reason, "reason")
        self._initial = self._fields()
        self.resize(440, self.sizeHint().height())

    def _combo(self, name: str, items: list[tuple[str, str]], current: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, code in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def search_units(self) -> None:
        try:
            units = self._find_units(self.lookup.text().strip()) if self.lookup.text().strip() else []
        except ServiceError as exc:
            self.show_message(str(exc))
            return
        while self.unit.count() > self._fixed:  # drop the previous search's matches
            self.unit.removeItem(self.unit.count() - 1)
        for unit in units:
            self.unit.addItem(f"{unit.code}  {unit.owners}".strip(), unit.id)
        if units:
            self.unit.setCurrentIndex(self.unit.count() - len(units))
            self.show_message("")
        else:
            self.show_message(self.tr("没有找到匹配的房屋"))

    def _fields(self) -> dict[str, Any]:
        return {"category": self.category.currentData(), "priority": self.priority.currentData(),
                "location": self.location.currentData(), "unit_id": self.unit.currentData()}

    def values(self) -> dict[str, Any]:
        """The reason, and only the fields that differ from the order (the service names each in the history)."""
        return {"changes": {k: v for k, v in self._fields().items() if v != self._initial[k]},
                "reason": self.reason.text()}


class CompleteDialog(MoveDialog):
    """完成: work notes, materials (name, unit, quantity, price) and — for 自用部位 — the labour fee."""

    COL_NAME, COL_UNIT, COL_QTY, COL_PRICE, COL_AMOUNT = range(5)

    def __init__(self, title: str, submit: Submit, *, private: bool, parent: QWidget | None = None,
                 services=None):
        super().__init__(title, submit, parent)
        self.private = private
        self.services = services  # given (with the stock right): 从库存选择 adds lines that draw from stock
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("work_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 5)
        self.add_row(self.tr("处理情况"), self.notes, "work_notes")

        self.materials = QTableWidget(0, 5, self)
        self.materials.setObjectName("materials")
        self.materials.setHorizontalHeaderLabels(
            [self.tr("材料名称"), self.tr("单位"), self.tr("数量"), self.tr("单价(元)"), self.tr("金额(元)")])
        self.materials.horizontalHeader().setSectionResizeMode(self.COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.materials.verticalHeader().setVisible(False)
        self.materials.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.materials.setMinimumHeight(self.fontMetrics().height() * 8)
        self.materials.itemChanged.connect(self._recalculate)
        add = QPushButton(self.tr("添加材料"), self)
        add.setObjectName("add_material")
        add.clicked.connect(self.add_material)
        remove = QPushButton(self.tr("删除所选"), self)
        remove.clicked.connect(self._remove_selected)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.materials)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        if services is not None and services.ctx.can("inventory.manage"):
            from_stock = QPushButton(self.tr("从库存选择"), self)
            from_stock.setObjectName("pick_stock")
            from_stock.clicked.connect(self.pick_from_stock)
            buttons.addWidget(from_stock)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.add_row(self.tr("使用材料"), box, "materials")

        self.labour = money_input(QLineEdit("0.00", self))
        self.labour.setObjectName("labour_fee")
        self.labour.setEnabled(private)
        self.labour.textChanged.connect(self._recalculate)
        self.add_row(self.tr("人工费(元)"), self.labour, "labour_fee")
        self.total = QLabel(self)
        self.total.setObjectName("total")
        self.add_row(self.tr("向业主收费"), self.total)
        self._recalculate()
        self.resize(620, self.sizeHint().height())

    def add_material(self, name: str = "", unit: str = "", quantity: str = "1", price: str = "") -> int:
        row = self.materials.rowCount()
        self.materials.blockSignals(True)
        self.materials.insertRow(row)
        for col, text in ((self.COL_NAME, name), (self.COL_UNIT, unit), (self.COL_QTY, quantity),
                          (self.COL_PRICE, price)):
            self.materials.setItem(row, col, QTableWidgetItem(text))
        amount = QTableWidgetItem("")
        amount.setFlags(amount.flags() & ~Qt.ItemFlag.ItemIsEditable)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.materials.setItem(row, self.COL_AMOUNT, amount)
        self.materials.blockSignals(False)
        self._recalculate()
        return row

    def pick_from_stock(self) -> int | None:
        """A line for a stock item (its average price); completing the order issues it from stock."""
        from ui.dialogs.stock_pick import StockPickDialog

        dialog = StockPickDialog(self.services, parent=self)
        if not dialog.exec() or dialog.picked is None:
            return None
        picked = dialog.picked
        row = self.add_material(picked.name, picked.unit, picked.quantity, picked.price)
        self.materials.item(row, self.COL_NAME).setData(STOCK_ITEM_ROLE, picked.item_id)
        return row

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.materials.selectedIndexes()}, reverse=True)
        for row in rows:
            self.materials.removeRow(row)
        self._recalculate()

    def _cell(self, row: int, col: int) -> str:
        item = self.materials.item(row, col)
        return item.text().strip() if item else ""

    def _recalculate(self, *_args) -> None:
        """Live amounts and total (display only: the service computes and rounds the stored ones)."""
        material_total = Decimal("0")
        self.materials.blockSignals(True)
        for row in range(self.materials.rowCount()):
            try:
                amount = to_money(Decimal(self._cell(row, self.COL_QTY) or "0") *
                                  Decimal(self._cell(row, self.COL_PRICE) or "0"))
                text = format_money(amount)
                material_total += amount
            except (InvalidOperation, ValueError):
                text = "?"
            self.materials.item(row, self.COL_AMOUNT).setText(text)
        self.materials.blockSignals(False)
        if not self.private:
            self.total.setText(self.tr("公共部位维修, 不向业主收费"))
            return
        try:
            labour = to_money(self.labour.text() or "0")
        except ValueError:
            self.total.setText(self.tr("人工费不是有效金额"))
            return
        self.total.setText(self.tr("人工费 %1 + 材料费 %2 = %3 元").replace("%1", format_money(labour))
                           .replace("%2", format_money(material_total))
                           .replace("%3", format_money(labour + material_total)))

    def values(self) -> dict[str, Any]:
        materials = [
            Material(self._cell(r, self.COL_NAME), self._cell(r, self.COL_QTY), self._cell(r, self.COL_PRICE),
                     self._cell(r, self.COL_UNIT), self.materials.item(r, self.COL_NAME).data(STOCK_ITEM_ROLE))
            for r in range(self.materials.rowCount())
        ]
        return {"work_notes": self.notes.toPlainText().strip(), "materials": materials,
                "labour_fee": self.labour.text().strip() if self.private else "0"}


class VisitDialog(MoveDialog):
    """回访: reached (satisfaction 1–5 and the owner's comment; 2 or less reopens the order as rework) or
    not reached (联系不上: the attempt is counted and the next one planned)."""

    SCORES = ((5, "非常满意"), (4, "满意"), (3, "一般"), (2, "不满意"), (1, "非常不满意"))

    def __init__(self, title: str, submit: Submit, *, now: QDateTime | None = None, attempts: int = 0,
                 parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.reached = QRadioButton(self.tr("已联系上"), self)
        self.reached.setObjectName("reached")
        self.unreached = QRadioButton(self.tr("联系不上"), self)
        self.unreached.setObjectName("unreached")
        self.reached.setChecked(True)
        outcome = QWidget(self)
        line = QHBoxLayout(outcome)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.reached)
        line.addWidget(self.unreached)
        if attempts:
            line.addWidget(QLabel(self.tr("(已尝试 %n 次)", "", attempts), self))
        line.addStretch(1)
        self.add_row(self.tr("回访结果"), outcome)
        self.group = QButtonGroup(self)
        self.scores = QWidget(self)
        line = QHBoxLayout(self.scores)
        line.setContentsMargins(0, 0, 0, 0)
        texts = {5: self.tr("非常满意"), 4: self.tr("满意"), 3: self.tr("一般"), 2: self.tr("不满意"),
                 1: self.tr("非常不满意")}
        for score, _source in self.SCORES:
            button = QRadioButton(f"{score} {texts[score]}", self.scores)
            button.setObjectName(f"score_{score}")
            self.group.addButton(button, score)
            line.addWidget(button)
        self.scores_label = QLabel(self.tr("满意度"), self)
        self.form.addRow(self.scores_label, self.boxed(self.scores, "satisfaction"))
        self.rework_hint = QLabel(self.tr("2分及以下: 工单将退回原班组返工 (最多两次, 之后转经理)。"), self)
        self.rework_hint.setWordWrap(True)
        self.rework_hint.setStyleSheet("color: palette(dark);")
        self.form.addRow("", self.rework_hint)
        start = now or QDateTime.currentDateTime()
        self.next_attempt = QDateTimeEdit(start.addDays(1), self)
        self.next_attempt.setObjectName("next_attempt")
        self.next_attempt.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.next_attempt.setCalendarPopup(True)
        self.next_label = QLabel(self.tr("下次回访"), self)
        self.form.addRow(self.next_label, self.boxed(self.next_attempt, "next_attempt"))
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.fontMetrics().height() * 4)
        self.add_row(self.tr("业主意见/备注"), self.comment, "comment")
        self.unreached.toggled.connect(self._outcome_changed)
        self._outcome_changed()
        self.resize(560, self.sizeHint().height())

    def _outcome_changed(self, *_args) -> None:
        reached = not self.unreached.isChecked()
        self.form.setRowVisible(self.scores_label, reached)
        self.form.setRowVisible(self.rework_hint, reached)
        self.form.setRowVisible(self.next_label, not reached)

    def values(self) -> dict[str, Any]:
        reached = not self.unreached.isChecked()
        return {"reached": reached,
                "satisfaction": self.group.checkedId() if reached and self.group.checkedId() > 0 else None,
                "next_attempt": None if reached else self.next_attempt.dateTime().toPython().replace(second=0,
                                                                                                  microsecond=0),
                "comment": self.comment.toPlainText().strip()}
