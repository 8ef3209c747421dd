"""Base of every form dialog: a QFormLayout whose fields show their error message right under them.

A subclass adds fields with :meth:`add_field`, implements :meth:`check` (run the ``app/`` rule on
``self.values``; raise ``FieldError``) and :meth:`save` (call the service; return the new/changed id).
Pressing 保存 runs ``validate()`` then ``save()``; a ``FieldError`` from either is shown next to the
fields it names, any other ``ServiceError`` (conflict, permission…) in the red line above the buttons,
and the dialog stays open with nothing saved. On success ``saved(id)`` is emitted and the dialog closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from ui.messages import ui_errors, ui_message
from ui.widgets.focus import fields_first

ERROR_STYLE = "color: #b00020;"
FIELD_ERROR_STYLE = "border: 1px solid #b00020;"


class FieldRow(QWidget):
    """An input with its (normally hidden) error message underneath."""

    def __init__(self, editor: QWidget, extra: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if extra is not None:
            from PySide6.QtWidgets import QHBoxLayout

            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(editor, 1)
            line.addWidget(extra)
            layout.addLayout(line)
        else:
            layout.addWidget(editor)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setStyleSheet(FIELD_ERROR_STYLE if message else "")


class FormDialog(QDialog):
    """Fields by name, ``values``, ``validate()`` with inline messages, and a ``saved`` signal."""

    saved = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.rows: dict[str, FieldRow] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.saved_id: int | None = None
        self.first_field: QWidget | None = None  # where the cursor starts (default: the first field)

    # ---- building
    def add_field(self, name: str, label: str, editor: QWidget, extra: QWidget | None = None) -> QWidget:
        editor.setObjectName(name)
        if isinstance(editor, QPlainTextEdit):
            editor.setTabChangesFocus(True)  # Tab leaves the text instead of typing a tab into it
        row = FieldRow(editor, extra, self)
        self.rows[name] = row
        self.form.addRow(label, row)
        return editor

    def field(self, name: str) -> QWidget:
        return self.rows[name].editor

    # ---- values and validation
    @property
    def values(self) -> dict[str, Any]:
        """What the fields hold now: text for line edits, item data for combos."""
        result: dict[str, Any] = {}
        for name, row in self.rows.items():
            editor = row.editor
            if isinstance(editor, QComboBox):
                result[name] = editor.currentData()
            elif isinstance(editor, QLineEdit):
                result[name] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                result[name] = editor.toPlainText()
        return result

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            row = self.rows.get(name)
            if row is None:
                continue
            editor = row.editor
            if isinstance(editor, QComboBox):
                index = editor.findData(value)
                if index >= 0:
                    editor.setCurrentIndex(index)
            elif isinstance(editor, QLineEdit):
                editor.setText("" if value is None else str(value))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("" if value is None else str(value))

    def errors(self) -> dict[str, str]:
        """The messages currently shown, by field ("" key: the general message)."""
        shown = {name: row.error.text() for name, row in self.rows.items() if not row.error.isHidden()}
        if not self.general_error.isHidden():
            shown[""] = self.general_error.text()
        return shown

    def show_errors(self, errors: dict[str, str], general: str = "") -> None:
        errors, general = ui_errors(errors), ui_message(general)  # the service's Chinese, translated
        unplaced = [msg for name, msg in errors.items() if name not in self.rows]
        for name, row in self.rows.items():
            row.set_error(errors.get(name, ""))
        general = "\n".join(filter(None, [general, *unplaced]))
        self.general_error.setText(general)
        self.general_error.setVisible(bool(general))
        first = next((row.editor for name, row in self.rows.items() if name in errors), None)
        if first is not None:
            first.setFocus()

    def validate(self) -> bool:
        """Run the domain rule on the current values; show every message; True when all is well."""
        try:
            self.check(self.values)
        except FieldError as exc:
            self.show_errors(exc.errors)
            return False
        self.show_errors({})
        return True

    # ---- to override
    def check(self, values: dict[str, Any]) -> None:
        """Raise FieldError for bad values (use the app/ rule; never a copy of it)."""

    def save(self, values: dict[str, Any]) -> int:
        raise NotImplementedError

    # ---- QDialog
    def showEvent(self, event: QShowEvent) -> None:
        # Fields first, then 保存 → 取消; the cursor in the first field (not on 保存).
        fields_first(self, self.buttons, self.first_field)
        super().showEvent(event)

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.saved_id = self.save(self.values)
        except FieldError as exc:
            self.show_errors(exc.errors)
            return
        except ServiceError as exc:
            self.show_errors({}, str(exc))
            return
        self.saved.emit(self.saved_id)
        super().accept()


class EmbeddedForm(FormDialog):
    """A FormDialog that lives inside a page or a wizard step: ``embed()`` it; 保存 then never closes it.

    ``embed(buttons=False)`` hides the buttons too (the wizard validates with ``validate()`` on 下一步).
    """

    embedded = False

    def embed(self, buttons: bool = True, save_text: str = "") -> None:
        self.embedded = True
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setMinimumWidth(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        if save_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
        self.buttons.setVisible(buttons)

    def done(self, result: int) -> None:
        if self.embedded:
            self.setResult(result)
            return
        super().done(result)
