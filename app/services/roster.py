"""Owner roster (业主花名册) import: preview first, then one all-or-nothing transaction (the export: ``app.services.roster_export``).

``preview(path)`` reads and checks the file and compares it with the database: every row is to be
created, updated, left unchanged, or is in error (with "第15行 身份证号码: 校验位错误" messages).
``commit(preview)`` plans again inside the write transaction (the database may have moved on since
the preview) and writes with Core executemany — ``session.add`` per row is 14× slower (DESIGN.md).
Identity: a unit is building + unit + room; a person is the same person everywhere by ID number, else
by name within the unit. Blank cells never clear stored values, so re-importing an export changes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from itertools import chain, islice, repeat
from operator import attrgetter, itemgetter
from pathlib import Path

from sqlalchemy import Insert, bindparam, insert, literal_column, select, update
from sqlalchemy.orm import Session

from app.db import CHUNK, chunks, page_cache
from app.errors import ServiceError
from app.excel import hc_layout, reader  # (the reader loads with the service: every import and preview reads)
from app.excel.legacy import DEFAULT_OPTIONS, PLACEHOLDER_SETTING, ImportOptions, split_placeholders
from app.excel.roster import (
    RELATION_LABELS,
    ParsedRoster,
    RosterIssue,
    RosterRecord,
    check_within_file,
    combine,
    display,
    parse_roster,
    record_issues,
)
from app.models import (
    Building,
    Occupancy,
    ParkingSpace,
    Person,
    Relation,
    RosterImport,
    SpaceKind,
    Unit,
    Vehicle,
)
from app.progress import NULL_PROGRESS, ProgressLike
from app.search import building_code, unit_label, unit_search_text
from app.services.archive import refresh_search_text
from app.services.context import ServiceContext

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
PREVIEW_KEYS = ("building", "unit", "room", "area", "name", "relation", "phone", "id_number", "move_in",
                "space", "plate", "notes")
ALL_SHEETS = ("全部", "all", "ALL", "*")


class RosterRejected(ServiceError):
    """The roster has problems and nothing was imported; ``issues`` lists every one."""

    def __init__(self, issues: Sequence[RosterIssue]):
        self.issues = tuple(issues)
        super().__init__(f"花名册有 {len(self.issues)} 处问题, 未导入任何内容。")


@dataclass(frozen=True)
class PreviewRow:
    row: int
    status: str
    values: tuple[str, ...]  # cleaned (or, in error, as typed) in PREVIEW_KEYS order
    messages: tuple[str, ...]
    sheet: str = ""  # set when several sheets are imported together


@dataclass(frozen=True)
class RosterPreview:
    """What an import would do; ``commit`` takes it back. ``issues`` empty = importable as is."""

    path: str
    sheet: str
    sheets: tuple[str, ...]
    header_row: int
    columns: tuple[str, ...]
    unknown_columns: tuple[str, ...]
    issues: tuple[RosterIssue, ...]
    counts: dict[str, int]
    statuses: tuple[str, ...] = field(repr=False)
    parsed: ParsedRoster = field(repr=False, compare=False)
    conflicts: tuple[RosterConflict, ...] = ()  # stored people renamed, plates/spaces moved (see plan)
    update_existing: bool = False  # the conflicts were accepted (else they are among the issues)

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def combined(self) -> bool:
        """Several sheets were read together."""
        return bool(self.parsed.parts)

    @property
    def notes(self) -> tuple[str, ...]:
        """What to tell the user that is not an error (which sheets were read, …)."""
        return tuple(self.parsed.notes)

    @property
    def file_level_issues(self) -> tuple[RosterIssue, ...]:
        return tuple(self.parsed.issues)

    @cached_property
    def rows(self) -> tuple[PreviewRow, ...]:
        """One row per data row, built on first use (the CLI never needs them)."""
        by_row: dict[tuple[str, int], list[str]] = {}
        for issue in self.issues:
            by_row.setdefault((issue.sheet, issue.row), []).append(str(issue))
        return tuple(
            PreviewRow(rec.row, status, _values(rec, status), tuple(by_row.get((rec.sheet, rec.row), ())), rec.sheet)
            for rec, status in zip(self.parsed.records, self.statuses, strict=True)
        )

    def lines(self) -> list[str]:
        return [str(issue) for issue in self.issues]

    @property
    def layout(self) -> str:
        """The other system whose layout was recognised ("HC小区"), or ""."""
        return self.parsed.layout

    @property
    def placeholder_lines(self) -> list[str]:
        """"占位手机号 18999999999 视为空: 3,120 行", one per placeholder value found."""
        from app.excel.legacy import placeholder_lines

        return placeholder_lines(self.parsed.placeholder_counts)

    @property
    def fee_items(self) -> tuple:
        """The old system's fee items (HC's 费用设置), to be mapped to PropDesk's by the user."""
        return tuple(self.parsed.fee_items)

    @cached_property
    def totals(self) -> ImportTotals:
        """What the importable rows hold: units, people, parking spaces, plates, ID numbers kept 待核实."""
        return import_totals(rec for rec, status in zip(self.parsed.records, self.statuses, strict=True)
                             if status != ERROR)


@dataclass(frozen=True)
class ImportTotals:
    units: int
    persons: int
    owners: int
    spaces: int
    plates: int
    unverified_ids: int

    def __str__(self) -> str:
        return (f"房屋 {self.units:,} 套, 人员 {self.persons:,} 人 (其中业主 {self.owners:,} 人), "
                f"车位 {self.spaces:,} 个, 车牌 {self.plates:,} 个, 身份证号待核实 {self.unverified_ids:,} 个")


def import_totals(records: Iterable[RosterRecord]) -> ImportTotals:
    units, persons, owners, spaces, plates, unverified = set(), set(), set(), set(), set(), set()
    for rec in records:
        if rec.room_no:
            units.add(rec.unit_key)
        if rec.name:
            key = rec.id_number or (rec.unit_key, rec.name)
            persons.add(key)
            if rec.relation in (None, Relation.OWNER):
                owners.add(key)
        spaces.update(rec.spaces)
        plates.update(rec.plates)
        if rec.id_unverified:
            unverified.add(rec.id_number)
    return ImportTotals(len(units), len(persons), len(owners), len(spaces), len(plates), len(unverified))


@dataclass(frozen=True)
class RosterResult:
    import_id: int
    created: int
    updated: int
    unchanged: int
    skipped: int
    units_created: int
    persons_created: int


@dataclass(frozen=True)
class RosterImportRow:
    id: int
    imported_at: datetime
    username: str
    file_name: str
    sheet: str
    rows_total: int
    created: int
    updated: int
    unchanged: int
    skipped: int


def _values(rec: RosterRecord, status: str) -> tuple[str, ...]:
    if status == ERROR and rec.raw is not None:
        return tuple(display(rec.raw.get(k, "")) for k in PREVIEW_KEYS)
    return (
        rec.building, rec.unit_no, rec.room_no, "" if rec.area is None else str(rec.area), rec.name,
        RELATION_LABELS.get(rec.relation, "") if rec.relation else "", rec.phone, rec.id_number,
        rec.move_in.isoformat() if rec.move_in else "", "、".join(rec.spaces), "、".join(rec.plates), rec.notes,
    )


# --- the plan: what the file means against the database ------------------------------------------


class _Obj:
    """A row to insert (id None) or maybe update; ``orig`` is the stored tuple to compare with."""

    __slots__ = ("id", "vals", "orig", "ref")

    def __init__(self, id_: int | None, vals: dict, orig: tuple | None = None):
        self.id, self.vals, self.orig, self.ref = id_, vals, orig, None


UNIT_KEYS = ("area", "floor", "inner_area")
PERSON_KEYS = ("name", "phone", "id_number", "notes", "gender", "id_unverified")
BUILDING_KEYS = ("floors", "has_elevator")
OCC_KEYS = ("relation", "move_in_date")
VEHICLE_KEYS = ("unit", "person", "space")
SPACE_KEYS = ("unit", "person")
_unit_values, _person_values = itemgetter(*UNIT_KEYS), itemgetter(*PERSON_KEYS)  # vals → the tuple to compare


