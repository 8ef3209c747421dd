"""search_scale: short searches at a million rows (issue 18)

Every unit's ``search_text`` ends with two spaces (``app.search.unit_search_text``), so every one or two
characters of it start a trigram of ``units_fts``; ``units_fts_vocab`` (SQLite) lists those trigrams, and a
rare 1–2 character search finds its units through the index instead of scanning a million rows.

Revision ID: 0019
Revises: 0018
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE units SET search_text = rtrim(search_text, ' ') || '  ' WHERE search_text NOT LIKE '%  '")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE units_fts_vocab USING fts5vocab('units_fts', 'row')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS units_fts_vocab")
    op.execute("UPDATE units SET search_text = rtrim(search_text, ' ') WHERE search_text LIKE '%  '")
