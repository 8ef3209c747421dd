"""The one-box search: how a unit's searchable text is built and how a typed query is normalised.

Queries of three or more characters use SQLite's FTS5 trigram index ``units_fts`` (kept in step with
``units.search_text`` by triggers); shorter ones, and PostgreSQL, use ``LIKE '%q%'`` on the column,
which the list pages anyway (DESIGN.md performance rules). Rooms typed as "3栋1单元1502" or
"3-1-1502" are rewritten to the stored canonical code first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import ColumnElement, and_, false, func, literal, or_, text

from app.validators import clean_text

_BUILDING_SUFFIX = re.compile(r"(号楼|栋|幢|座|号|#|楼)+$")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ROOM_QUERY = re.compile(
    r"(?P<b>[0-9A-Za-z]+)\s*(?:号楼|栋|幢|座|#|-)\s*"
    r"(?:(?P<u>[0-9A-Za-z]+)\s*(?:单元|-)\s*)?"
    r"(?P<r>[0-9A-Za-z]+)\s*(?:室|号)?"
)


def chinese_number(text: str) -> str:
    """"三" → "3", "十二" → "12", "二十" → "20", "03" → "3"; anything else is returned unchanged."""
    if text.isdigit() and text.isascii():
        return str(int(text))
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text) or text.count("十") > 1:
        return text
    if "十" not in text:
        return "".join(str(_CN_DIGITS[ch]) for ch in text) if len(text) <= 3 else text
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return text
    return str((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))


def building_code(name: str) -> str:
    """"3栋" / "3号楼" / "3#" / "三号楼" / "03栋" → "3"; names without such a suffix stay as they are."""
    if type(name) is str:  # a property has a few dozen buildings: each name is worked out once
        return _building_code_of(name)
    return _building_code(name)


@lru_cache(maxsize=4096)
def _building_code_of(name: str) -> str:
    return _building_code(name)


def _building_code(name: str) -> str:
    code = _BUILDING_SUFFIX.sub("", clean_text(name).replace(" ", ""))
    return chinese_number(code) or name


def canonical_building_name(name: object) -> str:
    """The one stored form of a building: a bare number or letter code gets "栋" ("3", "3号楼", "3#",
    "三幢" → "3栋"; "a座" → "A栋"); other names ("商业楼", "紫荆阁") are only cleaned."""
    text = clean_text(name).replace(" ", "")
    code = building_code(text)
    if code and code.isascii() and code.isalnum():
        return f"{code.upper()}栋"
    return text


def unit_code(building_name: str, unit_no: str, room_no: str) -> str:
    """Short code people say at the desk: 3-1-1502 (or 3-1502 where there are no 单元)."""
    return "-".join(filter(None, (building_code(building_name), unit_no, room_no)))


def unit_label(building_name: str, unit_no: str, room_no: str) -> str:
    """Long form for documents: 3栋1单元1502."""
    return f"{building_name}{unit_no + '单元' if unit_no else ''}{room_no}"


def unit_search_text(
    building_name: str, unit_no: str, room_no: str, people: Iterable[tuple[str, str, str]], plates: Iterable[str]
) -> str:
    """Lower-cased text holding the unit's codes and each person's name, phone digits and ID number.

    It ends with two spaces, so that every one or two characters of it start a trigram of ``units_fts``
    (even the last ones): a rare 1–2 character search finds its units through the index
    (``rare_short_condition``)."""
    code = building_code(building_name)
    pieces = [f"{code}-{unit_no}-{room_no}" if code and unit_no and room_no else unit_code(building_name, unit_no, room_no),
              f"{building_name}{unit_no}单元{room_no}" if unit_no else f"{building_name}{room_no}"]
    for name, phone, id_number in people:
        pieces += (name, phone.replace("-", "") if "-" in phone else phone, id_number)
    pieces += plates
    return " ".join(filter(None, pieces)).lower() + SEARCH_TEXT_END


SEARCH_TEXT_END = "  "  # see unit_search_text and migration 0019


def normalise_query(text: str) -> str:
    """What to look for in ``search_text``: room forms become the canonical code, phones lose dashes.
    Cleaned like every text coming in (a NUL or a zero-width space is no part of it) and cut to MAX_QUERY."""
    query = clean_text(str(text)[: MAX_QUERY * 4])[:MAX_QUERY].lower()
    query = query.rstrip("- ") or query  # "3-1-" is a room code being typed, not the digits "31"
    match = _ROOM_QUERY.fullmatch(query)
    if match and _FULL_NUMBER.fullmatch(digits := re.sub(r"[\- ]", "", query)):
        return digits  # 138-1234-5678 is a phone, not building 138 unit 1234 room 5678
    if match and not query.isdigit():
        return "-".join(p for p in (match["b"], match["u"], match["r"]) if p)
    if re.fullmatch(r"[\d\- ]+", query):
        return query.replace("-", "").replace(" ", "")
    return query.replace(" ", "")


def rare_short_condition(id_column, session, query: str, *, sample_rows: int = 5_000):
    """For a 1–2 character query on SQLite that is *rare*: ``id IN (units whose search text contains it)``
    from the trigram index, else None (use LIKE, which finds a page of a common one at once).

    Every occurrence of one or two characters starts a trigram (the text ends with two spaces), and
    ``units_fts_vocab`` lists the trigrams that start with them; their union is exactly the units holding
    the query. Rare means fewer than 20 hits among the first ``sample_rows`` units: a common query such
    as "13" or "王" has huge trigram lists that are slower to read than the LIKE scan that stops at its cap."""
    if not 1 <= len(query) <= 2 or session.get_bind().dialect.name != "sqlite":
        return None
    pattern = like_pattern(query)
    common = session.scalar(text(
        "SELECT count(*) FROM (SELECT 1 FROM (SELECT search_text FROM units ORDER BY id LIMIT :rows) "
        "WHERE search_text LIKE :pattern ESCAPE '\\' LIMIT 20)"), {"rows": sample_rows, "pattern": pattern})
    if common >= 20:
        return None
    terms = list(session.scalars(text(
        "SELECT term FROM units_fts_vocab WHERE term >= :q AND term < :q || char(1114111) LIMIT 201"), {"q": query}))
    if len(terms) > 200:
        return None
    if not terms:
        return false()
    match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return id_column.in_(text("SELECT rowid FROM units_fts WHERE units_fts MATCH :short_query").bindparams(
        short_query=match))


SHORT_QUERY = 2  # a normalised query this short has no trigram to use: LIKE, and its count stops at the cap


def like_pattern(query: str) -> str:
    """``%query%`` with LIKE's wildcards escaped (use ``escape='\\\\'``)."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