NEW_UNIT_KEYS = ("unit_no", "room_no", "floor", "area", "inner_area")
_VALS, _REF, _ID, _REF_ID = attrgetter("vals"), attrgetter("ref"), attrgetter("id"), attrgetter("ref.id")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_SEARCHED = itemgetter("name", "phone", "id_number")  # what a person gives its units' search text
_SEARCHED_ROW = attrgetter("name", "phone", "id_number")  # (the same of a new person, from its row)
_UNIT_KEY = attrgetter("bcode", "unit_no", "room_no")
_BCODE, _NAME, _ID_NUMBER, _PLATES, _SPACES, _ERRORS = map(attrgetter, ("bcode", "name", "id_number", "plates",
                                                                        "spaces", "errors"))


def _columns(objs: Sequence[_Obj], keys: Sequence[str]) -> dict[str, tuple]:
    """The ``keys`` of the objects' values, column by column (for ``_insert_many``), read at C speed."""
    if len(keys) == 1:
        return {keys[0]: tuple(map(itemgetter(keys[0]), map(_VALS, objs)))}
    return dict(zip(keys, zip(*map(itemgetter(*keys), map(_VALS, objs)), strict=True), strict=True))


def _changed(objs: Iterable[_Obj], keys: Sequence[str]) -> list[_Obj]:
    """The stored rows ``objs`` whose ``keys`` now hold other values than stored."""
    values = itemgetter(*keys)
    return [o for o in objs if values(o.vals) != o.orig]


@dataclass
class _Plan:
    statuses: list[str]
    issues: list[RosterIssue]
    buildings: dict[str, _Obj] = field(default_factory=dict)
    units: dict[tuple, _Obj] = field(default_factory=dict)
    persons: list[_Obj] = field(default_factory=list)
    occs: dict[tuple, _Obj] = field(default_factory=dict)
    vehicles: dict[str, _Obj] = field(default_factory=dict)
    spaces: dict[str, _Obj] = field(default_factory=dict)
    extra_units: set[int] = field(default_factory=set)  # stored units whose search text changes too
    conflicts: list[RosterConflict] = field(default_factory=list)
    members: dict[tuple, list[tuple[_Obj, _Obj]]] = field(default_factory=dict)  # unit key → [(occupancy, person)]
    stored: dict[str, int] = field(default_factory=dict)  # collection → how many stored rows lead it
    fresh: _Fresh | None = None  # a file of new rows only, planned column by column (then nothing above but
    # ``buildings`` is filled in: ``_write_fresh`` writes it)

    def old(self, name: str) -> Iterator[_Obj]:
        """The stored rows of a collection (they come first: read before the file's rows are planned)."""
        objs = getattr(self, name)
        return islice(objs.values() if isinstance(objs, dict) else objs, self.stored[name])

    def new(self, name: str) -> list[_Obj]:
        """The rows of a collection to insert (all after the stored ones)."""
        objs = getattr(self, name)
        return list(islice(objs.values() if isinstance(objs, dict) else objs, self.stored[name], None))

    def counts(self) -> dict[str, int]:
        return {**{status: self.statuses.count(status) for status in (CREATE, UPDATE, UNCHANGED, ERROR)},
                "total": len(self.statuses)}


def _where_in(conn, stmt, column, wanted: set):
    """The rows of ``stmt`` whose ``column`` is one of ``wanted``, in (column, id) order.

    IN lists of CHUNK values; but when more values are asked for than the table holds (a first import asks
    for 10,000 ID numbers of an empty table: 20 queries), one ordered pass over the table is cheaper.
    """
    if len(wanted) > CHUNK and (held := conn.exec_driver_sql(f"SELECT count(*) FROM {column.table.name}").scalar()
                                ) < len(wanted):
        if not held:
            return  # (an empty table: a first import)
        at = [c.key for c in stmt.selected_columns].index(column.key)
        for row in conn.execute(stmt.order_by(column, column.table.c.id)).all():
            if row[at] in wanted:
                yield row
        return
    for chunk in chunks(sorted(wanted)):
        yield from conn.execute(stmt.where(column.in_(chunk))).all()


def _masked(value: str) -> bool:
    return "*" in value


