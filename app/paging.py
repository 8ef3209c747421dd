"""Paging big lists in SQL: keyset (seek) pages on an index instead of OFFSET, and capped counts.

A windowed list asks for a block of rows by position. With OFFSET the database re-sorts and skips every
row before it (5–11 s at row 999,800 of a million); with a keyset it starts right after a row it already
has: ``WHERE (key, id) > (:key, :id) ORDER BY key, id LIMIT 200`` walks an index from there (DESIGN.md
performance rules). :func:`id_page` does either: given ``after`` (the id of the row just before the
block, in the order asked) it seeks, otherwise it falls back to OFFSET. The list's model asks for the
last blocks in the reverse order (offset 0 of the reversed list), so jumping to the end is a seek too.

Seeking needs a total order (the id is always the last key). A NULL has no place in a row-value comparison:
one nullable key before the id is sought in two parts (``nullable=True``); other orders with NULLs page
with OFFSET.

:class:`AtLeast` is a row count that stopped counting (a 1–2 character search matches too many rows to
count cheaply): lists show "1000+".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a statement is built: ``AtLeast`` is plain (app/commands/workorder_quick.py)
    from sqlalchemy import ColumnElement, Select
    from sqlalchemy.orm import Session

COUNT_CAP = 1000  # a count that would scan more than this many matches stops and says "1000+"


class AtLeast(int):
    """A count known only to be at least this: compares as the number, prints as "1000+"."""

    def __repr__(self) -> str:
        return f"AtLeast({int(self)})"

    def __str__(self) -> str:
        return f"{int(self)}+"

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(int(self), spec)


def capped_count(s: Session, stmt: Select, cap: int = COUNT_CAP) -> int:
    """Rows of ``stmt``, counting no further than ``cap``: ``AtLeast(cap)`` when there are more."""
    from sqlalchemy import func, select

    found = s.scalar(select(func.count()).select_from(stmt.limit(cap + 1).subquery())) or 0
    return AtLeast(cap) if found > cap else found


def id_page(s: Session, stmt: Select, keys: Sequence[ColumnElement], *, descending: bool, offset: int, limit: int,
            after: int | None = None, seek: bool = True, nullable: bool = False) -> list[int]:
    """Ids of one page of ``stmt`` (a ``select(Table.id)`` with its filters) ordered by ``keys`` (the id
    column last, so the order is total), each ascending or each descending.

    With ``after`` (an id of this query's rows) and ``seek`` the page starts just after that row and
    ``offset`` is ignored; when the row is gone (deleted meanwhile) or ``seek`` is off, ``offset`` is used.
    ``nullable``: the one key before the id may be NULL (floor, area): the NULL rows and the others are each
    sought on the index and joined where the database puts NULLs (SQLite first going up, PostgreSQL last).
    """
    from sqlalchemy import select, tuple_

    order = [k.desc() for k in keys] if descending else list(keys)
    limit = max(0, limit)
    if after is not None and seek:
        anchor = s.execute(select(*keys).where(keys[-1] == after)).first()
        if anchor is not None and nullable and len(keys) == 2:
            return _nullable_page(s, stmt, keys, tuple(anchor), order, descending, limit)
        if anchor is not None and None not in tuple(anchor):
            here, there = tuple_(*keys), tuple_(*anchor)
            stmt = stmt.where(here < there if descending else here > there)
            return list(s.scalars(stmt.order_by(*order).limit(limit)))
    return list(s.scalars(stmt.order_by(*order).offset(max(0, offset)).limit(limit)))


def _nullable_page(s: Session, stmt: Select, keys: Sequence[ColumnElement], anchor: tuple, order: list,
                   descending: bool, limit: int) -> list[int]:
    from sqlalchemy import tuple_

    key, ident = keys
    value, anchor_id = anchor
    nulls_first = (s.get_bind().dialect.name == "sqlite") != descending
    if value is None:  # among the NULLs, by id; then the values, if they come after the NULLs
        same = stmt.where(key.is_(None), ident < anchor_id if descending else ident > anchor_id)
        rest = stmt.where(key.is_not(None)) if nulls_first else None
    else:  # among the values; then the NULLs, if they come after the values
        here, there = tuple_(key, ident), tuple_(value, anchor_id)
        same = stmt.where(here < there if descending else here > there)
        rest = None if nulls_first else stmt.where(key.is_(None))
    ids = list(s.scalars(same.order_by(*order).limit(limit)))
    if rest is not None and len(ids) < limit:
        ids += s.scalars(rest.order_by(*order).limit(limit - len(ids)))
    return ids
