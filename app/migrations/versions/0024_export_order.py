"""export_order: what the roster export reads in order (issue 18)

Revision ID: 0024
Revises: 0023
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
