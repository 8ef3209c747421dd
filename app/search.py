"""The one-box search: how a unit's searchable text is built and how a typed query is normalised.

Queries of three or more characters use SQLite's FTS5 trigram index ``units_fts`` (kept in step with
``units.search_text`` by triggers); shorter ones, and PostgreSQL, use ``LIKE '%q%'`` on the column,
which the list pages anyway (DESIGN.md performance rules). Rooms typed as "3栋1单元1502" or
"3-1-1502" are rewritten to the stored canonical code first.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from app.paging import AtLeast
from app.validators import clean_text

if TYPE_CHECKING:  # SQLAlchemy is imported where a condition is built: the rest is plain text (app/quick.py)
    from sqlalchemy import ColumnElement

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
    (``short_plan``)."""
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
    if match and FULL_NUMBER.fullmatch(digits := re.sub(r"[\- ]", "", query)):
        return digits  # 138-1234-5678 is a phone, not building 138 unit 1234 room 5678
    if match and not query.isdigit():
        return "-".join(p for p in (match["b"], match["u"], match["r"]) if p)
    if re.fullmatch(r"[\d\- ]+", query):
        return query.replace("-", "").replace(" ", "")
    return query.replace(" ", "")


INDEX_PAGE_MAX = 5_000  # an index listing at most this many rows gives the first page faster than a scan
PROBE_ROWS = 5_000  # rows of a common query taken from the index to prove its count passes the cap
WALK_RATIO = 4  # a rare query's rows are looked up and sorted unless rows² ≥ WALK_RATIO × the table's rows:
WALK_ROWS = 64  # then a page of up to this many rows (the top of the list) is met sooner walking the sort
# index, testing each entry's id against the index's rows: an entry costs about a sixteenth of a row looked
# up, and a page of 64 rows walks about 64 × table / rows entries
WALK_SLACK = 4  # unless the rows are crowded at the end: the WALK_ROWS-th lowest id among them lies further
# than WALK_SLACK × that from the table's first id (ids follow the order rooms were entered in, as the list)


@dataclass(frozen=True)
class ShortPlan:
    """How a 1–2 character query is answered (``short_plan``). ``narrow`` and ``probe`` are extra WHEREs on
    the rows' ids from the trigram index, or None: ``narrow`` holds every row of a rare query (its page and
    count come from these rows, sorted — or, with ``walk``, met along the list's sort index, each id tested
    against them); a common one has no ``narrow`` (its page is found at once by testing rows along the
    list's sort index) but a ``probe``: some thousands of its rows, enough to find the count's cap among
    them instead of scanning the table for it. The index only narrows: callers keep their LIKE, which
    decides — except for a count of nothing but the query (``bare``) made only of characters without case
    (汉字, digits): then the index's rows are exactly LIKE's, and are counted."""

    narrow: ColumnElement[bool] | None = None
    probe: ColumnElement[bool] | None = None
    walk: ColumnElement[bool] | None = None  # ``narrow`` for a page met along the sort index (``page``)
    fts: str = ""
    query: str = ""
    rows: int | None = None  # the index's rows holding the query, up to INDEX_PAGE_MAX + 1 (None: not read)
    fresh: bool = True  # ``rows`` read in this session (else a plan remembered from a moment ago: re-read)

    def count(self, s, stmt, cap: int, *, bare: bool = False) -> int:
        """``capped_count`` of ``stmt`` (the query's own LIKE and filters), on the index where it can.
        ``bare``: ``stmt`` is the LIKE of the query alone (no other filter, no restriction of digits)."""
        from app.paging import capped_count

        if bare and self.fts and all(ch.lower() == ch.upper() for ch in self.query):
            found = self.rows if self.fresh else None  # exact up to INDEX_PAGE_MAX, beyond it only "more"
            if found is None or (found > INDEX_PAGE_MAX and cap >= INDEX_PAGE_MAX):
                found = _index_rows(s, self.fts, self.query, cap + 1)
            return AtLeast(cap) if found > cap else found
        if self.narrow is not None:
            return capped_count(s, stmt.where(self.narrow), cap)
        if self.probe is not None:
            found = capped_count(s, stmt.where(self.probe), cap)
            if isinstance(found, AtLeast):
                return found
        return capped_count(s, stmt, cap)  # other filters left too few of the probe's rows: count them all

    def page(self, stmt, *, alone: bool = False, limit: int | None = None):
        """``stmt`` (the query's LIKE) narrowed for a page of ``limit`` rows. ``alone``: no other filter, so
        a page of up to WALK_ROWS may take the ``walk`` along the list's sort index (another filter could make
        SQLite read rows by that filter's index and sort them all; a longer page walks further)."""
        if self.narrow is None:
            return stmt
        walk = alone and self.walk is not None and limit is not None and limit <= WALK_ROWS
        return stmt.where(self.walk if walk else self.narrow)


