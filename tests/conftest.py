"""Shared fixtures: a freshly migrated database per test (SQLite by default, PostgreSQL when
``PROPDESK_TEST_DATABASE_URL`` is set), and services bound to any role."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: timings belong in bench/, and a loaded CI machine must not fail a correct property.
settings.register_profile("propdesk", deadline=None)
settings.load_profile("propdesk")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import text  # noqa: E402

from app.db import Database, open_database  # noqa: E402
from app.models import Role  # noqa: E402
from app.services import Services  # noqa: E402
from app.services.auth import permissions_for  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.users import seed_role_permissions  # noqa: E402

TEST_URL_ENV = "PROPDESK_TEST_DATABASE_URL"


def server_url() -> str | None:
    return os.environ.get(TEST_URL_ENV) or None


def pytest_collection_modifyitems(config, items):
    """Engine-specific tests are deselected (not skipped) on the other engine; ``sqlite_db`` implies SQLite."""
    unwanted = "sqlite_only" if server_url() else "postgres_only"
    keep, drop = [], []
    for item in items:
        is_sqlite_only = "sqlite_db" in getattr(item, "fixturenames", ())
        marked = item.get_closest_marker(unwanted) or (unwanted == "sqlite_only" and is_sqlite_only)
        (drop if marked else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> str:
    """Migrate once per run: an SQLite template file to copy, or the PostgreSQL test database itself."""
    url = server_url()
    if url:
        db = Database(url)
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        db.dispose()
        open_database(url).dispose()
        return url
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path}").dispose()
    return str(path)


def _fresh_database(template: str, folder: Path) -> Database:
    url = server_url()
    if url:
        db = Database(url)
        with db.engine.begin() as conn:
            names = [n for n in db.table_names() if n != "alembic_version"]
            conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
            seed_role_permissions(conn)  # migration-seeded grants, emptied by the TRUNCATE
        return db
    target = folder / "propdesk.db"
    shutil.copyfile(template, target)
    return open_database(f"sqlite:///{target}")


@pytest.fixture
def db(migrated_template, tmp_path) -> Database:
    database = _fresh_database(migrated_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def services(db) -> Services:
    """Services acting as the system (every permission)."""
    return Services.open(db)


def actor(role: str = Role.ADMIN, user_id: int | None = None, name: str | None = None) -> Actor:
    return Actor(user_id, name or role, name or role, role, permissions_for(role))


@pytest.fixture
def as_role(services):
    """``as_role("service")`` → Services acting as an operator of that role."""
    return lambda role, user_id=None: services.as_actor(actor(role, user_id))


CLI_TEST_USER = "tester"
CLI_TEST_PASSWORD = "tester-Pass-2026"


@pytest.fixture
def cli_user(monkeypatch):
    """``cli_user(services)`` → ``["--user", "tester"]`` after creating that user with ``role`` (admin by default)
    and putting the password in ``PROPDESK_PASSWORD``: prefix a CLI call with it to act as a signed-in person."""

    def make(services: Services, role: str = Role.ADMIN, username: str = CLI_TEST_USER) -> list[str]:
        if role != Role.ADMIN and not services.auth.has_users():  # the first account must be an administrator
            services.auth.create_user("first-admin", "first-admin", CLI_TEST_PASSWORD + "-admin", Role.ADMIN)
        services.auth.create_user(username, username, CLI_TEST_PASSWORD, role)
        monkeypatch.setenv("PROPDESK_PASSWORD", CLI_TEST_PASSWORD)
        return ["--user", username]

    return make


def demo_month(services: Services, months: int = 0) -> str:
    """The demo's current month ("YYYY-MM"), or the one ``months`` from it: the last month its fees were billed
    for, i.e. the month of the clock the demo was built with. A test on a demo built with the real clock takes
    its months from here, never from a fixed "2026-11" nor from today (the run may have crossed midnight)."""
    from app.services.fees_rules import add_months

    return add_months(services.billing.billed_periods()[0], months)


def database_at(url: str, revision: str) -> Database:
    """A new database migrated only to ``revision`` (e.g. "0005", release 0.1.0), to fill the old way and upgrade."""
    from alembic import command

    from app import migrations

    db = Database(url)
    with db.engine.begin() as conn:
        cfg = migrations.alembic_config(db)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return db