def plan(s: Session, parsed: ParsedRoster, progress: ProgressLike = NULL_PROGRESS, *,
         update_existing: bool = False) -> _Plan:
    """Decide create/update/unchanged per row against what is stored (reads only).

    A row that would rename a stored person, or move a stored plate or parking space to another unit, is a
    conflict: an error row (nothing of it applied) unless ``update_existing``; either way it is listed in
    ``conflicts`` with its before → after.
    """
    records = parsed.records
    if any(map(_ERRORS, records)):
        result = _Plan([ERROR if rec.errors else UNCHANGED for rec in records], list(parsed.issues))
        valid = [rec for rec in records if not rec.errors]
    else:  # (the usual file: no row in error)
        result, valid = _Plan([UNCHANGED] * len(records), list(parsed.issues)), records
    if not records and not parsed.issues:
        result.issues.append(RosterIssue(parsed.header_row, "", "表头下面没有数据行, 没有可导入的内容"))
    has_relation = "relation" in parsed.fields
    conn = s.connection()  # Core rows, fetched at once (no ORM result handling, no fetch per row)

    for bid, name, floors, elevator in conn.execute(select(Building.id, Building.name, Building.floors,
                                                           Building.has_elevator)):
        result.buildings.setdefault(building_code(name).upper(),
                                    _Obj(bid, {"name": name, "floors": floors, "has_elevator": elevator},
                                         (floors, elevator)))
    wanted_codes = set(map(_BCODE, valid))
    stored_bids = [b.id for code, b in result.buildings.items() if code in wanted_codes]
    code_of = {b.id: code for code, b in result.buildings.items()}
    buildings_with_units: set[str] = set()
    members = result.members
    persons_by_id: dict[int, _Obj] = {}
    for chunk in chunks(stored_bids):
        for uid, bid, unit_no, room_no, area, floor, inner_area in conn.execute(
            select(Unit.id, Unit.building_id, Unit.unit_no, Unit.room_no, Unit.area, Unit.floor, Unit.inner_area)
            .where(Unit.building_id.in_(chunk))
        ).all():
            key = (code_of[bid], unit_no, room_no)
            result.units[key] = _Obj(uid, {"area": area, "floor": floor, "inner_area": inner_area, "key": key,
                                           "touched": False}, (area, floor, inner_area))
            if unit_no:
                buildings_with_units.add(code_of[bid])
        rows = conn.execute(
            select(Occupancy.id, Occupancy.unit_id, Occupancy.relation, Occupancy.move_in_date, Person.id,
                   Person.name, Person.phone, Person.id_number, Person.notes, Person.gender, Person.id_unverified,
                   Unit.building_id, Unit.unit_no, Unit.room_no)
            .join(Person, Person.id == Occupancy.person_id)
            .join(Unit, Unit.id == Occupancy.unit_id)
            .where(Unit.building_id.in_(chunk))
            .order_by(Occupancy.id)
        ).all()
        for oid, uid, relation, move_in, pid, *stored, bid, unit_no, room_no in rows:
            person = persons_by_id.get(pid)
            if person is None:
                person = persons_by_id[pid] = _person_obj(pid, stored)
            occ = _Obj(oid, {"relation": relation, "move_in_date": move_in}, (relation, move_in))
            key = (code_of[bid], unit_no, room_no)
            members.setdefault(key, []).append((occ, person))
            result.occs[(uid, pid)] = occ
    progress.report(len(records) // 10, len(records), "比对数据库")

    by_id_number: dict[str, _Obj] = {p.vals["id_number"]: p for p in persons_by_id.values() if p.vals["id_number"]}
    missing = set(filter(None, map(_ID_NUMBER, valid))).difference(by_id_number)
    for pid, *stored in _where_in(conn, select(Person.id, *PERSON_COLUMNS), Person.id_number, missing):
        person = persons_by_id.setdefault(pid, _person_obj(pid, stored))
        by_id_number.setdefault(person.vals["id_number"], person)
    result.persons = list(persons_by_id.values())
    result.stored.update(buildings=len(result.buildings), units=len(result.units), persons=len(result.persons),
                         occs=len(result.occs))
    plates = set(chain.from_iterable(map(_PLATES, valid)))
    for vid, plate, uid, pid, sid in _where_in(
            conn, select(Vehicle.id, Vehicle.plate, Vehicle.unit_id, Vehicle.person_id, Vehicle.parking_space_id),
            Vehicle.plate, plates):
        result.vehicles[plate] = _Obj(vid, {"unit": uid, "person": pid, "space": sid, "plate": plate}, (uid, pid, sid))
    codes = set(chain.from_iterable(map(_SPACES, valid)))
    for sid, code, uid, pid in _where_in(
            conn, select(ParkingSpace.id, ParkingSpace.code, ParkingSpace.unit_id, ParkingSpace.person_id),
            ParkingSpace.code, codes):
        result.spaces[code] = _Obj(sid, {"unit": uid, "person": pid, "code": code}, (uid, pid))
    result.stored.update(vehicles=len(result.vehicles), spaces=len(result.spaces))
    if (FRESH_PATH and records and len(valid) == len(records) and not stored_bids and not by_id_number
            and not result.vehicles and not result.spaces and conn.dialect.name in ("sqlite", "postgresql")):
        result.fresh = _fresh(records, result.buildings)
        if result.fresh is not None:
            result.statuses = [CREATE] * len(records)
            return result

    claimed: set[int] = set()  # persons already given values by an earlier row of this file
    statuses, buildings, units, persons = result.statuses, result.buildings, result.units, result.persons
    occs, spaces, vehicles, stored_person = result.occs, result.spaces, result.vehicles, by_id_number.get
    for i, rec in enumerate(records):
        if i % 2000 == 0:
            progress.report(len(records) // 10 + i * 4 // 10, len(records), "比对数据库")
        if rec.errors:
            continue
        bcode, unit_no, room_no = key = rec.unit_key
        if not unit_no and bcode in buildings_with_units:
            column = parsed.header_for(rec, "unit")
            result.issues.append(RosterIssue(rec.row, column, f"不能为空 (系统中{rec.building}的房屋分单元)", rec.sheet))
            statuses[i] = ERROR
            continue
        stored = stored_person(rec.id_number) if rec.id_number else None
        found = ((stored is not None and stored.id is not None and rec.name and rec.name != stored.orig[0])
                 or rec.spaces or rec.plates) and _conflicts(
            rec, result, by_id_number, key)  # (the usual row without a car, renaming nobody: nothing to look at)
        if found:
            result.conflicts += found
            if not update_existing:
                statuses[i] = ERROR
                continue
        created = changed = False
        building = buildings.get(bcode)
        if building is None:
            building = buildings[bcode] = _Obj(None, _new_building(rec))
        if rec.floors is not None or rec.elevator is not None:
            changed |= _building_facts(building, rec, claimed)
        unit = units.get(key)
        if unit is None:
            unit = units[key] = _Obj(None, _new_unit(rec, key))
            created = True
        else:
            before = _unit_values(unit.vals)
            _later_unit_row(unit.vals, rec)
            changed |= before != _unit_values(unit.vals)
        unit.ref = building
        unit_members = members.setdefault(key, [])
        if not rec.name:  # a unit of the old system with nobody living in it yet
            status = statuses[i] = CREATE if created else UPDATE if changed else UNCHANGED
            if status != UNCHANGED:
                unit.vals["touched"] = True
            continue

        person = stored_person(rec.id_number) if rec.id_number else None
        if person is None:
            for _occ, p in unit_members:
                if p.vals["name"] == rec.name and (not rec.id_number or not p.vals["id_number"]):
                    person = p
                    break
        if person is None:
            person = _Obj(None, dict(zip(PERSON_KEYS, _new_person(rec), strict=True)))
            persons.append(person)
            created = True
        else:
            before = _person_values(person.vals)
            _person_row(person.vals, rec, id(person) not in claimed)
            changed |= before != _person_values(person.vals)
        claimed.add(id(person))
        if rec.id_number:
            by_id_number[rec.id_number] = person

        occ = None
        for o, p in unit_members:
            if p is person:
                occ = o
                break
        if occ is None:
            occ = _Obj(None, dict(zip(OCC_KEYS, _new_occupancy(rec), strict=True)))
            occ.ref = (unit, person)
            unit_members.append((occ, person))
            occs[("new", id(occ))] = occ
            created = True
        else:
            before = (occ.vals["relation"], occ.vals["move_in_date"])
            if has_relation and rec.relation:
                occ.vals["relation"] = rec.relation
            if rec.move_in is not None:
                occ.vals["move_in_date"] = rec.move_in
            changed |= before != (occ.vals["relation"], occ.vals["move_in_date"])

        space_objs = []
        for code in rec.spaces:
            space = spaces.get(code)
            if space is None:
                space = spaces[code] = _Obj(None, {"code": code})
                created = True
            changed |= _link(space, unit, person)
            space_objs.append(space)
        for plate in rec.plates:
            vehicle = vehicles.get(plate)
            if vehicle is None:
                vehicle = vehicles[plate] = _Obj(None, {"plate": plate, "space": None})
                created = True
            changed |= _link(vehicle, unit, person)
            if (space := _row_space(space_objs)) is not None and "space_obj" not in vehicle.vals:
                vehicle.vals["space_obj"] = space
                changed |= vehicle.id is not None and (space.id is None or vehicle.vals["space"] != space.id)
        status = statuses[i] = CREATE if created else UPDATE if changed else UNCHANGED
        if status != UNCHANGED:
            unit.vals["touched"] = True
    plain = bool(parsed.layout)
    for rec in records:
        if rec.errors:
            result.issues.extend(record_issues(rec, plain))
    if result.conflicts:
        _describe_conflicts(s, parsed, result.conflicts)
        if not update_existing:
            result.issues += [RosterIssue(c.row, c.column, c.message, c.sheet) for c in result.conflicts]
    order = {name: i for i, name in enumerate(parsed.sheets_used)}
    result.issues.sort(key=lambda issue: (order.get(issue.sheet, -1), issue.row))
    return result


PERSON_COLUMNS = tuple(getattr(Person, k) for k in PERSON_KEYS)
_new_person = attrgetter(*PERSON_KEYS)  # a new person takes the row's values (RosterRecord's names for them)


def _person_row(vals: dict, rec: RosterRecord, first_row: bool) -> None:
    """A row naming a person already known (stored, or met earlier in the file). The first row naming a person
    decides; later rows (the same owner of another unit) only fill in what is still blank, so a file never flips
    a value back and forth and re-imports unchanged."""
    if rec.name and vals["name"] != rec.name and first_row:
        vals["name"] = rec.name
    if rec.phone and (first_row or not vals["phone"]):
        vals["phone"] = rec.phone
    if rec.id_number and not vals["id_number"]:
        vals["id_number"] = rec.id_number
        vals["id_unverified"] = rec.id_unverified
    if rec.gender and (first_row or not vals["gender"]):
        vals["gender"] = rec.gender
    if "notes" in rec.present and (first_row or not vals["notes"]):
        vals["notes"] = rec.notes


def _new_occupancy(rec: RosterRecord) -> tuple:
    """A new occupancy's OCC_KEYS: the row's relation (业主 when not given) and move-in date."""
    return rec.relation or Relation.OWNER, rec.move_in


def _new_building(rec: RosterRecord) -> dict:
    return {"name": rec.building, "floors": None, "has_elevator": None}  # (its facts: _building_facts)


_unit_of_row = attrgetter(*UNIT_KEYS)  # a new unit takes the row's area, floor and inner area


def _new_unit(rec: RosterRecord, key: tuple) -> dict:
    return {**dict(zip(UNIT_KEYS, _unit_of_row(rec), strict=True)), "key": key, "unit_no": key[1],
            "room_no": key[2], "touched": True}


def _later_unit_row(vals: dict, rec: RosterRecord) -> None:
    """Another row of a unit (or a row of a stored one): the area, floor and inner area it gives replace the
    values so far."""
    if rec.area is not None:
        vals["area"] = rec.area
    if "floor" in rec.present:
        vals["floor"] = rec.floor
    if rec.inner_area is not None:
        vals["inner_area"] = rec.inner_area


def _row_space(spaces: Sequence) -> object | None:
    """The parking space a row's plates are parked in: the row's one space, if it names exactly one."""
    return spaces[0] if len(spaces) == 1 else None


# What every new row of a table holds besides the file's values (both paths insert with these)
NEW_UNIT = {"use": "residential", "status": "occupied", "notes": ""}
NEW_OCCUPANCY = {"move_out_date": None}
NEW_SPACE = {"zone": "", "kind": SpaceKind.OWNED, "notes": ""}
NEW_VEHICLE = {"brand": "", "color": ""}


def _shared(values: dict) -> dict:
    return {key: _Same(value) for key, value in values.items()}


FRESH_PATH = True  # tests turn it off to compare the fresh path with the row-by-row one


@dataclass
class _Fresh:
    """A file that meets nothing stored, planned column by column: every row is a new person living in a new
    unit (the unit made by its first row), with new plates and spaces. What ``plan``'s row loop decides for
    such a file, by the same rules (``_new_person``, ``_new_occupancy``, ``_new_unit``, ``_later_unit_row``,
    ``_row_space``, ``_building_facts``); tests/app/test_roster_fresh.py compares the two on generated files."""

    records: list[RosterRecord]
    keys: list[tuple]  # each row's unit key
    units: dict[tuple, list[RosterRecord]]  # unit key → its rows, in file order (the units in the order met)
    owners: _Owners | None = None  # when an ID number is on several rows (one owner of several units)


@dataclass
class _Owners:
    """The people of a fresh file where some ID number is on several rows (check_within_file has seen to it
    that they are rows of other units, under one name): each person made by its first row, later rows filling
    in what is still blank (``_person_row``), as the row loop does."""

    persons: list[tuple]  # each person's PERSON_KEYS values, in the order first met
    person_of_row: list[int]  # each row's person (index into persons)
    searched: dict[int, tuple]  # id(row) → its person's name, phone and ID number, for a person of several rows

    @classmethod
    def of(cls, records: list[RosterRecord]) -> _Owners:
        numbers = list(map(_ID_NUMBER, records))
        first = {n: i for i, n in zip(range(len(numbers) - 1, -1, -1), reversed(numbers), strict=True) if n}
        head = [first[n] if n else i for i, n in enumerate(numbers)]  # the first row of each row's person
        keep = [i for i, h in enumerate(head) if h == i]
        slot = dict(zip(keep, range(len(keep)), strict=True))
        persons = list(map(_new_person, map(records.__getitem__, keep)))
        merged: dict[int, dict] = {}
        for i, h in enumerate(head):
            if h != i:  # a later row of a person: it fills in blanks as the row loop's later rows do
                vals = merged.get(h) or merged.setdefault(h, dict(zip(PERSON_KEYS, persons[slot[h]], strict=True)))
                _person_row(vals, records[i], False)
        for h, vals in merged.items():
            persons[slot[h]] = tuple(map(vals.__getitem__, PERSON_KEYS))
        return cls(persons, list(map(slot.__getitem__, head)),
                   {id(rec): persons[slot[h]][:3] for rec, h in zip(records, head, strict=True) if h in merged})


def _fresh(records: list[RosterRecord], buildings: dict[str, _Obj]) -> _Fresh | None:
    """The column-wise plan of ``records`` (all valid, none of their units, ID numbers, plates or spaces
    stored), or None when a row would meet another row's person by name, plate or space (then the row loop
    decides): each row names a person, no two rows of a unit the same name, no plate or space twice. An ID number
    on several rows is one owner of several units (``_Owners``)."""
    keys = list(map(_UNIT_KEY, records))
    names = list(map(_NAME, records))
    if not all(names) or len(set(zip(keys, names, strict=True))) != len(keys):
        return None
    for column in ([*chain.from_iterable(map(_PLATES, records))], [*chain.from_iterable(map(_SPACES, records))]):
        if len(set(column)) != len(column):
            return None
    numbers = list(filter(None, map(_ID_NUMBER, records)))
    owners = _Owners.of(records) if len(set(numbers)) != len(numbers) else None
    units: dict[tuple, list[RosterRecord]] = {}
    for key, rec in zip(keys, records, strict=True):
        rows = units.get(key)
        if rows is None:
            units[key] = [rec]
        else:
            rows.append(rec)
    bcodes = list(map(_FIRST, keys))
    first = dict(zip(reversed(bcodes), reversed(records), strict=True))  # building code → its first row
    for bcode in dict.fromkeys(bcodes):  # the buildings in the order they are met (none of them stored)
        buildings[bcode] = _Obj(None, _new_building(first[bcode]))
    claimed: set[int] = set()
    for rec in records:
        if rec.floors is not None or rec.elevator is not None:
            _building_facts(buildings[rec.bcode], rec, claimed)
    return _Fresh(records, keys, units, owners)


def _person_obj(pid: int, stored: Sequence) -> _Obj:
    """A stored person (its PERSON_KEYS values in order) to compare the file with."""
    return _Obj(pid, dict(zip(PERSON_KEYS, stored, strict=True)), tuple(stored))


def _building_facts(building: _Obj, rec: RosterRecord, claimed: set[int]) -> bool:
    """总层数 / 是否有电梯 from the first row of this file that gives them; True when that changes a stored building."""
    if id(building) in claimed:
        return False
    claimed.add(id(building))
    before = (building.vals["floors"], building.vals["has_elevator"])
    if rec.floors is not None:
        building.vals["floors"] = rec.floors
    if rec.elevator is not None:
        building.vals["has_elevator"] = rec.elevator
    return building.id is not None and before != (building.vals["floors"], building.vals["has_elevator"])


@dataclass
class RosterConflict:
    """A row that would change a stored person's name or move a stored plate/space to another unit."""

    row: int
    sheet: str
    column: str  # the header as in the file
    kind: str  # "name" | "plate" | "space"
    value: str  # the ID number, plate or space code
    before: str  # stored: the name, or the unit the plate/space belongs to
    after: str  # what the row would make it
    stored_id: int  # the person, vehicle or space
    unit_ids: tuple[int, ...] = ()  # stored units to name in the message
    message: str = ""

    def __str__(self) -> str:
        where = f"第{self.row}行" if not self.sheet else f"工作表“{self.sheet}”第{self.row}行"
        return f"{where} {self.column}: {self.message}"

    @property
    def change(self) -> str:
        """One line for a confirmation list: 第2行 姓名 (身份证号码 …): 董静 → 冒名顶替."""
        where = f"第{self.row}行" if not self.sheet else f"工作表“{self.sheet}”第{self.row}行"
        what = {"name": f"姓名 (身份证号码 {self.value})", "plate": f"车牌号 {self.value} 所属房屋",
                "space": f"车位 {self.value} 所属房屋"}[self.kind]
        return f"{where} {what}: {self.before} → {self.after}"


def _conflicts(rec: RosterRecord, p: _Plan, by_id_number: dict[str, _Obj], key: tuple) -> list[RosterConflict]:
    """What this row would change of stored people, plates and spaces that an import must not do unasked."""
    found = []
    person = by_id_number.get(rec.id_number) if rec.id_number else None
    if person is not None and person.id is not None and rec.name and rec.name != person.orig[0]:
        found.append(RosterConflict(rec.row, rec.sheet, "id_number", "name", rec.id_number, person.orig[0], rec.name,
                                    person.id))
    if not (rec.spaces or rec.plates):
        return found
    target = p.units.get(key)
    target_id = target.id if target is not None else None
    for kind, values, stored in (("space", rec.spaces, p.spaces), ("plate", rec.plates, p.vehicles)):
        for value in values:
            obj = stored.get(value)
            if obj is None or obj.id is None or obj.orig[0] is None or "unit_obj" in obj.vals:
                continue  # new, unassigned, or already placed by an earlier row of this file
            if target_id != obj.orig[0]:
                found.append(RosterConflict(rec.row, rec.sheet, kind, kind, value, "",
                                            unit_label(rec.building, rec.unit_no, rec.room_no), obj.id,
                                            (obj.orig[0],)))
    return found


def _describe_conflicts(s: Session, parsed: ParsedRoster, conflicts: list[RosterConflict]) -> None:
    """Fill in unit labels and the messages (a few queries, for the conflicting rows only)."""
    person_ids = sorted({c.stored_id for c in conflicts if c.kind == "name"})
    homes: dict[int, list[int]] = {}
    for chunk in chunks(person_ids):
        for pid, uid in s.execute(select(Occupancy.person_id, Occupancy.unit_id)
                                  .where(Occupancy.person_id.in_(chunk)).order_by(Occupancy.id)):
            homes.setdefault(pid, []).append(uid)
    unit_ids = sorted({u for c in conflicts for u in c.unit_ids} | {u for us in homes.values() for u in us})
    labels: dict[int, str] = {}
    for chunk in chunks(unit_ids):
        for uid, bname, unit_no, room_no in s.execute(
                select(Unit.id, Building.name, Unit.unit_no, Unit.room_no)
                .join(Building, Building.id == Unit.building_id).where(Unit.id.in_(chunk))):
            labels[uid] = unit_label(bname, unit_no, room_no)
    by_sheet = {rec.sheet: rec for rec in parsed.records}
    for c in conflicts:
        rec = by_sheet.get(c.sheet)
        column_key = "id_number" if c.kind == "name" else c.kind
        c.column = parsed.header_for(rec, column_key) if rec is not None else parsed.header_of(column_key)
        if c.kind == "name":
            where = "、".join(labels[u] for u in homes.get(c.stored_id, ())[:3] if u in labels)
            c.message = f"已登记为 {c.before}" + (f" ({where})" if where else "") + f", 姓名不同 (本行为 {c.after})"
        else:
            c.before = labels.get(c.unit_ids[0], "?")
            what = "车牌" if c.kind == "plate" else "车位"
            c.message = f"{what} {c.value} 已登记在 {c.before}, 本行会把它移到 {c.after}"


IMPORT_LOCK_KEY = 0x50524F53  # "PROS": the advisory lock every roster import takes on PostgreSQL
IMPORT_LOCK_WAIT = 60.0  # seconds to wait for another PC's import before giving up
IMPORT_BUSY = "另一台电脑正在导入, 请稍候"


def _import_lock(s: Session, progress: ProgressLike, wait: float | None = None) -> None:
    """Serialise roster imports across PCs (PostgreSQL: a transaction-level advisory lock, released at
    commit/rollback). Two imports planned side by side would both create the same person. SQLite's write
    transaction (BEGIN IMMEDIATE) already serialises them."""
    import time

    conn = s.connection()
    if conn.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    deadline = time.monotonic() + (IMPORT_LOCK_WAIT if wait is None else wait)
    while not conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": IMPORT_LOCK_KEY}).scalar():
        if time.monotonic() >= deadline:
            raise ServiceError(f"{IMPORT_BUSY}: 等待超时, 请在对方导入完成后再试。")
        progress.report(0, 1, IMPORT_BUSY)  # the dialog shows it (and its 取消 works while waiting)
        time.sleep(0.5)


FTS_TRIGGER = "units_fts_ai"


@contextmanager
def _no_gc():
    """No cyclic garbage collection while tens of thousands of rows are built: the collector would scan
    them again and again (measured: plan 0.38 s → 0.13 s at 10,000 rows). Nothing here makes cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_cache_kib(rows: int) -> int | None:
    """SQLite's default 2 MB page cache thrashes once the persons/occupancies indexes outgrow it (100,000
    rows: persons insert 2.7 s); a bigger cache for the duration of the import keeps them in memory."""
    return None if rows < 5000 else min(256, 16 + rows // 1000 * 2) * 1024


@contextmanager
def _bulk_search_index(conn, count: int):
    """Index many new units in one statement instead of one FTS5 trigger call per row (6× faster).

    On SQLite the insert trigger that keeps ``units_fts`` in step is dropped for the duration and put
    back, inside this same transaction: no other connection ever sees it missing, and a rollback
    restores it. Yields ``index(first_id, last_id)`` to call after the rows are inserted.
    """
    trigger_sql = None
    if conn.dialect.name == "sqlite" and count >= 200:
        trigger_sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (FTS_TRIGGER,)).scalar()
    if trigger_sql is None:
        yield lambda first, last: None
        return
    conn.exec_driver_sql(f"DROP TRIGGER {FTS_TRIGGER}")

    def index(first: int, last: int) -> None:
        conn.exec_driver_sql("INSERT INTO units_fts(rowid, search_text) SELECT id, search_text FROM units "
                             "WHERE id BETWEEN ? AND ?", (first, last))

    yield index
    conn.exec_driver_sql(trigger_sql)


def _reserve_ids(conn, table, count: int) -> Sequence[int] | None:
    """``count`` new ids of ``table``, reserved before the rows are inserted; None on other databases.

    On SQLite the write transaction (BEGIN IMMEDIATE) holds the only write lock, so max(id)+1… is ours; on
    PostgreSQL the sequence hands them out. (RETURNING with parameter order falls back to one statement per
    row on SQLite: 20× slower.)
    """
    dialect = conn.dialect.name
    if dialect == "sqlite":
        start = (conn.exec_driver_sql(f"SELECT max(id) FROM {table.name}").scalar() or 0) + 1
        return range(start, start + count)
    if dialect == "postgresql":
        from sqlalchemy import text

        return conn.execute(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                            {"t": table.name, "n": count}).scalars().all()
    return None


def _insert_with_ids(conn, model, objs: list[_Obj], columns: dict[str, object]) -> None:
    """Insert many rows (``columns`` as for ``_insert_many``) and give each object its new id, in one executemany
    (ids reserved first: ``_reserve_ids``)."""
    table = model.__table__
    ids = _reserve_ids(conn, table, len(objs))
    if ids is None:
        rows = _row_dicts(columns, len(objs))
        ids = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
        for obj, new_id in zip(objs, ids, strict=True):
            obj.id = new_id
        return
    for obj, new_id in zip(objs, ids, strict=True):
        obj.id = new_id
    _insert_many(conn, table, {"id": list(ids), **columns}, len(objs))


def _write_fresh(conn, f: _Fresh, buildings: dict[str, _Obj], stamp: dict, progress: ProgressLike,
                 total: int) -> tuple[int, int]:
    """Insert a fresh file's units, people, occupancies, spaces and vehicles (see ``_Fresh``) straight from its
    rows, as ``_write_rows`` would insert the plan the row loop makes of it; returns (units, persons) created."""
    records, units = f.records, f.units
    unit_rows = list(units.values())
    columns = {key: list(values) for key, values in zip(
        UNIT_KEYS, zip(*map(_unit_of_row, map(_FIRST, unit_rows)), strict=True), strict=True)}
    for u, recs in enumerate(unit_rows):
        if len(recs) > 1:  # a unit of several rows (co-owners): the later rows' values
            vals = {key: columns[key][u] for key in UNIT_KEYS}
            for rec in recs[1:]:
                _later_unit_row(vals, rec)
            for key in UNIT_KEYS:
                columns[key][u] = vals[key]
    unit_ids = _reserve_ids(conn, Unit.__table__, len(units))
    keys = list(units)
    names = {bcode: b.vals["name"] for bcode, b in buildings.items()}
    owners = f.owners
    searched = _SEARCHED_ROW if owners is None else (
        lambda rec, of=owners.searched.get: of(id(rec)) or _SEARCHED_ROW(rec))
    columns.update(
        id=list(unit_ids), building_id=[buildings[key[0]].id for key in keys], unit_no=list(map(_SECOND, keys)),
        room_no=[key[2] for key in keys], **_shared(NEW_UNIT),
        search_text=[unit_search_text(names[key[0]], key[1], key[2], (searched(recs[0]),), recs[0].plates)
                     if len(recs) == 1 else  # (the usual unit: one row)
                     unit_search_text(names[key[0]], key[1], key[2], map(searched, recs),
                                      chain.from_iterable(map(_PLATES, recs)))
                     for key, recs in zip(keys, unit_rows, strict=True)], **stamp)
    with _bulk_search_index(conn, len(keys)) as index_new_units:
        _insert_many(conn, Unit.__table__, columns, len(keys))
        index_new_units(unit_ids[0], unit_ids[-1])

    progress.report(total * 6 // 10, total, "写入业主")
    persons = list(map(_new_person, records)) if owners is None else owners.persons
    person_ids = _reserve_ids(conn, Person.__table__, len(persons))
    _insert_many(conn, Person.__table__, {
        "id": list(person_ids), **dict(zip(PERSON_KEYS, zip(*persons, strict=True), strict=True)),
        **stamp}, len(persons))
    person_ids = list(person_ids) if owners is None else list(map(person_ids.__getitem__, owners.person_of_row))
    unit_of_row = list(map(dict(zip(keys, unit_ids, strict=True)).__getitem__, f.keys))
    count = len(records)
    _insert_many(conn, Occupancy.__table__, {
        "unit_id": unit_of_row, "person_id": person_ids,
        **dict(zip(OCC_KEYS, zip(*map(_new_occupancy, records), strict=True), strict=True)),
        **_shared(NEW_OCCUPANCY), **stamp}, count)

    progress.report(total * 7 // 10, total, "写入车位和车辆")
    spaces = [(i, code) for i, rec in enumerate(records) if rec.spaces for code in rec.spaces]
    space_ids_of: dict[int, list[int]] = {}
    if spaces:
        space_ids = _reserve_ids(conn, ParkingSpace.__table__, len(spaces))
        for (i, _code), sid in zip(spaces, space_ids, strict=True):
            space_ids_of.setdefault(i, []).append(sid)
        rows = list(map(_FIRST, spaces))
        _insert_many(conn, ParkingSpace.__table__, {
            "id": list(space_ids), "code": list(map(_SECOND, spaces)), "unit_id": [unit_of_row[i] for i in rows],
            "person_id": [person_ids[i] for i in rows], **_shared(NEW_SPACE), **stamp}, len(spaces))
    vehicles = [(i, plate) for i, rec in enumerate(records) if rec.plates for plate in rec.plates]
    if vehicles:
        rows = list(map(_FIRST, vehicles))
        _insert_many(conn, Vehicle.__table__, {
            "plate": list(map(_SECOND, vehicles)), "unit_id": [unit_of_row[i] for i in rows],
            "person_id": [person_ids[i] for i in rows],
            "parking_space_id": [_row_space(space_ids_of.get(i, ())) for i in rows], **_shared(NEW_VEHICLE),
            **stamp}, len(vehicles))
    progress.report(total * 8 // 10, total, "更新搜索索引")
    return len(keys), len(persons)


class _Same:
    """A value every row of a bulk insert shares (the stamp, a new row's defaults): converted once, not once
    per row (on SQLite written into the statement: ``_sqlite_literal``)."""

    __slots__ = ("value",)

    def __init__(self, value: object):
        self.value = value


def _row_dicts(columns: dict[str, object], count: int) -> list[dict]:
    keys = list(columns)
    values = [repeat(v.value, count) if isinstance(v, _Same) else v for v in columns.values()]
    return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]


def _insert_many(conn, table, columns: dict[str, object], count: int) -> None:
    """One executemany INSERT of ``count`` rows given column by column: ``{column: [values…] | _Same(value)}``."""
    if count:
        _execute_many(conn, insert(table), columns, count, column_keys=list(columns))


def _execute_many(conn, stmt, columns: dict[str, object], count: int, column_keys: list[str] | None = None) -> None:
    """``stmt`` executed for ``count`` rows given by bind parameter: ``{name: [values…] | _Same(value)}``.

    On SQLite the statement is compiled once and plain tuples go to the driver, each value converted by
    its parameter's own bind processor exactly as ``conn.execute(stmt, rows)`` would convert it (a parameter
    not in ``columns`` keeps the value given in the statement): SQLAlchemy's per-row parameter handling was
    a third of the import's write time. An INSERT's value shared by every row (the stamp, a fixed text) is
    written into the statement as its SQL literal, converted the same way, instead of being bound for each
    row: SQLite stores the same value, and binding a text copies it every time (a third of an occupancy's
    insert). The audit trail's ``after_execute`` hook is then told about the Core statement, as for
    ``conn.execute``, and writes the same one summary row. Other databases take ``conn.execute`` with row
    dicts.
    """
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        conn.execute(stmt, _row_dicts(columns, count))
        return
    run = stmt
    if isinstance(stmt, Insert) and column_keys is not None:
        columns = {name: _Same(value[0]) if _all_equal(value) else value for name, value in columns.items()}
        literals = {name: sql for name, value in columns.items() if isinstance(value, _Same)
                    and (sql := _sqlite_literal(stmt.table.c[name].type, value.value, dialect)) is not None}
        if literals:
            run = stmt.values({name: literal_column(sql) for name, sql in literals.items()})
            column_keys = [name for name in column_keys if name not in literals]
    compiled = run.compile(dialect=dialect, column_keys=column_keys)
    ordered = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        values = columns[name] if name in columns else _Same(bind.effective_value)
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if isinstance(values, _Same):
            ordered.append(repeat(process(values.value) if process else values.value, count))
        elif len(values) != count:
            raise ValueError(f"{name}: {len(values)} values for {count} rows")
        else:
            ordered.append(_processed(process, values) if process else values)
    result = conn.exec_driver_sql(compiled.string, list(zip(*ordered, strict=True)))
    if conn.dispatch.after_execute:  # listeners (the audit trail) hear of the Core statement, as from execute()
        first = {k: (v.value if isinstance(v, _Same) else v[0]) for k, v in columns.items()}
        conn.dispatch.after_execute(conn, stmt, [first] * count, {}, {}, result)


def _sqlite_literal(type_, value: object, dialect) -> str | None:
    """``value`` converted by its type's bind processor, as an SQLite literal; None when not a plain one."""
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    value = process(value) if process else value
    if value is None:
        return "NULL"
    if type(value) in (int, bool):
        return str(int(value))
    if isinstance(value, str) and "\x00" not in value:
        return "'" + str.replace(value, "'", "''") + "'"
    return None


_SAME_WHEN_EQUAL = frozenset({date, bool, int, str, type(None)})  # equal values of these types convert alike


def _all_equal(values: object) -> bool:
    """A column of many rows holding one value of a type whose equal values convert alike (every new person's
    blank 备注, 性别 and 待核实, every occupancy's 业主): written once into the INSERT, as a shared value is."""
    return (not isinstance(values, _Same) and len(values) > 1 and type(values[0]) in _SAME_WHEN_EQUAL
            and values[-1] == values[0] and values.count(values[0]) == len(values)
            and set(map(type, values)) == {type(values[0])})


def _processed(process, values: list) -> list:
    """``process`` applied to every value; each distinct date/flag/number/text converted once (a column of
    10,000 move-in dates holds a few thousand; the bind processor is a Python call per value)."""
    if not set(map(type, values)) <= _SAME_WHEN_EQUAL:
        return list(map(process, values))
    done = {value: process(value) for value in dict.fromkeys(values)}
    return list(map(done.__getitem__, values))


def _link(obj: _Obj, unit: _Obj, person: _Obj) -> bool:
    """Point a vehicle/space at this unit and person; True when that changes a stored link.

    The first row of a unit naming it wins: co-owners listing the same car do not flip it back and forth.
    """
    if obj.vals.get("unit_obj") is unit:
        return False
    obj.vals["unit_obj"], obj.vals["person_obj"] = unit, person
    if obj.id is None:
        return False
    return unit.id is None or person.id is None or (obj.vals["unit"], obj.vals["person"]) != (unit.id, person.id)


class RosterService:
    """Roster import (preview → commit) and its history; the export is ``app.services.roster_export``."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- import
    def read(self, path: str | Path, sheet: str | None = None,
             options: ImportOptions = DEFAULT_OPTIONS) -> ParsedRoster:
        """The parsed file. ``sheet`` names one sheet, or ALL_SHEETS for every sheet with a roster header.

        With several sheets and none named: the sheets with a roster header are taken together when they
        hold different units (one sheet per building, as many offices keep it); when they overlap (two
        versions of the roster) only the first is taken, and ``notes`` says so. A workbook in HC小区's
        layout (房屋信息 + 业主信息 …) is read as that (``app.excel.hc_layout``).
        """
        if sheet and sheet.strip() not in ALL_SHEETS:
            return _parse(reader.read_sheet(path, sheet), options=options)
        first, rosters, refused = None, [], []
        sheets = reader.iter_sheets(path)
        for data in sheets:
            if first is None and hc_layout.is_hc_workbook(data.sheet_names):
                return hc_layout.parse_hc({d.name: d.rows for d in (data, *sheets)}, options)
            if not any(any(v not in ("", None) for v in row) for row in data.rows):
                continue
            parsed = _parse(data, check=False, options=options)
            first = first or parsed
            if parsed.header_row and not parsed.issues:
                rosters.append(parsed)
            elif parsed.header_row:
                refused.append(parsed)
        if first is None:
            raise ServiceError(f"“{Path(path).name}”的工作表都是空的, 没有可导入的内容。")
        if not rosters:
            first = refused[0] if refused else first
            check_within_file(first.records, first)
            return first
        notes = [f"工作表“{p.sheet}”未导入: {p.issues[0].message}" for p in refused]
        if len(rosters) == 1:
            check_within_file(rosters[0].records, rosters[0])
            rosters[0].notes += notes
            return rosters[0]
        keys = [{rec.unit_key for rec in part.records} for part in rosters]
        disjoint = sum(len(k) for k in keys) == len(set().union(*keys))
        if disjoint or sheet:
            combined = combine(rosters)
            combined.notes += [f"读取了 {len(rosters)} 张工作表: {combined.sheet}", *notes]
            return combined
        chosen = rosters[0]
        check_within_file(chosen.records, chosen)
        others = "、".join(p.sheet for p in rosters[1:])
        chosen.notes.append(f"工作表 {others} 也像花名册, 且与“{chosen.sheet}”有相同的房屋, 本次只读取了“{chosen.sheet}”"
                            f"(用 --sheet 选择其他工作表, 或 --sheet 全部 一起导入)")
        chosen.notes += notes
        return chosen

    def sheet_names(self, path: str | Path) -> list[str]:
        return reader.sheet_names(path)

    def options(self, *, keep_invalid_id: bool = False, placeholders: Iterable[str] = ()) -> ImportOptions:
        """The reading options: the office's placeholder setting (``roster.placeholders``) plus ``placeholders``."""
        stored = split_placeholders(self._setting(PLACEHOLDER_SETTING))
        extra = tuple(p for value in placeholders for p in split_placeholders(value))
        return ImportOptions(keep_invalid_id, tuple(dict.fromkeys(stored + extra)))

    def _setting(self, key: str) -> str:
        from app.models import Setting

        table = Setting.__table__
        with self.ctx.read() as s:  # (Core: a setting read before every import costs no ORM load)
            return s.connection().execute(select(table.c.value).where(table.c.key == key)).scalar() or ""

    def preview(self, path: str | Path, sheet: str | None = None,
                progress: ProgressLike = NULL_PROGRESS, *, update_existing: bool = False,
                options: ImportOptions | None = None) -> RosterPreview:
        """What the import would do. Conflicts (a stored person renamed, a plate or space moved to another
        unit) are issues unless ``update_existing``; ``preview.conflicts`` lists them either way.
        ``options`` (default: the office's setting): placeholders read as blank, ID numbers kept as 待核实."""
        self.ctx.require("roster.import")
        progress.report(0, 1, "读取文件")
        options = options or self.options()
        with _no_gc():
            parsed = self.read(path, sheet, options)
            return self.replan(path, parsed, progress, update_existing=update_existing)

    def replan(self, path: str | Path, parsed: ParsedRoster, progress: ProgressLike = NULL_PROGRESS, *,
               update_existing: bool = False) -> RosterPreview:
        """The preview of a file already read (the dialog's "更新已有记录" step), without reading it again."""
        self.ctx.require("roster.import")
        with self.ctx.read() as s:
            result = plan(s, parsed, progress, update_existing=update_existing)
        return self._preview(path, parsed, result, update_existing)

    def _preview(self, path, parsed: ParsedRoster, result: _Plan, update_existing: bool = False) -> RosterPreview:
        counts = result.counts()
        counts["skipped"] = parsed.skipped_rows
        return RosterPreview(
            path=str(path), sheet=parsed.sheet, sheets=parsed.sheet_names,
            header_row=parsed.header_row, columns=tuple(parsed.headers.values()),
            unknown_columns=tuple(parsed.unknown), issues=tuple(result.issues), counts=counts,
            statuses=tuple(result.statuses), parsed=parsed, conflicts=tuple(result.conflicts),
            update_existing=update_existing,
        )

    def commit(self, source: RosterPreview | str | Path, *, sheet: str | None = None, only_valid: bool = False,
               progress: ProgressLike = NULL_PROGRESS, update_existing: bool | None = None,
               options: ImportOptions | None = None) -> RosterResult:
        """Write the roster in one transaction; refuse it whole (RosterRejected) when a row is wrong.

        ``update_existing`` (default: as the preview was made, else False) lets rows rename stored people and
        move plates/spaces between units; each such change is in the audit trail with its before → after.
        """
        self.ctx.require("roster.import")
        if update_existing is None:
            update_existing = isinstance(source, RosterPreview) and source.update_existing
        from sqlalchemy.exc import OperationalError

        try:
            with _no_gc():
                return self._commit(source, sheet, only_valid, progress, update_existing, options)
        except OperationalError as exc:  # SQLite: another PC's import held the write lock past the busy timeout
            if "locked" in str(exc.orig):
                raise ServiceError(f"{IMPORT_BUSY}: 数据库正忙, 请在对方导入完成后再试。") from None
            raise

    def _commit(self, source, sheet, only_valid, progress, update_existing: bool,
                options: ImportOptions | None = None) -> RosterResult:
        if isinstance(source, RosterPreview):
            parsed, path = source.parsed, source.path
        else:
            progress.report(0, 1, "读取文件")
            parsed, path = self.read(source, sheet, options or self.options()), str(source)
        if parsed.issues:
            raise RosterRejected(parsed.issues)
        with self.ctx.write() as s:
            _import_lock(s, progress)
            result = plan(s, parsed, progress, update_existing=update_existing)
            if result.issues and not only_valid:
                raise RosterRejected(result.issues)
            counts = result.counts()
            if counts["total"] == counts[ERROR]:
                raise RosterRejected(result.issues or [RosterIssue(0, "", "没有可导入的数据行")])
            units_created, persons_created = self._write(s, result, progress)
            now = self.ctx.clock()
            table = RosterImport.__table__
            import_id = s.connection().execute(insert(table).returning(table.c.id), {
                "imported_at": now, "user_id": self.ctx.actor.user_id, "username": self.ctx.actor.username,
                "file_name": Path(path).name[:255], "sheet": parsed.sheet[:64], "rows_total": counts["total"],
                "created": counts[CREATE], "updated": counts[UPDATE], "unchanged": counts[UNCHANGED],
                "skipped": counts[ERROR], "only_valid": only_valid,
            }).scalar_one()
            from app.services.audit import log_event

            log_event(s, "import", "roster", {
                "file": Path(path).name, "sheet": parsed.sheet, "rows": counts["total"], "created": counts[CREATE],
                "updated": counts[UPDATE], "unchanged": counts[UNCHANGED], "skipped": counts[ERROR],
                "update_existing": update_existing, "conflicts": [c.change for c in result.conflicts][:200],
            }, entity_id=import_id, summary=f"{Path(path).name}: 新增 {counts[CREATE]} 行, 更新 {counts[UPDATE]} 行")
            progress.report(1, 1, "完成")
        return RosterResult(import_id, counts[CREATE], counts[UPDATE], counts[UNCHANGED], counts[ERROR],
                            units_created, persons_created)

    def _write(self, s: Session, p: _Plan, progress: ProgressLike) -> tuple[int, int]:
        conn = s.connection()
        with page_cache(conn, _import_cache_kib(len(p.statuses))):
            return self._write_rows(s, conn, p, progress)

    def _write_rows(self, s: Session, conn, p: _Plan, progress: ProgressLike) -> tuple[int, int]:
        now, user = self.ctx.clock(), self.ctx.actor.user_id
        stamp = {"created_at": _Same(now), "created_by": _Same(user), "version": _Same(1)}
        total = max(len(p.statuses), 1)
        progress.report(total // 2, total, "写入楼栋和房屋")

        new_buildings = p.new("buildings")
        if new_buildings:
            _insert_with_ids(conn, Building, new_buildings, {
                "name": [b.vals["name"] for b in new_buildings], "floors": [b.vals["floors"] for b in new_buildings],
                "has_elevator": [b.vals["has_elevator"] for b in new_buildings], "notes": _Same(""), **stamp})
        self._update(s, Building, _changed(p.old("buildings"), BUILDING_KEYS), BUILDING_KEYS,
                     now, user)
        if p.fresh is not None:
            return _write_fresh(conn, p.fresh, p.buildings, stamp, progress, total)
        new_units = p.new("units")
        if new_units:
            # A new unit's people and plates all come from this file: its search text is known now,
            # which saves refresh_search_text's queries for most of a first import. (Its people are its
            # members, in the order the rows named them; stored units have none here.)
            members = p.members
            plates: dict[int, list[str]] = {}
            for v in p.vehicles.values():
                if "unit_obj" in v.vals:
                    plates.setdefault(id(v.vals["unit_obj"]), []).append(v.vals["plate"])
            columns = _columns(new_units, NEW_UNIT_KEYS)
            columns.update(building_id=list(map(_REF_ID, new_units)), **_shared(NEW_UNIT), **stamp, search_text=[
                               unit_search_text(u.ref.vals["name"], unit_no, room_no,
                                                map(_SEARCHED, map(_VALS, map(_SECOND, members[u.vals["key"]]))),
                                                plates.get(id(u), ()))
                               for u, unit_no, room_no in zip(new_units, columns["unit_no"], columns["room_no"],
                                                                 strict=True)])
            with _bulk_search_index(conn, len(new_units)) as index_new_units:
                _insert_with_ids(conn, Unit, new_units, columns)
                index_new_units(new_units[0].id, new_units[-1].id)
        self._update(s, Unit, _changed(p.old("units"), UNIT_KEYS), UNIT_KEYS, now, user)

        progress.report(total * 6 // 10, total, "写入业主")
        new_persons = p.new("persons")
        if new_persons:
            _insert_with_ids(conn, Person, new_persons, {**_columns(new_persons, PERSON_KEYS), **stamp})
        changed_persons = _changed(p.old("persons"), PERSON_KEYS)
        self._update(s, Person, changed_persons, PERSON_KEYS, now, user)
        new_occs = p.new("occs")
        if new_occs:
            refs = list(map(_REF, new_occs))
            _insert_many(conn, Occupancy.__table__, {
                "unit_id": list(map(_ID, map(_FIRST, refs))), "person_id": list(map(_ID, map(_SECOND, refs))),
                **_columns(new_occs, OCC_KEYS), **_shared(NEW_OCCUPANCY), **stamp}, len(new_occs))
        self._update(s, Occupancy, _changed(p.old("occs"), OCC_KEYS), OCC_KEYS, now, user)

        progress.report(total * 7 // 10, total, "写入车位和车辆")
        touched = {u.id for u in p.old("units") if u.vals["touched"]}
        for obj in list(p.spaces.values()) + list(p.vehicles.values()):
            if "unit_obj" in obj.vals:
                new_unit = obj.vals["unit_obj"].id
                if obj.id is not None and obj.vals.get("unit") and obj.vals["unit"] != new_unit:
                    p.extra_units.update((obj.vals["unit"], new_unit))  # the plate moves between search texts
                obj.vals["unit"], obj.vals["person"] = new_unit, obj.vals["person_obj"].id
        new_spaces = p.new("spaces")
        if new_spaces:
            _insert_with_ids(conn, ParkingSpace, new_spaces, {
                "code": [x.vals["code"] for x in new_spaces], "unit_id": [x.vals["unit"] for x in new_spaces],
                "person_id": [x.vals["person"] for x in new_spaces], **_shared(NEW_SPACE), **stamp})
        self._update(s, ParkingSpace, _changed(p.old("spaces"), SPACE_KEYS),
                     SPACE_KEYS, now, user, {"unit": "unit_id", "person": "person_id"})
        for v in p.vehicles.values():
            if "space_obj" in v.vals:
                v.vals["space"] = v.vals["space_obj"].id
        new_vehicles = p.new("vehicles")
        if new_vehicles:
            _insert_many(conn, Vehicle.__table__, {
                "plate": [x.vals["plate"] for x in new_vehicles], "unit_id": [x.vals["unit"] for x in new_vehicles],
                "person_id": [x.vals["person"] for x in new_vehicles],
                "parking_space_id": [x.vals["space"] for x in new_vehicles], **_shared(NEW_VEHICLE), **stamp},
                len(new_vehicles))
        self._update(s, Vehicle, _changed(p.old("vehicles"), VEHICLE_KEYS), VEHICLE_KEYS,
                     now, user, {"unit": "unit_id", "person": "person_id", "space": "parking_space_id"})

        progress.report(total * 8 // 10, total, "更新搜索索引")
        stored_persons = [x.id for x in changed_persons]
        for chunk in chunks(stored_persons):
            touched.update(s.scalars(select(Occupancy.unit_id).where(Occupancy.person_id.in_(chunk))))
        refresh_search_text(s, touched | p.extra_units)
        return len(new_units), len(new_persons)

    @staticmethod
    def _update(s: Session, model, objs: list[_Obj], keys: Sequence[str], now, user,
                names: dict | None = None) -> None:
        """One executemany UPDATE, bumping each row's version as the ORM would; each row's before → after
        goes to the audit trail (the ORM hook would do so for single saves)."""
        if not objs:
            return
        from app.services.audit import log_changes

        table = model.__table__
        names = names or {}
        values = {names.get(k, k): bindparam(f"v_{k}") for k in keys}
        stmt = (update(table).where(table.c.id == bindparam("row_id"))
                .values(**values, version=table.c.version + 1, updated_at=now, updated_by=user))
        _execute_many(s.connection(), stmt, {"row_id": [o.id for o in objs],
                                             **{f"v_{k}": [o.vals[k] for o in objs] for k in keys}}, len(objs))
        log_changes(s, table.name, (
            (o.id, _audit_summary(o), {names.get(k, k): (before, o.vals[k])
                                       for k, before in zip(keys, o.orig, strict=True) if before != o.vals[k]})
            for o in objs))

    def imports(self, limit: int = 50) -> list[RosterImportRow]:
        """The latest imports, newest first (who imported which file, with what result)."""
        self.ctx.require("roster.import")
        with self.ctx.read() as s:
            rows = s.execute(select(RosterImport).order_by(RosterImport.id.desc()).limit(limit)).scalars()
            return [RosterImportRow(r.id, r.imported_at, r.username, r.file_name, r.sheet, r.rows_total, r.created,
                                    r.updated, r.unchanged, r.skipped) for r in rows]

def _audit_summary(obj: _Obj) -> str:
    vals = obj.vals
    if "key" in vals:  # a unit: building code-unit-room
        return "-".join(part for part in vals["key"] if part)
    return str(vals.get("name") or vals.get("plate") or vals.get("code") or "")


def _parse(data, check: bool = True, options: ImportOptions = DEFAULT_OPTIONS) -> ParsedRoster:
    parsed = parse_roster(data.rows, data.name, check=check, formulas=data.formulas_without_value, options=options)
    parsed.sheet_names = data.sheet_names
    return parsed

