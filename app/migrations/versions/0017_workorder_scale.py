"""workorder_scale: work-order ranks, indexes and search at a million rows (issue 18)

- ``workorders.state_rank/priority_rank``: the list's enum orders as small integers (no CASE in ORDER BY);
  ``unit_text/unit_sort``: the unit's room code and sort key copied onto the order (no join to units).
- An index per sortable column of the work-order list and of the archive, the id last (keyset paging);
  the archive's room order is an expression index (``ix_units_code_order``).
- Work-order search: SQLite ``workorders_fts`` (FTS5 trigram over number, contact, phone, place,
  description and room, kept by triggers like ``units_fts``); PostgreSQL a pg_trgm GIN index on the same
  text when the extension can be created (else LIKE scans, like units).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# The enum orders as of this revision (app/models/workorders.py State, Priority).
STATES = ["received", "dispatched", "in_progress", "on_hold", "escalated", "completed", "visited", "archived",
          "cancelled"]
PRIORITIES = ["urgent", "high", "normal"]

SORT_INDEXES = {
    "ix_workorders_reported_id": ["reported_at", "id"],
    "ix_workorders_due_id": ["due_at", "id"],
    "ix_workorders_state_rank_id": ["state_rank", "id"],
    "ix_workorders_priority_rank_id": ["priority_rank", "id"],
    "ix_workorders_kind_id": ["kind", "id"],
    "ix_workorders_category_id": ["category", "id"],
    "ix_workorders_team_id": ["team", "id"],
    "ix_workorders_unit_sort_id": ["unit_sort", "id"],
    "ix_workorders_contact_name": ["contact_name", "reported_at", "id"],
    "ix_workorders_unit_text": ["unit_text"],
}
UNIT_INDEXES = {
    "ix_units_floor_id": ["floor", "id"],
    "ix_units_area_id": ["area", "id"],
    "ix_units_status_id": ["status", "id"],
}
UNIT_CODE_ORDER = "CREATE INDEX ix_units_code_order ON units (building_id, unit_no, length(room_no), room_no, id)"

FTS_COLUMNS = "number, contact_name, contact_phone, place, description, unit_text"
_NEW = ", ".join(f"new.{c.strip()}" for c in FTS_COLUMNS.split(","))
_OLD = ", ".join(f"old.{c.strip()}" for c in FTS_COLUMNS.split(","))
# Keep the same shape as UNITS_FTS (0001). A later batch-mode ALTER of workorders drops these triggers: it
# must create them again and rebuild (docs/DEVELOPING.md, "Search index caveat").
WORKORDERS_FTS = [
    f"CREATE VIRTUAL TABLE workorders_fts USING fts5({FTS_COLUMNS}, content='workorders', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER workorders_fts_ai AFTER INSERT ON workorders BEGIN "
    f"INSERT INTO workorders_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER workorders_fts_ad AFTER DELETE ON workorders BEGIN "
    f"INSERT INTO workorders_fts(workorders_fts, rowid, {FTS_COLUMNS}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER workorders_fts_au AFTER UPDATE OF {FTS_COLUMNS} ON workorders BEGIN "
    f"INSERT INTO workorders_fts(workorders_fts, rowid, {FTS_COLUMNS}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO workorders_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {_NEW}); END",
    "INSERT INTO workorders_fts(workorders_fts) VALUES('rebuild')",
]
# PostgreSQL: the text app/services/workorders.py searches (SEARCH_TEXT there), as a trigram GIN index.
PG_SEARCH_INDEX = ("CREATE INDEX ix_workorders_search_trgm ON workorders USING gin ((lower(number || ' ' || "
                   "contact_name || ' ' || contact_phone || ' ' || place || ' ' || description || ' ' || "
                   "unit_text)) gin_trgm_ops)")


def _case(column: str, codes: list[str]) -> str:
    whens = " ".join(f"WHEN '{code}' THEN {rank}" for rank, code in enumerate(codes))
    return f"CASE {column} {whens} ELSE {len(codes)} END"


def _backfill_unit_keys(bind) -> None:
    """Room code and sort key of every order's unit: worked out once per unit in Python (the building code
    rules live in app/search.py), 20,000 units at a time, then one UPDATE through a keyed scratch table."""
    from app.search import unit_code

    bind.execute(sa.text("CREATE TEMPORARY TABLE wo_unit_keys (unit_id INTEGER PRIMARY KEY, "
                         "unit_text VARCHAR(40) NOT NULL, unit_sort VARCHAR(48) NOT NULL)"))
    last = 0
    while rows := bind.execute(sa.text(
            "SELECT u.id, b.name, u.unit_no, u.room_no, u.building_id FROM units u JOIN buildings b "
            "ON b.id = u.building_id WHERE u.id > :last ORDER BY u.id LIMIT 20000"), {"last": last}).all():
        bind.execute(sa.text("INSERT INTO wo_unit_keys VALUES (:i, :t, :s)"), [
            {"i": uid, "t": unit_code(name, unit_no, room_no),
             "s": f"{building_id:08d} {unit_no} {len(room_no):03d} {room_no}"}
            for uid, name, unit_no, room_no, building_id in rows
        ])
        last = rows[-1][0]
    bind.execute(sa.text(
        "UPDATE workorders SET "
        "unit_text = (SELECT k.unit_text FROM wo_unit_keys k WHERE k.unit_id = workorders.unit_id), "
        "unit_sort = (SELECT k.unit_sort FROM wo_unit_keys k WHERE k.unit_id = workorders.unit_id) "
        "WHERE unit_id IS NOT NULL"))
    bind.execute(sa.text("DROP TABLE wo_unit_keys"))


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # Plain ADD COLUMNs (no batch): SQLite keeps the table, so no trigger of it is lost.
    op.add_column("workorders", sa.Column("state_rank", sa.SmallInteger(), server_default="0", nullable=False))
    op.add_column("workorders", sa.Column("priority_rank", sa.SmallInteger(), server_default="0", nullable=False))
    op.add_column("workorders", sa.Column("unit_text", sa.String(40), server_default="", nullable=False))
    op.add_column("workorders", sa.Column("unit_sort", sa.String(48), server_default="", nullable=False))
    bind.execute(sa.text(f"UPDATE workorders SET state_rank = {_case('state', STATES)}, "
                         f"priority_rank = {_case('priority', PRIORITIES)}"))
    _backfill_unit_keys(bind)

    op.drop_index("ix_workorders_reported_at", table_name="workorders")
    for name, columns in SORT_INDEXES.items():
        op.create_index(name, "workorders", columns)
    for name, columns in UNIT_INDEXES.items():
        op.create_index(name, "units", columns)
    bind.execute(sa.text(UNIT_CODE_ORDER))

    if sqlite:
        for statement in WORKORDERS_FTS:
            bind.execute(sa.text(statement))
    else:
        nested = bind.begin_nested()
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            nested.commit()
        except sa.exc.DBAPIError:  # not allowed to create it: searches scan, like units do on PostgreSQL
            nested.rollback()
        if bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first():
            bind.execute(sa.text(PG_SEARCH_INDEX))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("workorders_fts_ai", "workorders_fts_ad", "workorders_fts_au"):
            bind.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))
        bind.execute(sa.text("DROP TABLE IF EXISTS workorders_fts"))
    else:
        bind.execute(sa.text("DROP INDEX IF EXISTS ix_workorders_search_trgm"))
    op.drop_index("ix_units_code_order", table_name="units")
    for name in UNIT_INDEXES:
        op.drop_index(name, table_name="units")
    for name in SORT_INDEXES:
        op.drop_index(name, table_name="workorders")
    op.create_index("ix_workorders_reported_at", "workorders", ["reported_at"])
    with op.batch_alter_table("workorders") as batch:
        for column in ("unit_sort", "unit_text", "priority_rank", "state_rank"):
            batch.drop_column(column)
