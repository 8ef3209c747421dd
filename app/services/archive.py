"""Owner/unit archive (业主档案): units, the people in them, vehicles and parking spaces."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.errors import ConflictError, FieldError, NotFound, ServiceError
from app.models import (
    LABELS,
    AuditLog,
    Building,
    Occupancy,
    ParkingSpace,
    Person,
    Relation,
    Unit,
    UnitStatus,
    UnitUse,
    Vehicle,
)
from app.paging import COUNT_CAP, id_page
from app.search import (
    SHORT_QUERY,
    ShortPlan,
    match_condition,
    normalise_query,
    number_probe,
    rank_match,
    restricts_digits,
    short_plan,
    unit_code,
    unit_label,
    unit_search_text,
)
from app.services.audit import log_event
from app.services.context import ServiceContext
from app.validators import (
    check_area,
    check_move_in,
    clean_code,
    clean_text,
    has_invisible,
    invisible_message,
    normalize_id_number,
    normalize_phone,
    normalize_plate,
)


@dataclass(frozen=True)
class BuildingRow:
    id: int
    name: str
    floors: int | None
    unit_count: int


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    label: str
    building: str
    unit_no: str
    room_no: str
    floor: int | None
    area: Decimal | None
    use: str
    status: str
    owners: str
    phone: str
    version: int


@dataclass(frozen=True)
class MemberRow:
    person_id: int
    occupancy_id: int
    name: str
    relation: str
    phone: str
    id_number: str
    move_in_date: date | None
    version: int
    gender: str = ""
    id_unverified: bool = False  # the ID number was kept from an old system although its check digit fails


@dataclass(frozen=True)
class UnverifiedPerson:
    """A person whose ID number is 待核实 (kept by an import although its check digit fails)."""

    person_id: int
    name: str
    id_number: str  # masked without pii.view_full
    units: str  # the units they live in, "1栋1单元1011、…"


@dataclass(frozen=True)
class VehicleRow:
    id: int
    plate: str
    owner: str
    parking_space: str
    brand: str
    color: str


@dataclass(frozen=True)
class UnitDetail:
    unit: UnitRow
    notes: str
    members: tuple[MemberRow, ...]
    vehicles: tuple[VehicleRow, ...]
    parking_spaces: tuple[str, ...]
    inner_area: Decimal | None = None  # 室内面积
    building_floors: int | None = None  # 总层数
    elevator: bool | None = None  # 是否有电梯


@dataclass(frozen=True)
class UnitMatch:
    """One hit of the quick look-up and why it matched (``app.search.MATCH_*``: room, name, phone…)."""

    unit: UnitRow
    reason: str


@dataclass(frozen=True)
class UnitLookup:
    matches: tuple[UnitMatch, ...]
    total: int  # all matches (up to LOOKUP_CANDIDATES); more than ``matches`` when the list was cut


LOOKUP_CANDIDATES = 500


@dataclass(frozen=True)
class UnitFilter:
    query: str = ""
    building_id: int | None = None
    status: str | None = None
    unverified: bool = False  # only units with a person whose ID number is 待核实


SORT_KEYS = ("code", "area", "status", "floor")
# Each sort key's columns (the id follows), as indexed by migration 0017; the room order is the expression
# index ix_units_code_order. Floor and area may be empty (NULL): sought in two parts (app/paging.py).
UNIT_SORT_COLUMNS = {
    "code": [Unit.building_id, Unit.unit_no, func.length(Unit.room_no), Unit.room_no],
    "area": [Unit.area], "status": [Unit.status], "floor": [Unit.floor],
}
NULLABLE_SORTS = ("area", "floor")
REVEALABLE = {"phone": "手机号", "id_number": "身份证号"}


# --- validation shared by forms and the roster importer ------------------------------------------


_RELATIONS, _UNIT_STATUSES, _UNIT_USES = frozenset(Relation), frozenset(UnitStatus), frozenset(UnitUse)


def validate_person(values: Mapping[str, object]) -> dict[str, object]:
    """Clean a person's fields; raise FieldError naming every bad field. Empty phone/ID are allowed."""
    errors: dict[str, str] = {}
    name = clean_text(values.get("name"))
    if not name:
        errors["name"] = "姓名不能为空"
    elif len(name) > 64:
        errors["name"] = "姓名过长"
    cleaned: dict[str, object] = {"name": name, "phone": "", "id_number": ""}
    for field, rule in _NUMBER_RULES:
        typed = values.get(field)
        if typed is None or typed == "":  # the usual blank, without cleaning it
            continue
        if type(typed) is str and not (typed.isascii() and typed.isprintable()) and has_invisible(typed):
            errors[field] = invisible_message(typed)  # a look-alike number: say so rather than store a guess
            continue
        raw = clean_code(typed)
        if raw:
            try:
                cleaned[field] = rule(raw)
            except ValueError as exc:
                errors[field] = str(exc)
    relation = cleaned["relation"] = values.get("relation") or Relation.OWNER
    if relation not in _RELATIONS:
        errors["relation"] = "身份无效"
    cleaned["move_in_date"] = None
    raw_date = values.get("move_in_date")
    if raw_date is not None and raw_date != "":
        try:
            cleaned["move_in_date"] = check_move_in(raw_date)
        except ValueError as exc:
            errors["move_in_date"] = str(exc)
    notes = values.get("notes")
    cleaned["notes"] = "" if notes is None or notes == "" else clean_text(notes)
    if errors:
        raise FieldError(errors)
    return cleaned


