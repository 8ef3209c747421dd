"""Alembic, driven from code: the app upgrades on open and refuses a database newer than itself.

Opening a database that is already at this app's head imports no Alembic (0.2–0.5 s of start-up for every
command): the head comes from the ``revision``/``down_revision`` lines of the files in ``versions/`` and
the database's revision from its ``alembic_version`` table; Alembic runs only when there is work to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from app.db import Database

HERE = Path(__file__).resolve().parent

# Called with the database just before a pending upgrade of a non-empty database (backups hook in here).
before_upgrade_hooks: list[Callable[[Database, str | None], None]] = []


# Indexes only a migration makes (an expression index, a PostgreSQL trigram index): not in the models.
MIGRATION_ONLY_INDEXES = {"ix_units_code_order", "ix_workorders_search_trgm"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave SQLite's full-text index tables (units_fts*, workorders_fts*) and the migration-only indexes
    out of autogenerate comparisons."""
    if type_ == "table" and name and name.startswith(("units_fts", "workorders_fts")):
        return False
    return not (type_ == "index" and name in MIGRATION_ONLY_INDEXES)


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return ScriptDirectory.from_config(cfg)


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


@lru_cache(maxsize=1)
def _revisions() -> dict[str, str | None]:
    """revision → down_revision of every script, read from the files' own lines (no Alembic import)."""
    chain: dict[str, str | None] = {}
    for path in (HERE / "versions").glob("*.py"):
        found = dict((key, value) for key, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            chain[found["revision"]] = found.get("down_revision")
    return chain


def head_revision() -> str:
    chain = _revisions()
    heads = set(chain) - set(chain.values())
    if len(heads) == 1:
        return heads.pop()
    return script_directory().get_current_head()  # not a plain chain: let Alembic say


def current_revision(db: Database) -> str | None:
    from sqlalchemy import inspect, text

    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_not_newer(db: Database) -> None:
    """Refuse a database written by a newer PropDesk: its revision is unknown to us."""
    try:
        revision = current_revision(db)
    except Exception as exc:  # unreachable server, not a database, …
        raise DatabaseError(f"无法打开数据库 {db.display_url}: {exc}") from exc
    if revision is None or revision in _revisions():
        return
    try:
        script_directory().get_revision(revision)
    except Exception as exc:
        raise DatabaseError(
            f"数据库 {db.display_url} 的版本 ({revision}) 比本程序新, 请升级 PropDesk 后再打开。"
        ) from exc


def upgrade(db: Database) -> None:
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return
    if current is not None:
        from app.services import backup  # noqa: F401 - registers the backup taken before any migration

        for hook in before_upgrade_hooks:
            hook(db, current)
    from alembic import command

    with db.engine.begin() as conn:
        cfg = alembic_config(db)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
