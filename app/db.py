"""Engine and session factory: URL resolution, SQLite pragmas, migrations on open, version guard."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy loads when a database is opened: the login window shows before it (issue 18)
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

ENV_URL = "PROPDESK_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("PropDesk", appauthor=False))


def resolve_url(explicit: str | None = None) -> str:
    """``--database`` wins, then ``PROPDESK_DATABASE_URL``, then an SQLite file in the user data folder."""
    if explicit:
        return explicit
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'propdesk.db'}"


def sqlite_pragmas(file: bool) -> list[str]:
    """Every connection's settings: foreign keys, a busy timeout, WAL (a file's), full sync."""
    return ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=15000", *(["PRAGMA journal_mode=WAL"] if file else []),
            "PRAGMA synchronous=FULL"]


CHUNK = 500  # values in one IN list (far below SQLite's and PostgreSQL's limits on bound values)


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in slices of ``size``: the IN lists of a long list of ids."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def page_cache(conn, kib: int | None) -> Iterator[None]:
    """SQLite: this connection's page cache set to ``kib`` KiB for the block, then restored (``None``, or
    another engine: left as it is)."""
    if kib is None or conn.dialect.name != "sqlite":
        yield
        return
    usual = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(usual)}")


def _install_sqlite_pragmas(engine: Engine) -> None:
    """Foreign keys, WAL, a busy timeout and full sync; explicit BEGIN so SQLite transactions are real."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see on_begin)
        cur = dbapi_conn.cursor()
        for pragma in sqlite_pragmas(engine.url.database not in (None, "", ":memory:")):
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn):
        # Write transactions take the write lock up front: no deadlock when two PCs read then write.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """An opened database: the engine, and sessions for reading and for writing."""

    def __init__(self, url: str, *, echo: bool = False):
        from sqlalchemy import create_engine
        from sqlalchemy.orm import sessionmaker

        self.url = url
        self.engine = create_engine(url, echo=echo, future=True)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
            write_bind = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        else:
            write_bind = self.engine
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(write_bind, expire_on_commit=False)

    @property
    def display_url(self) -> str:
        """The URL without its password, for the status bar and ``db info``."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def sqlite_path(self) -> Path | None:
        if self.is_sqlite and self.engine.url.database not in (None, "", ":memory:"):
            return Path(self.engine.url.database)
        return None

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """One transaction that commits on success and rolls back on any error."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        with self._read_sessions() as session, session.begin():
            yield session

    def table_names(self) -> list[str]:
        from sqlalchemy import inspect

        return sorted(inspect(self.engine).get_table_names())

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to this app's head; refuse a newer database."""
    from app import migrations

    db = Database(resolve_url(url))
    if db.sqlite_path is not None:
        db.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    migrations.check_not_newer(db)
    if migrate:
        migrations.upgrade(db)
    return db
