"""``propdesk workorder list`` on SQLite through the standard library: no SQLAlchemy, models or services (issue 18).

The same answer as ``WorkOrderService.count`` and ``list`` (newest first, ``--limit`` rows) for the filters the
command takes (``--state``, ``--overdue``, ``--query``), written as the SQL those build on SQLite — each kind
of query on its index: a room code or an order number on that column's start, three or more characters
through ``workorders_fts`` (or row by row past DENSE_MATCHES), one or two through ``short_plan``'s narrowing
(app/search.py), digits restricted without the right to see phones in full. The codes, labels, deadline
rules, query normalisation, plan thresholds and the plan's SQL text are imported from the one place each
lives; the WHERE clauses exist twice, here and in the service: tests/app/test_cli_quick.py compares the two
answers (lines and exit code) on random filters over a seeded office.

Signing in is app/quick.py's; a run it does not take (see there) goes the usual way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from app.commands.workorder import print_list
from app.paging import COUNT_CAP, AtLeast
from app.quick import sign_in, sql_datetime
from app.search import (
    DENSE_NEED,
    FULL_NUMBER,
    INDEX_PAGE_MAX,
    PHONE_TAIL,
    PROBE_ROWS,
    dense_sql,
    id_span_sql,
    index_rows_select,
    index_rows_sql,
    like_pattern,
    normalise_query,
)
from app.workorder_codes import (
    DENSE_MATCHES,
    NOT_STARTED,
    OPEN_STATES,
    ORDER_NUMBER,
    ROOM_CODE,
    SEARCHED_COLUMNS,
    VIEW_PERMISSIONS,
    State,
    deadline_status,
)

FTS = "workorders_fts"
MAX_PAGE = 10_000  # WorkOrderService.list's cap
_LIKE = "LIKE :pattern ESCAPE '\\'"


class Row(NamedTuple):
    """The fields of ``WorkOrderRow`` that ``print_list`` shows."""

    number: str
    state: str
    kind: str
    category: str
    unit_code: str | None
    assignee: str | None
    reported_at: datetime
    deadline_status: str
    description: str


def run_list_quick(args, read_password: Callable[[str], str], clock: Callable[[], datetime] = datetime.now
                   ) -> int | None:
    """``run_list`` for ``args``; None (having printed and written nothing) when the usual path must answer."""
    signed = sign_in(args.database, args.user, read_password, VIEW_PERMISSIONS, clock)
    if signed is None:
        return None
    try:
        total, rows = answer(signed.conn, tuple(args.state or ()), args.overdue, args.query,
                             min(args.limit, MAX_PAGE), signed.can("pii.view_full"), clock())
        if not signed.finish():  # a wrong password: the usual path says so and counts it
            return None
    except sqlite3.Error:  # locked, damaged …: nothing was written, the usual path says what is wrong
        return None
    finally:
        signed.conn.close()
    print_list(total, rows, args.limit)
    return 0


def answer(conn: sqlite3.Connection, states: tuple[str, ...], overdue: bool, text: str, limit: int, full_pii: bool,
           now: datetime) -> tuple[int, list[Row]]:
    """(count, first ``limit`` rows newest first) of the orders matching the filters, as the service gives them."""
    where, params = ["1"], {"now": sql_datetime(now)}
    if states:
        where.append(_in("state", states, "st", params))
    if overdue:
        where.append(_overdue(params))
    query = normalise_query(text)
    if not query:
        total = conn.execute(f"SELECT count(*) FROM workorders WHERE {' AND '.join(where)}", params).fetchone()[0]
        return total, _rows(conn, _page(conn, where, params, limit), now)
    condition, many = _search(conn, query, full_pii, params)
    plan = _short_plan(conn, query, params)
    ids = _page(conn, [*where, condition, *([plan.narrow] if plan.narrow else [])], params, limit)
    alone = len(where) == 1
    if many and alone:
        total = AtLeast(COUNT_CAP)
    else:
        total = _count(conn, plan, [*where, condition], params, bare=alone and (full_pii or not query.isdigit()))
    return total, _rows(conn, ids, now)


def _in(column: str, values, name: str, params: dict) -> str:
    keys = [f"{name}{i}" for i in range(len(values))]
    params.update(zip(keys, values, strict=True))
    return f"{column} IN ({', '.join(':' + k for k in keys)})"


def _overdue(params: dict) -> str:
    """``WorkOrderService._overdue_clause``."""
    return (f"{_in('state', OPEN_STATES, 'open', params)} AND state != '{State.ON_HOLD}' AND (due_at < :now OR "
            f"(started_at IS NULL AND {_in('state', NOT_STARTED, 'new', params)} AND respond_by < :now))")


def _search(conn: sqlite3.Connection, query: str, full_pii: bool, params: dict) -> tuple[str, bool]:
    """``WorkOrderService._search`` on SQLite: (condition, many)."""
    for pattern, column in ((ROOM_CODE, "unit_text"), (ORDER_NUMBER, "number")):
        if pattern.fullmatch(query):
            params.update(low=query.upper(), high=query.upper() + "\U0010ffff")
            return f"{column} >= :low AND {column} < :high", False
    params["pattern"] = like_pattern(query)
    found = "(" + " OR ".join(f"{column} {_LIKE}" for column in SEARCHED_COLUMNS) + ")"
    many = False
    if len(query) >= 3:
        matches = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH :phrase"
        params["phrase"] = '"' + query.replace('"', '""') + '"'
        hits = conn.execute(f"SELECT count(*) FROM ({matches} LIMIT {DENSE_MATCHES + 1})", params).fetchone()[0]
        if hits <= DENSE_MATCHES:
            found = f"id IN ({matches})"
        else:  # common text: row by row
            many = True
    if full_pii or not query.isdigit():
        return found, many
    text = " || ' ' || ".join(column for column in SEARCHED_COLUMNS if column != "contact_phone")
    params["digits"] = query
    if FULL_NUMBER.fullmatch(query):
        phone = "(contact_phone = :digits OR replace(contact_phone, '-', '') = :digits)"
    elif len(query) == PHONE_TAIL:
        params["tail"] = f"%{query}"
        phone = "contact_phone LIKE :tail"
    else:
        phone = "0"
    return f"{found} AND (lower({text}) {_LIKE} OR {phone})", False


class _Plan(NamedTuple):
    """``ShortPlan`` as SQL text: ``narrow``/``probe`` conditions on the id, the index's rows (None: not read)."""

    narrow: str | None = None
    probe: str | None = None
    short: bool = False
    rows: int | None = None


