"""The "register" pattern (登记簿): filter bar + big lazy list + detail pane + actions.

Every register of the app (owner archive, work orders, bills, visitor log, equipment ledger…) is this
widget with its own columns, service callables, filter combos, detail widget and buttons::

    view = RegisterView(
        COLUMNS,
        count=lambda f: svc.count_units(UnitFilter(f["query"], f.get("building_id"))),
        fetch=lambda f, offset, limit, sort, desc: svc.list_units(
            UnitFilter(f["query"], f.get("building_id")), offset, limit, sort or "code", desc),
        sort_key="code",
        placeholder=self.tr("房号、姓名、手机号、身份证尾号或车牌"),
    )
    view.add_filter_combo("building_id", self.tr("楼栋"), [(self.tr("全部楼栋"), None), ("1栋", 1)])
    view.add_action(self.tr("编辑房屋"), self.edit_unit, needs_row=True)
    view.set_detail(UnitDetailPane())
    view.current_row_changed.connect(detail.show_row)

With ``seek=True`` the service pages by keyset: ``fetch`` also takes ``after=`` (see
``WindowedTableModel``) and passes it on, e.g. ``lambda f, offset, limit, sort, desc, after=None:
svc.list_units(…, after=after)``.

``f`` is :meth:`filters`: ``{"query": <search text>, <combo key>: <combo data>, …}``. Typing in the search
box reloads after a short pause (``debounce_ms``); a combo reloads at once. After saving something call
:meth:`reload` (optionally ``select=lambda row: row.id == new_id`` to put the cursor on it).

Export: :meth:`export_rows` gives the headers and all rows' display texts in the current order and
filter; an "导出" button can be added by the caller with ``add_action`` (``app.excel`` writes the file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.paging import AtLeast
from ui import shortcuts
from ui.models.windowed import ROW_ROLE, Column, RowStyle, WindowedTableModel
from ui.widgets.flow_layout import FlowLayout, labelled
from ui.widgets.table import make_table_view

Filters = dict[str, Any]

MIN_FIRST_ROWS = 16  # rows read first however small the list is shown


class RegisterView(QWidget):
    """A searchable, lazily loaded list with a filter bar, a toolbar, a row count and a detail pane."""

    current_row_changed = Signal(object)  # the row dataclass, or None when nothing is selected
    activated = Signal(object)  # double-click / Enter on a row
    filters_changed = Signal()  # after the debounce, just before the list reloads
    load_failed = Signal(str)  # a ServiceError while counting/fetching (shown in the count label too)

    def __init__(
        self,
        columns: Sequence[Column],
        count: Callable[[Filters], int],
        fetch: Callable[[Filters, int, int, str | None, bool], Sequence[Any]],
        *,
        sort_key: str | None = None,
        descending: bool = False,
        placeholder: str = "",
        row_style: Callable[[Any], RowStyle | None] | None = None,
        detail: QWidget | None = None,
        debounce_ms: int = 250,
        block_size: int = 200,
        seek: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._combos: dict[str, QComboBox] = {}
        self._row_actions: list[QAction] = []
        self._error = ""

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(placeholder or self.tr("搜索"))
        # Wide enough for its hint text (up to a limit): the filter bar wraps instead of squeezing it.
        hint_width = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 48
        self.search.setMinimumWidth(max(180, min(hint_width, 380)))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filters)

        # Search, filter combos, row count: wraps onto a second line when the window is narrow.
        self.filter_bar = FlowLayout()
        self.filter_bar.addWidget(self.search)
        self.filter_bar.addStretch()
        self.count_label = QLabel(self)
        self.filter_bar.addWidget(self.count_label)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setVisible(False)

        self.model = WindowedTableModel(
            columns,
            count=lambda: count(self.filters()),
            fetch=lambda offset, limit, key, desc, **seek_from: fetch(self.filters(), offset, limit, key, desc,
                                                                    **seek_from),
            sort_key=sort_key, descending=descending, block_size=block_size, row_style=row_style,
            load=False, seek=seek, parent=self,
        )
        self.model.load_failed.connect(self._on_load_failed)
        self.table = make_table_view(self.model, self)
        # Said over an empty list, so an empty table never looks like a broken one (see set_empty_text).
        self.empty_label = QLabel(self.tr("没有符合条件的记录。可以清空搜索框或把筛选改为“全部”。"), self.table.viewport())
        self.empty_label.setObjectName("empty_hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #777; padding: 24px;")
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        empty_layout = QVBoxLayout(self.table.viewport())
        empty_layout.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignTop)
        self.empty_label.hide()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._on_reset)
        self.table.viewport().installEventFilter(self)  # its height: how many rows the list reads first

        # Keys: Ctrl+F from anywhere on the page returns to the search box (active only while this register
        # is shown, so each page's own box is meant); ↓ in the box goes into the list.
        shortcuts.shortcut(shortcuts.FIND, self, self.focus_search)
        shortcuts.shortcut(Qt.Key.Key_Down, self.search, self.focus_list, Qt.ShortcutContext.WidgetShortcut)
        self.search.setToolTip(self.tr("搜索 (%1)").replace("%1", shortcuts.key_text(shortcuts.FIND)))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        if detail is not None:
            self.set_detail(detail)
        self.reload()

    # ---- building the register (called by the page that owns it)
    def add_filter_combo(self, key: str, label: str, items: Sequence[tuple[str, Any]]) -> QComboBox:
        """A combo in the filter bar; ``items`` are (text, data) with data None meaning "all"."""
        combo = QComboBox(self)
        combo.setObjectName(f"filter_{key}")
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.apply_filters)
        position = self.filter_bar.indexOf(self.search) + 1 + len(self._combos)
        caption = QLabel(label, self)
        caption.setBuddy(combo)
        self.filter_bar.insertWidget(position, labelled(caption, combo, self))
        self._combos[key] = combo
        return combo

    def add_action(self, text: str, slot: Callable[[], Any], *, needs_row: bool = False,
                   shortcut: str | QKeySequence | None = None) -> QAction:
        """A toolbar button; ``needs_row`` ones are enabled only while a row is selected."""
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            shortcuts.bind(action, shortcut if isinstance(shortcut, str) else shortcut.toString())
        self.toolbar.addAction(action)
        self.toolbar.setVisible(True)
        if needs_row:
            self._row_actions.append(action)
            action.setEnabled(self.current_row() is not None)
        return action

    def set_empty_text(self, text: str) -> None:
        """What to say when the list is empty (the default suggests loosening the search and filters)."""
        self.empty_label.setText(text)

    def set_detail(self, widget: QWidget) -> None:
        """Put the caller's detail widget on the right of the list (replacing a previous one)."""
        if self.splitter.count() > 1:
            old = self.splitter.widget(1)
            old.setParent(None)
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

    # ---- state
    def filters(self) -> Filters:
        values: Filters = {"query": self.search.text().strip()}
        for key, combo in self._combos.items():
            values[key] = combo.currentData()
        return values

    def current_row(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.data(index, ROW_ROLE)

    def total(self) -> int:
        return self.model.total()

    def apply_filters(self) -> None:
        """Reload with the filter bar's current values (the debounce timer ends here). A search that finds
        exactly one row puts the cursor on it, so its detail shows without another key."""
        self._debounce.stop()
        self.filters_changed.emit()
        self.reload()
        if self.current_row() is None and self.model.total() == 1:
            self.table.selectRow(0)

    def focus_search(self) -> None:
        """Ctrl+F: the cursor in the search box, its text selected (typing replaces it)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        """↓ in the search box: into the list, on the first row if none is selected."""
        if self._debounce.isActive():  # typed just now: search first
            self.apply_filters()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.current_row() is None and self.model.rowCount():
            self.table.selectRow(0)

    def reload(self, select: Callable[[Any], bool] | None = None, scan_limit: int = 2000) -> None:
        """Re-count and re-fetch; with ``select``, put the cursor on the first matching row (among the first
        ``scan_limit`` rows), otherwise try to keep the current row."""
        current = self.current_row()
        self._error = ""
        self.model.reload()
        if select is None and current is not None:
            key = getattr(current, "id", None)
            if key is not None:  # keep the cursor if the row is still near the top (one block, no more)
                select = lambda row: getattr(row, "id", None) == key  # noqa: E731
                scan_limit = min(scan_limit, self.model.block_size)
        if select is not None:
            self.select_first(select, scan_limit)
        self._update_count_label()

    def select_first(self, predicate: Callable[[Any], bool], scan_limit: int = 2000) -> bool:
        for row in range(min(self.model.rowCount(), scan_limit)):
            obj = self.model.row_at(row)
            if obj is not None and predicate(obj):
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def export_rows(self) -> tuple[list[str], Iterator[list[str]]]:
        """Headers and every row's display texts in the current filter and order (for .xlsx export)."""
        columns = self.model.columns
        headers = [str(self.model.headerData(i, Qt.Orientation.Horizontal)) for i in range(len(columns))]
        return headers, ([c.text(row) for c in columns] for row in self.model.iter_rows())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            # The top of the list is read a screen at a time (and a few rows for the first turn of the wheel),
            # not two: at a million rows a rare search's first rows are sought far along the sort index.
            shown = self.table.viewport().height() // max(1, self.table.verticalHeader().defaultSectionSize())
            self.model.first_rows = max(MIN_FIRST_ROWS, shown + 4)
        return super().eventFilter(watched, event)

    # ---- slots
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.current_row()
        for action in self._row_actions:
            action.setEnabled(row is not None)
        self.current_row_changed.emit(row)

    def _on_reset(self) -> None:
        for action in self._row_actions:
            action.setEnabled(False)
        self.current_row_changed.emit(None)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.data(index, ROW_ROLE)
        if row is not None:
            self.activated.emit(row)

    def _on_load_failed(self, message: str) -> None:
        self._error = message
        self._update_count_label()
        self.load_failed.emit(message)

    def _update_count_label(self) -> None:
        if self._error:
            self.count_label.setText(self._error)
            self.count_label.setStyleSheet("color: #b00020;")
        else:
            total = self.model.total()
            if isinstance(total, AtLeast):  # a short search stopped counting
                self.count_label.setText(self.tr("共 %1+ 条").replace("%1", str(int(total))))
            else:
                self.count_label.setText(self.tr("共 %n 条", "", total))
            self.count_label.setStyleSheet("")
        self.empty_label.setVisible(not self._error and self.model.total() == 0)
