"""The rows behind a dashboard figure: a window-modal dialog with a heading, a read-only table and 关闭.

Built by ``ui.pages.dashboard`` from a table model it fills through the services (a ``ListTableModel`` of
arrears or ledger rows, a ``WindowedTableModel`` of work orders).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.widgets.table import fit_columns, make_table_view


class DrillDownDialog(QDialog):
    """``model`` is shown as it is; ``summary`` is one line above the table (e.g. "12 户, 合计 3,400.00 元")."""

    def __init__(self, title: str, summary: str, model: QAbstractItemModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1000, 560)
        self.model = model
        model.setParent(self)
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("drilldown_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.table = make_table_view(model, self)
        if model.rowCount() <= 500:
            fit_columns(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
