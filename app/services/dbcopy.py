"""``propdesk db copy --to URL``: move a whole database (every table, the audit trail, number sequences) to
another one — typically the office's SQLite file to a new PostgreSQL server when a second PC joins.

The target must be empty (a fresh database, or one only migrated: rows the migrations seed, such as the role
grants, are replaced by the source's). Everything is written in one transaction and checked before it
commits: every table's row count and the sum of every money column equal the source's; afterwards the fee
invariants (``fees check``, when this build has it) must give the same result on both sides.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from sqlalchemy import Integer, Numeric, func, select, text

from app.db import Database, open_database
from app.errors import ServiceError
from app.models import Base
from app.progress import NULL_PROGRESS, ProgressLike

CHUNK = 2000


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    sums: dict[str, Decimal] = field(default_factory=dict)  # money column → total


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: tuple[TableCopy, ...]
    fee_check: str = ""  # "" when this build has no fee check

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def tables():
    """Every table of the schema, parents before children, but the kept fee sums: the target's triggers
    (migration 0020) make them from the copied lines, and ``fees check`` compares them with the lines."""
    from app.services.fee_sums import DERIVED_TABLES

    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED_TABLES]


@cache
def seeded_tables() -> frozenset[str]:
    """Tables a fresh, freshly migrated database already has rows in (role grants, default rules…)."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = open_database(f"sqlite:///{Path(folder) / 'fresh.db'}")
        try:
            return frozenset(name for name, count in _counts(fresh).items() if count)
        finally:
            fresh.dispose()


def _counts(db: Database, conn=None) -> dict[str, int]:
    def run(c):
        return {t.name: c.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}

    if conn is not None:
        return run(conn)
    with db.engine.connect() as c:
        return run(c)


def _sums(conn) -> dict[str, dict[str, Decimal]]:
    out = {}
    for t in tables():
        money = [c for c in t.columns if isinstance(c.type, Numeric)]
        if money:
            row = conn.execute(select(*[func.coalesce(func.sum(c), 0) for c in money])).one()
            out[t.name] = {c.name: Decimal(str(v)).quantize(Decimal("0.0001")) for c, v in zip(money, row, strict=True)}
    return out


def check_target_empty(target: Database) -> None:
    """Refuse a target holding anything beyond what its migrations seeded."""
    seeded = seeded_tables()
    used = {name: n for name, n in _counts(target).items() if n and name not in seeded}
    if used:
        listed = "、".join(f"{name} ({n} 行)" for name, n in sorted(used.items())[:8])
        raise ServiceError(f"目标数据库不是空的, 未复制任何内容: {listed}。请使用新建的空数据库。")


def copy_database(source: Database, target_url: str, progress: ProgressLike = NULL_PROGRESS) -> CopyReport:
    from app import migrations

    target = open_database(target_url)  # creates the schema at this build's head
    try:
        if target.display_url == source.display_url:
            raise ServiceError("目标数据库与当前数据库相同")
        if migrations.current_revision(target) != migrations.current_revision(source):
            raise ServiceError("两个数据库的版本不同, 请先升级: propdesk db upgrade")
        check_target_empty(target)
        expected = _counts(source)
        total = sum(expected.values()) or 1
        done = 0
        with source.engine.connect() as src, target.engine.begin() as dst:
            for t in reversed(tables()):  # seeded rows make way for the source's
                if t.name in seeded_tables():
                    dst.execute(t.delete())
            for t in tables():
                result = src.execution_options(stream_results=True).execute(select(t))
                while batch := result.fetchmany(CHUNK):
                    dst.execute(t.insert(), [dict(row._mapping) for row in batch])
                    done += len(batch)
                    progress.report(done, total, t.name)
            if target.engine.dialect.name == "postgresql":
                _reset_sequences(dst)
            copied = _counts(target, dst)
            differ = [f"{name}: {expected[name]} → {copied[name]}" for name in expected if copied[name] != expected[name]]
            with source.engine.connect() as again:
                source_sums = _sums(again)
            target_sums = _sums(dst)
            differ += [f"{name} 金额合计不符" for name in source_sums if source_sums[name] != target_sums.get(name)]
            if differ:
                raise ServiceError("复制后核对不符, 已撤销: " + "; ".join(differ))
        report = CopyReport(source.display_url, target.display_url,
                            tuple(TableCopy(name, expected[name], source_sums.get(name, {})) for name in expected),
                            _compare_fee_check(source, target))
        return report
    finally:
        target.dispose()


def _reset_sequences(conn) -> None:
    """PostgreSQL: the id sequences continue after the copied ids (rows were inserted with their ids)."""
    for t in tables():
        pk = list(t.primary_key.columns)
        if len(pk) == 1 and isinstance(pk[0].type, Integer) and pk[0].autoincrement in (True, "auto"):
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": pk[0].name}).scalar()
            if seq:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{pk[0].name}") FROM "{t.name}"), 0) + 1, '
                                  "false)"), {"s": seq})


def _compare_fee_check(source: Database, target: Database) -> str:
    """Run ``fees check`` on both sides; the results must be the same."""
    from app.services import Services

    before, after = (Services.open(db).fees_check.check() for db in (source, target))
    if (before.checked, before.violations) != (after.checked, after.violations):
        raise ServiceError(f"复制后账目检查结果不同: 源 {before.checked} / 目标 {after.checked}")
    return f"账目检查{'通过' if before.ok else f'与源数据库相同 ({len(before.violations)} 处问题)'}: " + \
        ", ".join(f"{k} {v}" for k, v in before.checked.items())


class DatabaseCopyService:
    """The operator's side: needs ``backup.manage`` (the copy holds everyone's data) and is audited."""

    def __init__(self, ctx):
        self.ctx = ctx

    def copy_to(self, target_url: str, progress: ProgressLike = NULL_PROGRESS) -> CopyReport:
        from app.services.audit import AuditService

        self.ctx.require("backup.manage")
        report = copy_database(self.ctx.db, target_url, progress)
        AuditService(self.ctx).record("export", "database", {"copied_to": report.target, "rows": report.rows},
                                      summary=f"复制到 {report.target}"[:200])
        return report
