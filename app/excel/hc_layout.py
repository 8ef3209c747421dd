"""HC小区管理系统's import workbook (java110 MicroCommunityWeb public/import/hc.xlsx, wy.xlsx) read as a roster.

HC keeps one sheet per kind of record, joined by 业主编号:
- 楼栋单元: 楼栋号, 单元编号, 总层数, 是否有电梯 (one row per building and 单元);
- 业主信息: [编号,] 业主编号, 业主名称, 性别, 年龄, 手机号, 身份证号[, 业主类型 1001 业主 / 1002 家庭成员 /
  1003 房屋租客 / 1004 临时人员 — for these 业主编号 is the owner they belong to];
- 费用设置: the fee items of the old system (listed for the user to map, never created here);
- 房屋信息: 房屋编号, 楼栋编号, 单元编号, 房屋楼层, 房屋户型, 建筑面积, 业主编号, 房屋费用 ("1#2"), …, 室内面积;
- 车位信息: 停车场编号, 车位编码, …, 业主编号, 车牌号, ….
Each sheet has a 说明 block beside the table, separated from it by an empty column: not data.

``parse_hc(sheets, options)`` turns the workbook into the ``ParsedRoster`` the roster import already plans and
commits: one record per room with its owner (and one per family member/tenant of that owner), one per parking
space with its plate on the owner's first room. Problems name the sheet and row as HC's users know them:
"房屋信息 第7行 业主编号 6: 业主信息中没有".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.errors import FieldError
from app.excel.legacy import (
    DEFAULT_OPTIONS,
    HC_KINDS,
    ImportOptions,
    PlaceholderCounter,
    clean_gender,
    clean_int,
    clean_yes_no,
    person_validator,
    side_block_note,
    table_width,
)
from app.excel.roster import (
    ParsedRoster,
    RosterIssue,
    RosterRecord,
    clean_room_no,
    clean_unit_no,
    display,
    is_blank,
)
from app.models import Relation
from app.search import building_code, canonical_building_name
from app.validators import check_area, clean_code, clean_text, normalize_plate

LAYOUT = "HC小区"
BUILDINGS, OWNERS, FEES, ROOMS, SPACES = "楼栋单元", "业主信息", "费用设置", "房屋信息", "车位信息"
SHEET_ORDER = (BUILDINGS, OWNERS, FEES, ROOMS, SPACES)
KINDS = {code: Relation(value) for code, value in HC_KINDS.items()}

# sheet → {key: headers HC uses for it}; a header matches when it starts with one of them ("车类型（9901 …）").
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    BUILDINGS: {"building": ("楼栋号", "楼栋编号"), "unit": ("单元编号", "单元号"), "floors": ("总层数",),
                "elevator": ("是否有电梯",)},
    OWNERS: {"number": ("编号",), "owner_no": ("业主编号",), "name": ("业主名称", "业主姓名"), "gender": ("性别",),
             "age": ("年龄",), "phone": ("手机号", "联系电话"), "id_number": ("身份证号", "身份证号码"),
             "kind": ("业主类型",)},
    FEES: {"number": ("费用编号",), "type": ("费用类型",), "name": ("收费项目",), "flag": ("费用标识",),
           "pay": ("付费类型",), "cycle": ("缴费周期",), "formula": ("计算公式",), "price": ("计费单价",),
           "fixed": ("固定费用",)},
    ROOMS: {"room": ("房屋编号",), "building": ("楼栋编号", "楼栋号"), "unit": ("单元编号",), "floor": ("房屋楼层",),
            "area": ("建筑面积",), "owner_no": ("业主编号",), "fees": ("房屋费用",), "inner_area": ("室内面积",)},
    SPACES: {"lot": ("停车场编号",), "space": ("车位编码", "车位编号"), "owner_no": ("业主编号",),
             "plate": ("车牌号",)},
}
KEY_HEADER = {BUILDINGS: "building", OWNERS: "name", FEES: "name", ROOMS: "room", SPACES: "space"}
HEADER_SCAN = 10


@dataclass(frozen=True)
class HcFeeItem:
    """A fee item of HC's 费用设置, listed for the user to map to a PropDesk fee item (nothing is created)."""

    number: str
    name: str
    kind: str  # 费用类型 (物业费)
    formula: str  # 1001 面积*单价+附加费 / 2002 固定费用
    price: str
    fixed: str
    cycle: str  # 缴费周期 (months)
    rooms: int  # rooms of 房屋信息 that name it in 房屋费用

    @property
    def rule(self) -> str:
        if self.formula == "1001":
            return f"{self.price} 元/㎡" + (f" + {self.fixed} 元" if self.fixed not in ("", "0") else "")
        if self.formula == "2002":
            return f"固定 {self.fixed} 元"
        return self.formula or "—"

    def __str__(self) -> str:
        cycle = f", 缴费周期 {self.cycle} 个月" if self.cycle else ""
        return f"{self.number} {self.name} ({self.kind}, {self.rule}{cycle}): {self.rooms} 套房屋"


