"""The one way a list looks: row selection, no editing, fixed row height, sortable headers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def make_table_view(model: QAbstractItemModel | None = None, parent: QWidget | None = None, *,
                    sortable: bool = True) -> QTableView:
    """A read-only QTableView configured for big lists (fixed row heights keep 100k rows cheap)."""
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab leaves the list (arrows move between rows): otherwise Tab only walks the cells and whatever
    # follows the list — buttons, the 收款 form — cannot be reached from the keyboard.
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if model is not None:
        view.setModel(model)
        apply_column_widths(view)
    if sortable:
        # Set after the model: sortingEnabled asks the model to sort once, by the indicator.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


def fit_columns(view: QTableView, padding: int = 18) -> None:
    """Size columns to their contents plus some air (the last one still stretches)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count() - 1):
        header.resizeSection(section, header.sectionSize(section) + padding)


def apply_column_widths(view: QTableView) -> None:
    """Initial widths from the model's ``Column.width`` (in Chinese characters), where given."""
    columns = getattr(view.model(), "columns", None) or []
    em = view.fontMetrics().horizontalAdvance("中")
    header = view.horizontalHeader().fontMetrics()
    for i, column in enumerate(columns):
        width = getattr(column, "width", None)
        if width:
            # Never narrower than the (translated) header: English titles are longer than the Chinese.
            title = str(view.model().headerData(i, Qt.Orientation.Horizontal) or "")
            view.setColumnWidth(i, max(int(width * em), header.horizontalAdvance(title) + 8) + 16)


def fit_columns_to_samples(view: QTableView, samples: dict[int, Iterable[str]], padding: int = 18) -> None:
    """Width of each listed column: its widest sample text or its header, plus some air.

    For big windowed lists, where ``resizeColumnsToContents`` would only see the first rows: pass the texts a
    column can show (e.g. every translated state label), so the width suits the current language.
    """
    metrics = view.fontMetrics()
    header_metrics = view.horizontalHeader().fontMetrics()
    model = view.model()
    for column, texts in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max([metrics.horizontalAdvance(t) for t in texts] + [header_metrics.horizontalAdvance(title) + 8])
        view.setColumnWidth(column, width + padding)
