"""The owner roster (业主花名册) as offices keep it: find the header, match columns, clean every value.

Pure functions over cell values (no database): ``parse_roster(rows)`` finds the header row below titles
and merged cells, maps the columns by their Chinese names and aliases, turns every data row into a
``RosterRecord`` with values cleaned by the shared rules (``app.validators``, ``validate_person`` /
``validate_unit``) and with every problem named by the header text as it appears in the file.
Rows within the file are checked against each other (duplicates, one unit with two areas, …); checks
against the database belong to ``app.services.roster``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import repeat
from operator import add, attrgetter, itemgetter

from app.errors import FieldError
from app.excel.legacy import (
    ATTRS,
    CLEANERS,
    DEFAULT_OPTIONS,
    EXTRA_KEYS,
    HC_KINDS,
    ImportOptions,
    PlaceholderCounter,
    apply_extras,
    person_validator,
    side_block_note,
    table_width,
)
from app.excel.roster_columns import BY_KEY, COLUMNS, EXPORT_KEYS, RELATION_LABELS, Column  # noqa: F401 (re-exported)
from app.models import Relation
from app.search import building_code, canonical_building_name, chinese_number
from app.validators import (
    EARLIEST_MOVE_IN,
    PLATE_SHAPE,
    check_area,
    check_move_in,
    clean_code,
    clean_text,
    has_invisible,
    is_usual_id_number,
    normalize_id_number,
    normalize_phone,
    normalize_plate,
    today,
    usual_id_numbers,
)

HEADER_SCAN_ROWS = 20


RELATION_WORDS = {
    Relation.OWNER: ("业主", "产权人", "房主", "户主", "本人", "业主本人", "共有人", "owner"),
    Relation.TENANT: ("租户", "租客", "承租人", "租住", "租赁", "tenant"),
    Relation.FAMILY: ("家庭成员", "家属", "亲属", "配偶", "子女", "父母", "家人", "成员", "妻子", "丈夫", "儿子", "女儿",
                      "父亲", "母亲", "夫妻", "family"),
}
_RELATION_BY_WORD = {w: rel for rel, words in RELATION_WORDS.items() for w in words} | HC_KINDS  # HC: 1001 业主 …
_ALIAS = {a.lower(): c.key for c in COLUMNS for a in (c.header, *c.aliases)}
_PAREN = re.compile(r"[(\[【（][^)\]】）]*[)\]】）]")
_REQUIRED_MARK = re.compile(r"[*＊※]|必填|选填")
_SPLIT_MULTI = re.compile(r"[、,，;；/\s]+")
# What people type in a cell that has nothing to say; only for optional columns (a 姓名 of "无" stays an error).
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "\\", "无", "暂无", "没有", "空", "N/A", "n/a", "NA", "null", "NULL",
                          "未知", "不详", "?", "？"})
OPTIONAL_KEYS = frozenset({"unit", "area", "relation", "phone", "id_number", "move_in", "space", "plate", "gender",
                           "floor", "inner_area", "floors"})  # not 是否有电梯: its "无" is an answer
_UNIT_ROOM = re.compile(r"([0-9A-Za-z一二三四五六七八九十]+)单元-?([0-9A-Za-z]+(?:室|号)?)")
_DASHED_ROOM = re.compile(r"(\d{1,2})-(\d{3,4})")
_BUILDING_UNIT = re.compile(r"(.+?(?:号楼|栋|幢|座|#))-?([0-9A-Za-z一二三四五六七八九十]+)单元")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff·\s]+")
_PHONE_SEPARATORS = re.compile(r"\s*[/、,，;；|\\]\s*")
_SKIP_LINE = re.compile(r"^(合计|总计|小计|制表|审核|填表|注[:：意]|说明|备注[:：]|共\d+)")
_ADDRESS = re.compile(
    r"(?P<b>[0-9A-Za-z一二三四五六七八九十]+)(?:号楼|栋|幢|座|号|#|-|_|—)+"
    r"(?:(?P<u>[0-9A-Za-z一二三四五六七八九十]+)(?:单元|-|_|—)+)?"
    r"(?P<r>[0-9A-Za-z]+(?:-\d+)?)(?:室|号|房)?"
)


def normalise_header(text: object) -> str:
    """Header text without spaces, required-marks, units in brackets or line breaks, lower-cased."""
    raw = clean_text(text).replace(" ", "")
    raw = _REQUIRED_MARK.sub("", raw)
    without_unit = _PAREN.sub("", raw)
    return (without_unit or raw).rstrip(":：").lower()


def match_header(text: object) -> str | None:
    """The field a header cell names, by alias first, then by tell-tale words; None if unknown."""
    raw = clean_text(text).replace(" ", "").lower()
    if not raw:
        return None
    norm = normalise_header(text)
    for candidate in (raw, norm, raw.rstrip(":：")):
        if candidate in _ALIAS:
            return _ALIAS[candidate]
    if len(norm) > 12:
        return None
    return _guess(norm)


def _guess(h: str) -> str | None:
    if "身份证" in h or "证件" in h:
        return None if any(w in h for w in ("类型", "种类", "地址", "有效", "日期", "照片")) else "id_number"
    if "紧急" in h:
        return None  # 紧急联系人/电话: not the owner's
    if "车牌" in h:
        return "plate"
    if "车位" in h:
        return "space"
    if any(w in h for w in ("电话", "手机", "联系方式")):
        return "phone"
    if "面积" in h:
        return None if any(w in h for w in ("套内", "使用", "公摊", "花园", "车位", "阁楼")) else "area"
    if ("日期" in h or "时间" in h) and any(w in h for w in ("入住", "交房", "入伙", "交付", "收房")):
        return "move_in"
    if "备注" in h:
        return "notes"
    if "单元" in h and not any(w in h for w in ("房", "楼")):
        return "unit"
    if any(w in h for w in ("姓名", "业主名", "产权人", "户主")):
        return "name"
    if any(w in h for w in ("楼栋", "楼号", "栋号", "幢号")):
        return "building"
    if any(w in h for w in ("房号", "房间", "门牌", "室号")):
        return "room"
    return None


# --- value shapes -------------------------------------------------------------------------------


def clean_unit_no(value: object) -> str:
    """"1单元" / "一单元" / 1.0 / "01" → "1"; other codes are only cleaned."""
    text = clean_code(value).removesuffix("单元")
    return chinese_number(text) if text else ""


def clean_room_no(value: object) -> str:
    """1502.0 / "1502室" / "１５０２" → "1502"."""
    text = clean_code(value)
    for suffix in ("室", "号", "房"):
        text = text.removesuffix(suffix)
    return text.upper() if text.isascii() else text


def split_address(value: object) -> tuple[str, str, str] | None:
    """"3-1-1502" / "3栋1单元1502室" / "3号楼1502" → (building, unit, room); None when not an address."""
    text = clean_code(value)
    match = _ADDRESS.fullmatch(text)
    if not match:
        return None
    return canonical_building_name(match["b"]), clean_unit_no(match["u"] or ""), clean_room_no(match["r"])


def split_multi(value: object) -> list[str]:
    """"浙A12345、浙B67890" → two items; blanks dropped."""
    return [p for p in _SPLIT_MULTI.split(clean_text(value)) if p]


def relation_from_text(value: object) -> str:
    text = clean_code(value).lower()
    if text in _RELATION_BY_WORD:
        return _RELATION_BY_WORD[text]
    for word, rel in _RELATION_BY_WORD.items():
        if word in text:
            return rel
    raise ValueError("应为 业主、租户 或 家庭成员")


def phone_text(raw: object) -> str:
    """A phone cell as text; a landline stored as a number lost its leading 0 (57188886666) — put it back."""
    if type(raw) is int and 0 <= raw < 10**15:  # the usual number cell, without the float round trip
        digits = str(raw)
        if not digits.startswith("1") and 9 <= len(digits) <= 11:
            return "0" + digits
        return digits
    if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
        digits = str(int(raw))
        if not digits.startswith("1") and 9 <= len(digits) <= 11:
            return "0" + digits
        return digits
    return clean_code(raw)


def split_phones(raw: object) -> tuple[str, list[str]]:
    """A phone cell → (the phone, other numbers in the same cell). "138… / 139…" and "138… 139…" hold two;
    "138 1234 5678" is one number written with spaces."""
    if not isinstance(raw, str):
        return phone_text(raw), []
    text = clean_text(raw)
    pieces = [p for p in _PHONE_SEPARATORS.split(text) if p]
    if len(pieces) == 1 and " " in text:
        tokens = text.split()
        try:
            [normalize_phone(t) for t in tokens]
            pieces = tokens
        except ValueError:
            pass
    if len(pieces) <= 1:
        return clean_code(text), []
    first, others = pieces[0], []
    for piece in pieces[1:]:
        try:
            others.append(normalize_phone(piece))
        except ValueError:
            others.append(clean_code(piece))
    return clean_code(first), others


def is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def display(value: object) -> str:
    """A cell as the person sees it (no 1502.0, dates as 2019-05-01)."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return clean_text(value)


