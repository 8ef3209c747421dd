"""Data brought over from the system an office used before: what every legacy roster needs, whatever its layout.

- Placeholder values. HC小区's template tells offices to write 18999999999 when there is no phone,
  111111111111111111 when there is no ID number and 1 for an unknown age, so thousands of people share
  them. They are read as blank and counted (``PlaceholderCounter``), with an extra list the office sets
  (``ImportOptions.placeholders``: the CLI's ``--placeholder``, the setting ``roster.placeholders``).
- Legacy ID numbers whose check digit fails: with ``keep_invalid_id`` (or a row marked 待核实 by a PropDesk
  export) the number is kept as typed and the person is flagged ``id_unverified`` (待核实) instead of the
  row being refused.
- The extra columns offices keep (性别, 楼层, 总层数, 是否有电梯, 室内面积): cleaned here for any layout.
- Notes written beside the table (说明 blocks separated from it by an empty column) are not data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from app.errors import FieldError
from app.validators import check_area, clean_code, clean_text

# What HC小区's template prescribes for "not known": field → values.
HC_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "phone": ("18999999999",),
    "id_number": ("111111111111111111",),
    "age": ("1",),
}
# HC's 业主类型 codes (业主信息 and importRoom.xlsx): relation by code.
HC_KINDS = {"1001": "owner", "1002": "family", "1003": "tenant", "1004": "tenant"}  # 1004 临时人员
PLACEHOLDER_LABELS = {"phone": "占位手机号", "id_number": "占位身份证号", "age": "占位年龄"}
PLACEHOLDER_SETTING = "roster.placeholders"  # extra values, separated by commas/spaces
KEEP_ID_ERROR = "校验位错误"  # the only ID problem --keep-invalid-id accepts (a real legacy number, mistyped)
UNVERIFIED = "待核实"
YES_WORDS = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", UNVERIFIED})
NO_WORDS = frozenset({"否", "无", "没有", "n", "no", "false", "0", "×"})
GENDERS = {"男": "男", "女": "女", "m": "男", "f": "女", "male": "男", "female": "女", "1": "男", "2": "女"}


@dataclass(frozen=True)
class ImportOptions:
    """How to read a legacy roster: keep ID numbers failing the check digit, extra placeholder values."""

    keep_invalid_id: bool = False
    placeholders: tuple[str, ...] = ()

    def values_for(self, key: str) -> tuple[str, ...]:
        """HC's placeholder values of ``key`` plus the office's own (these apply to phones and ID numbers)."""
        extra = self.placeholders if key in ("phone", "id_number") else ()
        return tuple(dict.fromkeys(HC_PLACEHOLDERS.get(key, ()) + extra))


DEFAULT_OPTIONS = ImportOptions()


def split_placeholders(text: str) -> tuple[str, ...]:
    """"13800000000, 000000000000000000" → the values (the setting and the CLI option)."""
    return tuple(dict.fromkeys(clean_code(p) for p in text.replace("，", ",").replace(",", " ").split() if p))


def _cell_forms(value: str) -> set[object]:
    """The forms one placeholder takes in a cell: text, and for digits the number Excel stored."""
    forms: set[object] = {value}
    if value.isdigit():
        forms |= {int(value), float(value)}  # 1.1111111111111111e17: the 18 ones after Excel's rounding
    return forms


class PlaceholderCounter:
    """Blanks placeholder cells of a column in place and counts them per value, for the summary."""

    def __init__(self, options: ImportOptions):
        self.options = options
        self.counts: dict[tuple[str, str], int] = {}

    def blank(self, rows: list[list[object]], start: int, key: str, cols: Iterable[int]) -> None:
        values = self.options.values_for(key)
        if not values:
            return
        forms = {form: value for value in values for form in _cell_forms(value)}
        for col in cols:
            if not _may_hold(rows[start:], col, forms):
                continue
            for row in rows[start:]:
                if col < len(row):
                    cell = row[col]
                    if type(cell) is str:
                        cell = cell.strip()
                    try:
                        value = forms.get(cell)
                    except TypeError:  # an unhashable cell: not a placeholder
                        continue
                    if value is not None:
                        row[col] = ""
                        self.counts[(key, value)] = self.counts.get((key, value), 0) + 1

    def lines(self) -> dict[str, int]:
        """{"占位手机号 18999999999": 3120, …}"""
        return {f"{PLACEHOLDER_LABELS.get(key, key)} {value}": n for (key, value), n in self.counts.items()}


def _may_hold(rows: list[list[object]], col: int, forms: Mapping[object, str]) -> bool:
    """False when no cell of the column is one of ``forms`` (text cells stripped), told from its distinct
    values at once; True when it may be, or the rows are not all that wide."""
    try:
        cells = set(map(itemgetter(col), rows))
    except (IndexError, TypeError):  # a short row, an unhashable cell: looked at one by one
        return True
    return not (forms.keys().isdisjoint(cells) and forms.keys().isdisjoint(
        {cell.strip() for cell in cells if type(cell) is str}))


def placeholder_lines(counts: Mapping[str, int]) -> list[str]:
    """"占位手机号 18999999999 视为空: 3,120 行" for each placeholder seen."""
    return [f"{label} 视为空: {n:,} 行" for label, n in counts.items()]


# --- ID numbers kept as typed ----------------------------------------------------------------------


def person_validator(keep_all: bool, validate: Callable[[Mapping[str, object]], dict]) -> Callable:
    """``validate`` (archive.validate_person) that, for ``keep_all`` or a row whose ``id_unverified`` cell says
    是/待核实, keeps an ID number failing only its check digit and marks it ``id_unverified``."""

    def keeping(values: Mapping[str, object]) -> dict[str, object]:
        try:
            return validate(values)
        except FieldError as exc:
            if exc.errors.get("id_number") != KEEP_ID_ERROR or not (keep_all or is_yes(values.get("id_unverified"))):
                raise
            others = {k: m for k, m in exc.errors.items() if k != "id_number"}
            if others:
                raise FieldError(others) from None
            cleaned = validate({**values, "id_number": ""})
            cleaned["id_number"] = clean_code(values.get("id_number")).upper()
            cleaned["id_unverified"] = True
            return cleaned

    return keeping


def is_yes(value: object) -> bool:
    return clean_text(value).lower() in YES_WORDS


# --- the extra columns ----------------------------------------------------------------------------

EXTRA_KEYS = frozenset({"gender", "floor", "floors", "elevator", "inner_area"})


def clean_gender(value: object) -> str:
    text = clean_text(value).lower()
    if not text:
        return ""
    if text not in GENDERS:
        raise ValueError("应为 男 或 女")
    return GENDERS[text]


def clean_yes_no(value: object) -> bool | None:
    text = clean_text(value).lower()
    if not text:
        return None
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    raise ValueError("应为 有 或 无 (是/否)")


def clean_int(value: object, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        raise ValueError("应为整数")
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
    else:
        text = clean_code(value).removesuffix("层").removesuffix("楼")
        if not text:
            return None
        try:
            number = int(text)
        except ValueError:
            raise ValueError("应为整数") from None
    if not low <= number <= high:
        raise ValueError(f"应在 {low} 到 {high} 之间")
    return number


def clean_area(value: object) -> Decimal | None:
    if clean_text(value) == "":
        return None
    return check_area(value)


CLEANERS: dict[str, Callable[[object], object]] = {
    "gender": clean_gender,
    "floor": lambda v: clean_int(v, -9, 300),
    "floors": lambda v: clean_int(v, 1, 300),
    "elevator": clean_yes_no,
    "inner_area": clean_area,
}
ATTRS = {"gender": "gender", "floor": "floor", "floors": "floors", "elevator": "elevator", "inner_area": "inner_area"}


def apply_extras(rec, values: Mapping[str, object], keys: Iterable[str], header: Callable[[str], str]) -> None:
    """Clean the extra columns of one row onto ``rec`` (a RosterRecord); a bad value is an error of its column."""
    for key in keys:
        raw = values.get(key, "")
        if key not in rec.present:
            continue
        try:
            value = CLEANERS[key](raw)
        except ValueError as exc:
            rec.errors.append((header(key), str(exc)))
            continue
        if value is None or value == "":
            rec.present.discard(key)
        else:
            setattr(rec, ATTRS[key], value)


# --- notes beside the table ------------------------------------------------------------------------


def table_width(header: list[object]) -> int:
    """The columns of the table: header cells up to the first empty one (a block further right is notes)."""
    for col, value in enumerate(header):
        if value is None or (isinstance(value, str) and not value.strip()):
            return col
    return len(header)


def side_block_note(rows: list[list[object]], header_index: int, width: int, sheet: str) -> str | None:
    """"工作表“房屋信息” 第N列起的内容 (说明) 与表格隔着空列, 已忽略" when cells sit right of the table."""
    first_col = None
    below = rows[header_index:]
    if not below or max(map(len, below)) <= width + 1:
        return None  # no row reaches past the empty column after the table (calamine's rows: all as wide)
    for row in below:
        if len(row) <= width:
            continue
        for col in range(width + 1, len(row)):
            value = row[col]
            if value is not None and value != "" and not (isinstance(value, str) and not value.strip()):
                first_col = col if first_col is None else min(first_col, col)
                break
    if first_col is None:
        return None
    from openpyxl.utils import get_column_letter

    where = f"工作表“{sheet}”" if sheet else ""
    return f"{where}{get_column_letter(first_col + 1)}列起的内容 (说明等) 与表格隔着空列, 不是数据, 已忽略"
