"""Small forms for the moves of a work order: a note/reason, dispatch, completion, return visit.

Each dialog is given ``submit(values) -> WorkOrderDetail`` (a service call). OK calls it; a FieldError
is shown next to its field and the dialog stays open, any other ServiceError above the buttons; on
success the new detail is in ``detail`` and ``accepted`` fires.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
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
from app.money import format_money, to_money
from app.services.workorders import Material
from ui.widgets.focus import fields_first
from ui.widgets.money_edit import money_input

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
        if field is None:
            self.form.addRow(label, widget)
            return widget
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
        self.form.addRow(label, box)
        return widget

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
                label.setText(text if label.isHidden() else f"{label.text()}\n{text}")
                label.show()
        self.show_message("\n".join(unplaced))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
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
                 load: Callable[[str], dict[int, int]] | None = None, parent: QWidget | None = None):
        super().__init__(title, submit, parent)
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
        self.add_row(self.tr("派单说明"), self.note)
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
        super().submit()


class CompleteDialog(MoveDialog):
    """完成: work notes, materials (name, unit, quantity, price) and — for 自用部位 — the labour fee."""

    COL_NAME, COL_UNIT, COL_QTY, COL_PRICE, COL_AMOUNT = range(5)

    def __init__(self, title: str, submit: Submit, *, private: bool, parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.private = private
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
                     self._cell(r, self.COL_UNIT))
            for r in range(self.materials.rowCount())
        ]
        return {"work_notes": self.notes.toPlainText().strip(), "materials": materials,
                "labour_fee": self.labour.text().strip() if self.private else "0"}


class VisitDialog(MoveDialog):
    """回访: satisfaction 1–5 and the owner's comment."""

    SCORES = ((5, "非常满意"), (4, "满意"), (3, "一般"), (2, "不满意"), (1, "非常不满意"))

    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None):
        super().__init__(title, submit, parent)
        self.group = QButtonGroup(self)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        texts = {5: self.tr("非常满意"), 4: self.tr("满意"), 3: self.tr("一般"), 2: self.tr("不满意"),
                 1: self.tr("非常不满意")}
        for score, _source in self.SCORES:
            button = QRadioButton(f"{score} {texts[score]}", row)
            button.setObjectName(f"score_{score}")
            self.group.addButton(button, score)
            line.addWidget(button)
        self.add_row(self.tr("满意度"), row, "satisfaction")
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(self.fontMetrics().height() * 4)
        self.add_row(self.tr("业主意见"), self.comment)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"satisfaction": self.group.checkedId() if self.group.checkedId() > 0 else None,
                "comment": self.comment.toPlainText().strip()}
