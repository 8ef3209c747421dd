"""report_scale: dashboard, reports and exports at a million rows (issue 18)

Indexes only: the collection sums read a covering index of bill lines, the open lines (arrears, aging,
notices) a partial one (amount > paid), 减免 its own partial one, the day's voids (日结) one; the dashboard's
work-order figures read covering indexes (reported/visited/completed times, state + escalation level) and
the events' (action, at).

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


OWING = sa.text("amount > paid")
WAIVED = sa.text("waiver_id IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_bill_lines_period_sums", "bill_lines", ["period", "item_id", "late_fee", "amount", "paid"])
    op.create_index("ix_bill_lines_owing", "bill_lines", ["unit_id", "period", "bill_id", "amount", "paid"],
                    sqlite_where=OWING, postgresql_where=OWING)
    op.create_index("ix_allocations_waived", "allocations", ["line_id", "amount", "voided"],
                    sqlite_where=WAIVED, postgresql_where=WAIVED)
    op.create_index("ix_payments_voided_at", "payments", ["voided_at"])
    op.create_index("ix_workorders_reported_kind", "workorders", ["reported_at", "kind"])
    op.create_index("ix_workorders_visited_score", "workorders", ["visited_at", "satisfaction"])
    op.create_index("ix_workorders_completed_due", "workorders", ["completed_at", "due_at", "team"])
    op.create_index("ix_workorders_state_escalation", "workorders", ["state", "escalation_level"])
    op.create_index("ix_workorder_events_action_at", "workorder_events", ["action", "at", "workorder_id"])


def downgrade() -> None:
    op.drop_index("ix_workorder_events_action_at", "workorder_events")
    op.drop_index("ix_workorders_state_escalation", "workorders")
    op.drop_index("ix_workorders_completed_due", "workorders")
    op.drop_index("ix_workorders_visited_score", "workorders")
    op.drop_index("ix_workorders_reported_kind", "workorders")
    op.drop_index("ix_payments_voided_at", "payments")
    op.drop_index("ix_allocations_waived", "allocations")
    op.drop_index("ix_bill_lines_owing", "bill_lines")
    op.drop_index("ix_bill_lines_period_sums", "bill_lines")
