"""roster_index: what a roster import writes to the search index (issue 18)

Revision ID: 0026
Revises: 0025
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
