"""Table models over service rows: a windowed model for big lists and a plain one for small lists.

Both declare their columns once as a list of :class:`Column`::

    from PySide6.QtCore import QT_TRANSLATE_NOOP

    UNIT_COLUMNS = [
        Column("code", QT_TRANSLATE_NOOP("Column", "房号"), "code", sort_key="code"),
        Column("area", QT_TRANSLATE_NOOP("Column", "面积(㎡)"), "area", sort_key="area"),
        Column("status", QT_TRANSLATE_NOOP("Column", "状态"), "status", formatter=code_label),
    ]

Headers are Chinese source text marked with ``QT_TRANSLATE_NOOP("Column", …)`` so ``pyside6-lupdate``
collects them; the model translates them in context ``"Column"`` when Qt asks for the header.

:class:`WindowedTableModel` is for lists that can hold 100,000 rows (units, work orders, bills, logs):
it keeps the true row count from a ``count()`` callable and fetches rows in blocks of ``block_size``
from ``fetch(offset, limit, sort_key, descending)`` only when the view paints them — filtering and
sorting happen in SQL inside the service, never in Python (see DESIGN.md performance table).
Filters live with the caller: the callables close over them; after changing a filter call
``reload()``.

:class:`ListTableModel` is for short in-memory lists (staff of a team, lines of one bill):
``set_rows(rows)`` replaces them; ``sort()`` sorts in Python on the raw values.

Roles: ``DisplayRole`` (formatted text), ``TextAlignmentRole``, ``SORT_ROLE`` (the raw value, so
nothing ever compares "1,200.00" with "900.00"), ``ROW_ROLE`` (the row dataclass itself), and
``BackgroundRole``/``ForegroundRole`` from an optional ``row_style(row) -> RowStyle | None`` hook
(e.g. overdue work orders in red).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.errors import ServiceError
from app.paging import AtLeast

log = logging.getLogger(__name__)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Raw value of a cell (Decimal, date, int…), for sorting and for tests."""
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
"""The whole row object (the service's frozen dataclass) of the index's row."""

