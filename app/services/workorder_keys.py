"""The unit's room code and sort key copied onto its work orders (``workorders.unit_text/unit_sort``), so
the work-order list sorts by 房号 on an index and searches rooms without joining units.

Set on intake and on a correction of the unit (``set_unit_keys``); ``refresh_unit_keys`` re-copies them
for every order of some units after a unit's building/单元/room changed (``ArchiveService.save_unit``), or
for every order (``unit_ids=None``: the migration's backfill, bulk loaders that insert with Core).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.db import chunks
from app.models import Building, Unit, WorkOrder
from app.models.workorders import unit_sort_key
from app.search import unit_code


def unit_keys(s: Session, unit_id: int | None) -> tuple[str, str]:
    """(unit_text, unit_sort) of one unit; empty for no unit."""
    if unit_id is None:
        return "", ""
    found = s.execute(select(Building.name, Unit.unit_no, Unit.room_no, Unit.building_id).join(Building)
                      .where(Unit.id == unit_id)).first()
    if found is None:
        return "", ""
    name, unit_no, room_no, building_id = found
    return unit_code(name, unit_no, room_no), unit_sort_key(building_id, unit_no, room_no)


def set_unit_keys(s: Session, order: WorkOrder) -> None:
    """Copy the order's unit's code and sort key onto it (after ``order.unit_id`` was set)."""
    order.unit_text, order.unit_sort = unit_keys(s, order.unit_id)


def refresh_unit_keys(s: Session, unit_ids: Iterable[int] | None = None) -> None:
    """Re-copy the room code and sort key onto every work order of these units (None: of all units)."""
    stmt = select(Unit.id, Building.name, Unit.unit_no, Unit.room_no, Unit.building_id).join(Building)
    parts = [None] if unit_ids is None else chunks(sorted(set(unit_ids)))
    table = WorkOrder.__table__
    change = (update(table).where(table.c.unit_id == bindparam("uid"))
              .values(unit_text=bindparam("text"), unit_sort=bindparam("sort")))
    for chunk in parts:
        rows = s.execute(stmt if chunk is None else stmt.where(Unit.id.in_(chunk))).all()
        params = [{"uid": uid, "text": unit_code(name, unit_no, room_no),
                   "sort": unit_sort_key(building_id, unit_no, room_no)}
                  for uid, name, unit_no, room_no, building_id in rows]
        if params:
            s.connection().execute(change, params)