def index_rows_select(fts: str) -> str:
    """The rows of ``fts`` holding a 1–2 character ``:short_q``, read lazily from its occurrences."""
    return f"SELECT DISTINCT doc FROM {fts}_instance WHERE term >= :short_q AND term < :short_q || char(1114111)"


def index_rows_sql(fts: str, limit: int) -> str:
    """Counts ``index_rows_select`` up to ``limit``: about that many occurrences read."""
    return f"SELECT count(*) FROM ({index_rows_select(fts)} LIMIT {limit})"


def _index_rows(session, fts: str, query: str, limit: int) -> int:
    """Rows of ``fts`` holding ``query`` (1–2 characters), counted up to ``limit``."""
    from sqlalchemy import text

    return session.scalar(text(index_rows_sql(fts, limit)), {"short_q": query})


def _index_rows_and_kth(session, fts: str, query: str) -> tuple[int, int | None]:
    """(``_index_rows`` up to INDEX_PAGE_MAX + 1, the WALK_ROWS-th lowest of their ids — or the highest, when
    fewer — or None when none), in one read."""
    from sqlalchemy import text

    lowest = session.execute(text(f"SELECT count(*) OVER (), doc FROM ({index_rows_select(fts)} "
                                  f"LIMIT {INDEX_PAGE_MAX + 1}) ORDER BY doc LIMIT {WALK_ROWS}"),
                             {"short_q": query}).all()
    return (lowest[-1][0], lowest[-1][1]) if lowest else (0, None)


def short_plan(id_column, session, query: str, fts: str = "units_fts",
               columns: Sequence[str] = ("search_text",)) -> ShortPlan:
    """The cheapest way to a 1–2 character query's first page and capped count on SQLite (else LIKE).

    Every occurrence of one or two characters starts a trigram of ``fts`` (each indexed value ends with
    two spaces), and ``{fts}_instance`` (fts5vocab, one row per occurrence, in term order) lists the
    trigrams that start with them: the distinct rows among those occurrences are exactly the rows holding
    the query, read lazily. So "how many rows, up to INDEX_PAGE_MAX" costs about that many occurrences:
    a rare query (张伟, 王芳: 0.25 % of a million units) gets every row from the index, a commoner one a
    probe of PROBE_ROWS rows for its count. A LIKE scan for 1,001 matches of "王芳" read 400,000 rows, its
    first page along the sort index 80,000. The commonest ("王", "13": in DENSE_SHARE of a sample of
    rows, LIKE on ``columns``) are left to LIKE: reading the table in order meets 1,001 of them sooner than
    looking rows up.

    A list counts, then reads its first page, each in its own session: the way chosen is remembered
    DENSE_KEPT_S (only how to search, never what was found: the rows are read again each time), so the
    page does not read the index again to choose it."""
    if not 1 <= len(query) <= 2 or session.get_bind().dialect.name != "sqlite":
        return ShortPlan()
    from sqlalchemy import text

    key = (str(session.get_bind().url), fts, query)
    now = time.monotonic()
    seen = _plans_seen.get(key)
    if seen is not None and now - seen[0] < DENSE_KEPT_S:
        way, found = seen[1], None
    else:
        dense, low, span = _dense(session, id_column, columns, query)
        found, kth = (None, None) if dense else _index_rows_and_kth(session, fts, query)
        if dense:
            way = "like"
        elif found > INDEX_PAGE_MAX:
            way = "probe"
        else:
            walk = kth is not None and found * found >= WALK_RATIO * span and \
                kth - low <= WALK_SLACK * WALK_ROWS * span / found
            way = "walk" if walk else "narrow"
        if len(_plans_seen) > 256:
            _plans_seen.clear()
        _plans_seen[key] = (now, way)
    fresh = found is not None
    if way == "like":
        return ShortPlan(fts=fts, query=query, fresh=fresh)
    rows = index_rows_select(fts)
    if way == "probe":
        return ShortPlan(probe=id_column.in_(text(f"{rows} LIMIT {PROBE_ROWS}").bindparams(short_q=query)),
                         fts=fts, query=query, rows=found, fresh=fresh)
    narrow = id_column.in_(text(rows).bindparams(short_q=query))
    # "walk": ``id + 0`` is no index of the id, so SQLite walks the list's sort index and tests each id
    # against the index's rows (a rare query's rows sorted cost more once there are thousands of them).
    walk = (id_column + 0).in_(text(rows).bindparams(short_q=query)) if way == "walk" else None
    return ShortPlan(narrow=narrow, walk=walk, fts=fts, query=query, rows=found, fresh=fresh)


