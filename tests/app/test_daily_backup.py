"""The daily backup at scale (issue 18): copied in steps with the online backup API, so it can run in the
background after the login; restarts by other writers, a cancel and a failure are all handled."""

import logging
import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app import migrations
from app.errors import ServiceError
from app.models import Person
from app.progress import Cancelled, Progress
from app.services import backup
from app.services.backup import DAILY_PREFIX, backup_folder, inspect_backup, take_daily_backup

pytestmark = pytest.mark.sqlite_only
NOW = datetime(2026, 11, 30, 8, 0)


def add_people(services, n):
    b = services.archive.create_building(f"{len(services.archive.buildings()) + 1}栋")
    for i in range(n):
        uid = services.archive.save_unit({"building_id": b, "unit_no": "1", "room_no": f"{i + 1}01"})
        services.archive.save_member(uid, {"name": f"业主{i}", "phone": f"1381234{i:04d}"})


def people(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    finally:
        conn.close()


def daily_files(db):
    return sorted(p.name for p in backup_folder(db).iterdir())


def test_steps_restarted_by_other_writers_still_give_a_whole_current_copy(services, db, monkeypatch):
    add_people(services, 30)
    monkeypatch.setattr(backup, "STEP_PAGES", 1)  # every page a step: a write between two steps restarts
    seen, writes = [], []

    def step(done, total, _text=""):
        seen.append(done)
        if len(writes) < 6 and done == 2:  # another PC saves while the copy runs, six times
            add_people(services, 1)
            writes.append(done)

    path = take_daily_backup(db, NOW, progress=Progress(step))
    assert len(writes) > backup.MAX_RESTARTS  # more restarts than allowed: the rest went in one step
    assert any(later < earlier for earlier, later in zip(seen, seen[1:], strict=False))  # it did restart
    assert inspect_backup(path) == migrations.head_revision()
    with db.read_session() as s:
        assert people(path) == s.scalar(select(func.count()).select_from(Person)) == 30 + len(writes)


def test_a_cancelled_backup_leaves_no_file(services, db, monkeypatch):
    add_people(services, 10)
    monkeypatch.setattr(backup, "STEP_PAGES", 1)
    progress = Progress(lambda done, total, text: progress.cancel() if done >= 2 else None)
    with pytest.raises(Cancelled):
        take_daily_backup(db, NOW, progress=progress)
    assert daily_files(db) == []  # neither today's backup nor a temporary file
    made = take_daily_backup(db, NOW)  # the next start makes today's copy
    assert made.name.startswith(f"{DAILY_PREFIX}20261130") and inspect_backup(made)


def test_a_failed_daily_backup_is_logged_and_raised_as_a_sentence(db, monkeypatch, caplog):
    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "create_backup", full_disk)
    with caplog.at_level(logging.WARNING, logger="app.services.backup"), \
            pytest.raises(ServiceError, match="每日自动备份失败: .*No space left"):
        take_daily_backup(db, NOW)
    assert "每日自动备份失败" in caplog.text
    assert backup.daily_backup(db, NOW) is None  # the plain form never raises
