"""Backups that restore: consistent online copies, restore with checks and a safety copy, the daily
automatic backup keeping 30, the backup before a migration, and the ``propdesk backup`` commands."""

import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import func, select, text

from app import migrations
from app.cli import main
from app.db import Database, open_database
from app.errors import ServiceError
from app.models import Building, Person, Unit
from app.services.backup import (
    DAILY_PREFIX,
    create_backup,
    daily_backup,
    inspect_backup,
    restore_backup,
)


def counts(db):
    with db.read_session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Building, Unit, Person))


def fill(services, n=3):
    b = services.archive.create_building(f"{n}栋")
    for i in range(n):
        uid = services.archive.save_unit({"building_id": b, "unit_no": "1", "room_no": f"{i + 1}01"})
        services.archive.save_member(uid, {"name": f"业主{i}", "phone": f"1381234{i:04d}"})


@pytest.fixture
def sqlite_db(db):
    """The test's database, for tests of SQLite file backups (deselected on PostgreSQL by conftest)."""
    assert db.is_sqlite
    return db


def test_backup_then_restore_gives_identical_counts(services, sqlite_db, tmp_path):
    fill(services, 3)
    before = counts(sqlite_db)
    path = services.backup.create(tmp_path / "copy.db")
    fill(services, 5)
    services.archive.create_building("多余")
    assert counts(sqlite_db) != before
    safety = services.backup.restore(path)
    assert counts(sqlite_db) == before
    assert safety.exists() and inspect_backup(safety) == migrations.head_revision()
    # the safety copy holds what was there before the restore
    other = Database(f"sqlite:///{safety}")
    assert counts(other)[0] == before[0] + 2
    other.dispose()
    assert services.audit.search()[0].action == "restore"  # logged into the restored database


