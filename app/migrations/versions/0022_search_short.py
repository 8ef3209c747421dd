"""search_short: 1–2 character work-order searches through the trigram index (issue 18)

SQLite: ``workorders_fts`` indexes each searched column followed by two spaces (read from the view
``workorders_fts_text``, written so by its triggers), so every one or two characters of a number, contact,
phone, place, description or room start a trigram, as units' text does since 0019. ``workorders_fts_instance``
and ``units_fts_instance`` (fts5vocab, one row per occurrence of a trigram) list the rows holding any
trigram that starts with the typed characters, lazily: a rare 1–2 character search finds its rows there,
a common one proves its "1000+" there (``app.search.short_plan``). The work-order index is derived: it is
dropped and rebuilt from ``workorders`` (about a minute at a million orders). No row of any table changes. PostgreSQL: nothing (LIKE on the text, its
pg_trgm index serves 3+ characters).

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

COLUMNS = ["number", "contact_name", "contact_phone", "place", "description", "unit_text"]
_LIST = ", ".join(COLUMNS)
_TRIGGERS = ("workorders_fts_ai", "workorders_fts_ad", "workorders_fts_au")


def _values(prefix: str, end: str) -> str:
    return ", ".join(f"{prefix}{column}{end}" for column in COLUMNS)


def _fts(content: str, end: str) -> list[str]:
    """The index over ``content`` and its triggers, each value written as ``value || end`` (0017: end "")."""
    new, old = _values("new.", end), _values("old.", end)
    return [
        f"CREATE VIRTUAL TABLE workorders_fts USING fts5({_LIST}, content='{content}', content_rowid='id', "
        "tokenize='trigram')",
        f"CREATE TRIGGER workorders_fts_ai AFTER INSERT ON workorders BEGIN "
        f"INSERT INTO workorders_fts(rowid, {_LIST}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER workorders_fts_ad AFTER DELETE ON workorders BEGIN "
        f"INSERT INTO workorders_fts(workorders_fts, rowid, {_LIST}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER workorders_fts_au AFTER UPDATE OF {_LIST} ON workorders BEGIN "
        f"INSERT INTO workorders_fts(workorders_fts, rowid, {_LIST}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO workorders_fts(rowid, {_LIST}) VALUES (new.id, {new}); END",
        "INSERT INTO workorders_fts(workorders_fts) VALUES('rebuild')",
    ]


# Kept in step with the table: a later batch-mode ALTER of workorders drops these triggers and must run
# this again (docs/DEVELOPING.md, "Search index caveat").
WORKORDERS_FTS = [
    "CREATE VIEW workorders_fts_text AS SELECT id, " + ", ".join(f"{c} || '  ' AS {c}" for c in COLUMNS)
    + " FROM workorders",
    *_fts("workorders_fts_text", " || '  '"),
    "CREATE VIRTUAL TABLE workorders_fts_instance USING fts5vocab('workorders_fts', 'instance')",
]
UNITS_INSTANCE = "CREATE VIRTUAL TABLE units_fts_instance USING fts5vocab('units_fts', 'instance')"


def _drop(bind) -> None:
    for name in _TRIGGERS:
        bind.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))
    bind.execute(sa.text("DROP TABLE IF EXISTS workorders_fts_instance"))
    bind.execute(sa.text("DROP TABLE IF EXISTS workorders_fts"))
    bind.execute(sa.text("DROP VIEW IF EXISTS workorders_fts_text"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    _drop(bind)
    for statement in WORKORDERS_FTS:
        bind.execute(sa.text(statement))
    bind.execute(sa.text(UNITS_INSTANCE))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.execute(sa.text("DROP TABLE IF EXISTS units_fts_instance"))
    _drop(bind)
    for statement in _fts("workorders", ""):
        bind.execute(sa.text(statement))
