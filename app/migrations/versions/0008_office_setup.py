"""office_setup: a real office from day one (issue 11) — staff's outsourced company, required positions per
team, and the "settings.manage" right (物业设置) for managers.

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NEW_GRANTS = [("manager", "settings.manage")]


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("company", sa.String(length=64), server_default="", nullable=False))
    op.create_table(
        "staff_positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("required", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_positions")),
        sa.UniqueConstraint("team", "name", name=op.f("uq_staff_positions_team_name")),
    )
    # 0004 seeds the grants from the live defaults, so a fresh database may already hold these
    for role, permission in NEW_GRANTS:
        op.execute(sa.text(
            "INSERT INTO role_permissions (role, permission) SELECT :role, :permission WHERE NOT EXISTS "
            "(SELECT 1 FROM role_permissions WHERE role = :role AND permission = :permission)"
        ).bindparams(role=role, permission=permission))


def downgrade() -> None:
    for role, permission in NEW_GRANTS:
        op.execute(sa.text("DELETE FROM role_permissions WHERE role = :role AND permission = :permission")
                   .bindparams(role=role, permission=permission))
    op.drop_table("staff_positions")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("company")
