"""workorder_flow: work orders as a supervisor runs them (issue 13)

Hold, return-visit attempts, rework, escalation level and repeat link on ``workorders``; the service
calendar (team hours and holidays) the deadlines count on.

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

STAMPS = (
    ("created_at", sa.DateTime(), dict(server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False)),
    ("created_by", sa.Integer(), dict(nullable=True)),
    ("updated_at", sa.DateTime(), dict(nullable=True)),
    ("updated_by", sa.Integer(), dict(nullable=True)),
)


def _stamps() -> list[sa.Column]:
    return [sa.Column(name, type_, **kw) for name, type_, kw in STAMPS]


def upgrade() -> None:
    op.create_table(
        "service_hours",
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=7), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("team", name=op.f("pk_service_hours")),
    )
    op.create_table(
        "service_holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("workday", sa.Boolean(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_service_holidays")),
    )
    with op.batch_alter_table("workorders") as batch:
        batch.add_column(sa.Column("clock_start", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("paused_minutes", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("held_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("hold_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("visit_attempts", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("next_visit_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("rework_count", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("escalation_level", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("escalated_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("repeat_of_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_workorders_repeat_of_id"), ["repeat_of_id"], unique=False)
        batch.create_foreign_key(batch.f("fk_workorders_repeat_of_id_workorders"), "workorders",
                                 ["repeat_of_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("workorders") as batch:
        batch.drop_constraint(batch.f("fk_workorders_repeat_of_id_workorders"), type_="foreignkey")
        batch.drop_index(batch.f("ix_workorders_repeat_of_id"))
        for name in ("repeat_of_id", "escalated_at", "escalation_level", "rework_count", "next_visit_at",
                     "visit_attempts", "hold_until", "held_at", "paused_minutes", "clock_start"):
            batch.drop_column(name)
    op.drop_table("service_holidays")
    op.drop_table("service_hours")
