"""What the login window needs to know of the database, read with the standard library (issue 18).

The first start of the day used to import SQLAlchemy, every model and every service (about 0.8 s of CPU)
and open the database before the login window appeared. On the usual start — an SQLite file already at this
program's revision, with operators — three small reads are enough: the revision, whether any user exists and
the property's name. The window then shows at once and the database is opened behind it while the user
types. Anything else (another revision, a newer database, no users yet, PostgreSQL, an unreadable file) gets
``None`` and takes the usual path: migrate with its backup, refuse a newer database, run the set-up wizard.

No SQLAlchemy and no Qt here: ``tests/app/test_cli_startup.py`` checks what the login window imports.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PROPERTY_NAME = "未命名小区"  # the title of a property not named yet (app.services.property)
SQLITE_PREFIX = "sqlite:///"


@dataclass(frozen=True)
class LoginReady:
    """An SQLite database at this revision with operators: the login window may show before it is opened."""

    property_title: str  # as ``services.property.property_name()`` gives it


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL; None for any other (a driver, options, memory, escapes)."""
    if not url.startswith(SQLITE_PREFIX) or any(c in url for c in "?%#"):
        return None
    path = url[len(SQLITE_PREFIX):]
    return Path(path) if path not in ("", ":memory:") else None


def open_at_head(url: str | None) -> sqlite3.Connection | None:
    """The SQLite file of ``url`` (``--database``, else the usual one) opened with the standard library when
    it is at this program's revision (nothing to migrate); else None: the usual path opens it."""
    from app.db import resolve_url
    from app.migrations import head_revision

    path = sqlite_file(resolve_url(url))
    if path is None or not path.is_file():
        return None
    try:
        # mode=rw: never create a file (a WAL reader waits for no writer)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=15)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]:
            return conn
    except sqlite3.Error:  # not a database, no revision table, locked: the usual path says what is wrong
        pass
    conn.close()
    return None


def ready_for_login(url: str | None) -> LoginReady | None:
    """The login window can come first on ``url`` (``--database``, else the usual one); else None."""
    conn = open_at_head(url)
    if conn is None:
        return None
    try:  # reads only
        if conn.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone() != (1,):
            return None
        name = conn.execute("SELECT value FROM settings WHERE key = 'property.name'").fetchone()
    except sqlite3.Error:  # not a database, a table missing, locked: the usual path says what is wrong
        return None
    finally:
        conn.close()
    return LoginReady((name[0] if name else "") or DEFAULT_PROPERTY_NAME)
