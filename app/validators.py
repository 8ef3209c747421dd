"""Domain rules for values people type: one copy, shared by the forms, the importer and the services.

Each ``normalize_*``/``check_*`` returns the canonical value or raises ``ValueError`` whose message is
short Chinese text meant to follow a field name ("身份证号: 校验位错误").
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from operator import mul

# What comes in from files, forms and search boxes is normalised here, once:
# * invisible characters are removed: format characters (zero-width space/joiners, word joiner, BOM, soft
#   hyphen, bidi marks), variation selectors, Hangul fillers, and control characters (NUL …);
# * NFKC: full-width letters/digits → ASCII, NBSP and the ideographic space → space, compatibility ideographs
#   (郞 U+F91F …) → the unified ones, so look-alikes ("98栋" with a zero-width space, full-width digits)
#   become one value. Except for the characters whose NFKC form changes what the office wrote: the squared
#   units (㎡ → "m2", ㎥, ㎏ …), ℃/℉ and the circled/parenthesised numbers (① → "1"), which stay as typed in
#   names, notes and fee labels (a room "①" is then refused by its own rule, not silently made "1");
# * runs of white space of any kind fold to one space, and the ends are trimmed.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e0fff]"
)
_KEEP = re.compile("([\u2103\u2109\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf\u3371-\u33df])")


def has_invisible(value: object) -> bool:
    """Whether a cell or typed text holds a character ``clean_text`` removes (not white space)."""
    if not isinstance(value, str) or (value.isascii() and value.isprintable()):
        return False
    return _INVISIBLE.search(value) is not None


def invisible_message(value: object) -> str:
    """For a phone or ID number that held invisible characters: say so, with what remains without them."""
    return f"含有不可见字符 (去掉后为 {clean_code(value)}), 请在原文件中删除后重新输入该号码"


def _nfkc(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):
        return text
    if not _KEEP.search(text):
        return unicodedata.normalize("NFKC", text)
    parts = _KEEP.split(text)  # the kept characters at odd positions
    return "".join(part if i % 2 else unicodedata.normalize("NFKC", part) for i, part in enumerate(parts))


def clean_text(value: object) -> str:
    """Invisible characters removed, NFKC (keeping ㎡, ① …), trimmed, inner white space folded to one space."""
    if type(value) is str:  # the usual cell: no conversion to look for
        text = value
    elif value is None:
        return ""
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
    if text.isascii():  # the usual ASCII cell: only control characters to drop; keeps a 100k-row import fast
        if not text.isprintable():
            text = _INVISIBLE.sub("", text)
    else:
        text = _nfkc(_INVISIBLE.sub("", text))
    return " ".join(text.split())


def clean_code(value: object) -> str:
    """A code-like cell (room number, phone, ID): text without any white space; 1502.0 → "1502"."""
    if type(value) is str and value.isascii() and value.isalnum():  # already clean (no space, nothing wide)
        return value
    return clean_text(value).replace(" ", "")


_TODAY: list = [float("-inf"), None]


def today() -> date:
    """``date.today()``, read at most once a second: an import checks it for every ID number and date."""
    now = time.monotonic()
    if now - _TODAY[0] > 1.0:
        _TODAY[:] = [now, date.today()]
    return _TODAY[1]


# --- resident ID number (GB 11643-1999) ---------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_ID_OLD_SHAPE = re.compile(r"\d{15}")


def id_check_digit(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("应为17位数字")
    if first17.isascii() and first17.isdigit():  # the usual case: the weighted sum in one int() call
        # The weights are 2^(18-i) mod 11, so the sum is 2 × (the 17 digits as a polynomial at x = 2) mod 11;
        # read in base 13 (13 ≡ 2 mod 11) the digits are that polynomial.
        return _ID_CHECK[2 * int(first17, 13) % 11]
    return _ID_CHECK[sum(map(mul, map(int, first17), _ID_WEIGHTS)) % 11]  # other Unicode digits match \d too


_BIRTHS: dict[str, date] = {}  # "19850312" → the date, for the valid dates seen (at most one entry per day)


def normalize_id_number(value: object) -> str:
    """An 18-digit resident ID number, ``x`` upper-cased, birth date and check digit verified."""
    text = clean_code(value).upper()
    if not _ID_SHAPE.fullmatch(text):
        if _ID_OLD_SHAPE.fullmatch(text):
            raise ValueError("15位旧身份证号, 请填写18位号码")
        raise ValueError("应为18位数字(最后一位可为X)")
    born = _BIRTHS.get(text[6:14])
    if born is None:  # a birth date not seen before (an import meets each one many times)
        try:
            born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
        except ValueError:
            raise ValueError("出生日期无效") from None
        if born.year >= 1900 and born <= today() and text.isascii():  # at most one entry per day since 1900
            _BIRTHS[text[6:14]] = born
    if born.year < 1900 or born > today():
        raise ValueError("出生日期无效")
    if id_check_digit(text[:17]) != text[17]:
        raise ValueError("校验位错误")
    return text


def is_usual_id_number(text: str) -> bool:
    """A quick yes for the usual cell: ``text`` is an ID number exactly as ``normalize_id_number`` returns it
    (ASCII digits, a valid birth date, the right check digit). False only means "ask normalize_id_number"."""
    return usual_id_numbers((text,))[0]


def usual_id_numbers(values: Sequence[object]) -> list[bool]:
    """``is_usual_id_number`` of each of a column's cells at once (a cell that is no text is not one): each
    birth date read once, no call per cell."""
    shaped = [type(v) is str and len(v) == 18 and v.isascii() and v[:17].isdigit() for v in values]
    latest, births = today(), set()
    for key in {v[6:14] for v, ok in zip(values, shaped, strict=True) if ok}:
        born = _BIRTHS.get(key)
        if born is None:  # a birth date not met before: read and kept as normalize_id_number does
            try:
                born = date.fromisoformat(key)  # 8 ASCII digits: read as date(year, month, day) reads them
            except ValueError:
                continue
            if born.year < 1900 or born > latest:
                continue
            _BIRTHS[key] = born
        elif born > latest:
            continue
        births.add(key)
    check = _ID_CHECK  # (only a digit or X can equal the check character)
    return [ok and v[6:14] in births and check[2 * int(v[:17], 13) % 11] == v[17]
            for v, ok in zip(values, shaped, strict=True)]


# --- phone numbers ------------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9]\d{9}")
_EXTENSION = re.compile(r"(.*?)(?:转|ext\.?|#)(\d{1,6})", flags=re.IGNORECASE)
_PHONE_PUNCTUATION = re.compile(r"[-()（）.]")


def normalize_phone(value: object) -> str:
    """A mainland mobile (13812345678) or a landline with area code (0571-88886666[-123])."""
    text = clean_code(value)
    if not text:
        raise ValueError("不能为空")
    if len(text) == 11 and _MOBILE.fullmatch(text):  # the usual case, without the slower parsing below
        return text
    extension = ""
    match = _EXTENSION.fullmatch(text)
    if match:
        text, extension = match.group(1), match.group(2)
    digits = _PHONE_PUNCTUATION.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not digits.isdigit():
        raise ValueError("含有非数字字符")
    if _MOBILE.fullmatch(digits) and not extension:
        return digits
    if digits.startswith("0"):
        # 010 and 02x are the three-digit area codes; every other one has four digits.
        area_len = 3 if digits.startswith(("010", "02")) else 4
        area, number = digits[:area_len], digits[area_len:]
        if len(number) in (7, 8) and not number.startswith("0"):
            return f"{area}-{number}" + (f"-{extension}" if extension else "")
    if len(digits) == 11 and digits.startswith("1"):
        raise ValueError("手机号码号段无效")
    raise ValueError("应为11位手机号码或带区号的固定电话")


# --- vehicle plates ------------------------------------------------------------------------------

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PLATE_SHAPE = re.compile(
    rf"[{_PROVINCES}][{_LETTERS}]"
    rf"(?:[{_LETTERS}0-9]{{4}}[{_LETTERS}0-9挂学警港澳]"  # 7 characters: ordinary plates
    rf"|[DF][{_LETTERS}0-9][0-9]{{4}}|[0-9]{{5}}[DF])"  # 8 characters: new-energy plates
)
_PLATE_SEPARATORS = re.compile(r"[\s·•.\-]")


def normalize_plate(value: object) -> str:
    """A mainland plate, upper-cased with separators removed: 粤B12345, 粤BD12345 (新能源)."""
    text = _PLATE_SEPARATORS.sub("", clean_text(value)).upper()
    if not text:
        raise ValueError("不能为空")
    if not PLATE_SHAPE.fullmatch(text):
        raise ValueError("车牌号格式不正确")
    return text


# --- numbers and dates ---------------------------------------------------------------------------


def check_area(value: object) -> Decimal:
    """Building area in ㎡: a number > 0 (up to 99,999.99), kept as Decimal with two places."""
    text = clean_code(value).replace(",", "").removesuffix("㎡").removesuffix("m2").removesuffix("平方米").removesuffix("平米")
    try:
        area = Decimal(text)
    except InvalidOperation:
        raise ValueError("应为数字") from None
    if not area.is_finite() or area <= 0:
        raise ValueError("应大于0")
    if area >= Decimal("100000"):
        raise ValueError("数值过大")
    return area.quantize(Decimal("0.01"))


_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_TEXT = re.compile(r"[1-5]\d{4}(?:\.0+)?")
_DIGITS_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date(value: object) -> date:
    """A date from an Excel cell or typed text: 2019/5/1, 2019-05-01, 2019.5.1, 2019年5月1日, 20190501."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 19000101 <= value <= 29991231 and float(value).is_integer():  # 20190501 typed as a number
            value = str(int(value))
        elif 3654 <= value < 2958466:  # an Excel serial day number (1910 on); 1.5 is no date but a slip
            return _EXCEL_EPOCH + timedelta(days=int(value))
        else:
            raise ValueError("日期无效")
    text = clean_text(value)
    if _SERIAL_TEXT.fullmatch(text):  # an Excel serial that ended up as text ("43586")
        return parse_date(float(text))
    match = _DATE_TEXT.fullmatch(text) or _DIGITS_DATE.fullmatch(text)
    if not match:
        raise ValueError("日期格式应为 2019-05-01")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError("日期无效") from None


EARLIEST_MOVE_IN = date(1950, 1, 1)


def check_move_in(value: object) -> date:
    """A move-in (交房/入住) date: parsed, from 1950 to a year ahead (a handover may be scheduled)."""
    day = parse_date(value)
    latest = today() + timedelta(days=366)
    if not EARLIEST_MOVE_IN <= day <= latest:
        raise ValueError(f"{day.isoformat()} 超出合理范围 ({EARLIEST_MOVE_IN.isoformat()} 至 {latest.isoformat()})")
    return day


# --- masking personal data -----------------------------------------------------------------------


def mask_phone(phone: str) -> str:
    """138****5678 for mobiles; landlines keep the area code and the last four digits."""
    if not phone:
        return ""
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]}****{phone[-4:]}"
    if len(phone) > 4:
        head = phone.split("-")[0] + "-" if "-" in phone else ""
        return head + "*" * max(len(phone) - len(head) - 4, 2) + phone[-4:]
    return "*" * len(phone)


def mask_id_number(id_number: str) -> str:
    """1101**********1234."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return f"{id_number[:4]}{'*' * (len(id_number) - 8)}{id_number[-4:]}"