_NUMBER_RULES = (("phone", normalize_phone), ("id_number", normalize_id_number))


MAX_CODE = 16  # unit and room numbers
FLOORS = (-9, 300)  # basements to the tallest residential towers


def validate_unit(values: Mapping[str, object]) -> dict[str, object]:
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {
        "building_id": values.get("building_id"),
        "unit_no": clean_code(values.get("unit_no")),
        "room_no": clean_code(values.get("room_no")),
        "use": values.get("use") or UnitUse.RESIDENTIAL,
        "status": values.get("status") or UnitStatus.OCCUPIED,
        "notes": clean_text(values.get("notes")),
        "floor": None,
        "area": None,
    }
    if not cleaned["building_id"]:
        errors["building_id"] = "请选择楼栋"
    room = str(cleaned["room_no"])
    if not room:
        errors["room_no"] = "房号不能为空"
    elif len(room) > MAX_CODE:
        errors["room_no"] = f"过长 (最多{MAX_CODE}个字符)"
    elif any(ch.isdigit() and not ch.isascii() for ch in room):
        special = "".join(dict.fromkeys(ch for ch in room if ch.isdigit() and not ch.isascii()))
        errors["room_no"] = f"含有特殊数字“{special}”, 请改为普通数字 (0-9)"
    if len(str(cleaned["unit_no"])) > MAX_CODE:
        errors["unit_no"] = f"过长 (最多{MAX_CODE}个字符)"
    raw_area = clean_code(values.get("area"))
    if raw_area:
        try:
            cleaned["area"] = check_area(raw_area)
        except ValueError as exc:
            errors["area"] = str(exc)
    raw_floor = clean_code(values.get("floor"))
    if raw_floor:
        if not (raw_floor.isascii() and raw_floor.lstrip("-").isdigit() and len(raw_floor) <= 6):
            errors["floor"] = "楼层应为整数"
        elif not FLOORS[0] <= int(raw_floor) <= FLOORS[1]:
            errors["floor"] = f"楼层 {raw_floor} 超出范围 ({FLOORS[0]} 到 {FLOORS[1]})"
        else:
            cleaned["floor"] = int(raw_floor)
    elif "room_no" not in errors and room.isascii() and room.isdigit() and len(room) >= 3:
        if len(room) > 6:
            errors["room_no"] = f"{room} 位数过多, 不像房号 (纯数字房号最多6位), 请检查"
        elif int(room[:-2]) <= FLOORS[1]:
            cleaned["floor"] = int(room[:-2])  # 1502 → 15; "30101" (楼栋+楼层+房) is no floor to guess
    if cleaned["status"] not in _UNIT_STATUSES:
        errors["status"] = "状态无效"
    if cleaned["use"] not in _UNIT_USES:
        errors["use"] = "用途无效"
    if errors:
        raise FieldError(errors)
    return cleaned


