"""The kept sums of the bill lines (``fee_sums``, ``fee_owing``; migration 0020) and the same sums read live.

Triggers keep both tables in the transaction of every write to bill lines, allocations and bills' due dates.
This module rebuilds them from the lines (the migration's backfill, ``propdesk fees rebuild-sums``), folds
PostgreSQL's per-connection slots into slot 0, and reads kept and live sums in one shape (fen, per key) for
``fees check`` to compare.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, cast, delete, func, insert, literal, select, text, union_all

from app.models import Allocation, Bill, BillLine, FeeOwing, FeeSum
from app.money import to_money

DERIVED_TABLES = ("fee_sums", "fee_owing")  # rebuilt from the lines, never copied or restored as data
FOLD_LOCK = 720_018  # PostgreSQL advisory lock: one fold or rebuild at a time

SumKey = tuple[str, int, bool]  # period, item id, late fee
Sums = dict[SumKey, tuple[int, int, int, int]]  # lines, billed, paid, waived (fen)
Owing = dict[tuple[int, str], tuple[date, int]]  # (unit, period) → due date, owed (fen)


def cents(column):
    """An amount in fen, exactly (SQLite stores money as REAL)."""
    return cast(func.round(column * 100), BigInteger)


def money(fen) -> Decimal:
    return to_money(Decimal(int(fen or 0)).scaleb(-2))


def _live_sums_select():
    lines = select(BillLine.period, BillLine.item_id, BillLine.late_fee, literal(1).label("n"),
                   cents(BillLine.amount).label("b"), cents(BillLine.paid).label("p"), literal(0).label("w"))
    waived = (select(BillLine.period, BillLine.item_id, BillLine.late_fee, literal(0), literal(0), literal(0),
                     cents(Allocation.amount))
              .join(BillLine, BillLine.id == Allocation.line_id)
              .where(Allocation.waiver_id.is_not(None), Allocation.voided.is_(False)))
    u = union_all(lines, waived).subquery()
    return (select(u.c.period, u.c.item_id, u.c.late_fee, func.sum(u.c.n), func.sum(u.c.b), func.sum(u.c.p),
                   func.sum(u.c.w))
            .group_by(u.c.period, u.c.item_id, u.c.late_fee))


def _live_owing_select():
    return (select(BillLine.unit_id, BillLine.period, func.min(Bill.due_date),
                   func.sum(cents(BillLine.amount) - cents(BillLine.paid)))
            .join(Bill, Bill.id == BillLine.bill_id).where(BillLine.amount > BillLine.paid)
            .group_by(BillLine.unit_id, BillLine.period))


def _kept_sums_select():
    return (select(FeeSum.period, FeeSum.item_id, FeeSum.late_fee, func.sum(FeeSum.lines), func.sum(FeeSum.billed),
                   func.sum(FeeSum.paid), func.sum(FeeSum.waived))
            .group_by(FeeSum.period, FeeSum.item_id, FeeSum.late_fee))


def _kept_owing_select():
    return select(FeeOwing.unit_id, FeeOwing.period, FeeOwing.due_date, FeeOwing.owed)


def _both(s, kept, live) -> tuple[list, list]:
    """Kept and live rows read by one statement: one snapshot, so a write committed meanwhile (PostgreSQL
    reads each statement afresh) never shows as a difference."""
    out: tuple[list, list] = ([], [])
    both = union_all(select(literal(0).label("side"), *kept.subquery().c),
                     select(literal(1).label("side"), *live.subquery().c))
    for side, *row in s.execute(both):
        out[side].append(row)
    return out


def _sums_of(rows) -> Sums:
    return {(p, i, bool(late)): (int(n), int(b), int(pd), int(w)) for p, i, late, n, b, pd, w in rows
            if (n, b, pd, w) != (0, 0, 0, 0)}


def _owing_of(rows) -> Owing:
    return {(u, p): (due if isinstance(due, date) else date.fromisoformat(due), int(owed))
            for u, p, due, owed in rows}


def sums_kept_and_live(s) -> tuple[Sums, Sums]:
    kept, live = _both(s, _kept_sums_select(), _live_sums_select())
    return _sums_of(kept), _sums_of(live)


def owing_kept_and_live(s) -> tuple[Owing, Owing]:
    kept, live = _both(s, _kept_owing_select(), _live_owing_select())
    return _owing_of(kept), _owing_of(live)


def live_sums(s) -> Sums:
    return _sums_of(s.execute(_live_sums_select()))


def kept_sums(s) -> Sums:
    return _sums_of(s.execute(_kept_sums_select()))


def live_owing(s) -> Owing:
    return _owing_of(s.execute(_live_owing_select()))


def kept_owing(s) -> Owing:
    return _owing_of(s.execute(_kept_owing_select()))


def _lock(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": FOLD_LOCK})


def rebuild(conn) -> None:
    """Both tables again from the lines, in the caller's transaction. On PostgreSQL the lines are locked
    against writers meanwhile (SHARE: reading goes on)."""
    _lock(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE bill_lines, allocations, bills IN SHARE MODE"))
    conn.execute(delete(FeeSum))
    conn.execute(delete(FeeOwing))
    conn.execute(insert(FeeSum).from_select(
        ["period", "item_id", "late_fee", "slot", "lines", "billed", "paid", "waived"],
        _sums_with_slot(_live_sums_select())))
    conn.execute(insert(FeeOwing).from_select(["unit_id", "period", "due_date", "owed"], _live_owing_select()))


def _sums_with_slot(stmt):
    sub = stmt.subquery()
    cols = list(sub.c)
    return select(cols[0], cols[1], cols[2], literal(0), *cols[3:])


def fold(conn) -> int:
    """PostgreSQL: add the connections' slots into slot 0 and remove them (rows a transaction still holds are
    skipped, so this never waits for a counter); returns the rows folded. SQLite has slot 0 only."""
    if conn.dialect.name != "postgresql":
        return 0
    _lock(conn)
    return conn.execute(text("""
        WITH moved AS (
            DELETE FROM fee_sums WHERE ctid IN (SELECT ctid FROM fee_sums WHERE slot <> 0 FOR UPDATE SKIP LOCKED)
            RETURNING period, item_id, late_fee, lines, billed, paid, waived),
        added AS (
            INSERT INTO fee_sums (period, item_id, late_fee, slot, lines, billed, paid, waived)
            SELECT period, item_id, late_fee, 0, sum(lines), sum(billed), sum(paid), sum(waived)
            FROM moved GROUP BY period, item_id, late_fee
            ON CONFLICT (period, item_id, late_fee, slot) DO UPDATE SET lines = fee_sums.lines + excluded.lines,
                billed = fee_sums.billed + excluded.billed, paid = fee_sums.paid + excluded.paid,
                waived = fee_sums.waived + excluded.waived
            RETURNING 1)
        SELECT count(*) FROM moved""")).scalar() or 0


def period_sums(s, first: str, last: str):
    """Kept (period, item id, late fee, billed, paid, waived) of the periods ``first``…``last``, in fen, for
    keys with lines."""
    return s.execute(
        select(FeeSum.period, FeeSum.item_id, FeeSum.late_fee, func.sum(FeeSum.billed), func.sum(FeeSum.paid),
               func.sum(FeeSum.waived))
        .where(FeeSum.period >= first, FeeSum.period <= last)
        .group_by(FeeSum.period, FeeSum.item_id, FeeSum.late_fee).having(func.sum(FeeSum.lines) > 0))


def fold_slots(ctx) -> None:
    """``fold`` in its own short transaction (after a billing run or a month-end close); nothing on SQLite."""
    if ctx.db.is_sqlite:
        return
    with ctx.write() as s:
        fold(s.connection())