def _short_plan(conn: sqlite3.Connection, query: str, params: dict) -> _Plan:
    """``WorkOrderService._short_plan`` → app/search.py ``short_plan`` on SQLite."""
    if len(query) >= 3 or ROOM_CODE.fullmatch(query):
        return _Plan()
    params["short_q"] = query
    low, high = conn.execute(id_span_sql("workorders")).fetchone()
    if low is not None and conn.execute(dense_sql("workorders", SEARCHED_COLUMNS, low, high),
                                        {"pattern": like_pattern(query)}).fetchone()[0] >= DENSE_NEED:
        return _Plan(short=True)
    found = _index_rows(conn, query, INDEX_PAGE_MAX + 1)
    if found <= INDEX_PAGE_MAX:  # (the service's "walk" is for a list's page alone: this list pages by "narrow")
        return _Plan(narrow=f"id IN ({index_rows_select(FTS)})", short=True, rows=found)
    return _Plan(probe=f"id IN ({index_rows_select(FTS)} LIMIT {PROBE_ROWS})", short=True, rows=found)


def _index_rows(conn: sqlite3.Connection, query: str, limit: int) -> int:
    return conn.execute(index_rows_sql(FTS, limit), {"short_q": query}).fetchone()[0]


def _count(conn: sqlite3.Connection, plan: _Plan, where: list[str], params: dict, *, bare: bool) -> int:
    """``ShortPlan.count`` of the query's condition and filters (``capped_count`` at COUNT_CAP)."""
    if bare and plan.short and all(ch.lower() == ch.upper() for ch in params["short_q"]):
        found = plan.rows
        if found is None or (found > INDEX_PAGE_MAX and COUNT_CAP >= INDEX_PAGE_MAX):
            found = _index_rows(conn, params["short_q"], COUNT_CAP + 1)
        return AtLeast(COUNT_CAP) if found > COUNT_CAP else found
    if plan.narrow is not None:
        return _capped(conn, [*where, plan.narrow], params)
    if plan.probe is not None:
        found = _capped(conn, [*where, plan.probe], params)
        if isinstance(found, AtLeast):
            return found
    return _capped(conn, where, params)


def _capped(conn: sqlite3.Connection, where: list[str], params: dict) -> int:
    found = conn.execute(f"SELECT count(*) FROM (SELECT id FROM workorders WHERE {' AND '.join(where)} "
                         f"LIMIT {COUNT_CAP + 1})", params).fetchone()[0]
    return AtLeast(COUNT_CAP) if found > COUNT_CAP else found


def _page(conn: sqlite3.Connection, where: list[str], params: dict, limit: int) -> list[int]:
    return [i for (i,) in conn.execute(f"SELECT id FROM workorders WHERE {' AND '.join(where)} "
                                       f"ORDER BY reported_at DESC, id DESC LIMIT {int(limit)}", params)]


def _rows(conn: sqlite3.Connection, ids: list[int], now: datetime) -> list[Row]:
    """``WorkOrderService._rows``: the page's orders with their assignee's name, in the page's order."""
    if not ids:
        return []
    found = {}
    for (ident, number, state, kind, category, unit_text, assignee, reported_at, description, started_at,
         respond_by, due_at) in conn.execute(
            "SELECT w.id, w.number, w.state, w.kind, w.category, w.unit_text, s.name, w.reported_at, w.description, "
            "w.started_at, w.respond_by, w.due_at FROM workorders w LEFT JOIN staff s ON s.id = w.assignee_id "
            f"WHERE w.id IN ({', '.join(str(int(i)) for i in ids)})"):
        found[ident] = Row(number, state, kind, category, unit_text, assignee or "", _datetime(reported_at),
                           deadline_status(state, _datetime(started_at), _datetime(respond_by), _datetime(due_at),
                                           now), description)
    return [found[i] for i in ids if i in found]


def _datetime(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
