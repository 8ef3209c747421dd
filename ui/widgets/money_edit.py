"""Money input: a QLineEdit that takes at most two decimals (yuan and fen), as the ledger keeps them."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit

MONEY_PATTERN = QRegularExpression(r"[0-9]{0,10}(\.[0-9]{0,2})?")


def money_input(edit: QLineEdit) -> QLineEdit:
    """Refuse a third decimal (and letters) as they are typed; the service still checks the amount."""
    edit.setValidator(QRegularExpressionValidator(MONEY_PATTERN, edit))
    return edit