def is_hc_workbook(sheet_names: list[str] | tuple[str, ...]) -> bool:
    names = {clean_text(n) for n in sheet_names}
    return ROOMS in names and OWNERS in names


@dataclass
class _Sheet:
    name: str
    rows: list[list[object]]
    header_index: int  # -1: no header found
    columns: dict[str, int]  # key → column
    labels: dict[str, str]  # key → the header as in the file
    unknown: list[str]

    def value(self, row: list[object], key: str) -> object:
        col = self.columns.get(key)
        return row[col] if col is not None and col < len(row) else ""

    def data_rows(self):
        """(Excel row number, cells) of the rows with something in the table's columns."""
        cols = list(self.columns.values())
        for index in range(self.header_index + 1, len(self.rows)):
            row = self.rows[index]
            if any(c < len(row) and not is_blank(row[c]) for c in cols):
                yield index + 1, row

    def part(self) -> ParsedRoster:
        """The sheet as a part of the combined roster: its headers name the fields in messages."""
        headers = {col: self.labels[key] for key, col in self.columns.items()}
        fields = {key: [col] for key, col in self.columns.items()}
        return ParsedRoster(self.name, self.header_index + 1, headers, fields, list(self.unknown), [], [])


def _read_sheet(name: str, rows: list[list[object]], notes: list[str]) -> _Sheet:
    wanted = HEADERS[name]
    for index, row in enumerate(rows[:HEADER_SCAN]):
        texts = [clean_text(v).replace(" ", "") for v in row]
        if not any(t in wanted[KEY_HEADER[name]] for t in texts):
            continue
        width = table_width(row)
        columns, labels, unknown = {}, {}, []
        for col, text in enumerate(texts[:width]):
            key = next((k for k, heads in wanted.items() if any(text.startswith(h) for h in heads)), None)
            if key is None or key in columns:
                if text:
                    unknown.append(text)
                continue
            columns[key], labels[key] = col, text
        note = side_block_note(rows, index, width, name)
        if note:
            notes.append(note)
        return _Sheet(name, rows, index, columns, labels, unknown)
    return _Sheet(name, rows, -1, {}, {}, [])