# --- the parsed roster ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterIssue:
    """One problem: Excel row (0 = the file as a whole), the column header as in the file, the message."""

    row: int
    column: str
    message: str
    sheet: str = ""  # only when several sheets are imported together
    plain: bool = False  # "房屋信息 第7行" (a workbook of named sheets, as HC小区's) rather than 工作表“…”第7行

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        if self.sheet:
            where = f"{self.sheet} {where}" if self.plain else f"工作表“{self.sheet}”{where}"
        return f"{where} {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass(slots=True)
class RosterRecord:
    """One data row, cleaned. ``present`` holds the fields with a value: blank cells never clear data."""

    row: int
    raw: dict[str, object] | None  # the cells as read, kept for rows in error (to show them as typed)
    sheet: str = ""  # set when several sheets are imported together
    building: str = ""
    bcode: str = ""
    unit_no: str = ""
    room_no: str = ""
    floor: int | None = None
    area: Decimal | None = None
    name: str = ""
    relation: str | None = None
    phone: str = ""
    id_number: str = ""
    move_in: date | None = None
    spaces: tuple[str, ...] = ()
    plates: tuple[str, ...] = ()
    notes: str = ""
    gender: str = ""
    inner_area: Decimal | None = None
    floors: int | None = None  # the building's 总层数
    elevator: bool | None = None  # the building's 是否有电梯
    id_unverified: bool = False  # ID number kept although its check digit fails (待核实)
    present: set[str] | frozenset[str] = field(default_factory=set)  # (the column path's rows share frozensets)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unit_key(self) -> tuple[str, str, str]:
        return (self.bcode, self.unit_no, self.room_no)

    @property
    def person_key(self) -> tuple[str, str]:
        return ("id", self.id_number) if self.id_number else ("name", self.name)


@dataclass
class ParsedRoster:
    sheet: str
    header_row: int  # Excel row number
    headers: dict[int, str]  # column index → header text as in the file (mapped columns)
    fields: dict[str, list[int]]  # field → column indexes, first non-blank wins
    unknown: list[str]
    records: list[RosterRecord]
    issues: list[RosterIssue]  # file-level problems (missing columns, no header)
    skipped_rows: int = 0
    sheet_names: tuple[str, ...] = ()
    parts: dict[str, ParsedRoster] = field(default_factory=dict)  # sheet → its own parse, when combined
    notes: list[str] = field(default_factory=list)  # things to tell the user that are not errors
    layout: str = ""  # a recognised layout of another system ("HC小区"), "" for a roster sheet
    placeholder_counts: dict[str, int] = field(default_factory=dict)  # "占位手机号 18999999999" → rows
    fee_items: list = field(default_factory=list)  # fee items of the old system, listed for mapping

    def header_of(self, key: str) -> str:
        cols = self.fields.get(key)
        return self.headers[cols[0]] if cols else BY_KEY[key].header

    def header_for(self, rec: RosterRecord, key: str) -> str:
        """The header of ``key`` in the sheet the record comes from; "address" when the file has no such column."""
        part = self.parts.get(rec.sheet, self)
        if key in ("unit", "room") and key not in part.fields and "address" in part.fields:
            key = "address"
        return part.header_of(key)

    @property
    def sheets_used(self) -> tuple[str, ...]:
        return tuple(self.parts) or (self.sheet,)


