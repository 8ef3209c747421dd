"""The reusable register: debounce, filter combos, actions that need a row, selection signals, export."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel

from app.errors import PermissionDenied
from ui.models.windowed import Column
from ui.widgets.register_view import RegisterView


@dataclass(frozen=True)
class Visitor:
    id: int
    name: str
    kind: str


VISITORS = [Visitor(i, f"访客{i:03d}", "快递" if i % 3 == 0 else "亲友") for i in range(1, 501)]
COLUMNS = [Column("id", "编号", "id", sort_key="id"), Column("name", "姓名", "name"), Column("kind", "类型", "kind")]


class Source:
    def __init__(self):
        self.seen_filters = []

    def select(self, f):
        self.seen_filters.append(dict(f))
        return [v for v in VISITORS if f["query"] in v.name and (f.get("kind") in (None, v.kind))]

    def count(self, f):
        return len(self.select(f))

    def fetch(self, f, offset, limit, key, desc):
        rows = sorted(self.select(f), key=lambda v: v.id, reverse=desc)
        return rows[offset : offset + limit]


def make(qtbot, **kwargs):
    source = Source()
    view = RegisterView(COLUMNS, source.count, source.fetch, sort_key="id", debounce_ms=50, **kwargs)
    qtbot.addWidget(view)
    return source, view


def test_counts_and_filters_with_debounce(qtbot):
    _source, view = make(qtbot)
    assert view.total() == 500 and view.count_label.text() == "共 500 条"
    with qtbot.waitSignal(view.filters_changed, timeout=2000):
        qtbot.keyClicks(view.search, "12")
    assert view.total() == len([v for v in VISITORS if "12" in v.name])
    combo = view.add_filter_combo("kind", "类型", [("全部", None), ("快递", "快递"), ("亲友", "亲友")])
    assert view.filters() == {"query": "12", "kind": None}
    combo.setCurrentIndex(1)  # a combo reloads at once
    assert view.total() == len([v for v in VISITORS if "12" in v.name and v.kind == "快递"])


def test_selection_signals_and_row_actions(qtbot):
    _source, view = make(qtbot)
    calls = []
    edit = view.add_action("编辑", lambda: calls.append(view.current_row()), needs_row=True)
    add = view.add_action("新增", lambda: calls.append("add"))
    assert not edit.isEnabled() and add.isEnabled()
    assert view.toolbar.isVisibleTo(view)
    with qtbot.waitSignal(view.current_row_changed) as changed:
        view.table.selectRow(4)
    assert changed.args == [VISITORS[4]]
    assert edit.isEnabled()
    edit.trigger()
    assert calls == [VISITORS[4]]
    with qtbot.waitSignal(view.activated) as activated:
        view.table.activated.emit(view.model.index(4, 1))
    assert activated.args == [VISITORS[4]]
    view.reload()  # keeps the current row by id
    assert view.current_row() == VISITORS[4]
    assert view.select_first(lambda v: v.id == 300)
    assert view.current_row() == VISITORS[299]


def test_sorting_by_header_asks_the_source(qtbot):
    _source, view = make(qtbot)
    view.table.sortByColumn(0, view.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    assert view.model.row_at(0).id == 500


def test_export_rows_gives_all_rows_in_order(qtbot):
    _source, view = make(qtbot, block_size=64)
    view.search.setText("访客00")
    view.apply_filters()
    headers, rows = view.export_rows()
    assert headers == ["编号", "姓名", "类型"]
    rows = list(rows)
    assert rows[0] == ["1", "访客001", "亲友"] and len(rows) == 9


def test_detail_widget_and_service_error(qtbot):
    def denied(*_a):
        raise PermissionDenied("没有权限查看")

    detail = QLabel("详情")
    view = RegisterView(COLUMNS, denied, denied, detail=detail)
    qtbot.addWidget(view)
    assert view.splitter.widget(1) is detail
    assert view.count_label.text() == "没有权限查看"
    other = QLabel("另一个")
    view.set_detail(other)
    assert view.splitter.count() == 2 and view.splitter.widget(1) is other


def test_the_top_of_the_list_is_read_a_screen_at_a_time(qtbot):
    """Issue 18: after a search the list reads the rows its height shows (and a few), not two screens; the
    rest of the block when scrolled to."""
    limits = []

    class Counted(Source):
        def fetch(self, f, offset, limit, key, desc):
            limits.append((offset, limit))
            return super().fetch(f, offset, limit, key, desc)

    view = RegisterView(COLUMNS, Counted().count, Counted().fetch, sort_key="id")
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)

    def reload() -> int:  # rows the list shows
        limits.clear()
        view.table.scrollToTop()
        view.apply_filters()
        view.table.viewport().grab()
        return view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()

    shown = reload()
    assert limits == [(0, shown + 4)] and shown + 4 < 64
    assert [view.model.data(view.model.index(r, 1)) for r in range(shown)] == [v.name for v in VISITORS[:shown]]
    view.table.scrollTo(view.model.index(shown + 10, 0))  # further down: the rest of the block
    view.table.viewport().grab()
    assert limits[1:] == [(shown + 4, 200 - shown - 4)]
    view.resize(600, 1400)  # a taller list reads more at once
    taller = reload()
    assert taller > shown and limits == [(0, taller + 4)]
