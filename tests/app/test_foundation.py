"""Database opening and migrations, operators and login, the command line."""

import sqlite3
from datetime import datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app import migrations
from app.cli import main
from app.db import Database, open_database, resolve_url
from app.errors import DatabaseError, FieldError, ServiceError
from app.models import Base
from app.services import Services
from app.services.context import ServiceContext


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")  # 0017's
def test_migrations_match_the_models(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": migrations.include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_fresh_sqlite_file_gets_pragmas_and_head(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'new.db'}")
    assert migrations.current_revision(db) == migrations.head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_database_newer_than_the_app_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DatabaseError, match="比本程序新"):
        open_database(f"sqlite:///{path}")


def test_url_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("PROPDESK_DATABASE_URL", "sqlite:///from-env.db")
    assert resolve_url("sqlite:///explicit.db") == "sqlite:///explicit.db"
    assert resolve_url(None) == "sqlite:///from-env.db"
    monkeypatch.delenv("PROPDESK_DATABASE_URL")
    monkeypatch.setattr("app.db.default_data_dir", lambda: tmp_path / "data")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'propdesk.db'}"


def test_first_user_must_be_admin_then_login(services):
    assert not services.auth.has_users()
    with pytest.raises(FieldError, match="系统管理员"):
        services.auth.create_user("kefu", "前台", "secret1", "service")
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    actor = services.auth.login("admin", "secret1")
    assert actor.role == "admin" and "users.manage" in actor.permissions
    with pytest.raises(ServiceError, match="用户名或密码错误"):
        services.auth.login("admin", "wrong")


def test_short_password_is_refused(services):
    with pytest.raises(FieldError, match="密码至少"):
        services.auth.create_user("admin", "管理员", "123", "admin")


def test_repeated_wrong_passwords_lock_the_account(db):
    now = datetime(2026, 11, 28, 9, 0)
    services = Services(ServiceContext(db, clock=lambda: now))
    services.auth.create_user("admin", "管理员", "secret1", "admin")
    for _ in range(5):
        with pytest.raises(ServiceError):
            services.auth.login("admin", "bad")
    with pytest.raises(ServiceError, match="锁定"):
        services.auth.login("admin", "secret1")
    later = Services(ServiceContext(db, clock=lambda: now + timedelta(minutes=16)))
    assert later.auth.login("admin", "secret1").username == "admin"


@pytest.mark.slow
def test_cli_demo_then_info(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["--database", url, "demo"]) == 0
    out = capsys.readouterr().out
    assert "admin" in out and "密码" in out
    assert main(["--database", url, "db", "info"]) == 0
    info = capsys.readouterr().out
    units = next(line for line in info.splitlines() if "units" in line)
    assert int(units.split()[-1]) >= 900
    assert main(["--database", url, "demo"]) == 1  # never over existing data


def test_database_display_url_hides_password():
    db = Database("postgresql+psycopg://user:secret@localhost/propdesk")
    assert "secret" not in db.display_url


def test_unexpected_cli_error_is_one_sentence_and_logged(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("app.crashlog.default_data_dir", lambda: tmp_path)

    def explode(_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("app.commands.db.info", explode)
    assert main(["--database", f"sqlite:///{tmp_path / 'x.db'}", "db", "info"]) == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "disk on fire" in err and "Traceback" not in err
    assert "RuntimeError: disk on fire" in (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