def combine(parts: list[ParsedRoster]) -> ParsedRoster:
    """Several sheets of one roster (e.g. one sheet per building) imported as one file."""
    first = parts[0]
    combined = ParsedRoster(
        sheet="、".join(p.sheet for p in parts), header_row=first.header_row, headers=first.headers,
        fields=first.fields, unknown=list(dict.fromkeys(u for p in parts for u in p.unknown)), records=[],
        issues=[], skipped_rows=sum(p.skipped_rows for p in parts), sheet_names=first.sheet_names,
        parts={p.sheet: p for p in parts})
    for part in parts:
        combined.issues += [RosterIssue(i.row, i.column, i.message, part.sheet) for i in part.issues]
        for rec in part.records:
            rec.sheet = part.sheet
        combined.records += part.records
    check_within_file(combined.records, combined)
    return combined


def _header_label(value: object) -> str:
    """The header as written in the file (only white space and line breaks removed), for messages."""
    return re.sub(r"\s+", "", str(value or ""))


def find_header(rows: list[list[object]]) -> tuple[int, dict[int, str]] | None:
    """The row (0-based) among the first non-blank ones that names the most known fields."""
    best: tuple[int, int, dict[int, str]] | None = None
    seen = 0
    for index, row in enumerate(rows):
        if seen >= HEADER_SCAN_ROWS:
            break
        if all(is_blank(v) for v in row):
            continue
        seen += 1
        mapping = {}
        for col, value in enumerate(row):
            if isinstance(value, str) and (key := match_header(value)):
                mapping[col] = key
        score = len(set(mapping.values()))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, index, mapping)
    if best is None:
        return None
    return best[1], best[2]


FORMULA_WITHOUT_VALUE = "是公式, 但文件中没有保存它的计算结果。请在 Excel 中打开后保存一次, 或把公式改为数值后再导入"


def parse_roster(rows: list[list[object]], sheet: str = "", *, check: bool = True,
                 formulas: frozenset[tuple[int, int]] = frozenset(), options: ImportOptions = DEFAULT_OPTIONS,
                 ) -> ParsedRoster:
    """Header, column map and every data row cleaned and checked (within the file).

    ``formulas``: (row, column) of cells that hold a formula saved without its value (blank here).
    ``options``: placeholder values read as blank, ID numbers kept with a failing check digit (app.excel.legacy).
    """
    found = find_header(rows)
    if found is None:
        issue = RosterIssue(0, "", f"工作表“{sheet}”前{HEADER_SCAN_ROWS}行中找不到表头。表头应含 楼栋、单元、房号、"
                                   "业主姓名、联系电话、身份证号码 等列名 (可下载导入模板对照)。")
        return ParsedRoster(sheet, 0, {}, {}, [], [], [issue])
    header_index, mapping = found
    header = rows[header_index]
    above = rows[header_index - 1] if header_index > 0 else []
    headers: dict[int, str] = {}
    fields: dict[str, list[int]] = {}
    unknown: list[str] = []
    mapped_keys = set(mapping.values())
    for col, value in enumerate(header):
        key = mapping.get(col)
        label = _header_label(value)
        if key is None and is_blank(value) and col < len(above) and isinstance(above[col], str):
            # two-line header: a column merged down from the line above ("序号", "房号" over two rows)
            key = _ALIAS.get(normalise_header(above[col]))
            label = _header_label(above[col]) if key and key not in mapped_keys else label
            key = key if key and key not in mapped_keys else None
        if key is None:
            if label:
                unknown.append(label)
            continue
        if key in fields and key not in ("phone",) and label in [headers[c] for c in fields[key]]:
            continue  # the same header merged across columns
        headers[col] = label
        fields.setdefault(key, []).append(col)
    if "building" not in fields and "address" not in fields and "room" in fields:
        fields["address"] = fields.pop("room")  # no 楼栋 column: the 房号 cells hold "3-1-1502"
    issues: list[RosterIssue] = []
    header_row = header_index + 1
    has_address = "address" in fields
    for key in ("building", "room", "name"):
        if key not in fields and not (has_address and key in ("building", "room")):
            col = BY_KEY[key]
            issues.append(RosterIssue(header_row, "表头", f"缺少“{col.header}”列 (可用列名: {'、'.join(col.aliases[:6])})"))
    parsed = ParsedRoster(sheet, header_row, headers, fields, unknown, [], issues)
    if issues:
        return parsed
    header_texts = {v for v in header if isinstance(v, str) and v.strip()}
    _legacy_pass(rows, header_index, header, parsed, options)
    cleaner = _Cleaner(parsed, options)
    max_col = max(col for cols in fields.values() for col in cols)
    single = [(key, cols[0]) for key, cols in fields.items() if len(cols) == 1]
    multi = [(key, cols) for key, cols in fields.items() if len(cols) > 1]
    start = header_index + 1
    certified = _Columns(cleaner, header_texts).records(rows, start, max_col) if COLUMN_PATH else None
    if certified is not None and not formulas and all(certified):  # every row vouched for: the usual file
        # (``all``: a record is true, None is not; ``None in`` would call each record's __eq__)
        parsed.records = certified
        start = len(rows)
    for index in range(start, len(rows)):
        if certified is not None and (rec := certified[index - start]) is not None:
            if formulas:
                _formula_errors(rec, index, fields, headers, formulas)
            parsed.records.append(rec)
            continue
        row = rows[index]
        if len(row) > max_col:  # calamine's rows are rectangular: the usual case
            values = {key: row[col] for key, col in single}
            for key, value in values.items():
                if type(value) is str and value[:1] == "'":
                    values[key] = _first(row, [fields[key][0]])
            for key, cols in multi:
                values[key] = _first(row, cols)
        else:
            values = {key: _first(row, cols) for key, cols in fields.items()}
        if _not_data(row, values, header_texts):
            if any(not is_blank(v) for v in row):
                parsed.skipped_rows += 1
            continue
        rec = cleaner.record(index + 1, values)
        if formulas:
            _formula_errors(rec, index, fields, headers, formulas)
        parsed.records.append(rec)
    if check:
        check_within_file(parsed.records, parsed)
    return parsed


