"""A page over one register service: the ``RegisterView`` list, 新增/编辑/刷新, and its ``RecordDialog``.

The team registers (equipment, vendors, patrol points, supplies…) are this page with their own
columns, filters, dialog and extra buttons::

    page = RegisterPage(services, services.vendors, VENDOR_COLUMNS, VendorDialog,
                        placeholder=self.tr("名称或联系人"))
    page.register.add_filter_combo("kind", self.tr("类别"), [(self.tr("全部"), None), *choices(VendorKind)])
    page.register.add_action(self.tr("登记来访"), page_visit, needs_row=True)

``count``/``fetch`` go to the service's ``count(filters)``/``list(filters, …)``. 新增/编辑 are shown
only with the service's ``manage_permission``; double-click edits. ``last_dialog`` is the dialog opened
last (tests drive it); after a save the list reloads with the saved row selected. Subclass it for a
detail pane (``detail=``) or more actions; :meth:`open_dialog` opens any other ``FormDialog`` the same
way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from ui.dialogs.form import FormDialog
from ui.models.windowed import Column, ListTableModel
from ui.widgets.register_view import RegisterView
from ui.widgets.table import fit_columns, make_table_view


class RegisterPage(QWidget):
    """List + add/edit/refresh over ``service`` (a ``RegisterService``)."""

    def __init__(self, services, service, columns: Sequence[Column],
                 dialog: Callable[..., FormDialog] | None = None, *, placeholder: str = "",
                 sort_key: str | None = None, descending: bool = False, detail: QWidget | None = None,
                 row_style=None, base_filters: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.service = service
        self.dialog_factory = dialog
        self.base_filters = dict(base_filters or {})
        self.last_dialog: FormDialog | None = None
        self.register = RegisterView(
            columns,
            count=lambda f: service.count({**f, **self.base_filters}),
            fetch=lambda f, offset, limit, key, desc: service.list({**f, **self.base_filters}, offset, limit,
                                                                   key or sort_key, desc),
            sort_key=sort_key or service.default_sort, descending=descending, placeholder=placeholder,
            row_style=row_style, detail=detail, parent=self,
        )
        self.can_manage = services.ctx.can(service.manage_permission)
        self.add_action = self.edit_action = None
        if dialog is not None and self.can_manage:
            self.add_action = self.register.add_action(self.tr("新增"), self.add)
            self.edit_action = self.register.add_action(self.tr("编辑"), self.edit, needs_row=True)
            self.register.activated.connect(lambda _row: self.edit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.register)

    def add_refresh(self) -> None:
        """A 刷新 button (F5) at the end of the toolbar, and the first load with the page's filters: call it
        last, after adding the page's own filter combos and actions."""
        self.register.add_action(self.tr("刷新"), self.refresh, shortcut="F5")
        self.register.reload()

    # ---- state
    def current(self) -> Any | None:
        return self.register.current_row()

    def refresh(self) -> None:
        self.register.reload()

    # ---- dialogs
    def open_dialog(self, dialog: FormDialog, select_id: Callable[[int], int | None] | None = None) -> FormDialog:
        """Open ``dialog`` window-modal; after its save reload and select the saved row (or ``select_id(id)``)."""
        if self.last_dialog is not None:
            self.last_dialog.deleteLater()
        self.last_dialog = dialog
        pick = select_id or (lambda saved: saved)
        dialog.saved.connect(lambda saved: self.reload_selecting(pick(saved)))
        dialog.open()
        return dialog

    def reload_selecting(self, row_id: int | None) -> None:
        self.register.reload(select=(lambda row: getattr(row, "id", None) == row_id) if row_id else None)

    def new_defaults(self) -> dict[str, Any]:
        """Pre-filled fields of a new row (override: e.g. the page's fixed warehouse)."""
        return {}

    def add(self) -> FormDialog | None:
        return self.open_dialog(self.dialog_factory(self.services, self.service, None, defaults=self.new_defaults(),
                                                    parent=self))

    def edit(self) -> FormDialog | None:
        row = self.current()
        if row is None or not self.can_manage or self.dialog_factory is None:
            return None
        return self.open_dialog(self.dialog_factory(self.services, self.service, row.id, parent=self))

    def run(self, title: str, action: Callable[[], Any], done: str = "") -> Any | None:
        """Call a service action; a ServiceError becomes a warning box; reload after success."""
        try:
            result = action()
        except ServiceError as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
        if done:
            QMessageBox.information(self, title, done)
        self.register.reload()
        return result


class DetailPane(QWidget):
    """The right-hand side of a register: a title, a few facts, a small list and buttons under it.

    ``show(title, [(caption, text), …], rows)`` fills it; ``clear(message)`` empties it (buttons off).
    """

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None, row_style=None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("detail_title")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.facts = QFormLayout()
        self.model = ListTableModel(columns, row_style=row_style, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self._buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.facts)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.clear()

    def add_button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        button.setEnabled(False)
        self.buttons.addWidget(button)
        self._buttons.append(button)
        return button

    def clear(self, message: str = "") -> None:
        self.title.setText(message or self.tr("在左侧选择一行查看详情"))
        self._set_facts([])
        self.model.set_rows([])
        for button in self._buttons:
            button.setEnabled(False)

    def show(self, title: str, facts: Sequence[tuple[str, str]], rows: Sequence[Any]) -> None:  # noqa: A003
        self.title.setText(title)
        self._set_facts(facts)
        self.model.set_rows(rows)
        fit_columns(self.table)
        for button in self._buttons:
            button.setEnabled(True)

    def _set_facts(self, facts: Sequence[tuple[str, str]]) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        for caption, text in facts:
            value = QLabel(text or "—", self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(caption, value)


def show_pdf(parent: QWidget, pdf: bytes, title: str, file_name: str):
    """Preview a PDF from a service (print/save from the preview); returns the dialog (tests close it)."""
    from ui.widgets.pdf_preview import PdfPreviewDialog

    dialog = PdfPreviewDialog(pdf, title=title, file_name=file_name, parent=parent)
    parent.last_preview = dialog
    dialog.open()
    return dialog