# --- searching by number without the right to see numbers ------------------------------------------

PROBE_WINDOW = timedelta(minutes=10)
PROBE_LIMIT = 30  # number searches per operator per window without pii.view_full


def guard_number_search(ctx: ServiceContext, text: str) -> None:
    """Log, and limit, searches by digits from operators who may not see phones/ID numbers in full.

    ``match_condition`` already refuses fragments; this keeps a trace of who looked for which number and
    stops a script trying one candidate after another (the log persists: the limit holds across restarts
    and PCs). The same query again (paging, count then rows) is not logged twice, and a query that only
    extends or shortens the one before (typing a number digit by digit in a look-up box) is logged but not
    counted: what counts are separate tries.
    """
    query = normalise_query(text)
    if not query or not number_probe(query) or ctx.can("pii.view_full"):
        return
    who = AuditLog.user_id == ctx.actor.user_id if ctx.actor.user_id is not None else \
        AuditLog.username == (ctx.actor.display_name or ctx.actor.username)
    since = ctx.clock() - PROBE_WINDOW
    with ctx.write() as s:
        recent = s.execute(select(AuditLog.action, AuditLog.summary)
                           .where(who, AuditLog.action.in_(("search", "search_blocked")), AuditLog.at >= since)
                           .order_by(AuditLog.id.desc()).limit(PROBE_LIMIT * 6)).all()
        searches = [summary for action, summary in recent if action == "search"]
        if searches and searches[0] == query:
            return
        tries = 1 + sum(1 for newer, older in zip([query, *searches], searches, strict=False)
                        if not (newer.startswith(older) or older.startswith(newer)))  # this one included
        if tries > PROBE_LIMIT:
            if not recent or recent[0][0] != "search_blocked":  # once per burst, not once per keystroke
                log_event(s, "search_blocked", "units", {"query": query, "tries": tries}, summary=query)
            blocked = True
        else:
            log_event(s, "search", "units", {"query": query}, summary=query)
            blocked = False
    if blocked:
        raise ServiceError(f"按号码查询过于频繁 ({int(PROBE_WINDOW.total_seconds() // 60)} 分钟内最多 {PROBE_LIMIT} 次), "
                           "已记录。请稍后再试, 或请有权限查看完整号码的同事查询。")


# --- search index -------------------------------------------------------------------------------


SEARCH_CHUNK = 2000  # units per round trip: far below SQLite's 250,000 and PostgreSQL's 65,535 parameters
BULK_SEARCH = 200  # units from which SQLite's search index is rewritten in bulk, not by its trigger per row
FTS_UPDATE_TRIGGER = "units_fts_au"


def refresh_search_text(session: Session, unit_ids: Iterable[int], chunk_size: int = SEARCH_CHUNK) -> None:
    """Rebuild ``units.search_text`` for these units from their people and vehicles, ``chunk_size`` units
    at a time (any number of ids: a roster import of a million rows passes them all)."""
    ids = sorted(set(unit_ids))
    with _bulk_search_update(session, len(ids)) as bulk:
        for start in range(0, len(ids), chunk_size):
            _refresh_search_chunk(session, ids[start : start + chunk_size], bulk)


@contextmanager
def _bulk_search_update(session: Session, count: int):
    """On SQLite, from BULK_SEARCH units: the update trigger that keeps ``units_fts`` in step is dropped for
    the duration and put back, inside this same transaction (no other connection sees it missing; a rollback
    restores it); yields True, and the chunks then write the index themselves, a statement for many rows
    (an update-heavy roster import of 8,000 units: the trigger's per-row work took 2.5× as long)."""
    trigger_sql = None
    conn = session.connection()
    if conn.dialect.name == "sqlite" and count >= BULK_SEARCH:
        trigger_sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                           (FTS_UPDATE_TRIGGER,)).scalar()
    if trigger_sql is None:
        yield False
        return
    conn.exec_driver_sql(f"DROP TRIGGER {FTS_UPDATE_TRIGGER}")
    yield True
    conn.exec_driver_sql(trigger_sql)