def _legacy_pass(rows: list[list[object]], header_index: int, header: list[object], parsed: ParsedRoster,
                 options: ImportOptions) -> None:
    """Placeholder phones/ID numbers (18999999999, …) blanked and counted; a notes block beside the table noted."""
    counter = PlaceholderCounter(options)
    for key in ("phone", "id_number"):
        counter.blank(rows, header_index + 1, key, parsed.fields.get(key, ()))
    parsed.placeholder_counts = counter.lines()
    width = table_width(header)
    if width > max(col for cols in parsed.fields.values() for col in cols):
        note = side_block_note(rows, header_index, width, parsed.sheet)
        if note:
            parsed.notes.append(note)


def _formula_errors(rec: RosterRecord, index: int, fields: dict[str, list[int]], headers: dict[int, str],
                    formulas: frozenset[tuple[int, int]]) -> None:
    """A blank that is a formula without its value says so, instead of "不能为空"."""
    for cols in fields.values():
        for col in cols:
            if (index, col) in formulas:
                header = headers[col]
                rec.errors[:] = [e for e in rec.errors if e[0] != header] + [(header, FORMULA_WITHOUT_VALUE)]


def _first(row: list[object], cols: list[int]) -> object:
    if len(cols) == 1 and cols[0] < len(row):
        value = row[cols[0]]
        if not isinstance(value, str) or value[:1] != "'":
            return value
    for col in cols:
        if col < len(row) and not is_blank(row[col]):
            value = row[col]
            if isinstance(value, str) and value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
                return value[1:]  # our exports' formula guard ("'=…"): the value is what follows
            return value
    return ""


def _not_data(row: list[object], values: dict[str, object], header_texts: set[str]) -> bool:
    """Blank rows, pre-numbered empty rows, repeated headers, totals/signature lines, the template's example."""
    name = values.get("name", "")
    if (name != "" and name not in header_texts and (values.get("room", "") != "" or values.get("address", "") != "")
            and (type(seq := values.get("seq")) in (int, float) or clean_text(seq) not in ("示例", "例", "样例"))):
        return False  # the usual data row: no need to look closer
    filled = [v for v in row if not is_blank(v)]
    if not filled:
        return True
    if clean_text(values.get("seq")) in ("示例", "例", "样例"):
        return True
    core = [values.get(k) for k in ("room", "address", "name", "phone", "id_number")]  # 楼栋 alone: a section title
    if all(is_blank(v) for v in core) and all(is_blank(values.get(k)) for k in ("plate", "space", "area")):
        return True  # only 序号/楼栋/备注-like cells: nothing to import
    if len(filled) >= 2 and sum(v in header_texts for v in filled if isinstance(v, str)) >= 2:
        return True  # the header repeated (a file pasted page by page)
    first = clean_text(filled[0])
    return len(filled) <= 2 and bool(_SKIP_LINE.match(first))


def _cache_key(value: object) -> object:
    """A cell as a cache key: TRUE/FALSE cells apart from 1 and 0, which are equal to them in a dict."""
    return (bool, value) if type(value) is bool else value


