"""Alembic, driven from code: the app upgrades on open and refuses a database newer than itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.errors import DatabaseError

if TYPE_CHECKING:
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
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def script_directory() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str:
    return script_directory().get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(db: Database) -> None:
    """Refuse a database written by a newer PropDesk: its revision is unknown to us."""
    try:
        revision = current_revision(db)
    except Exception as exc:  # unreachable server, not a database, …
        raise DatabaseError(f"无法打开数据库 {db.display_url}: {exc}") from exc
    if revision is None:
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
        for hook in before_upgrade_hooks:
            hook(db, current)
    with db.engine.begin() as conn:
        cfg = alembic_config(db)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