def _refresh_search_chunk(session: Session, ids: list[int], bulk: bool = False) -> None:
    people: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    plates: dict[int, list[str]] = defaultdict(list)
    for unit_id, name, phone, id_number in session.execute(
        select(Occupancy.unit_id, Person.name, Person.phone, Person.id_number)
        .join(Person, Person.id == Occupancy.person_id)
        .where(Occupancy.unit_id.in_(ids))
    ):
        people[unit_id].append((name, phone, id_number))
    for unit_id, plate in session.execute(select(Vehicle.unit_id, Vehicle.plate).where(Vehicle.unit_id.in_(ids))):
        plates[unit_id].append(plate)
    rows = session.execute(
        select(Unit.id, Building.name, Unit.unit_no, Unit.room_no, Unit.search_text).join(Building)
        .where(Unit.id.in_(ids))
    ).all()
    changes = []
    for uid, bname, unit_no, room_no, old in rows:
        text = unit_search_text(bname, unit_no, room_no, people[uid], plates[uid])
        if text != old:  # a unit whose text stays is not written, nor its search index entry
            changes.append((uid, old, text))
    if not changes:
        return
    conn = session.connection()
    if bulk:  # what the trigger does per row (the old text out of the index, the new one in), per statement
        conn.exec_driver_sql("INSERT INTO units_fts(units_fts, rowid, search_text) VALUES ('delete', ?, ?)",
                             [(uid, old) for uid, old, _ in changes])
        conn.exec_driver_sql("UPDATE units SET search_text = ? WHERE id = ?", [(text, uid) for uid, _, text in changes])
        conn.exec_driver_sql("INSERT INTO units_fts(rowid, search_text) VALUES (?, ?)",
                             [(uid, text) for uid, _, text in changes])
        return
    conn.execute(
        update(Unit.__table__).where(Unit.__table__.c.id == bindparam("uid")).values(search_text=bindparam("text")),
        [{"uid": uid, "text": text} for uid, _, text in changes],
    )