def _number(value: object) -> str:
    """An HC number cell (1.0 / "1" / " 1 " / "001") as text: "1" — the same number however it was typed."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = clean_code(value)
    return str(int(text)) if text.isdigit() and text.isascii() else text


class _Builder:
    """Turns the sheets into roster records, collecting the problems of each row."""

    def __init__(self, sheets: dict[str, _Sheet], options: ImportOptions):
        from app.services.archive import validate_person, validate_unit

        self.sheets, self.options = sheets, options
        self.validate_person = person_validator(options.keep_invalid_id, validate_person)
        self.validate_unit = validate_unit
        self.records: list[RosterRecord] = []  # error records and importable ones, in sheet order
        self.notes: list[str] = []

    def error(self, sheet: str, row: int, column: str, message: str) -> RosterRecord:
        rec = RosterRecord(row=row, raw={}, sheet=sheet)
        rec.errors.append((column, message))
        self.records.append(rec)
        return rec

    # ---- 楼栋单元: 总层数 and 是否有电梯 per building
    def buildings(self) -> dict[str, tuple[int | None, bool | None]]:
        sheet = self.sheets.get(BUILDINGS)
        facts: dict[str, tuple[int | None, bool | None]] = {}
        if sheet is None or sheet.header_index < 0:
            return facts
        for row_no, row in sheet.data_rows():
            name = canonical_building_name(_number(sheet.value(row, "building")))
            if not name:
                continue
            try:
                floors = clean_int(sheet.value(row, "floors"), 1, 300)
            except ValueError as exc:
                self.error(BUILDINGS, row_no, sheet.labels["floors"], str(exc))
                continue
            try:
                elevator = clean_yes_no(sheet.value(row, "elevator"))
            except ValueError as exc:
                self.error(BUILDINGS, row_no, sheet.labels["elevator"], str(exc))
                continue
            code = building_code(name).upper()
            old_floors, old_elevator = facts.get(code, (None, None))
            floors = max(f for f in (floors, old_floors) if f is not None) if (floors or old_floors) else None
            elevator = old_elevator if elevator is None else bool(elevator or old_elevator)
            facts[code] = (floors, elevator)
        return facts

    # ---- 业主信息: people by their number (the first column, as HC reads it); members under their owner
    def people(self) -> tuple[dict[str, RosterRecord], dict[str, list[RosterRecord]], set[str]]:
        """(owners by number, members by their owner's number, owner numbers whose row is in error).

        hc.xlsx has 编号 (the person's own number, which 房屋信息 refers to) and 业主编号 (for 1002/1003/1004:
        the owner they belong to); wy.xlsx has only 业主编号 (everyone an owner)."""
        sheet = self.sheets[OWNERS]
        owners: dict[str, RosterRecord] = {}
        members: dict[str, list[RosterRecord]] = {}
        bad: set[str] = set()
        first_row: dict[str, int] = {}
        own_key = "number" if "number" in sheet.columns else "owner_no"
        ref_key = "owner_no" if own_key == "number" and "owner_no" in sheet.columns else None
        label = sheet.labels.get(own_key, "业主编号")
        by_id: dict[str, list[RosterRecord]] = {}
        pending: list[tuple[str, RosterRecord]] = []  # members, attached once every owner is known
        for row_no, row in sheet.data_rows():
            kind = _number(sheet.value(row, "kind"))
            number = _number(sheet.value(row, own_key))
            if kind and kind not in KINDS:
                self.error(OWNERS, row_no, sheet.labels["kind"], f"“{kind}”应为 1001 业主、1002 家庭成员、1003 房屋租客 "
                                                                "或 1004 临时人员")
                bad.add(number)
                continue
            relation = KINDS.get(kind, Relation.OWNER)
            if not number:
                self.error(OWNERS, row_no, label, "不能为空")
                continue
            if number in first_row:
                self.error(OWNERS, row_no, f"{label} {number}", f"与第{first_row[number]}行重复 (编号必须唯一)")
                bad.add(number)
                continue
            first_row[number] = row_no
            rec = RosterRecord(row=row_no, raw=None, sheet=OWNERS, relation=relation)
            self._person(sheet, row, rec)
            owner_ref = _number(sheet.value(row, ref_key)) if ref_key and relation != Relation.OWNER else number
            if relation != Relation.OWNER and not owner_ref:
                rec.errors.append((sheet.labels.get("owner_no", "业主编号"), "家庭成员、租客须填写所属业主的编号"))
            if rec.errors:
                rec.raw = {}
                self.records.append(rec)
                if relation == Relation.OWNER:
                    bad.add(number)
                continue
            if relation == Relation.OWNER:
                owners[number] = rec
            else:
                pending.append((owner_ref, rec))
            if rec.id_number:
                by_id.setdefault(rec.id_number, []).append(rec)
        for owner_ref, rec in pending:
            if owner_ref in owners or owner_ref in bad:
                members.setdefault(owner_ref, []).append(rec)
            else:
                rec.errors.append((f"{sheet.labels['owner_no']} {owner_ref}", f"{OWNERS}中没有这位业主"))
                rec.raw = {}
                self.records.append(rec)
        for id_number, recs in by_id.items():
            if len({r.name for r in recs}) > 1:
                self._id_conflict(sheet, id_number, recs, owners, members, bad)
        return owners, members, bad

    def _person(self, sheet: _Sheet, row: list[object], rec: RosterRecord) -> None:
        values = {key: sheet.value(row, key) for key in ("name", "phone", "id_number")}
        id_raw = values["id_number"]
        if isinstance(id_raw, float) and abs(id_raw) >= 1e15:
            rec.errors.append((sheet.labels["id_number"], "被 Excel 存成了数字, 后几位已丢失 (Excel 只保留15位)。"
                                                          "请把该列设为“文本”格式后重新填写"))
            values["id_number"] = ""
        if isinstance(values["phone"], float) and values["phone"].is_integer():
            values["phone"] = str(int(values["phone"]))
        try:
            person = self.validate_person({**values, "notes": ""})
            rec.name, rec.phone, rec.id_number = person["name"], person["phone"], person["id_number"]
            rec.id_unverified = person.get("id_unverified", False)
        except FieldError as exc:
            for key, message in exc.errors.items():
                rec.errors.append((sheet.labels.get(key, key), message))
        if "gender" in sheet.columns:
            try:
                rec.gender = clean_gender(sheet.value(row, "gender"))
            except ValueError as exc:
                rec.errors.append((sheet.labels["gender"], str(exc)))
        rec.present = {k for k in ("name", "phone", "id_number", "gender") if getattr(rec, k, "")}
        if "kind" in sheet.columns:
            rec.present.add("relation")

    def _id_conflict(self, sheet: _Sheet, id_number: str, recs: list[RosterRecord], owners, members, bad) -> None:
        """One ID number under several names: every row is in error; the first lists them all."""
        label = sheet.labels["id_number"]
        listing = "、".join(f"第{r.row}行 {r.name}" for r in recs)
        first = recs[0]
        for n, rec in enumerate(recs):
            message = (f"{id_number} 在 {len(recs)} 行中姓名不同: {listing}" if n == 0
                       else f"与第{first.row}行 ({first.name}) 同一身份证号, 姓名不同")
            if not rec.errors:  # (a member whose owner is missing is already among the records)
                self.records.append(rec)
            rec.errors.append((label, message))
            rec.raw = {}
        ids = {id(r) for r in recs}
        for number, owner in list(owners.items()):
            if id(owner) in ids:
                del owners[number]
                bad.add(number)
        for group in members.values():
            group[:] = [r for r in group if id(r) not in ids]

    # ---- 房屋信息: one record per room (with its owner), plus one per member of that owner
    def rooms(self, owners, members, bad, facts) -> dict[str, RosterRecord]:
        """The records; returns each owner's first room record (where their parking spaces go)."""
        sheet = self.sheets[ROOMS]
        first_room: dict[str, RosterRecord] = {}
        seen: dict[tuple, int] = {}
        for row_no, row in sheet.data_rows():
            rec = RosterRecord(row=row_no, raw=None, sheet=ROOMS)
            name = canonical_building_name(_number(sheet.value(row, "building")))
            rec.building, rec.bcode = name, building_code(name).upper() if name else ""
            if not name:
                rec.errors.append((sheet.labels.get("building", "楼栋编号"), "不能为空"))
            unit_no = clean_unit_no(sheet.value(row, "unit"))
            room_no = clean_room_no(sheet.value(row, "room"))  # "0101" stays itself
            try:
                cleaned = self.validate_unit({"building_id": -1, "unit_no": unit_no, "room_no": room_no,
                                              "area": sheet.value(row, "area")})
                rec.unit_no, rec.room_no, rec.floor, rec.area = unit_no, room_no, cleaned["floor"], cleaned["area"]
            except FieldError as exc:
                where = {"room_no": "room", "floor": "room", "unit_no": "unit"}
                for key, message in exc.errors.items():
                    rec.errors.append((sheet.labels.get(where.get(key, key), key), message))
            self._room_extras(sheet, row, rec)
            rec.floors, rec.elevator = facts.get(rec.bcode, (None, None))
            if rec.floors is not None:
                rec.present.add("floors")
            owner_no = _number(sheet.value(row, "owner_no"))
            owner = owners.get(owner_no)
            if owner_no and owner is None and owner_no not in bad:
                rec.errors.append((f"{sheet.labels['owner_no']} {owner_no}", f"{OWNERS}中没有"))
            if not rec.errors:
                key = rec.unit_key
                if key in seen:
                    rec.errors.append((sheet.labels["room"], f"与第{seen[key]}行是同一房屋"))
                seen.setdefault(key, row_no)
            if rec.errors:
                rec.raw = {}
                self.records.append(rec)
                continue
            self.records.append(rec)
            if owner is None:
                continue  # no owner yet (or the owner's row is in error, reported on that row)
            _give_person(rec, owner)
            first_room.setdefault(owner_no, rec)
            for member in members.get(owner_no, ()):
                extra = RosterRecord(row=row_no, raw=None, sheet=ROOMS, building=rec.building, bcode=rec.bcode,
                                     unit_no=rec.unit_no, room_no=rec.room_no, floor=rec.floor, area=rec.area,
                                     inner_area=rec.inner_area, floors=rec.floors, elevator=rec.elevator,
                                     present=set(rec.present))
                _give_person(extra, member)
                self.records.append(extra)
        return first_room

    def _room_extras(self, sheet: _Sheet, row: list[object], rec: RosterRecord) -> None:
        rec.present = {"building", "room", "unit"}
        if rec.area is not None:
            rec.present.add("area")
        try:
            floor = clean_int(sheet.value(row, "floor"), -9, 300)
            if floor is not None:
                rec.floor = floor
                rec.present.add("floor")
        except ValueError as exc:
            rec.errors.append((sheet.labels["floor"], str(exc)))
        inner = sheet.value(row, "inner_area")
        if not is_blank(inner):
            try:
                rec.inner_area = check_area(inner)
            except ValueError as exc:
                rec.errors.append((sheet.labels["inner_area"], str(exc)))

    # ---- 车位信息: a space (and its car) on the owner's first room
    def spaces(self, owners, bad, first_room) -> None:
        sheet = self.sheets.get(SPACES)
        if sheet is None or sheet.header_index < 0 or "space" not in sheet.columns:
            return
        rows = list(sheet.data_rows())
        lots = {_number(sheet.value(row, "lot")) for _n, row in rows} - {""}
        unassigned = 0
        seen_space: dict[str, int] = {}
        seen_plate: dict[str, int] = {}
        for row_no, row in rows:
            code = clean_code(sheet.value(row, "space")).upper()
            if len(lots) > 1 and code:
                code = f"{_number(sheet.value(row, 'lot'))}-{code}"
            owner_no = _number(sheet.value(row, "owner_no"))
            plate_raw = sheet.value(row, "plate")
            errors: list[tuple[str, str]] = []
            if not code:
                errors.append((sheet.labels["space"], "不能为空"))
            elif len(code) > 32:
                errors.append((sheet.labels["space"], "过长 (最多32个字)"))
            elif code in seen_space:
                errors.append((sheet.labels["space"], f"{code} 与第{seen_space[code]}行重复"))
            plate = ""
            if not is_blank(plate_raw):
                try:
                    plate = normalize_plate(plate_raw)
                except ValueError as exc:
                    errors.append((sheet.labels["plate"], f"“{display(plate_raw)}”{exc}"))
                if plate in seen_plate:
                    errors.append((sheet.labels["plate"], f"{plate} 与第{seen_plate[plate]}行重复"))
            if not owner_no:
                if not errors:
                    unassigned += 1
                    continue
            elif owner_no in bad:
                continue  # the owner's row is in error (reported there)
            elif owner_no not in owners:
                errors.append((f"{sheet.labels['owner_no']} {owner_no}", f"{OWNERS}中没有"))
            elif owner_no not in first_room:
                errors.append((f"{sheet.labels['owner_no']} {owner_no}", f"在{ROOMS}中没有房屋, 车位无处登记"))
            if errors:
                rec = RosterRecord(row=row_no, raw={}, sheet=SPACES, errors=errors)
                self.records.append(rec)
                continue
            seen_space.setdefault(code, row_no)
            if plate:
                seen_plate.setdefault(plate, row_no)
            room = first_room[owner_no]
            rec = RosterRecord(row=row_no, raw=None, sheet=SPACES, building=room.building, bcode=room.bcode,
                               unit_no=room.unit_no, room_no=room.room_no, floor=room.floor,
                               spaces=(code,), plates=(plate,) if plate else (), present={"space", "plate"})
            _give_person(rec, owners[owner_no])
            self.records.append(rec)
        if unassigned:
            self.notes.append(f"{SPACES}: {unassigned} 个车位没有业主编号 (未售出/未出租), 未导入; "
                              "PropDesk 的车位随房屋登记")

    # ---- 费用设置: listed, not created
    def fee_items(self) -> list[HcFeeItem]:
        sheet = self.sheets.get(FEES)
        if sheet is None or sheet.header_index < 0:
            return []
        used: dict[str, int] = {}
        rooms = self.sheets[ROOMS]
        if "fees" in rooms.columns:
            for _n, row in rooms.data_rows():
                for number in str(_number(rooms.value(row, "fees"))).split("#"):
                    number = _number(number.strip())
                    if number and number != "0":
                        used[number] = used.get(number, 0) + 1
        items = []
        for _n, row in sheet.data_rows():
            number = _number(sheet.value(row, "number"))
            name = clean_text(sheet.value(row, "name"))
            if not (number or name):
                continue
            items.append(HcFeeItem(number, name, clean_text(sheet.value(row, "type")),
                                   _number(sheet.value(row, "formula")), _money_text(sheet.value(row, "price")),
                                   _money_text(sheet.value(row, "fixed")), _number(sheet.value(row, "cycle")),
                                   used.get(number, 0)))
        return items


def _money_text(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return clean_text(value)


def _give_person(rec: RosterRecord, person: RosterRecord) -> None:
    rec.name, rec.phone, rec.id_number, rec.gender = person.name, person.phone, person.id_number, person.gender
    rec.id_unverified, rec.relation = person.id_unverified, person.relation
    rec.present |= person.present


def parse_hc(sheets: Mapping[str, list[list[object]]], options: ImportOptions = DEFAULT_OPTIONS) -> ParsedRoster:
    """HC's workbook (sheet name → rows of cells) as one roster: records, problems, notes, fee items, placeholders."""
    notes = [f"识别为 {LAYOUT} 导入模板"]
    by_name = {clean_text(name): rows for name, rows in sheets.items()}
    read = {name: _read_sheet(name, by_name[name], notes) for name in SHEET_ORDER if name in by_name}
    issues = []
    for name, key in ((OWNERS, "name"), (ROOMS, "room"), (ROOMS, "building")):
        sheet = read[name]
        if sheet.header_index < 0 or key not in sheet.columns:
            wanted = "、".join(HEADERS[name][key])
            issues.append(RosterIssue(0, "表头", f"缺少“{wanted}”列", name, True))
    if issues:
        return ParsedRoster("、".join(read), 0, {}, {}, [], [], issues, sheet_names=tuple(sheets), notes=notes,
                            layout=LAYOUT)
    counter = PlaceholderCounter(options)
    owners_sheet = read[OWNERS]
    for key in ("phone", "id_number", "age"):
        if key in owners_sheet.columns:
            counter.blank(owners_sheet.rows, owners_sheet.header_index + 1, key, [owners_sheet.columns[key]])
    builder = _Builder(read, options)
    facts = builder.buildings()
    owners, members, bad = builder.people()
    first_room = builder.rooms(owners, members, bad, facts)
    builder.spaces(owners, bad, first_room)
    used = [name for name in SHEET_ORDER if name in read and name != FEES]
    parts = {name: read[name].part() for name in used}
    fields = {key: [0] for part in parts.values() for key in part.fields}
    if "kind" in read[OWNERS].columns:
        fields["relation"] = [0]
    unknown = [f"{name}.{label}" for name in used for label in read[name].unknown
               if not (name == ROOMS and label == read[ROOMS].labels.get("fees"))]
    rooms = read[ROOMS]
    parsed = ParsedRoster(
        "、".join(used), rooms.header_index + 1, dict(rooms.part().headers), fields, unknown, builder.records, [],
        sheet_names=tuple(sheets), parts=parts, notes=notes + builder.notes, layout=LAYOUT,
        placeholder_counts=counter.lines(), fee_items=builder.fee_items())
    if parsed.fee_items:
        parsed.notes.append(f"{FEES}中有 {len(parsed.fee_items)} 个收费项目, 未自动创建: 请对应到 PropDesk 的收费项目")
    return parsed