COLUMN_CONTEXT = "Column"
"""Translation context of column headers: mark them with ``QT_TRANSLATE_NOOP("Column", "…")``."""

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: ``value`` is an attribute name of the row or a getter ``row -> raw value``.

    ``sort_key`` is the name the service's ``fetch``/``list_*`` understands (None: not sortable);
    ``formatter`` turns the raw value into display text (default: :func:`format_value`);
    ``align`` defaults to right for numbers, left otherwise; ``width`` is the initial column width in
    Chinese characters (``make_table_view`` applies it; None: Qt's default).
    """

    key: str
    header: str
    value: str | Callable[[Any], Any]
    align: Qt.AlignmentFlag | None = None
    sort_key: str | None = None
    formatter: Callable[[Any], str] | None = None
    width: float | None = None

    def raw(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        return getattr(row, self.value)

    def text(self, row: Any) -> str:
        raw = self.raw(row)
        return self.formatter(raw) if self.formatter else format_value(raw)

    def alignment(self, row: Any) -> Qt.AlignmentFlag:
        if self.align is not None:
            return self.align
        raw = self.raw(row)
        return RIGHT if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool) else LEFT


@dataclass(frozen=True)
class RowStyle:
    """Colours of one row, returned by a model's ``row_style`` hook."""

    background: QColor | None = None
    foreground: QColor | None = None


def format_value(value: Any) -> str:
    """Default display text: empty for None, 是/否 for booleans, ISO dates, Decimal as stored."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return QCoreApplication.translate("Value", "是") if value else QCoreApplication.translate("Value", "否")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _sortable(value: Any) -> tuple:
    """Sort key putting None last and never comparing different types with each other."""
    if value is None:
        return (2, 0)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))


class _ColumnTableModel(QAbstractTableModel):
    """Header and role dispatch shared by both models; subclasses provide ``rowCount`` and ``_row``."""

    SortRole = SORT_ROLE
    RowRole = ROW_ROLE

    def __init__(self, columns: Sequence[Column], row_style: Callable[[Any], RowStyle | None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.columns: list[Column] = list(columns)
        self._row_style = row_style

    # ---- public helpers
    def column_index(self, key: str) -> int:
        """Position of the column with this key (no magic column numbers in callers)."""
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def row_at(self, row: int) -> Any | None:
        """The row object at this position (fetching its block if needed), or None."""
        return self._row(row)

    def _row(self, row: int) -> Any | None:  # pragma: no cover - abstract
        raise NotImplementedError

    # ---- Qt interface
    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(COLUMN_CONTEXT, column.header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align if column.align is not None else LEFT)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        handler = self._ROLE_HANDLERS.get(role)  # first: a painted cell is asked for ~10 roles, 4 are ours
        if handler is None or not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        return handler(self, row, self.columns[index.column()])

    def _display(self, row: Any, column: Column) -> str:
        return column.text(row)

    def _alignment(self, row: Any, column: Column) -> int:
        return int(column.alignment(row))

    def _sort_value(self, row: Any, column: Column) -> Any:
        return column.raw(row)

    def _whole_row(self, row: Any, _column: Column) -> Any:
        return row

    def _background(self, row: Any, _column: Column) -> QColor | None:
        style = self._row_style(row) if self._row_style else None
        return style.background if style else None

    def _foreground(self, row: Any, _column: Column) -> QColor | None:
        style = self._row_style(row) if self._row_style else None
        return style.foreground if style else None

    _ROLE_HANDLERS: dict[int, Callable[[_ColumnTableModel, Any, Column], Any]] = {
        Qt.ItemDataRole.DisplayRole: _display,
        Qt.ItemDataRole.ToolTipRole: _display,
        Qt.ItemDataRole.TextAlignmentRole: _alignment,
        SORT_ROLE: _sort_value,
        ROW_ROLE: _whole_row,
        Qt.ItemDataRole.BackgroundRole: _background,
        Qt.ItemDataRole.ForegroundRole: _foreground,
    }


FIRST_ROWS = 64  # rows of the top block read first: a screen or two (the rest of the block when scrolled to);
# a view that knows its height sets ``first_rows`` to what it shows (RegisterView)
CountFn = Callable[[], int]
FetchFn = Callable[[int, int, "str | None", bool], Sequence[Any]]


class WindowedTableModel(_ColumnTableModel):
    """A big list: true row count, rows fetched in blocks on demand, sorting done by the service in SQL.

    ``count()`` returns how many rows match the current filter; ``fetch(offset, limit, sort_key,
    descending)`` returns up to ``limit`` rows from ``offset`` in that order. Only the last
    ``max_blocks`` blocks are kept. A ``ServiceError`` from either callable is reported through
    ``load_failed(message)`` and the list shows as empty instead of raising inside ``data()``.

    With ``seek=True`` the service pages by keyset (app/paging.py): its order is total (the id breaks ties)
    and ``fetch`` takes ``after=`` (the ``id`` of the row just before the block, in the order asked, or
    None: use the offset). A block next to a cached one is sought from that one's edge row; a block in the
    second half of the list with no neighbour cached is fetched in the reverse order (offset counted from
    the end, then reversed), so scrolling to the end never skips a million rows. ``count()`` may return
    an ``app.paging.AtLeast`` (a search that stopped counting): ``total()`` keeps it.
    """

    load_failed = Signal(str)
    reloaded = Signal(int)  # the new row count

    def __init__(self, columns: Sequence[Column], count: CountFn, fetch: FetchFn, *, sort_key: str | None = None,
                 descending: bool = False, block_size: int = 200, max_blocks: int = 50,
                 row_style: Callable[[Any], RowStyle | None] | None = None, load: bool = True, seek: bool = False,
                 parent=None):
        super().__init__(columns, row_style, parent)
        self._count_fn = count
        self._fetch_fn = fetch
        self.block_size = block_size
        self.max_blocks = max_blocks
        self.seek = seek
        self.sort_key = sort_key
        self.descending = descending
        self._count = 0
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        self.first_rows = FIRST_ROWS
        self._partial: set[int] = set()  # blocks holding only their first ``first_rows`` rows so far
        self.fetch_calls = 0  # how many blocks were loaded (tests and benchmarks look at it)
        if load:
            self._count = self._safe_count()

    # ---- public API
    def reload(self) -> None:
        """Re-count and drop every cached block (after a filter changed or rows were saved)."""
        self.beginResetModel()
        self._blocks.clear()
        self._partial.clear()
        self._count = self._safe_count()
        self.endResetModel()
        self.reloaded.emit(self._count)

    def total(self) -> int:
        return self._count

    def iter_rows(self) -> Iterator[Any]:
        """Every row in the current order, block by block (for export); does not fill the cache."""
        offset, last = 0, None
        while offset < self._count or (self.seek and isinstance(self._count, AtLeast)):  # past a capped count
            block = self._safe_fetch(offset, after=last)
            if not block:
                return
            yield from block
            offset += len(block)
            last = block[-1]

    # ---- Qt interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the service for a new order; columns without a ``sort_key`` are left as they are."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        key = self.columns[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._blocks:
            return
        self.sort_key, self.descending = key, descending
        self.beginResetModel()
        self._blocks.clear()
        self._partial.clear()
        self.endResetModel()

    # ---- internals
    def _row(self, row: int) -> Any | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.block_size)
        block = self._blocks.get(number)
        if block is None:
            block = self._fetch_block(number)
            self._blocks[number] = block
            while len(self._blocks) > self.max_blocks:
                self._partial.discard(self._blocks.popitem(last=False)[0])
        else:
            self._blocks.move_to_end(number)
        if offset >= len(block) and number in self._partial:  # scrolled past the first rows: the rest
            self._complete(number, block)
        # Rows deleted by another PC since the count: the tail of the list shows empty until reload.
        return block[offset] if offset < len(block) else None

    def _fetch_block(self, number: int) -> list[Any]:
        offset = number * self.block_size
        if number == 0 and self.block_size > self.first_rows and 1 not in self._blocks:
            # The top of the list (after a search, a sort, a reload): a screen or two now, the rest when
            # scrolled to — no row read and built beyond what is painted.
            block = self._safe_fetch(0, self.first_rows)
            if len(block) == self.first_rows:
                self._partial.add(0)
            return block
        if not self.seek:
            return self._safe_fetch(offset)
        before, beyond = self._blocks.get(number - 1), self._blocks.get(number + 1)
        if before and number - 1 in self._partial:  # its last row is not this block's neighbour yet
            self._complete(number - 1, before)
        if before:
            return self._safe_fetch(offset, after=before[-1])
        size = min(self.block_size, self._count - offset)
        if not isinstance(self._count, AtLeast) and (beyond or offset > self._count // 2):
            # From the end: the reverse order, then turned round.
            block = self._safe_fetch(self._count - offset - size, size, reverse=True,
                                     after=beyond[0] if beyond else None)
            return block[::-1]
        return self._safe_fetch(offset)

    def _complete(self, number: int, block: list[Any]) -> None:
        """Read the rest of a block that holds only its first rows (after its last row when seeking)."""
        self._partial.discard(number)
        block += self._safe_fetch(number * self.block_size + len(block), self.block_size - len(block),
                                  after=block[-1])

    def _safe_count(self) -> int:
        try:
            count = self._count_fn()
            return count if isinstance(count, int) else int(count)
        except ServiceError as exc:
            self.load_failed.emit(str(exc))
            return 0

    def _safe_fetch(self, offset: int, limit: int | None = None, *, reverse: bool = False,
                    after: Any = None) -> list[Any]:
        self.fetch_calls += 1
        limit = self.block_size if limit is None else limit
        descending = self.descending != reverse
        try:
            if not self.seek:
                return list(self._fetch_fn(offset, limit, self.sort_key, descending))
            return list(self._fetch_fn(offset, limit, self.sort_key, descending,
                                       after=None if after is None else after.id))
        except ServiceError as exc:
            self.load_failed.emit(str(exc))
            return []


class ListTableModel(_ColumnTableModel):
    """A short list held in memory: ``set_rows(rows)`` replaces it; sorting happens in Python."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (),
                 row_style: Callable[[Any], RowStyle | None] | None = None, parent=None):
        super().__init__(columns, row_style, parent)
        self._rows: list[Any] = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def total(self) -> int:
        return len(self._rows)

    def iter_rows(self) -> Iterator[Any]:
        return iter(list(self._rows))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        col = self.columns[column]
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._rows.sort(key=lambda r: _sortable(col.raw(r)), reverse=order == Qt.SortOrder.DescendingOrder)
        position = {id(r): i for i, r in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if 0 <= persistent.row() < len(before):
                moved = position[id(before[persistent.row()])]
                self.changePersistentIndex(persistent, self.index(moved, persistent.column()))
        self.layoutChanged.emit()

    def _row(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
