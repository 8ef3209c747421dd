"""Gap-free document numbers (GD202611280001, receipt numbers …) from a counter row.

The counter is bumped with ``UPDATE … RETURNING`` inside the caller's write transaction: the row lock
(PostgreSQL) or the write lock (SQLite ``BEGIN IMMEDIATE``) serialises concurrent callers, and a
rolled-back transaction gives its number back, so numbers are unique and without gaps.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models.sequences import NumberSequence

_TABLE = NumberSequence.__table__


def next_value(session: Session, name: str) -> int:
    """The next value of counter ``name`` (1 for a new counter), taken inside ``session``'s transaction."""
    bump = (
        update(_TABLE).where(_TABLE.c.name == name).values(value=_TABLE.c.value + 1).returning(_TABLE.c.value)
    )
    value = session.execute(bump).scalar()
    if value is None:
        try:
            with session.begin_nested():
                session.execute(insert(_TABLE).values(name=name, value=0))
        except IntegrityError:  # another PC created the counter first; its row is now locked for us
            pass
        value = session.execute(bump).scalar_one()
    return int(value)


def next_number(session: Session, name: str, prefix: str, day: date | datetime, width: int = 4) -> str:
    """``prefix`` + YYYYMMDD + a per-day sequence of ``width`` digits: next_number(s, "workorder", "GD", today)."""
    stamp = f"{day:%Y%m%d}"
    value = next_value(session, f"{name}:{stamp}")
    return f"{prefix}{stamp}{value:0{width}d}"