class _Cleaner:
    """Cleans data rows; values that repeat down a column (楼栋, 单元, 房号+面积, dates) are cleaned once."""

    def __init__(self, parsed: ParsedRoster, options: ImportOptions = DEFAULT_OPTIONS):
        from app.services.archive import validate_person, validate_unit

        self.validate_person, self.validate_unit = validate_person, validate_unit
        if options.keep_invalid_id or "id_unverified" in parsed.fields:
            self.validate_person = person_validator(options.keep_invalid_id, validate_person)
        self.extras = tuple(k for k in parsed.fields if k in EXTRA_KEYS)
        self.parsed = parsed
        self.header = parsed.header_of
        self.has_address = "address" in parsed.fields
        self.has_relation = "relation" in parsed.fields
        self.building_cache: dict[object, tuple[str, str]] = {}
        self.unit_cache: dict[tuple, tuple] = {}
        self.date_cache: dict[object, tuple] = {}
        self.relation_cache: dict[object, tuple] = {}

    def building(self, raw: object) -> tuple[str, str]:
        key = _cache_key(raw)
        try:
            return self.building_cache[key]
        except KeyError:
            name = canonical_building_name(raw)
            result = self.building_cache[key] = (name, building_code(name).upper() if name else "")
            return result

    def unit(self, bcode: str, unit_raw: object, room_raw: object, area_raw: object, has_building: bool) -> tuple:
        """(unit_no, room_no, floor, area, errors) via the shared ``validate_unit``, cached."""
        key = (unit_raw, room_raw, area_raw, has_building)
        if type(unit_raw) is bool or type(room_raw) is bool or type(area_raw) is bool:
            key = tuple(map(_cache_key, key))
        try:
            result = self.unit_cache[key]
            if result[5] is None or result[5] == bcode:
                return result
        except KeyError:
            pass
        unit_no, room_no = clean_unit_no(unit_raw), clean_room_no(room_raw)
        depends_on = None
        if room_no and not room_no.isdigit() and (match := _UNIT_ROOM.fullmatch(room_no)):
            unit_no, room_no = unit_no or clean_unit_no(match[1]), clean_room_no(match[2])  # "1单元1502"
        if has_building and room_no and not room_no.isdigit():
            depends_on = bcode
            parts = split_address(room_no)  # "3-1-1502" typed in the 房号 column next to 楼栋 3
            if parts and building_code(parts[0]).upper() == bcode:
                unit_no, room_no = unit_no or parts[1], parts[2]
            elif (match := _DASHED_ROOM.fullmatch(room_no)) and unit_no in ("", clean_unit_no(match[1])):
                unit_no, room_no = clean_unit_no(match[1]), match[2]  # "1-1502" next to 楼栋 3: 1单元1502
        errors = []
        floor = area = None
        try:
            cleaned = self.validate_unit({"building_id": -1, "unit_no": unit_no, "room_no": room_no, "area": area_raw})
            floor, area = cleaned["floor"], cleaned["area"]
        except FieldError as exc:
            errors += [({"room_no": "room", "floor": "room", "unit_no": "unit"}.get(n, n), m) for n, m in exc.errors.items()]
        result = self.unit_cache[key] = (unit_no, room_no, floor, area, tuple(errors), depends_on)
        return result

    def date(self, raw: object) -> tuple:
        key = _cache_key(raw)
        try:
            return self.date_cache[key]
        except KeyError:
            try:
                result = (check_move_in(raw), "")
            except ValueError as exc:
                result = (None, str(exc))
            self.date_cache[key] = result
            return result

    def relation(self, raw: object) -> tuple:
        key = _cache_key(raw)
        try:
            return self.relation_cache[key]
        except KeyError:
            try:
                result = (relation_from_text(raw), "")
            except ValueError as exc:
                result = (None, str(exc))
            self.relation_cache[key] = result
            return result

    def record(self, row: int, values: dict[str, object]) -> RosterRecord:
        parsed, header = self.parsed, self.header
        present = set()
        for key, value in values.items():
            if type(value) is str:
                if not value or value.isspace():
                    continue
                if key in OPTIONAL_KEYS and value.strip() in PLACEHOLDERS:  # "无", "/", "-": nothing to record
                    values[key] = ""
                    continue
            elif value is None or value == "":
                continue
            present.add(key)
        rec = RosterRecord(row=row, raw=values, present=present)
        err = rec.errors.append

        building, unit_no, room_no = values.get("building", ""), values.get("unit", ""), values.get("room", "")
        if "address" in present:
            parts = split_address(values["address"])
            if parts is None and is_blank(building):
                err((header("address"), "无法识别, 应为 楼栋-单元-房号 (如 3-1-1502 或 3栋1单元1502室)"))
            elif parts is not None:
                building = building if "building" in present else parts[0]
                unit_no = unit_no if "unit" in present else parts[1]
                room_no = room_no if "room" in present else parts[2]
            elif "room" not in present:
                room_no = values["address"]
        if isinstance(building, str) and "单元" in building and (match := _BUILDING_UNIT.fullmatch(clean_code(building))):
            building = match[1]  # "3栋1单元" in the 楼栋 column
            unit_no = unit_no if "unit" in present else match[2]
        rec.building, rec.bcode = self.building(building)
        if not rec.building and not self.has_address:
            err((header("building"), "不能为空"))
        elif len(rec.building) > 32:
            err((header("building"), "过长 (最多32个字)"))
        has_building = "building" in present and "room" in present and "address" not in present
        rec.unit_no, rec.room_no, rec.floor, rec.area, unit_errors, _ = self.unit(
            rec.bcode, unit_no, room_no, values.get("area", ""), has_building)
        for key, message in unit_errors:
            if key in ("unit", "room") and key not in parsed.fields:
                if not rec.building and "address" in present:
                    continue  # the address cell was already reported
                key = "address"
            err((header(key), message))

        relation = None
        if "relation" in present:
            relation, message = self.relation(values["relation"])
            if message:
                err((header("relation"), message))
        rec.relation = relation if self.has_relation else None

        move_in = values.get("move_in", "")
        if "move_in" in present:
            rec.move_in, message = self.date(move_in)
            if message:
                err((header("move_in"), message))
        id_raw = values.get("id_number", "")
        if isinstance(id_raw, int | float) and not isinstance(id_raw, bool) and abs(id_raw) >= 1e15:
            err((header("id_number"), "被 Excel 存成了数字, 后几位已丢失 (Excel 只保留15位)。"
                                      "请把该列设为“文本”格式后重新填写"))
            id_raw = ""
        phone_raw, other_phones = split_phones(values.get("phone", ""))
        if has_invisible(values.get("phone")):
            phone_raw, other_phones = values["phone"], []  # validate_person says so ("含有不可见字符")
        if "*" in phone_raw:  # masked in an export (138****5678): no information, keep what is stored
            phone_raw = ""
            present.discard("phone")
        if isinstance(id_raw, str) and "*" in id_raw:
            id_raw = ""
            present.discard("id_number")
        notes = values.get("notes", "")
        if other_phones:  # "13812345678/13987654321": the first is the phone, the others go to 备注
            extra = "其他电话: " + "、".join(other_phones)
            notes = clean_text(notes)
            notes = notes if extra in notes else f"{notes}; {extra}" if notes else extra
            present.add("notes")
        name = values.get("name")
        if isinstance(name, str) and not name.isalnum() and _CJK_NAME.fullmatch(name):
            name = "".join(name.split())  # "王　五" padded to line up with three-character names
        try:
            person = self.validate_person({"name": name, "phone": phone_raw, "id_number": id_raw, "notes": notes,
                                           "id_unverified": values.get("id_unverified", "")})
            rec.name, rec.phone, rec.id_number, rec.notes = (
                person["name"], person["phone"], person["id_number"], person["notes"])
            rec.id_unverified = person.get("id_unverified", False)
        except FieldError as exc:
            for name, message in exc.errors.items():
                err((header(name), message))

        if "space" in present:
            spaces = []
            for code in split_multi(values["space"]):
                code = clean_code(code).upper()
                if len(code) > 32:
                    err((header("space"), f"车位号“{code}”过长"))
                else:
                    spaces.append(code)
            rec.spaces = tuple(dict.fromkeys(spaces))
        if "plate" in present:
            plates = []
            for text in split_multi(values["plate"]):
                try:
                    plates.append(normalize_plate(text))
                except ValueError as exc:
                    err((header("plate"), f"“{text}”{exc}"))
            rec.plates = tuple(dict.fromkeys(plates))
        if self.extras and not present.isdisjoint(self.extras):  # the extra columns, when this row fills one
            apply_extras(rec, values, self.extras, header)
        if not rec.errors:
            rec.raw = None  # the cleaned values say it all; 100,000 rows of cell dicts cost 100 MB
        return rec


# --- the column-at-a-time path --------------------------------------------------------------------

