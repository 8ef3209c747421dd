"""Where the keyboard goes in a form: fields first, then the buttons, and the cursor in the first field.

Qt's tab order is the order widgets were created; a dialog base that builds its 保存/取消 box in its
constructor, before the subclass adds the fields, therefore opens with focus on 保存 and tabs
保存 → 取消 → fields. Every dialog base calls :func:`fields_first` when it is first shown::

    def showEvent(self, event):
        fields_first(self, self.buttons)
        super().showEvent(event)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets inside ``root`` in their current tab order."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and widget not in chain:
        if root.isAncestorOf(widget):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def takes_tab(widget: QWidget, root: QWidget) -> bool:
    """A widget the Tab key can land on now (enabled, shown, and accepting tab focus)."""
    return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()
            and widget.isVisibleTo(root) and widget.focusProxy() is None)


def fields_first(dialog: QWidget, buttons: QDialogButtonBox, first: QWidget | None = None) -> QWidget | None:
    """Move ``buttons`` to the end of the tab order and put the cursor in ``first`` (default: the first
    field that takes Tab). Returns the widget given the focus. Safe to call again."""
    chain = focus_chain(dialog)
    box = [w for w in chain if isinstance(w, QAbstractButton) and buttons.isAncestorOf(w)]
    fields = [w for w in chain if w not in box and not buttons.isAncestorOf(w)]
    if fields and box:
        previous = fields[-1]
        for button in box:
            QWidget.setTabOrder(previous, button)
            previous = button
    target = first if first is not None else next((w for w in fields if takes_tab(w, dialog)), None)
    if target is not None:
        target.setFocus(Qt.FocusReason.TabFocusReason)
    return target