class ArchiveService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # ---- reading
    def buildings(self) -> list[BuildingRow]:
        self.ctx.require("archive.view")
        with self.ctx.read() as s:
            counts = select(Unit.building_id, func.count().label("n")).group_by(Unit.building_id).subquery()
            rows = s.execute(
                select(Building.id, Building.name, Building.floors, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.building_id == Building.id)
                .order_by(func.length(Building.name), Building.name)
            ).all()
        return [BuildingRow(*row) for row in rows]

    def _unit_query(self, flt: UnitFilter) -> Select:
        stmt = select(Unit.id)  # no join: counting and paging stay on units' own indexes
        query = normalise_query(flt.query)
        if query:
            stmt = stmt.where(match_condition(Unit.id, Unit.search_text, query, use_fts=self.ctx.db.is_sqlite,
                                              full_pii=self.ctx.can("pii.view_full")))
        if flt.building_id:
            stmt = stmt.where(Unit.building_id == flt.building_id)
        if flt.status:
            stmt = stmt.where(Unit.status == flt.status)
        if flt.unverified:
            stmt = stmt.where(Unit.id.in_(select(Occupancy.unit_id).join(Person, Person.id == Occupancy.person_id)
                                          .where(Person.id_unverified.is_(True))))
        return stmt

    def count_units(self, flt: UnitFilter) -> int:
        """How many units match; for a 1–2 character query at most ``COUNT_CAP`` (``app.paging.AtLeast`` when
        there are more): such a query matches a large part of a big property, and counting every match
        scanned a million rows."""
        self.ctx.require("archive.view")
        guard_number_search(self.ctx, flt.query)
        with self.ctx.read() as s:
            if not self._is_short(flt):
                return s.scalar(select(func.count()).select_from(self._unit_query(flt).subquery())) or 0
            bare = flt == UnitFilter(query=flt.query) and not restricts_digits(normalise_query(flt.query),
                                                                              self.ctx.can("pii.view_full"))
            return self._short_plan(s, flt).count(s, self._unit_query(flt), COUNT_CAP, bare=bare)

    @staticmethod
    def _is_short(flt: UnitFilter) -> bool:
        return 0 < len(normalise_query(flt.query)) <= SHORT_QUERY

    def _short_query(self, s: Session, flt: UnitFilter, limit: int | None = None) -> Select:
        """``_unit_query`` of a 1–2 character query for a page of ``limit`` rows: narrowed to the trigram
        index's units when the query is rare (``short_plan``); a common one is left to LIKE, which meets its
        matches at once."""
        return self._short_plan(s, flt).page(self._unit_query(flt), alone=flt == UnitFilter(query=flt.query),
                                             limit=limit)

    @staticmethod
    def _short_plan(s: Session, flt: UnitFilter) -> ShortPlan:
        query = normalise_query(flt.query)
        return short_plan(Unit.id, s, query)

    def list_units(
        self, flt: UnitFilter, offset: int = 0, limit: int = 200, sort: str = "code", descending: bool = False,
        after: int | None = None,
    ) -> list[UnitRow]:
        """One page of units in SQL order on an index; ``sort`` is one of SORT_KEYS. With ``after`` (the id of
        the row before the page) the page is sought from that row instead of skipping ``offset`` rows."""
        self.ctx.require("archive.view")
        key = sort if sort in SORT_KEYS else "code"
        keys = UNIT_SORT_COLUMNS[key] + [Unit.id]
        guard_number_search(self.ctx, flt.query)
        limit = max(0, min(limit, 1000))
        with self.ctx.read() as s:
            stmt = self._short_query(s, flt, limit) if self._is_short(flt) else self._unit_query(flt)
            ids = id_page(s, stmt, keys, descending=descending, offset=offset, limit=limit,
                          after=after, nullable=key in NULLABLE_SORTS)
            return self._unit_rows(s, ids)

    def search_units(self, text: str, limit: int = 20) -> list[UnitRow]:
        """The quick lookup of the intake and counter forms: room, name, phone, ID tail or plate."""
        if not clean_text(text):
            return []
        return self.list_units(UnitFilter(query=text), limit=limit)

    def lookup_units(self, text: str, limit: int = 8) -> UnitLookup:
        """The desk's quick look-up, ranked: exact room first, then names, then phone/ID tails and plates,
        each with the reason it matched; ``total`` says how many there are beyond the first ``limit``."""
        self.ctx.require("archive.view")
        query = normalise_query(text)
        if not query:
            return UnitLookup((), 0)
        guard_number_search(self.ctx, text)
        order = [Unit.building_id, Unit.unit_no, func.length(Unit.room_no), Unit.room_no]
        with self.ctx.read() as s:
            flt = UnitFilter(query=text)
            candidates = self._short_query(s, flt) if self._is_short(flt) else self._unit_query(flt)
            ids = list(s.scalars(candidates.order_by(*order).limit(LOOKUP_CANDIDATES)))
            # Exact rooms even when the text matches more units than are looked at.
            exact = s.scalars(select(Unit.id).where(Unit.room_no == query).order_by(*order).limit(50))
            ids += [uid for uid in exact if uid not in set(ids)]
            people: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
            plates: dict[int, list[str]] = defaultdict(list)
            for unit_id, name, phone, id_number in s.execute(
                select(Occupancy.unit_id, Person.name, Person.phone, Person.id_number)
                .join(Person, Person.id == Occupancy.person_id).where(Occupancy.unit_id.in_(ids))
            ):
                people[unit_id].append((name, phone or "", id_number or ""))
            for unit_id, plate in s.execute(select(Vehicle.unit_id, Vehicle.plate).where(Vehicle.unit_id.in_(ids))):
                plates[unit_id].append(plate)
            places = {uid: (bname, unit_no, room_no) for uid, bname, unit_no, room_no in s.execute(
                select(Unit.id, Building.name, Unit.unit_no, Unit.room_no).join(Building).where(Unit.id.in_(ids)))}
            ranked = sorted(
                ((rank_match(query, (unit_code(*places[uid]), unit_label(*places[uid])), places[uid][2],
                             people[uid], plates[uid]), position, uid) for position, uid in enumerate(ids)),
            )
            ranked = [r for r in ranked if r[0][0] < 7]  # the index matched text no reason explains: drop
            top = ranked[:limit]
            rows = {row.id: row for row in self._unit_rows(s, [uid for _r, _p, uid in top])}
        return UnitLookup(tuple(UnitMatch(rows[uid], reason) for (_rank, reason), _p, uid in top), len(ranked))

    def _unit_rows(self, s: Session, ids: list[int]) -> list[UnitRow]:
        if not ids:
            return []
        units = {  # plain columns, not ORM objects: a page of 200 rows costs a fraction
            u.id: u for u in s.execute(
                select(Unit.id, Unit.unit_no, Unit.room_no, Unit.floor, Unit.area, Unit.use, Unit.status,
                       Unit.version, Building.name.label("building")).join(Building).where(Unit.id.in_(ids)))
        }
        owners: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for unit_id, name, phone in s.execute(
            select(Occupancy.unit_id, Person.name, Person.phone)
            .join(Person)
            .where(Occupancy.unit_id.in_(ids), Occupancy.relation == Relation.OWNER)
            .order_by(Occupancy.id)
        ):
            owners[unit_id].append((name, phone))
        show_phone = self.ctx.show_phone
        rows = []
        for uid in ids:
            unit = units[uid]
            bname = unit.building
            names = owners.get(uid, [])
            rows.append(
                UnitRow(
                    id=unit.id,
                    code=unit_code(bname, unit.unit_no, unit.room_no),
                    label=unit_label(bname, unit.unit_no, unit.room_no),
                    building=bname,
                    unit_no=unit.unit_no,
                    room_no=unit.room_no,
                    floor=unit.floor,
                    area=unit.area,
                    use=unit.use,
                    status=unit.status,
                    owners="、".join(n for n, _ in names),
                    phone=show_phone(names[0][1]) if names else "",
                    version=unit.version,
                )
            )
        return rows

    def get_unit(self, unit_id: int) -> UnitDetail:
        self.ctx.require("archive.view")
        show_phone = self.ctx.show_phone
        show_id = self.ctx.show_id_number
        with self.ctx.read() as s:
            unit = s.get(Unit, unit_id)
            if unit is None:
                raise NotFound("房屋不存在或已被删除")
            row = self._unit_rows(s, [unit_id])[0]
            members = tuple(
                MemberRow(p.id, o.id, p.name, o.relation, show_phone(p.phone), show_id(p.id_number),
                          o.move_in_date, p.version, p.gender, p.id_unverified)
                for o, p in s.execute(
                    select(Occupancy, Person).join(Person).where(Occupancy.unit_id == unit_id).order_by(Occupancy.id)
                )
            )
            vehicles = tuple(
                VehicleRow(v.id, v.plate, name or "", code or "", v.brand, v.color)
                for v, name, code in s.execute(
                    select(Vehicle, Person.name, ParkingSpace.code)
                    .outerjoin(Person, Person.id == Vehicle.person_id)
                    .outerjoin(ParkingSpace, ParkingSpace.id == Vehicle.parking_space_id)
                    .where(Vehicle.unit_id == unit_id)
                    .order_by(Vehicle.id)
                )
            )
            spaces = tuple(s.scalars(select(ParkingSpace.code).where(ParkingSpace.unit_id == unit_id)))
            building = unit.building
            return UnitDetail(row, unit.notes, members, vehicles, spaces, unit.inner_area, building.floors,
                              building.has_elevator)

    def unverified_people(self, limit: int = 10000) -> list[UnverifiedPerson]:
        """People whose ID number is 待核实, by name; ID numbers masked unless the operator may see them."""
        self.ctx.require("archive.view")
        show_id = self.ctx.show_id_number
        with self.ctx.read() as s:
            people = s.execute(select(Person.id, Person.name, Person.id_number).where(Person.id_unverified.is_(True))
                               .order_by(Person.name, Person.id).limit(limit)).all()
            homes: dict[int, list[str]] = defaultdict(list)
            ids = [p.id for p in people]
            for start in range(0, len(ids), 500):
                for pid, bname, unit_no, room_no in s.execute(
                        select(Occupancy.person_id, Building.name, Unit.unit_no, Unit.room_no)
                        .join(Unit, Unit.id == Occupancy.unit_id).join(Building, Building.id == Unit.building_id)
                        .where(Occupancy.person_id.in_(ids[start:start + 500])).order_by(Occupancy.id)):
                    homes[pid].append(unit_label(bname, unit_no, room_no))
        return [UnverifiedPerson(pid, name, show_id(id_number), "、".join(homes.get(pid, ())))
                for pid, name, id_number in people]

    def get_unit_values(self, unit_id: int) -> dict[str, object]:
        """The stored values of a unit, for an edit form."""
        self.ctx.require("archive.view")
        with self.ctx.read() as s:
            unit = s.get(Unit, unit_id)
            if unit is None:
                raise NotFound("房屋不存在或已被删除")
            return {
                "building_id": unit.building_id, "unit_no": unit.unit_no, "room_no": unit.room_no,
                "floor": unit.floor, "area": unit.area, "use": unit.use, "status": unit.status,
                "notes": unit.notes, "version": unit.version,
            }

    def get_person_values(self, person_id: int, unit_id: int | None = None) -> dict[str, object]:
        """A person's stored values for an edit form; phone/ID in full only with the permission."""
        self.ctx.require("archive.view")
        with self.ctx.read() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFound("人员不存在")
            occ = None
            if unit_id is not None:
                occ = s.scalar(select(Occupancy).where(Occupancy.unit_id == unit_id, Occupancy.person_id == person_id))
            return {
                "name": person.name,
                "phone": self.ctx.show_phone(person.phone),
                "id_number": self.ctx.show_id_number(person.id_number),
                "relation": occ.relation if occ else Relation.OWNER,
                "move_in_date": occ.move_in_date if occ else None,
                "notes": person.notes,
                "version": person.version,
            }

    # ---- writing
    def create_building(self, name: str, floors: int | None = None) -> int:
        self.ctx.require("archive.edit")
        name = clean_text(name)
        if not name:
            raise FieldError({"name": "楼栋名称不能为空"})
        with self.ctx.write() as s:
            if s.scalar(select(Building.id).where(Building.name == name)):
                raise FieldError({"name": f"楼栋“{name}”已存在"})
            building = Building(name=name, floors=floors)
            s.add(building)
            s.flush()
            return building.id

    def save_unit(self, values: Mapping[str, object], unit_id: int | None = None) -> int:
        """Create (unit_id None) or update a unit; an update must carry the ``version`` it was read at."""
        self.ctx.require("archive.edit")
        cleaned = validate_unit(values)
        with self.ctx.write() as s:
            clash = s.scalar(
                select(Unit.id).where(
                    Unit.building_id == cleaned["building_id"],
                    Unit.unit_no == cleaned["unit_no"],
                    Unit.room_no == cleaned["room_no"],
                )
            )
            if clash and clash != unit_id:
                raise FieldError({"room_no": "该楼栋单元下已有此房号"})
            if unit_id is None:
                unit = Unit(**cleaned)
                s.add(unit)
            else:
                unit = self._load_versioned(s, Unit, unit_id, values.get("version"), "房屋")
                for key, value in cleaned.items():
                    setattr(unit, key, value)
            s.flush()
            refresh_search_text(s, [unit.id])
            if unit_id is not None:
                # loaded here, not with the service: the work-order models stay out of processes that only
                # read units (the roster export at 100,000 units must stay under 60 MB)
                from app.services.workorder_keys import refresh_unit_keys

                refresh_unit_keys(s, [unit.id])  # its work orders show and sort by the room code
            return unit.id

    def save_member(self, unit_id: int, values: Mapping[str, object], person_id: int | None = None) -> int:
        """Add a person to a unit, or update one. Masked phone/ID values left unchanged are kept as stored."""
        self.ctx.require("archive.edit")
        with self.ctx.write() as s:
            person = None
            if person_id is not None:
                person = self._load_versioned(s, Person, person_id, values.get("version"), "人员")
                values = {**values}
                for field in ("phone", "id_number"):
                    if "*" in str(values.get(field) or ""):
                        values[field] = getattr(person, field)
            keep_unverified = (person is not None and person.id_unverified
                               and clean_code(values.get("id_number")).upper() == person.id_number)
            if keep_unverified:  # the 待核实 number left as it is: the form may still save the other fields
                cleaned = {**validate_person({**values, "id_number": ""}), "id_number": person.id_number}
            else:
                cleaned = validate_person(values)
            if person is not None:
                person.id_unverified = keep_unverified
            if person is None:
                person = Person(name=cleaned["name"], phone=cleaned["phone"], id_number=cleaned["id_number"],
                                notes=cleaned["notes"])
                s.add(person)
                s.flush()
            else:
                for key in ("name", "phone", "id_number", "notes"):
                    setattr(person, key, cleaned[key])
            occ = s.scalar(select(Occupancy).where(Occupancy.unit_id == unit_id, Occupancy.person_id == person.id))
            if occ is None:
                if s.get(Unit, unit_id) is None:
                    raise NotFound("房屋不存在或已被删除")
                occ = Occupancy(unit_id=unit_id, person_id=person.id)
                s.add(occ)
            occ.relation = cleaned["relation"]
            occ.move_in_date = cleaned["move_in_date"]
            s.flush()
            affected = set(s.scalars(select(Occupancy.unit_id).where(Occupancy.person_id == person.id)))
            refresh_search_text(s, affected | {unit_id})
            return person.id

    def add_vehicle(self, unit_id: int, plate: str, person_id: int | None = None, brand: str = "",
                    color: str = "") -> int:
        self.ctx.require("archive.edit")
        try:
            plate = normalize_plate(plate)
        except ValueError as exc:
            raise FieldError({"plate": str(exc)}) from None
        with self.ctx.write() as s:
            if s.scalar(select(Vehicle.id).where(Vehicle.plate == plate)):
                raise FieldError({"plate": f"车牌 {plate} 已登记"})
            vehicle = Vehicle(plate=plate, unit_id=unit_id, person_id=person_id, brand=clean_text(brand),
                              color=clean_text(color))
            s.add(vehicle)
            s.flush()
            refresh_search_text(s, [unit_id])
            return vehicle.id

    def reveal(self, person_id: int, field: str) -> str:
        """Show one masked phone/ID number in full: a deliberate act, logged with who, whose and when.

        The front desk needs an owner's number to call back, but not a list of them: hence one at a time."""
        if not self.ctx.can("pii.view_full"):
            self.ctx.require("pii.reveal")
        if field not in REVEALABLE:
            raise FieldError({field: "该字段不能查看"})
        with self.ctx.write() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFound("人员不存在")
            value = getattr(person, field)
            log_event(s, "reveal", "persons", {"field": field}, entity_id=person.id,
                      summary=f"{person.name} 的{REVEALABLE[field]}")
            return value

    @staticmethod
    def _load_versioned(s: Session, model, row_id: int, version: object, what: str):
        obj = s.get(model, row_id, with_for_update=True)
        if obj is None:
            raise NotFound(f"{what}不存在或已被删除")
        if version is not None and int(version) != obj.version:
            raise ConflictError(stale_message(s, obj, what))
        return obj


def stale_message(s: Session, obj, what: str) -> str:
    """"changed by X at T — reload": what a second PC sees when its save would overwrite another's."""
    from app.models import User

    who = s.scalar(select(User.display_name).where(User.id == obj.updated_by)) if obj.updated_by else None
    when = obj.updated_at.strftime("%Y-%m-%d %H:%M") if obj.updated_at else ""
    return f"{what}已被 {who or '其他用户'} 于 {when} 修改, 请重新加载后再保存。未保存任何内容。"


def label(code: str) -> str:
    """Chinese label of a stored enum code (unit status, use, relation, parking kind)."""
    return LABELS.get(code, code)