def test_backup_is_consistent_while_another_connection_writes(services, sqlite_db, tmp_path):
    fill(services, 2)
    before = counts(sqlite_db)
    writer = sqlite3.connect(sqlite_db.sqlite_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO buildings (name, notes, version) VALUES ('未提交', '', 1)")
    try:
        path = create_backup(sqlite_db, tmp_path / "online.db")  # does not wait for or include the open write
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = Database(f"sqlite:///{path}")
    assert counts(copy) == before
    with copy.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    copy.dispose()


def test_restore_refuses_garbage_and_foreign_files(services, sqlite_db, tmp_path):
    fill(services, 1)
    before = counts(sqlite_db)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ServiceError, match="不是 PropDesk 备份文件"):
        services.backup.restore(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(ServiceError, match="不是 PropDesk 数据库"):
        services.backup.restore(other)
    future = services.backup.create(tmp_path / "future.db")
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(ServiceError, match="更新版本"):
        services.backup.restore(future)
    truncated = tmp_path / "truncated.db"
    good = services.backup.create(tmp_path / "good.db")
    truncated.write_bytes(good.read_bytes()[: 4096 * 3])
    with pytest.raises(ServiceError, match="损坏|不是 PropDesk"):
        services.backup.restore(truncated)
    with pytest.raises(ServiceError, match="不存在"):
        services.backup.restore(tmp_path / "missing.db")
    assert counts(sqlite_db) == before


def test_a_backup_with_page_size_1024_restores(services, sqlite_db, tmp_path):
    fill(services)
    before = counts(sqlite_db)
    backup = create_backup(sqlite_db, tmp_path / "small-pages.db")
    conn = sqlite3.connect(backup)
    conn.execute("PRAGMA page_size=1024")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 1024
    conn.close()
    fill(services, 2)
    services.backup.restore(backup)
    assert counts(sqlite_db) == before
    assert not [p for p in (sqlite_db.sqlite_path.parent / "backups").iterdir() if p.name.endswith(".part")]


def test_daily_backup_once_a_day_keeping_thirty(sqlite_db):
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(35):
        assert daily_backup(sqlite_db, now=start + timedelta(days=day)) is not None
        assert daily_backup(sqlite_db, now=start + timedelta(days=day, hours=3)) is None  # second start that day
    folder = sqlite_db.sqlite_path.parent / "backups"
    kept = sorted(p.name for p in folder.iterdir() if p.name.startswith(DAILY_PREFIX))
    assert len(kept) == 30
    assert kept[0].startswith(f"{DAILY_PREFIX}20260106") and kept[-1].startswith(f"{DAILY_PREFIX}20260204")


def test_daily_backup_is_not_skipped_by_a_killed_one_and_cleans_its_leftovers(sqlite_db):
    import os

    from app.files import temp_name

    now = datetime(2026, 3, 1, 8, 0)
    folder = sqlite_db.sqlite_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    legacy = folder / f"{DAILY_PREFIX}20260301-075900.db.part"  # left by 0.1.0's backup killed this morning
    legacy.write_bytes(b"half")
    os.utime(legacy, (now.timestamp() - 3600,) * 2)
    stray = temp_name(folder / f"{DAILY_PREFIX}20260301-075959.db")
    stray = stray.with_name(stray.name.replace(f"-{os.getpid()}-", "-999999999-"))  # a writer long gone
    stray.write_bytes(b"half")
    made = daily_backup(sqlite_db, now=now)
    assert made is not None and made.name.startswith(f"{DAILY_PREFIX}20260301")
    assert inspect_backup(made)
    assert not legacy.exists() and not stray.exists()
    assert daily_backup(sqlite_db, now=now + timedelta(hours=1)) is None  # today's real one exists now


def test_daily_backup_never_raises(sqlite_db, monkeypatch):
    def broken(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr("app.services.backup.create_backup", broken)
    assert daily_backup(sqlite_db) is None


def test_a_backup_is_taken_before_a_migration(tmp_path):
    path = tmp_path / "old.db"
    db = Database(f"sqlite:///{path}")
    with db.engine.begin() as conn:
        cfg = migrations.alembic_config(db)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO buildings (name, notes, version) VALUES ('旧楼', '', 1)"))
    db.dispose()
    upgraded = open_database(f"sqlite:///{path}")
    assert migrations.current_revision(upgraded) == migrations.head_revision()
    upgraded.dispose()
    backups = list((tmp_path / "backups").glob("propdesk-before-upgrade-0003-*.db"))
    assert len(backups) == 1 and inspect_backup(backups[0]) == "0003"


def test_cli_backup_create_and_restore(services, sqlite_db, tmp_path, capsys, cli_user):
    fill(services, 2)
    me = cli_user(services)
    before = counts(sqlite_db)
    url = sqlite_db.url
    target = tmp_path / "cli.db"
    assert main(["--database", url, *me, "backup", "create", str(target)]) == 0
    assert "已备份到" in capsys.readouterr().out
    services.archive.create_building("新楼")
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    assert main(["--database", url, *me, "backup", "restore", str(junk)]) == 2
    assert "不是 PropDesk 备份文件" in capsys.readouterr().err
    assert main(["--database", url, *me, "backup", "restore", str(target)]) == 0
    assert "已从" in capsys.readouterr().out
    sqlite_db.dispose()
    assert counts(sqlite_db) == before
    assert main(["--database", url, "backup", "list"]) == 0
    assert "propdesk-before-restore-" in capsys.readouterr().out


@pytest.mark.postgres_only
def test_postgresql_backup_uses_pg_dump_or_says_why(db, tmp_path, monkeypatch, services):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(ServiceError, match="pg_dump"):
        create_backup(db, tmp_path / "x.dump")
    monkeypatch.undo()
    assert shutil.which("pg_dump"), "the postgresql package ships pg_dump"
    path = create_backup(db, tmp_path / "x.dump")
    assert path.stat().st_size > 0 and path.read_bytes()[:5] == b"PGDMP"
    with pytest.raises(ServiceError, match="pg_restore"):
        restore_backup(db, path)


@pytest.mark.postgres_only
def test_daily_backup_leaves_a_shared_server_to_its_own_backups(db):
    assert daily_backup(db) is None