COLUMN_PATH = True  # tests turn it off to compare with the row-by-row path
_NO = (False, object())  # a cell the column path does not vouch for (told by identity): its row goes to record
_ABSENT = (False, None)  # what a missing column gives every row
_MISSING = {key: (False, blank) for key, blank in (("unit", ""), ("phone", ""), ("id_number", ""),
                                                  ("space", ()), ("plate", ()), ("notes", ""))}
_FIRST, _SECOND, _SIXTH = itemgetter(0), itemgetter(1), itemgetter(5)
_UNIT_NO = attrgetter("unit_no")
_PRESENT = (True, None)
_SAMPLE_SEQ = ("示例", "例", "样例")
_SPACE_CODE = re.compile(r"[0-9A-Za-z-]{1,32}")  # B1-001: already as split_multi and clean_code leave it
_USUAL_NAME = re.compile("[\u4e00-\u9fff]{1,64}")  # 王芳: as record and validate_person leave it
_USUAL_DATE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")  # 2019/5/1, 2019-05-01


class _Memo(dict):
    """``fn`` over a column's cells, computed once for each distinct value."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, value):
        result = self[value] = self.fn(value)
        return result


def _cell(value: object, optional: bool) -> tuple[bool, object] | object:
    """(present, the value ``_Cleaner.record`` works with) as ``record`` decides them; _NO for a cell to leave
    to it (text written as "'…", dates outside the date column, booleans, errors …)."""
    kind = type(value)
    if kind is str:
        if value[:1] == "'":
            return _NO
        if not value or value.isspace():
            return (False, value)
        if optional and value.strip() in PLACEHOLDERS:
            return (False, "")
        return (True, value)
    if kind is float or kind is int:
        return (True, value)
    return (False, value) if value is None else _NO


@dataclass(slots=True)
class _Checked:
    """A column checked: each cell's (present, clean value) or _NO; the distinct results when it was checked
    once per distinct value."""

    cells: list | None
    distinct: list | None = None
    values: Sequence | None = None  # every cell present with these clean values, told at once (then no ``cells``)


def _space_code(text: str) -> str:
    """One 车位号 as ``record`` keeps it; ValueError where it reports one too long."""
    code = clean_code(text).upper()
    if len(code) > 32:
        raise ValueError(code)
    return code


def _picker(good: list[int] | range, refused: set[int]):
    """A function giving the cells of the ``good`` rows of a column (all of them when none is refused)."""
    if not refused:
        return lambda cells: cells
    if len(good) == 1:
        return lambda cells: (cells[good[0]],)
    return itemgetter(*good)


class _Columns:
    """Each column checked at once, by the same rules as ``_Cleaner.record`` and with its caches: a row whose
    every cell is vouched for (the usual well-formed row) becomes its record here; any other row — an unusual
    value, any error — is left to ``record``. The records are the same either way (tests/app/
    test_roster_columns.py compares them on generated sheets)."""

    def __init__(self, cleaner: _Cleaner, header_texts: set[str]):
        self.cleaner = cleaner
        self.header_texts = header_texts
        self.fields = cleaner.parsed.fields
        self.latest = today() + timedelta(days=366)  # check_move_in's range
        self.usable = "address" not in self.fields and all(len(cols) == 1 for cols in self.fields.values())

    def records(self, rows: list[list[object]], start: int, max_col: int) -> list[RosterRecord | None] | None:
        """For each row from ``start``: its record, or None where ``record`` must look at the row."""
        if not self.usable:
            return None
        short = [_NO] * (max_col + 1)  # a row shorter than the table (not from calamine): left to ``record``
        data = [row if len(row) > max_col else short for row in rows[start:]]
        # column by column, at once (rows as long as the table or longer: each column up to max_col is whole)
        cells = list(zip(*data, strict=False)) if data else [()] * (max_col + 1)
        columns = {key: self._column(key, cells[cols[0]]) for key, cols in self.fields.items()}
        refused = set()
        for column in columns.values():
            if column.values is None and _NO in (column.distinct or column.cells):
                refused.update(i for i, cell in enumerate(column.cells) if cell is _NO)
        good = [i for i in range(len(data)) if i not in refused] if refused else range(len(data))
        if not good:
            return [None] * len(data)
        pick = _picker(good, refused)

        def clean(key: str) -> Iterable:
            """The clean values of ``key`` in the good rows."""
            column = columns.get(key)
            if column is None:
                return repeat(_MISSING.get(key, _ABSENT)[1], len(good))
            if column.distinct is not None and len(column.distinct) == 1:
                return repeat(column.distinct[0][1], len(good))
            return pick(column.values) if column.values is not None else map(_SECOND, pick(column.cells))

        buildings = list(clean("building"))
        bnames, bcodes = list(map(_FIRST, buildings)), list(map(_SECOND, buildings))
        units = self._units(bcodes, clean("unit"), clean("room"))
        present = self._present(columns, pick, len(good))
        records = list(map(  # RosterRecord's fields in order up to ``present`` (the tests would see a slip)
            RosterRecord, map(add, good, repeat(start + 1)), repeat(None), repeat(""), bnames, bcodes,
            *(map(itemgetter(k), units) for k in range(3)),
            *map(clean, ("area", "name", "relation", "phone", "id_number", "move_in", "space", "plate", "notes")),
            repeat(""), repeat(None), repeat(None), repeat(None), repeat(False), present))
        out: list[RosterRecord | None] = [None] * len(data)
        for i, rec, unit in zip(good, records, units, strict=True):
            if not unit[4]:  # no error
                out[i] = rec
        for key in EXTRA_KEYS & columns.keys():
            attr, column = ATTRS[key], columns[key]
            if column.distinct is not None and not any(map(_FIRST, column.distinct)):
                continue  # a column left blank: nothing to set
            for rec, (filled, value) in zip(records, pick(column.cells), strict=True):
                if filled:
                    setattr(rec, attr, value)
        return out

    def _units(self, bcodes: list[str], *raw) -> list[tuple]:
        """``_Cleaner.unit`` of each row without its area (checked on its own by ``_area``: validate_unit checks
        the area apart from the rest), its cache read at once (the cells are no TRUE/FALSE: no key to adapt)."""
        keys = list(zip(*raw, repeat(""), repeat(True)))  # as unit() makes them
        cache, unit = self.cleaner.unit_cache, self.cleaner.unit
        for key, i in dict(zip(keys, range(len(keys)), strict=True)).items():  # each distinct one (its last row)
            if key not in cache:  # not met before: cleaned once
                unit(bcodes[i], *key)
        units = list(map(cache.__getitem__, keys))
        if set(map(_SIXTH, units)) != {None}:  # some depend on their building ("3-1-1502" in 房号)
            for i, (found, bcode) in enumerate(zip(units, bcodes, strict=True)):
                if found[5] is not None and found[5] != bcode:
                    units[i] = unit(bcode, *keys[i])
        return units

    def _column(self, key: str, cells: Sequence) -> _Checked:
        """Each cell checked: (present, clean value) or _NO."""
        check = self._extra(key) if key in EXTRA_KEYS else getattr(self, f"_{key}")
        if key == "id_number":  # the usual ID numbers told at once (``usual_id_numbers``), the others one by one
            usual = usual_id_numbers(cells)
            if all(usual):
                return _Checked(None, values=cells)
            return _Checked([(True, value) if usual else check(value)
                             for value, usual in zip(cells, usual, strict=True)])
        if key in _USUAL_COLUMNS and (values := _USUAL_COLUMNS[key](self, cells)) is not None:
            return _Checked(None, values=values)
        if key not in _MEMO_KEYS:
            return _Checked(list(map(check, cells)))
        memo = _Memo(check)
        checked = list(map(memo.__getitem__, cells))
        if (1 in memo or 0 in memo) and bool in set(map(type, cells)):
            return _Checked(list(map(check, cells)))  # TRUE/FALSE cells: the memo took them for 1 and 0
        return _Checked(checked, list(memo.values()))

    @staticmethod
    def _present(columns: dict[str, _Checked], pick, rows: int) -> Iterable[frozenset[str]]:
        """Each good row's ``present``: the keys with a value in every row, plus those the row fills of the others."""
        always, varying = [], []
        for key, column in columns.items():
            if column.values is not None:
                always.append(key)
                continue
            if column.distinct is not None and len({cell[0] for cell in column.distinct}) == 1:
                if column.distinct[0][0]:
                    always.append(key)
                continue
            flags = list(map(_FIRST, pick(column.cells)))
            if all(flags):
                always.append(key)
            elif any(flags):
                varying.append((key, flags))
        if not varying:  # (a row's ``present`` is only read: the rows that fill the same keys share one)
            return repeat(frozenset(always), rows)
        keys = [key for key, _ in varying]
        sets = _Memo(lambda flags: frozenset(always).union(k for k, flag in zip(keys, flags, strict=True) if flag))
        return map(sets.__getitem__, zip(*(flags for _, flags in varying), strict=True))

    # One method per column: the cell → (present, clean value) as ``record`` would have them, or _NO. Each
    # first takes the usual shapes (asserted equal to the general rules by the tests), then the general rules.

    def _seq(self, value):
        if type(value) is float:
            return _PRESENT
        cell = _cell(value, False)
        if cell is _NO or (type(value) not in (int, float) and clean_text(value) in _SAMPLE_SEQ):
            return _NO
        return cell

    def _building(self, value):
        cell = _cell(value, False)
        if cell is _NO or not cell[0] or (type(value) is str and "单元" in value):
            return _NO
        name, bcode = self.cleaner.building(value)
        return (True, (name, bcode)) if name and len(name) <= 32 else _NO

    def _unit(self, value):
        return _cell(value, True)

    def _area(self, value):
        """The area as validate_unit checks it (the rest of the unit by ``_units``)."""
        cell = _cell(value, True)
        if cell is _NO:
            return _NO
        text = clean_code(cell[1])
        if not text:
            return (cell[0], None)
        try:
            return (cell[0], check_area(text))
        except ValueError:
            return _NO

    def _room(self, value):
        if type(value) is float:
            return (True, value)
        cell = _cell(value, False)
        return cell if cell is not _NO and cell[0] else _NO

    def _name(self, value):
        if type(value) is str and _USUAL_NAME.fullmatch(value) and value not in self.header_texts:
            return (True, value)  # CJK ideographs only: nothing for clean_text to change
        cell = _cell(value, False)
        if cell is _NO or not cell[0] or type(value) is not str or value in self.header_texts:
            return _NO
        if not value.isalnum() and _CJK_NAME.fullmatch(value):
            value = "".join(value.split())
        name = clean_text(value)
        return (True, name) if name and len(name) <= 64 else _NO

    def _relation(self, value):
        cell = _cell(value, True)
        if cell is _NO or not cell[0]:
            return cell if cell is _NO else _ABSENT
        relation, message = self.cleaner.relation(value)
        return _NO if message else (True, relation)

    def _phone(self, value):
        if type(value) is float and 13e9 <= value < 2e10 and value.is_integer():
            return (True, str(int(value)))  # a mobile number stored as a number
        cell = _cell(value, True)
        if cell is _NO or not cell[0]:
            return cell if cell is _NO else _MISSING["phone"]
        if type(value) is str:
            if not (value.isascii() and value.isalnum()):
                return _NO  # "138… / 139…", masked, spaced, wide digits …
            text = value
        else:
            text = clean_code(phone_text(value))
        try:
            return (True, normalize_phone(text))
        except ValueError:
            return _NO

    def _id_number(self, value):
        if type(value) is str and is_usual_id_number(value):
            return (True, value)
        cell = _cell(value, True)
        if cell is _NO or not cell[0]:
            return cell if cell is _NO else _MISSING["id_number"]
        if type(value) is not str or not (value.isascii() and value.isalnum()):
            return _NO
        try:
            return (True, normalize_id_number(value))
        except ValueError:
            return _NO

    def _move_in(self, value):
        kind = type(value)
        if kind is date:
            if EARLIEST_MOVE_IN <= value <= self.latest:
                return (True, value)
        elif kind is str and (match := _USUAL_DATE.fullmatch(value)):
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return _NO
            return (True, day) if EARLIEST_MOVE_IN <= day <= self.latest else _NO
        cell = (True, value) if kind is datetime or kind is date else _cell(value, True)
        if cell is _NO or not cell[0]:
            return cell if cell is _NO else _ABSENT
        day, message = self.cleaner.date(value)
        return _NO if message else (True, day)

    def _space(self, value):
        if value == "":
            return _MISSING["space"]
        if type(value) is str and _SPACE_CODE.fullmatch(value) and value not in PLACEHOLDERS:  # "-", "NA": blank
            return (True, (value.upper(),))
        return self._one_code(value, "space", _space_code)

    def _plate(self, value):
        if value == "":
            return _MISSING["plate"]
        if type(value) is str and PLATE_SHAPE.fullmatch(value):
            return (True, (value,))
        return self._one_code(value, "plate", normalize_plate)

    @staticmethod
    def _one_code(value, key: str, clean) -> tuple | object:
        """A 车位号/车牌号 cell holding one code, cleaned as ``record`` cleans each; _NO for several or a bad one."""
        cell = _cell(value, True)
        if cell is _NO or not cell[0]:
            return cell if cell is _NO else _MISSING[key]
        pieces = split_multi(value)
        if len(pieces) != 1:
            return _NO
        try:
            return (True, (clean(pieces[0]),))
        except ValueError:
            return _NO

    def _notes(self, value):
        cell = _cell(value, False)
        return _NO if cell is _NO else (cell[0], "" if value is None or value == "" else clean_text(value))

    def _id_unverified(self, value):
        return _cell(value, False)

    def _extra(self, key):
        clean, optional = CLEANERS[key], key in OPTIONAL_KEYS

        def check(value):
            cell = _cell(value, optional)
            if cell is _NO or not cell[0]:
                return cell
            try:
                value = clean(value)
            except ValueError:
                return _NO
            return _ABSENT if value is None or value == "" else (True, value)

        return check


