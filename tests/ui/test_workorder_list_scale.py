"""The work-order list and the archive sorted by a header click and scrolled to the end with the keyboard:
the rows shown are the service's rows in that order, and no block is fetched by skipping thousands of rows
(the end comes from the reverse order, its neighbours by keyset)."""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, Qt

from app.models import Category, Kind, Priority, State
from app.services.workorders import WorkOrderFilter
from tests.app.test_workorder_scale import ROOMS, _insert_orders, _units
from ui.models.windowed import ROW_ROLE
from ui.widgets.workorder_list import make_workorder_register


def _click_header(qtbot, view, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _spy(monkeypatch, obj, name: str) -> list[tuple]:
    calls: list[tuple] = []
    original = getattr(obj, name)

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, name, spy)
    return calls


def _shown(view, row: int):
    return view.model.index(row, 0).data(ROW_ROLE)


def test_workorder_list_sorted_by_state_and_scrolled_to_the_end(qtbot, qtmodeltester, services, monkeypatch):
    rng = random.Random(18)
    unit_ids = _units(services, ROOMS)
    _insert_orders(services, unit_ids, [
        (rng.choice(list(State)), rng.choice(list(Priority)), rng.choice(list(Kind)), rng.choice(list(Category)),
         rng.choice([None, 0, 1, 2, 3, 4]), rng.randint(0, 50), rng.randint(0, 9)) for _ in range(1100)])
    view = make_workorder_register(services, lambda values: WorkOrderFilter())
    view.model.block_size = 100
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    calls = _spy(monkeypatch, services.workorders, "list")

    state_column = view.model.column_index("state")
    _click_header(qtbot, view, state_column)
    order = view.table.horizontalHeader().sortIndicatorOrder()
    assert view.model.sort_key == "state"
    descending = order == Qt.SortOrder.DescendingOrder
    expected = [r.id for r in services.workorders.list(WorkOrderFilter(), 0, 2000, "state", descending)]
    assert len(expected) == view.total() == 1100

    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 1099)
    assert _shown(view, 1099).id == expected[-1]
    assert [_shown(view, r).id for r in range(900, 1100)] == expected[900:]
    # The end came from the reverse order (offset 0) and its neighbour by keyset: nothing skipped 1,000 rows.
    fetched = calls[-3:]
    assert all(args[1] < 200 or kwargs.get("after") for args, kwargs in fetched), fetched
    assert [(_shown(view, r).state) for r in range(1100)] == [
        r.state for r in services.workorders.list(WorkOrderFilter(), 0, 2000, "state", descending)]

    _click_header(qtbot, view, state_column)  # the other direction
    flipped = [r.id for r in services.workorders.list(WorkOrderFilter(), 0, 2000, "state", not descending)]
    assert flipped == expected[::-1]
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert [_shown(view, r).id for r in range(1099, 949, -1)] == flipped[:-151:-1]
    qtmodeltester.check(view.model)


def test_archive_sorted_by_floor_and_scrolled_to_the_end(qtbot, services, monkeypatch):
    from ui.pages.archive import ArchivePage

    building = services.archive.create_building("9栋")
    for n in range(450):
        services.archive.save_unit({"building_id": building, "unit_no": str(n % 3 + 1), "room_no": str(100 + n),
                                    "floor": str(n % 7 + 1), "area": str(50 + n % 11), "use": "residential",
                                    "status": "occupied"})
    page = ArchivePage(services)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    view = page.register
    view.model.block_size = 100
    calls = _spy(monkeypatch, services.archive, "list_units")
    for key in ("floor", "area", "status"):
        column = view.model.column_index(key)
        _click_header(qtbot, view, column)
        descending = view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        from app.services.archive import UnitFilter

        expected = [u.id for u in services.archive.list_units(UnitFilter(), 0, 1000, key, descending)]
        view.table.setFocus()
        view.table.setCurrentIndex(view.model.index(0, 0))
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert [_shown(view, r).id for r in range(449, 299, -1)] == expected[:-151:-1], key
    assert all(args[1] < 200 or kwargs.get("after") for args, kwargs in calls[-4:])