MAX_QUERY = 200  # characters of a search worth looking for; a 100k-character paste is cut here
_NUMBER_QUERY = re.compile(r"[0-9]+x?")  # what could be part of a phone number or an ID number
PHONE_TAIL = 4  # the digits a masked phone shows (138****5678)
_FULL_NUMBER = re.compile(r"1[3-9][0-9]{9}|0[0-9]{9,11}|[0-9]{17}[0-9x]")  # a mobile, a landline, an ID number


def number_probe(query: str) -> bool:
    """Whether a normalised query could reveal digits of someone's phone or ID number (see match_condition)."""
    return bool(_NUMBER_QUERY.fullmatch(query)) and (len(query) >= PHONE_TAIL or query.endswith("x"))


def match_condition(id_column, text_column, query: str, *, use_fts: bool, full_pii: bool = True) -> ColumnElement[bool]:
    """WHERE clause for a normalised query: the trigram index when it can answer, else LIKE.

    Without the right to see personal data in full (``full_pii=False``) a query of digits cannot find a unit
    by a fragment of a phone or ID number — that would let anyone rebuild the number a digit at a time:
    up to 4 digits match only the end of a piece of the search text (a room, or a phone's last 4 digits,
    which the mask shows anyway), a whole phone or ID number matches only a whole one, and other digit
    runs match only room numbers (after "-", "栋" or "单元").
    """
    query = query[:MAX_QUERY]
    fts = None
    if use_fts and len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        fts = id_column.in_(text("SELECT rowid FROM units_fts WHERE units_fts MATCH :fts_query").bindparams(
            fts_query=phrase))
    if full_pii or not _NUMBER_QUERY.fullmatch(query):
        return fts if fts is not None else text_column.like(like_pattern(query), escape="\\")
    padded = literal(" ").concat(text_column).concat(" ")
    if _FULL_NUMBER.fullmatch(query):
        restricted = padded.like(f"% {query} %")
    elif query.isdigit() and len(query) <= PHONE_TAIL:
        restricted = padded.like(f"%{query} %")
    elif query.isdigit():
        restricted = or_(*(padded.like(f"%{before}{query} %") for before in ("-", "栋", "元")))
    else:
        restricted = false()  # part of an ID number ending in X
    return and_(fts, restricted) if fts is not None else restricted


def phone_condition(column, digits: str, *, full_pii: bool) -> ColumnElement[bool]:
    """A phone column matching typed digits: anywhere with the right to see phones in full, else only a
    whole number or its last 4 digits (what the mask shows)."""
    if full_pii:
        return column.like(like_pattern(digits), escape="\\")
    if _FULL_NUMBER.fullmatch(digits):
        return or_(column == digits, func.replace(column, "-", "") == digits)
    if len(digits) == PHONE_TAIL:
        return column.like(f"%{digits}")
    return false()


# Why a unit matched a look-up, best first (the intake and counter list matches in this order and show
# the reason, so "1502" puts room 1502 above a unit whose owner's phone happens to contain 1502).
MATCH_ROOM, MATCH_ROOM_PART, MATCH_NAME, MATCH_PHONE, MATCH_ID, MATCH_PLATE, MATCH_OTHER = (
    "room", "room_part", "name", "phone", "id_number", "plate", "other")


def rank_match(query: str, codes: Iterable[str], room_no: str, people: Iterable[tuple[str, str, str]],
               plates: Iterable[str]) -> tuple[int, str]:
    """(rank, reason) of one unit for a normalised query: exact room 0, part of the room code 1, a name
    2–3, the tail of a phone / ID number or a plate 4, a phone/ID number containing it elsewhere 6."""
    q = query.lower()
    codes = [c.lower() for c in codes]
    if q in codes or q == room_no.lower():
        return 0, MATCH_ROOM
    if any(c.startswith(q) for c in codes):
        return 1, MATCH_ROOM_PART
    people = list(people)
    if any(name.lower() == q for name, _p, _i in people):
        return 2, MATCH_NAME
    if any(q in name.lower() for name, _p, _i in people):
        return 3, MATCH_NAME
    phones = [phone.replace("-", "") for _n, phone, _i in people if phone]
    ids = [id_number.lower() for _n, _p, id_number in people if id_number]
    plates = [plate.lower() for plate in plates]
    for rank, test in ((4, str.endswith), (6, str.__contains__)):
        if any(test(p, q) for p in phones):
            return rank, MATCH_PHONE
        if any(test(i, q) for i in ids):
            return rank, MATCH_ID
    if any(q in p for p in plates):
        return 4, MATCH_PLATE
    if any(q in c for c in codes):
        return 5, MATCH_ROOM_PART
    return 7, MATCH_OTHER
