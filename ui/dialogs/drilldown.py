"""The rows behind a dashboard figure: a window-modal dialog with a heading, a read-only table and 关闭.

Built by ``ui.pages.dashboard`` from a table model it fills through the services (a ``ListTableModel`` of
arrears or ledger rows, a ``WindowedTableModel`` of work orders). An optional detail widget with a
``show_row(row)`` slot (the work-order detail pane) sits beside the table and follows the selection.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QVBoxLayout, QWidget

from ui.widgets.table import fit_columns, make_table_view


class DrillDownDialog(QDialog):
    """``model`` is shown as it is; ``summary`` is one line above the table (e.g. "12 户, 合计 3,400.00 元");
    ``stretch_last=False`` keeps a short table of amounts from stretching its last column across the dialog."""

    def __init__(self, title: str, summary: str, model: QAbstractItemModel, parent: QWidget | None = None, *,
                 stretch_last: bool = True, detail: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1180 if detail is not None else 1000, 600)
        self.model = model
        self.detail = detail
        model.setParent(self)
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("drilldown_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.table = make_table_view(model, self)
        if model.rowCount() <= 500:
            fit_columns(self.table)
        self.table.horizontalHeader().setStretchLastSection(stretch_last)  # a few money columns: no stretch
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if detail is None:
            layout.addWidget(self.table, 1)
        else:
            splitter = QSplitter(Qt.Orientation.Horizontal, self)
            splitter.addWidget(self.table)
            splitter.addWidget(detail)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            layout.addWidget(splitter, 1)
            self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        layout.addWidget(buttons)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.detail.show_row(row)

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    def select_id(self, row_id: int, limit: int = 1000) -> bool:
        """Select the row whose ``id`` is ``row_id`` (after a reload); False when it left the list."""
        for row in range(min(self.model.rowCount(), limit)):
            found = self.model.row_at(row)
            if found is not None and getattr(found, "id", None) == row_id:
                self.select_row(row)
                return True
        return False
