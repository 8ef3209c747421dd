"""workorder_summaries: work-order figures at a million orders (issue 18)

The dashboard's open and overdue orders by team read one covering index (state, team and the three times
of the overdue test) instead of every open order's row. An index only: the figures stay live.

Revision ID: 0021
Revises: 0020
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_workorders_open_team", "workorders",
                    ["state", "team", "due_at", "respond_by", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_workorders_open_team", "workorders")
