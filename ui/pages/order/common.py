"""What the 秩序 pages share: translated labels of their codes, a form built from (name, label, editor) and
a save callable, and a page base around one RegisterView that runs service calls with a message on error."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.errors import ServiceError
from app.models import ORDER_LABELS
from app.services import Services
from ui.dialogs.form import FormDialog
from ui.labels import code_label
from ui.widgets.register_view import RegisterView

LABEL_CONTEXT = "OrderLabel"

# Every text of ORDER_LABELS, so lupdate finds them.
_MARKED = (
    QT_TRANSLATE_NOOP("OrderLabel", "门岗"), QT_TRANSLATE_NOOP("OrderLabel", "监控中心"),
    QT_TRANSLATE_NOOP("OrderLabel", "停水"), QT_TRANSLATE_NOOP("OrderLabel", "停电"),
    QT_TRANSLATE_NOOP("OrderLabel", "停气"), QT_TRANSLATE_NOOP("OrderLabel", "电梯停运"),
    QT_TRANSLATE_NOOP("OrderLabel", "火警火灾"), QT_TRANSLATE_NOOP("OrderLabel", "水浸"),
    QT_TRANSLATE_NOOP("OrderLabel", "电梯困人"), QT_TRANSLATE_NOOP("OrderLabel", "治安事件"),
    QT_TRANSLATE_NOOP("OrderLabel", "自然灾害"), QT_TRANSLATE_NOOP("OrderLabel", "违章搭建"),
    QT_TRANSLATE_NOOP("OrderLabel", "占用消防通道"), QT_TRANSLATE_NOOP("OrderLabel", "违规装修"),
    QT_TRANSLATE_NOOP("OrderLabel", "违规饲养宠物"), QT_TRANSLATE_NOOP("OrderLabel", "乱倒垃圾"),
    QT_TRANSLATE_NOOP("OrderLabel", "劝阻"), QT_TRANSLATE_NOOP("OrderLabel", "书面整改通知"),
    QT_TRANSLATE_NOOP("OrderLabel", "复查"), QT_TRANSLATE_NOOP("OrderLabel", "上报"),
    QT_TRANSLATE_NOOP("OrderLabel", "已结案"),
)


def order_label(code: object) -> str:
    """The translated label of a 秩序 code (gate → 门岗), or of any other stored code."""
    text = ORDER_LABELS.get(str(code))
    return QCoreApplication.translate(LABEL_CONTEXT, text) if text else code_label(code)


def order_choices(codes) -> list[tuple[str, str]]:
    return [(order_label(code), str(code)) for code in codes]


def when(value: datetime | None) -> str:
    return f"{value:%m-%d %H:%M}" if value else ""


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def line(placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def text_box(placeholder: str = "", text: str = "", lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def combo(items: Sequence[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


class ServiceForm(FormDialog):
    """A form from ``fields`` [(name, label, editor)] whose 保存 calls ``save(values)`` (the service checks)."""

    def __init__(self, title: str, fields: Sequence[tuple[str, str, QWidget]], save: Callable[[dict], Any],
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        for name, label, editor in fields:
            self.add_field(name, label, editor)
        self._save = save

    def save(self, values: dict[str, Any]) -> int:
        result = self._save(values)
        return result if isinstance(result, int) else 0


class DeskPage(QWidget):
    """A 秩序 desk page around one :class:`RegisterView` (its services are use cases with their own verbs, not
    the table-editing ``RegisterService`` of ``ui/pages/register_page.py``); ``run(fn)`` calls a service and shows a ServiceError as a
    message (returning None); ``open_form`` opens a form window-modal and reloads the list after it saved."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.last_dialog: QWidget | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def set_register(self, register: RegisterView) -> RegisterView:
        self.register = register
        self.layout_.addWidget(register, 1)
        return register

    @staticmethod
    def add_filter(register: RegisterView, key: str, label: str, items: Sequence[tuple[str, Any]]) -> QComboBox:
        """A filter combo whose first item applies at once (the register counted before the combo existed)."""
        box = register.add_filter_combo(key, label, items)
        register.reload()
        return box

    def run(self, fn: Callable[[], Any], title: str = "") -> Any:
        try:
            return fn()
        except ServiceError as exc:
            QMessageBox.warning(self, title or self.windowTitle() or self.tr("提示"), str(exc))
            return None

    def done(self, fn: Callable[[], Any], title: str = "") -> Any:
        """``run`` then reload the list (keeping the cursor)."""
        result = self.run(fn, title)
        self.register.reload()
        return result

    def open_form(self, dialog: FormDialog, after: Callable[[int], Any] | None = None) -> FormDialog:
        if self.last_dialog is not None and shiboken6.isValid(self.last_dialog):  # a preview deletes itself
            self.last_dialog.deleteLater()
        self.last_dialog = dialog
        dialog.saved.connect(lambda saved_id: (self.register.reload(), after and after(saved_id)))
        dialog.open()
        return dialog

    def show_pdf(self, make: Callable[[], bytes], title: str, filename: str) -> QWidget | None:
        from ui.tabs.fees_common import show_pdf

        pdf = self.run(make, title)
        if pdf is None:
            return None
        self.last_dialog = show_pdf(self, pdf, title, filename)
        return self.last_dialog
