"""The add/edit form of one row of a register service (``app.services.register_base.RegisterService``).

A subclass only adds its fields in :meth:`RecordDialog.build`; loading the stored values (with the
version that guards the save), checking with the service's rule and saving are done here::

    class VendorDialog(RecordDialog):
        def build(self) -> None:
            self.setWindowTitle(self.tr("编辑外包单位") if self.record_id else self.tr("新增外包单位"))
            self.add_field("name", self.tr("名称"), line())
            self.add_field("kind", self.tr("类别"), combo(choices(VendorKind)))

Field names are the service's ``values``/``clean`` keys. ``line``, ``combo`` and ``note`` make editors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ui.dialogs.form import FormDialog


def line(placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def combo(items: Sequence[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


def note(placeholder: str = "", height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(height)
    return edit


class RecordDialog(FormDialog):
    """新增/编辑 one register row: ``record_id`` None adds; ``defaults`` pre-fill a new row's fields."""

    def __init__(self, services, service, record_id: int | None = None, *, defaults: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__("", parent)
        self.services = services
        self.service = service
        self.record_id = record_id
        self.version = None
        self.build()
        if record_id is not None:
            stored = service.values(record_id)
            self.version = stored.pop("version", None)
            self.set_values(stored)
        elif defaults:
            self.set_values(defaults)

    def build(self) -> None:
        """Add the fields (and set the window title)."""
        raise NotImplementedError

    def check(self, values: dict[str, Any]) -> None:
        self.service.validate(values)

    def save(self, values: dict[str, Any]) -> int:
        return self.service.save({**values, "version": self.version}, self.record_id)


class ActionDialog(FormDialog):
    """A one-off form (入库, 验收, 复验…): the caller adds fields, ``submit(values)`` calls the service.

    ``FieldError``/``ServiceError`` from ``submit`` land under the fields / above the buttons like any
    form's; ``saved`` carries ``submit``'s int result (0 when it returns none).
    """

    def __init__(self, title: str, submit, *, ok_text: str = "", parent: QWidget | None = None):
        super().__init__(title, parent)
        self.submit = submit
        self.result_value = None
        if ok_text:
            self.buttons.button(self.buttons.StandardButton.Save).setText(ok_text)

    def save(self, values: dict[str, Any]) -> int:
        self.result_value = self.submit(values)
        return self.result_value if isinstance(self.result_value, int) else 0