def restricts_digits(query: str, full_pii: bool) -> bool:
    """Whether ``match_condition`` narrows this query beyond LIKE (a digit search without the right to see
    numbers in full)."""
    return not full_pii and bool(_NUMBER_QUERY.fullmatch(query))


DENSE_SAMPLE = 2_000  # rows sampled in ten runs of ids spread over the table (one crowded building is not all)
DENSE_SHARE = 0.04  # matching this share of the sample: LIKE counts to the cap sooner than the index
DENSE_NEED = int(DENSE_SAMPLE * DENSE_SHARE)  # sampled rows holding the query that make it common
DENSE_KEPT_S = 60.0  # how long the way a query is searched is reused: the list counts, fetches, then scrolls
_plans_seen: dict[tuple[str, str, str], tuple[float, str]] = {}


def _dense(session, id_column, columns: Sequence[str], query: str, runs: int = 10) -> tuple[bool, int, int]:
    """(whether ``query`` is in DENSE_SHARE of a sample of rows, the table's lowest id, the span of its ids);
    plain SQL text (a search's first statements in a fresh window cost more to build than to run)."""
    from sqlalchemy import text

    table = id_column.table.name
    low, high = session.execute(text(id_span_sql(table))).one()
    if low is None:
        return False, 0, 0
    hits = session.scalar(text(dense_sql(table, columns, low, high, runs)), {"pattern": like_pattern(query)})
    return hits >= DENSE_NEED, low, high - low + 1


def id_span_sql(table: str) -> str:
    """The lowest and highest id of ``table`` (two subqueries: min and max in one SELECT scan the table)."""
    return f"SELECT (SELECT min(id) FROM {table}), (SELECT max(id) FROM {table})"


def dense_sql(table: str, columns: Sequence[str], low: int, high: int, runs: int = 10) -> str:
    """Counts the sample's rows holding ``:pattern`` (``like_pattern``) in one of ``columns``, up to
    DENSE_NEED: ``runs`` runs of ids spread from ``low`` to ``high``."""
    width, step = DENSE_SAMPLE // runs, max(1, (high - low + 1) // runs)
    spans = " OR ".join(f"id BETWEEN {low + k * step} AND {low + k * step + width - 1}" for k in range(runs))
    like = " OR ".join(f"{column} LIKE :pattern ESCAPE '\\'" for column in columns)
    return f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE ({spans}) AND ({like}) LIMIT {DENSE_NEED})"


SHORT_QUERY = 2  # a normalised query this short has no trigram to use: LIKE, and its count stops at the cap


def like_pattern(query: str) -> str:
    """``%query%`` with LIKE's wildcards escaped (use ``escape='\\\\'``)."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


MAX_QUERY = 200  # characters of a search worth looking for; a 100k-character paste is cut here
_NUMBER_QUERY = re.compile(r"[0-9]+x?")  # what could be part of a phone number or an ID number
PHONE_TAIL = 4  # the digits a masked phone shows (138****5678)
FULL_NUMBER = re.compile(r"1[3-9][0-9]{9}|0[0-9]{9,11}|[0-9]{17}[0-9x]")  # a mobile, a landline, an ID number


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
    from sqlalchemy import and_, false, literal, or_, text

    query = query[:MAX_QUERY]
    fts = None
    if use_fts and len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        fts = id_column.in_(text("SELECT rowid FROM units_fts WHERE units_fts MATCH :fts_query").bindparams(
            fts_query=phrase))
    if full_pii or not _NUMBER_QUERY.fullmatch(query):
        return fts if fts is not None else text_column.like(like_pattern(query), escape="\\")
    padded = literal(" ").concat(text_column).concat(" ")
    if FULL_NUMBER.fullmatch(query):
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
    from sqlalchemy import false, func, or_

    if full_pii:
        return column.like(like_pattern(digits), escape="\\")
    if FULL_NUMBER.fullmatch(digits):
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
