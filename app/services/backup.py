"""Backups that restore: a consistent copy while the app runs, a daily automatic one, one before migrations.

SQLite uses the online backup API (``sqlite3.Connection.backup``): it copies the pages under the
database's own locks, so the copy is consistent even while other PCs' sessions write. PostgreSQL
uses ``pg_dump`` when it is installed. Restoring checks the file first (an SQLite database with
PropDesk's tables at a revision this program knows), keeps a copy of the current database, then
copies the backup's pages into the live file with the same API.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db import Database, default_data_dir
from app.errors import ServiceError
from app.files import atomic_path, clean_stray_files, is_temp_file, temp_name, write_error
from app.progress import Cancelled, Progress
from app.services.context import ServiceContext

log = logging.getLogger(__name__)

KEEP_DAILY = 30
DAILY_PREFIX = "propdesk-daily-"
SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = {"alembic_version", "units", "persons", "users", "buildings"}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    size: int
    modified: datetime


# --- plain functions (CLI, start-up, migration hook) -----------------------------------------------


def backup_folder(db: Database) -> Path:
    """``backups/`` beside the SQLite file (the data folder), else in the user data folder."""
    base = db.sqlite_path.parent if db.sqlite_path is not None else default_data_dir()
    folder = base / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def default_backup_name(db: Database, now: datetime | None = None) -> str:
    return f"propdesk-{_stamp(now)}.{'db' if db.is_sqlite else 'dump'}"


def _pg_dump_url(db: Database) -> str:
    """libpq form of the SQLAlchemy URL (``postgresql+psycopg://`` → ``postgresql://``)."""
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


STEP_PAGES = 2048  # pages copied per step (8 MB at 4 KB pages): the source is read-locked only that long
MAX_RESTARTS = 3  # another connection wrote between steps this often: copy the rest in one go


class _TooBusy(Exception):
    """The database keeps changing between steps (each change restarts the copy)."""


def _sqlite_copy(source: sqlite3.Connection, target_path: Path, progress: Progress | None = None) -> None:
    """Copy with the online backup API in steps of ``STEP_PAGES``; a write by another connection between
    two steps restarts the copy, so after ``MAX_RESTARTS`` restarts the rest goes in one step (under WAL,
    which PropDesk's files use, that blocks no writer either). ``progress`` can cancel between steps."""
    last_remaining = None
    restarts = 0

    def step_done(_status: int, remaining: int, total: int) -> None:
        nonlocal last_remaining, restarts
        if last_remaining is not None and remaining > last_remaining:
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise _TooBusy
        last_remaining = remaining
        if progress is not None:
            progress.report(total - remaining, total)  # raises Cancelled after a cancel

    with atomic_path(target_path) as tmp:
        dest = sqlite3.connect(tmp)
        try:
            try:
                source.backup(dest, pages=STEP_PAGES, progress=step_done, sleep=0.05)
            except _TooBusy:
                source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file, no -wal beside it
        except sqlite3.OperationalError as exc:  # "database or disk is full" comes as this, not OSError
            raise _sqlite_write_error(target_path, exc) from None
        finally:
            dest.close()


def _sqlite_write_error(target: Path, exc: sqlite3.Error) -> ServiceError:
    text = str(exc)
    if "full" in text or "too large" in text or "disk I/O" in text:
        return write_error(target, OSError(errno.ENOSPC, text))
    return ServiceError(f"备份失败: {text}")


def create_backup(db: Database, target: str | Path | None = None, now: datetime | None = None,
                  progress: Progress | None = None) -> Path:
    """Write a consistent copy of the whole database to ``target`` (default: the backups folder);
    ``progress`` (SQLite) hears each step and can cancel, leaving no file behind."""
    path = Path(target) if target else backup_folder(db) / default_backup_name(db, now)
    if path.is_dir():
        path = path / default_backup_name(db, now)
    path.parent.mkdir(parents=True, exist_ok=True)
    if db.is_sqlite:
        if db.sqlite_path is None:
            raise ServiceError("内存数据库无法备份")
        if path.resolve() == db.sqlite_path.resolve():
            raise ServiceError("备份文件不能是数据库文件本身")
        source = sqlite3.connect(db.sqlite_path, timeout=30)
        try:
            _sqlite_copy(source, path, progress)
        finally:
            source.close()
        return path
    if db.engine.dialect.name == "postgresql":
        exe = shutil.which("pg_dump")
        if exe is None:
            raise ServiceError(
                "未找到 pg_dump: 请在这台电脑上安装 PostgreSQL 客户端工具 (postgresql-client), "
                "或由数据库服务器管理员在服务器上备份。"
            )
        with atomic_path(path) as tmp:
            proc = subprocess.run(
                [exe, "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={_pg_dump_url(db)}"],
                capture_output=True, text=True, check=False,
            )
            if proc.returncode != 0:
                raise ServiceError(f"pg_dump 备份失败: {proc.stderr.strip()[:500]}")
        return path
    raise ServiceError(f"不支持备份此类数据库: {db.engine.dialect.name}")


def inspect_backup(path: str | Path) -> str:
    """Check that ``path`` is a PropDesk SQLite database this program can open; return its revision."""
    from app import migrations

    path = Path(path)
    if not path.is_file():
        raise ServiceError(f"备份文件不存在: {path}")
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise ServiceError(f"“{path.name}”不是 PropDesk 备份文件 (不是 SQLite 数据库)。")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ServiceError(f"“{path.name}”已损坏或不是 PropDesk 备份文件: {exc}") from exc
    if check != "ok":
        raise ServiceError(f"“{path.name}”已损坏 (完整性检查: {check})。")
    missing = REQUIRED_TABLES - tables
    if missing or revision is None:
        raise ServiceError(f"“{path.name}”不是 PropDesk 数据库 (缺少表: {', '.join(sorted(missing)) or '版本'})。")
    try:
        migrations.script_directory().get_revision(revision)
    except Exception as exc:
        raise ServiceError(
            f"“{path.name}”来自更新版本的 PropDesk (数据库版本 {revision}), 请先升级本程序。"
        ) from exc
    return revision


def restore_backup(db: Database, source: str | Path) -> Path:
    """Replace the database's contents by the backup's; returns the safety copy of what was there.

    The pages are copied into the live file by the backup API under its write lock, so other
    connections see either the old or the restored database. A backup of an older revision is
    brought up to date by the usual migration afterwards.
    """
    from app import migrations

    if not db.is_sqlite or db.sqlite_path is None:
        raise ServiceError(
            "PostgreSQL 数据库请由管理员用 pg_restore 恢复 (例如: pg_restore --clean --no-owner -d 数据库 备份文件)。"
        )
    source = Path(source)
    inspect_backup(source)
    if source.resolve() == db.sqlite_path.resolve():
        raise ServiceError("不能用数据库文件自身恢复")
    safety = create_backup(db, backup_folder(db) / f"propdesk-before-restore-{_stamp()}.db")
    db.dispose()  # no pooled connection keeps reading the old pages
    with _same_page_size(source, db.sqlite_path) as pages:
        src = sqlite3.connect(f"file:{pages}?mode=ro", uri=True)
        dest = sqlite3.connect(db.sqlite_path, timeout=30)
        try:
            src.backup(dest)
        except sqlite3.Error as exc:
            raise ServiceError(f"恢复失败, 数据库未改动: {exc}") from None
        finally:
            src.close()
            dest.close()
    db.dispose()
    migrations.upgrade(db)
    return safety


@contextmanager
def _same_page_size(source: Path, live: Path) -> Iterator[Path]:
    """The backup itself, or a temporary copy rebuilt with the live database's page size: the live file is in
    WAL mode, where the backup API cannot change the page size (a backup made with page size 1024 failed)."""
    def page_size(path: Path) -> int:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA page_size").fetchone()[0]
        finally:
            conn.close()

    wanted = page_size(live)
    if page_size(source) == wanted:
        yield source
        return
    temp = temp_name(live.parent / "backups" / f"restore-{source.name}")
    temp.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        copy = sqlite3.connect(temp)
        try:
            src.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            copy.execute(f"PRAGMA page_size={int(wanted)}")
            copy.execute("VACUUM")
        finally:
            src.close()
            copy.close()
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def _is_backup(path: Path) -> bool:
    """A finished backup: ``.db``/``.dump``, never a temporary file of a backup being written (or killed)."""
    return path.suffix in (".db", ".dump") and not is_temp_file(path) and path.is_file()


def clean_stray_backups(folder: Path) -> None:
    """Remove what killed backups left behind: our temporary files, and 0.1.0's ``….db.part`` files."""
    clean_stray_files(folder)
    for path in folder.glob("propdesk-*.part"):
        if time.time() - path.stat().st_mtime > 60:  # 0.1.0 named them so; not one being written right now
            path.unlink(missing_ok=True)


def list_backups(db: Database) -> list[BackupFile]:
    folder = backup_folder(db)
    files = [p for p in folder.iterdir() if _is_backup(p)]
    out = [BackupFile(p, p.stat().st_size, datetime.fromtimestamp(p.stat().st_mtime)) for p in files]
    return sorted(out, key=lambda b: b.path.name, reverse=True)


def daily_backup(db: Database, now: datetime | None = None, keep: int = KEEP_DAILY, *,
                 include_server: bool = False) -> Path | None:
    """``take_daily_backup`` that never raises (a failure is logged): a failed backup must not stop the
    front desk from working."""
    try:
        return take_daily_backup(db, now, keep, include_server=include_server)
    except ServiceError:
        return None


def take_daily_backup(db: Database, now: datetime | None = None, keep: int = KEEP_DAILY, *,
                      include_server: bool = False, progress: Progress | None = None) -> Path | None:
    """On the first start of a day copy the database into the backups folder; keep the last ``keep``.

    The window runs this in the background after the login (a 1.2 GB file takes seconds to copy).
    Returns the new file, or None when today's exists already or nothing is to be done. A shared
    PostgreSQL database is skipped unless ``include_server`` (every PC dumping the whole office's data
    over the network at start-up would be slow; the server's own backups apply). A failure is logged
    and raised as a ``ServiceError`` saying so; a cancel (``progress``) leaves no file.
    """
    now = now or datetime.now()
    if not db.is_sqlite and not include_server:
        return None
    try:
        folder = backup_folder(db)
        clean_stray_backups(folder)
        today = f"{DAILY_PREFIX}{now:%Y%m%d}"
        if any(p.name.startswith(today) and _is_backup(p) for p in folder.iterdir()):
            return None
        if not db.is_sqlite and shutil.which("pg_dump") is None:
            return None
        path = create_backup(db, folder / f"{today}-{now:%H%M%S}.{'db' if db.is_sqlite else 'dump'}",
                             progress=progress)
        dailies = sorted(p for p in folder.iterdir() if p.name.startswith(DAILY_PREFIX) and _is_backup(p))
        for old in dailies[:-keep] if keep > 0 else []:
            old.unlink(missing_ok=True)
        return path
    except Cancelled:
        raise
    except Exception as exc:  # reported, not fatal
        log.warning("每日自动备份失败: %s", exc, exc_info=not isinstance(exc, ServiceError))
        raise ServiceError(f"每日自动备份失败: {exc}") from exc


def pre_migration_backup(db: Database, current_revision: str | None) -> None:
    """``before_upgrade_hooks``: copy the database before its schema changes (refuse to migrate if it fails)."""
    if db.is_sqlite and db.sqlite_path is None:
        return
    if not db.is_sqlite and shutil.which("pg_dump") is None:
        log.warning("未找到 pg_dump, 升级数据库前未能自动备份")
        return
    suffix = "db" if db.is_sqlite else "dump"
    create_backup(db, backup_folder(db) / f"propdesk-before-upgrade-{current_revision}-{_stamp()}.{suffix}")


def register_hooks() -> None:
    from app import migrations

    if pre_migration_backup not in migrations.before_upgrade_hooks:
        migrations.before_upgrade_hooks.append(pre_migration_backup)


register_hooks()


# --- the service (GUI menu actions) ---------------------------------------------------------------


class BackupService:
    """备份… / 恢复… for the operator holding ``backup.manage``; both are recorded in the audit log."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def create(self, target: str | Path | None = None) -> Path:
        self.ctx.require("backup.manage")
        path = create_backup(self.ctx.db, target)
        self.ctx_record("backup", {"file": str(path)})
        return path

    def restore(self, source: str | Path) -> Path:
        self.ctx.require("backup.manage")
        safety = restore_backup(self.ctx.db, source)
        self.ctx_record("restore", {"file": str(source), "safety_copy": str(safety)})
        return safety

    def check(self, source: str | Path) -> str:
        self.ctx.require("backup.manage")
        return inspect_backup(source)

    def list(self) -> list[BackupFile]:
        self.ctx.require("backup.manage")
        return list_backups(self.ctx.db)

    def folder(self) -> Path:
        return backup_folder(self.ctx.db)

    def ctx_record(self, kind: str, detail: dict) -> None:
        from app.services.audit import AuditService

        AuditService(self.ctx).record(kind, "database", detail, summary=Path(detail["file"]).name)
