"""roster_store: what every stored person and unit paid for and nothing read (issue 18)

Measured on a roster import of 10,000 rows (SQLite, the import's statements replayed with each index dropped
in turn), and checked against the plan of every statement the test suite sends to these tables:
- ``ix_units_building_id``: ``uq_units_building_id_unit_no_room_no`` and ``ix_units_code_order`` both start
  with ``building_id`` and serve every look-up by building (about 4 ms of CPU per 10,000 rows);
- ``ix_persons_name``, ``ix_persons_phone``: no statement looks people up or sorts them by name or phone
  (the one-box search reads ``units.search_text``; people are reached by id or through ``occupancies``),
  about 7 ms each;
- ``ix_persons_id_unverified`` (every person, on a flag that is almost always false) becomes
  ``ix_persons_unverified_name``: only the people whose ID number is 待核实, by name — what the 待核实 list
  and the archive's 待核实 filter read (their ``id_unverified IS 1`` / ``IS true`` is the index's condition);
- ``units_fts`` (SQLite) is made again with ``columnsize=0``: FTS5 then keeps no per-row token count (the
  ``units_fts_docsize`` table, one more row written for every unit indexed, about 6 ms per 10,000), which
  only bm25/xColumnSize read — nothing here ranks. MATCH and ``units_fts_instance`` read the index alone, so
  every search finds what it found. The index is derived: rebuilt from ``units`` (about 13 s per million
  units); the triggers of 0001 stay as they are (they name the table, which is made again under that name);
- ``units_fts_vocab`` (SQLite, 0019): nothing reads it since 0022 (``units_fts_instance``). It cost nothing
  to write (fts5vocab is a read-only view of the index); dropped as unused.

No row of any table changes.

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

DROPPED = [("ix_units_building_id", "units", ["building_id"]), ("ix_persons_name", "persons", ["name"]),
           ("ix_persons_phone", "persons", ["phone"]), ("ix_persons_id_unverified", "persons", ["id_unverified"])]
UNVERIFIED = {"sqlite_where": sa.text("id_unverified IS 1"), "postgresql_where": sa.text("id_unverified IS true")}
UNITS_VOCAB = "CREATE VIRTUAL TABLE units_fts_vocab USING fts5vocab('units_fts', 'row')"
UNITS_INSTANCE = "CREATE VIRTUAL TABLE units_fts_instance USING fts5vocab('units_fts', 'instance')"
# The units' search index as it is from here on (its triggers are 0001's UNITS_FTS, unchanged).
UNITS_FTS_TABLE = ("CREATE VIRTUAL TABLE units_fts USING fts5(search_text, content='units', content_rowid='id', "
                   "tokenize='trigram', columnsize=0)")
_OLD_FTS_TABLE = UNITS_FTS_TABLE.replace(", columnsize=0", "")


def _remake_index(table_sql: str) -> None:
    """``units_fts`` dropped and made by ``table_sql``, filled from ``units``; its fts5vocab view again."""
    op.execute("DROP TABLE IF EXISTS units_fts_instance")
    op.execute("DROP TABLE units_fts")
    op.execute(table_sql)
    op.execute("INSERT INTO units_fts(units_fts) VALUES('rebuild')")
    op.execute(UNITS_INSTANCE)


def upgrade() -> None:
    for name, table, _columns in DROPPED:
        op.drop_index(name, table_name=table)
    op.create_index("ix_persons_unverified_name", "persons", ["name"], **UNVERIFIED)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS units_fts_vocab")
        _remake_index(UNITS_FTS_TABLE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _remake_index(_OLD_FTS_TABLE)
        op.execute(UNITS_VOCAB)
    op.drop_index("ix_persons_unverified_name", table_name="persons")
    for name, table, columns in DROPPED:
        op.create_index(name, table, columns)
