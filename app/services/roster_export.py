"""The roster's export (all units, or any list of units) and the import template.

Apart from the import (``app.services.roster``) on purpose: exporting loads neither the parser nor the
planner, so a process that only exports stays small (issue 18: a 100,000-unit export under 60 MB for the
whole process; the import's modules alone are ~7 MB when compiled from source).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import CHUNK, chunks, page_cache
from app.excel.roster_columns import RELATION_LABELS
from app.models import Building, Occupancy, ParkingSpace, Person, Unit, Vehicle
from app.progress import NULL_PROGRESS, ProgressLike
from app.services.context import ServiceContext


@dataclass(frozen=True)
class RosterExportRow:
    """One roster line as written to Excel, all text, in EXPORT_KEYS order."""

    building: str
    unit_no: str
    room_no: str
    area: str
    name: str
    relation: str
    phone: str
    id_number: str
    move_in: str
    spaces: str
    plates: str
    notes: str
    gender: str = ""
    floor: str = ""
    inner_area: str = ""
    floors: str = ""  # the building's 总层数
    elevator: str = ""  # 有 / 无
    id_unverified: str = ""  # 是: the ID number is kept as the old system had it (待核实)


class RosterExportService:
    """The roster (or any list of units) to Excel, one line per person; the import template."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def export_rows(self, unit_ids: Iterable[int] | None = None) -> list[RosterExportRow]:
        """Roster lines of all units (or these), one per person; phone/ID masked without pii.view_full."""
        self.ctx.require("roster.export")
        with self.ctx.read() as s:
            return list(self._export_lines(s, _unit_id_list(unit_ids)))

    def _export_lines(self, s: Session, unit_ids: list[int] | None) -> Iterator[RosterExportRow]:
        """The lines in roster order, streamed from SQL a part at a time (flat memory at any size).

        Rows come ordered by building, unit and room, then person: a unit's people are consecutive, and each
        part's plates and parking spaces are read for its units only. A plate or space of a unit with no
        person named goes to the unit's first person.
        """
        show_phone, show_id = self.ctx.show_phone, self.ctx.show_id_number
        last_unit, first_person = None, None
        for units, lines in _export_parts(s, unit_ids):
            plates: dict[tuple, list[str]] = {}
            spaces: dict[tuple, list[str]] = {}
            for target, column, value in ((plates, Vehicle, Vehicle.plate), (spaces, ParkingSpace, ParkingSpace.code)):
                for where in units(column.unit_id):
                    for unit_id, person_id, text in s.execute(
                            select(column.unit_id, column.person_id, value).where(where).order_by(column.id)):
                        target.setdefault((unit_id, person_id), []).append(text)
            for (uid, pid, relation, move_in, bname, unit_no, room_no, area, name, phone, id_number, notes, gender,
                 floor, inner_area, floors, elevator, unverified) in lines:
                if uid != last_unit:
                    last_unit, first_person = uid, pid
                own_plates, own_spaces = plates.get((uid, pid), []), spaces.get((uid, pid), [])
                if pid == first_person:
                    own_plates, own_spaces = own_plates + plates.get((uid, None), []), own_spaces + spaces.get((uid, None), [])
                yield RosterExportRow(
                    building=bname, unit_no=unit_no, room_no=room_no, area="" if area is None else _area_text(area),
                    name=name, relation=RELATION_LABELS.get(relation, relation), phone=show_phone(phone),
                    id_number=show_id(id_number), move_in=move_in.isoformat() if isinstance(move_in, date) else "",
                    spaces="、".join(own_spaces), plates="、".join(own_plates), notes=notes, gender=gender,
                    floor="" if floor is None else str(floor),
                    inner_area="" if inner_area is None else _area_text(inner_area),
                    floors="" if floors is None else str(floors),
                    elevator="" if elevator is None else "有" if elevator else "无", id_unverified="是" if unverified else "",
                )

    def export(self, path: str | Path, unit_ids: Iterable[int] | None = None,
               progress: ProgressLike = NULL_PROGRESS) -> int:
        """Write the roster (or these units) to ``path``, streamed from SQL into a write-only workbook saved
        atomically; returns the number of lines written."""
        from app.excel.roster_export import write_roster
        from app.services.audit import AuditService

        self.ctx.require("roster.export")
        ids = _unit_id_list(unit_ids)
        with self.ctx.read() as s, page_cache(s.connection(), EXPORT_CACHE_KIB):
            count = write_roster(path, self._export_lines(s, ids), total=_export_count(s, ids), progress=progress)
        AuditService(self.ctx).record("export", "roster", {
            "file": Path(path).name, "rows": count, "filtered": unit_ids is not None,
            "full_personal_data": self.ctx.can("pii.view_full"),
        }, summary=f"{Path(path).name}: {count} 行")
        return count

    def template(self, path: str | Path) -> None:
        from app.excel.roster_template import write_template

        write_template(path)