def _usual_names(columns: _Columns, cells: Sequence) -> Sequence | None:
    """The names as they are when every one is the usual kind (``_name``'s first test)."""
    if set(map(type, cells)) != {str} or not all(map(_USUAL_NAME.fullmatch, cells)):
        return None
    return cells if columns.header_texts.isdisjoint(cells) else None


def _usual_phones(_columns: _Columns, cells: Sequence) -> Sequence | None:
    """The phones as ``_phone`` gives them when every one is a mobile number: all stored as numbers, or all
    as text exactly as normalize_phone keeps it."""
    kinds = set(map(type, cells))
    if kinds == {float}:
        if all(13e9 <= value < 2e10 for value in cells) and all(map(float.is_integer, cells)):
            return list(map(str, map(int, cells)))
    elif kinds == {str} and all(map(_USUAL_MOBILE.fullmatch, cells)):
        return cells
    return None


_USUAL_MOBILE = re.compile("1[3-9][0-9]{9}")  # 13812345678 as text: as normalize_phone returns it
# Columns told at once when every cell is of the usual kind: the clean values as the column's check gives them
_USUAL_COLUMNS = {"name": _usual_names, "phone": _usual_phones}
_MEMO_KEYS = frozenset({"building", "unit", "room", "area", "relation", "move_in", "notes", "id_unverified", *EXTRA_KEYS})


