"""The table models: lazy block fetching, SQL-side sorting, roles, and Qt's model contract."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from app.errors import PermissionDenied
from ui.models.windowed import (
    FIRST_ROWS,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    ListTableModel,
    RowStyle,
    WindowedTableModel,
)


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    amount: Decimal | None


ITEMS = [Item(i, f"项目{i:04d}", Decimal(i * 37 % 1000) / 10 if i % 7 else None) for i in range(1, 1001)]
COLUMNS = [
    Column("id", "编号", "id", sort_key="id"),
    Column("name", "名称", "name"),
    Column("amount", "金额", "amount", sort_key="amount", formatter=lambda v: "" if v is None else f"{v:,.2f}"),
    Column("double", "双倍", lambda r: r.id * 2),
]


class FakeSource:
    """A stand-in for a service: sorts and pages like SQL would and records every call."""

    def __init__(self, items):
        self.items = list(items)
        self.calls: list[tuple[int, int, str | None, bool]] = []

    def count(self) -> int:
        return len(self.items)

    def fetch(self, offset, limit, sort_key, descending):
        self.calls.append((offset, limit, sort_key, descending))
        rows = self.items
        if sort_key:
            rows = sorted(rows, key=lambda r: (getattr(r, sort_key) is None, getattr(r, sort_key) or 0),
                          reverse=descending)
        return rows[offset : offset + limit]


def make_model(items=ITEMS, **kwargs):
    source = FakeSource(items)
    return source, WindowedTableModel(COLUMNS, source.count, source.fetch, **kwargs)


def test_windowed_model_passes_qt_model_tester(qtmodeltester):
    _source, model = make_model(ITEMS[:450], block_size=100)
    qtmodeltester.check(model)


def test_windowed_model_fetches_only_the_blocks_it_shows():
    source, model = make_model(block_size=200)
    assert model.rowCount() == 1000
    assert source.calls == []  # counting fetches nothing
    assert model.data(model.index(0, 1)) == "项目0001"
    assert model.data(model.index(950, 0)) == "951"
    assert [c[0] for c in source.calls] == [0, 800]
    model.data(model.index(10, 0))
    assert len(source.calls) == 2  # cached block
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


class SeekSource(FakeSource):
    """Pages by keyset like the services: ``after`` is the id of the row before the page."""

    def fetch(self, offset, limit, sort_key, descending, after=None):
        rows = sorted(self.items, key=lambda r: r.id, reverse=descending)
        start = offset if after is None else [r.id for r in rows].index(after) + 1
        self.calls.append((offset, limit, after))
        return rows[start : start + limit]


def test_the_top_of_a_list_reads_a_screen_first_and_the_rest_of_its_block_when_scrolled_to():
    source = SeekSource(ITEMS)
    model = WindowedTableModel(COLUMNS, source.count, source.fetch, block_size=200, seek=True)
    assert model.data(model.index(0, 0)) == "1" and model.data(model.index(FIRST_ROWS - 1, 0)) == str(FIRST_ROWS)
    assert source.calls == [(0, FIRST_ROWS, None)]  # no row built beyond a screen or two
    assert model.data(model.index(FIRST_ROWS, 0)) == str(FIRST_ROWS + 1)  # the rest, sought after the last
    assert source.calls[1:] == [(FIRST_ROWS, 200 - FIRST_ROWS, FIRST_ROWS)]
    assert [model.row_at(i).id for i in range(1000)] == [item.id for item in ITEMS]
    assert source.calls[2] == (200, 200, 200)  # the next block after the whole first one
    model.reload()
    model.data(model.index(0, 0))
    assert model.data(model.index(250, 0)) == "251"  # a block after a top still partial: completed first
    assert source.calls[-3:] == [(0, FIRST_ROWS, None), (FIRST_ROWS, 200 - FIRST_ROWS, FIRST_ROWS), (200, 200, 200)]


def test_windowed_model_roles():
    _source, model = make_model(row_style=lambda r: RowStyle(background=QColor("#ffe0e0")) if r.id == 2 else None)
    index = model.index(2, model.column_index("amount"))
    assert model.data(index) == "11.10"
    assert model.data(index, SORT_ROLE) == Decimal("11.1")
    assert model.data(index, ROW_ROLE) is ITEMS[2]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) == QColor("#ffe0e0")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert model.data(model.index(6, 2)) == ""  # None amount
    assert model.data(model.index(0, 3)) == "2"  # getter column
    assert model.headerData(2, Qt.Orientation.Horizontal) == "金额"
    assert model.data(model.index(5000, 0)) is None


def test_windowed_sort_asks_the_source_and_ignores_unsortable_columns():
    source, model = make_model()
    model.sort(model.column_index("id"), Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "1000"
    assert source.calls[-1] == (0, FIRST_ROWS, "id", True)  # the top: a screen or two first
    calls = len(source.calls)
    model.sort(model.column_index("name"))  # no sort_key: nothing happens
    assert model.data(model.index(0, 0)) == "1000"
    assert len(source.calls) == calls
    model.sort(model.column_index("amount"))
    first = [model.data(model.index(r, 2), SORT_ROLE) for r in range(50)]
    assert first == sorted(first)  # numbers, not "10.00" < "9.00" strings
    assert first[0] == min(i.amount for i in ITEMS if i.amount is not None)


def test_windowed_reload_recounts_and_drops_cache(qtbot):
    source, model = make_model()
    model.data(model.index(0, 0))
    source.items = source.items[:10]
    with qtbot.waitSignal(model.modelReset), qtbot.waitSignal(model.reloaded) as reloaded:
        model.reload()
    assert reloaded.args == [10]
    assert model.rowCount() == 10
    assert model.data(model.index(9, 1)) == "项目0010"


def test_windowed_rows_vanished_since_count_show_empty():
    source, model = make_model(ITEMS[:300])
    source.items = source.items[:250]  # another PC deleted rows after we counted
    assert model.data(model.index(280, 0)) is None


def test_windowed_service_error_is_reported_not_raised(qtbot):
    def denied(*_args):
        raise PermissionDenied("没有权限")

    model = WindowedTableModel(COLUMNS, lambda: 5, denied)
    with qtbot.waitSignal(model.load_failed) as failed:
        assert model.data(model.index(0, 0)) is None
    assert failed.args == ["没有权限"]
    counting = WindowedTableModel(COLUMNS, denied, denied, load=False)
    with qtbot.waitSignal(counting.load_failed):
        counting.reload()
    assert counting.rowCount() == 0


def test_iter_rows_walks_every_block():
    _source, model = make_model(block_size=128)
    assert [r.id for r in model.iter_rows()] == list(range(1, 1001))


def test_list_model_passes_qt_model_tester(qtmodeltester):
    model = ListTableModel(COLUMNS, ITEMS[:30])
    qtmodeltester.check(model)


def test_list_model_set_rows_and_sort(qtbot):
    model = ListTableModel(COLUMNS)
    assert model.rowCount() == 0
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(ITEMS[:20])
    assert model.rowCount() == 20
    assert model.rowCount(model.index(0, 0)) == 0
    persistent = [model.index(0, 0)]  # keep a QPersistentModelIndex through sorting
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(persistent[0])
    model.sort(model.column_index("amount"), Qt.SortOrder.DescendingOrder)
    amounts = [model.data(model.index(r, 2), SORT_ROLE) for r in range(20)]
    present = [a for a in amounts if a is not None]
    assert present == sorted(present, reverse=True)
    assert model.data(QModelIndex(kept), ROW_ROLE) == ITEMS[0]


@pytest.mark.parametrize("key", ["id", "name", "amount", "double"])
def test_column_index(key):
    model = ListTableModel(COLUMNS)
    assert model.columns[model.column_index(key)].key == key


def test_a_million_rows_show_with_a_couple_of_fetches(qtbot):
    """The view asks only for what it paints: 1,000,000 rows cost one block, the end one more."""
    from ui.widgets.table import make_table_view

    class Million:
        def count(self):
            return 1_000_000

        def fetch(self, offset, limit, _key, _desc):
            return [Item(i, f"项目{i}", None) for i in range(offset + 1, min(offset + limit, 1_000_000) + 1)]

    source = Million()
    model = WindowedTableModel(COLUMNS, source.count, source.fetch)
    view = make_table_view(model)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 1_000_000
    view.grab()  # paint now
    assert model.fetch_calls == 1
    view.scrollToBottom()
    qtbot.wait(10)
    view.grab()  # paint now
    assert model.fetch_calls <= 3
    assert model.data(model.index(999_999, 0)) == "1000000"
    assert len(model._blocks) <= model.max_blocks