EXPORT_BLOCK = 200  # roster lines fetched at a time (a list on screen: whose plates/spaces are looked up at once)
EXPORT_CACHE_KIB = 512  # SQLite page cache while exporting: it reads every table once, and the usual 2 MB would
# fill with pages read once, for no speed
EXPORT_SORT_UNITS = 1000  # units of the buildings the database sorts at a time in an export (see _export_parts)
FEW_UNITS = 5000  # a filtered export of up to this many units is read by id; more: one ordered pass, filtered


def _unit_id_list(unit_ids: Iterable[int] | None) -> list[int] | None:
    return None if unit_ids is None else sorted(set(unit_ids))


def _export_statement():
    return (
        select(Occupancy.unit_id, Occupancy.person_id, Occupancy.relation, Occupancy.move_in_date, Building.name,
               Unit.unit_no, Unit.room_no, Unit.area, Person.name, Person.phone, Person.id_number, Person.notes,
               Person.gender, Unit.floor, Unit.inner_area, Building.floors, Building.has_elevator, Person.id_unverified)
        .join(Unit, Unit.id == Occupancy.unit_id).join(Building, Building.id == Unit.building_id)
        .join(Person, Person.id == Occupancy.person_id)
    )


def _export_order(row) -> tuple:
    return len(row[4]), row[4], len(row[5]), row[5], len(row[6]), row[6]


def _export_parts(s: Session, ids: list[int] | None) -> Iterator[tuple[Callable, Iterable[Sequence]]]:
    """Roster lines (see ``_export_statement``) in roster order, in parts: ``(units, lines)``, ``units(column)``
    the conditions that pick the part's units by ``column`` (for their plates and parking spaces)."""
    stmt = _export_statement()
    if ids is not None and len(ids) <= FEW_UNITS:  # a list on screen: by id, sorted here (a few thousand lines)
        rows = [row for chunk in chunks(ids) for row in s.execute(stmt.where(Occupancy.unit_id.in_(chunk)).order_by(Occupancy.id))]
        rows.sort(key=_export_order)
        for block in chunks(rows, EXPORT_BLOCK):
            units = sorted({row[0] for row in block})
            yield (lambda column, units=units: [column.in_(_padded(chunk)) for chunk in chunks(units)]), block
        return
    stmt = stmt.order_by(func.length(Building.name), Building.name, func.length(Unit.unit_no), Unit.unit_no,
                         func.length(Unit.room_no), Unit.room_no, Occupancy.id)
    wanted = None if ids is None else set(ids)
    # A few buildings at a time, in roster order: the database sorts one such group in memory, never the whole
    # roster (125,000 lines at once: SQLite's sorter filled its budget, 4.2 MB at the usual page cache, and
    # spilled 13 MB to temporary files); each group's units are found by ix_units_code_order.
    for group in _building_groups(s):
        buildings = _padded(group)
        units = select(Unit.id).where(Unit.building_id.in_(buildings))
        yield (lambda column, units=units: [column.in_(units)]), _group_lines(s, stmt, buildings, wanted)


def _group_lines(s: Session, stmt, buildings: list[int], wanted: set[int] | None) -> Iterator[Sequence]:
    """The lines of these buildings, read when first asked for, ``EXPORT_BLOCK`` rows at a time."""
    for block in s.execute(stmt.where(Unit.building_id.in_(buildings))
                           .execution_options(yield_per=EXPORT_BLOCK)).partitions():
        yield from block if wanted is None else (row for row in block if row[0] in wanted)


def _padded(values: list) -> list:
    """An IN list's values, the last repeated up to a power of two: a handful of distinct statements, so the
    driver's statement cache (128 per connection) does not fill up with one per list length."""
    return values + values[-1:] * ((1 << (len(values) - 1).bit_length()) - len(values))


def _building_groups(s: Session) -> Iterator[list[int]]:
    """Building ids in roster order, in groups of about ``EXPORT_SORT_UNITS`` units (a building is never split)."""
    units = select(func.count()).where(Unit.building_id == Building.id).scalar_subquery()
    group: list[int] = []
    size = 0
    for building_id, count in s.execute(select(Building.id, units).order_by(func.length(Building.name), Building.name)):
        if group and (size + count > EXPORT_SORT_UNITS or len(group) >= CHUNK):  # CHUNK: the IN list's length
            yield group
            group, size = [], 0
        group.append(building_id)
        size += count
    if group:
        yield group


def _export_count(s: Session, ids: list[int] | None) -> int:
    """How many lines the export will write (for its progress bar)."""
    if ids is None:
        return s.scalar(select(func.count()).select_from(Occupancy)) or 0
    return sum(s.scalar(select(func.count()).select_from(Occupancy).where(Occupancy.unit_id.in_(chunk))) or 0
               for chunk in chunks(ids))


def _area_text(area: Decimal) -> str:
    return f"{Decimal(area):.2f}"