def check_within_file(records: Iterable[RosterRecord], parsed: ParsedRoster) -> None:
    """Rows that contradict each other: the same person twice in a unit, one ID with two names, …"""
    unit_first: dict[tuple, RosterRecord] = {}
    person_rows: dict[tuple, RosterRecord] = {}
    id_names: dict[str, RosterRecord] = {}
    plate_units: dict[str, RosterRecord] = {}
    space_units: dict[str, RosterRecord] = {}
    building_with_units: dict[str, RosterRecord] = {}
    records = list(records)
    def ref(other: RosterRecord, rec: RosterRecord) -> str:
        return f"第{other.row}行" if other.sheet == rec.sheet else f"工作表“{other.sheet}”第{other.row}行"

    if not all(map(_UNIT_NO, records)):  # (read only for a row without 单元)
        for rec in records:
            if rec.unit_no and rec.building:
                building_with_units.setdefault(rec.bcode, rec)
    for rec in records:
        if not rec.building or not rec.room_no:
            continue
        ukey = (rec.bcode, rec.unit_no, rec.room_no)  # rec.unit_key, spelled out: this loop runs for every row
        if not rec.unit_no and ukey[0] in building_with_units:
            rec.errors.append((parsed.header_for(rec, "unit"), f"不能为空 ({ref(building_with_units[ukey[0]], rec)}同一楼栋填写了单元)"))
        first = unit_first.setdefault(ukey, rec)
        if first is not rec and rec.area is not None and first.area is not None and rec.area != first.area:
            rec.errors.append((parsed.header_for(rec, "area"), f"{rec.area} 与{ref(first, rec)}同一房屋的 {first.area} 不一致"))
        if name := rec.name:
            id_number = rec.id_number
            pkey = (ukey, ("id", id_number) if id_number else ("name", name))  # rec.person_key
            if pkey in person_rows:
                rec.errors.append(("", f"与{ref(person_rows[pkey], rec)}重复 (同一房屋、同一人)"))
            else:
                person_rows[pkey] = rec
            if id_number:
                other = id_names.setdefault(id_number, rec)
                if other.name != name:
                    rec.errors.append((parsed.header_for(rec, "id_number"), f"与{ref(other, rec)}相同, 但姓名不同 ({other.name} / {name})"))
        if not rec.plates and not rec.spaces:
            continue
        for values, seen, what in ((rec.plates, plate_units, "plate"), (rec.spaces, space_units, "space")):
            for value in values:
                other = seen.setdefault(value, rec)
                if other.unit_key != ukey:
                    rec.errors.append((parsed.header_for(rec, what), f"{value} 与{ref(other, rec)} (另一套房屋) 重复"))


def record_issues(rec: RosterRecord, plain: bool = False) -> list[RosterIssue]:
    return [RosterIssue(rec.row, column, message, rec.sheet, plain) for column, message in rec.errors]
