"""month_end: month-end and the bank (issue 14) — closed periods (月结), meter changes (换表) and
meter rollover (fee_items.meter_max), and the fees.close/fees.reopen grants.
Adds only.

Revision ID: 0013
Revises: 0012
"""

from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

GRANTS = (("admin", "fees.close"), ("manager", "fees.close"), ("admin", "fees.reopen"))


def upgrade() -> None:
    op.create_table(
        "fee_period_closes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_by_name", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by_name", sa.String(length=64), nullable=False),
        sa.Column("reopen_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_period_closes")),
        sa.UniqueConstraint("period", name=op.f("uq_fee_period_closes_period")),
    )
    op.create_table(
        "meter_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("old_final", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("new_start", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["fee_items.id"], name=op.f("fk_meter_changes_item_id_fee_items")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_meter_changes_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_changes")),
        sa.UniqueConstraint("item_id", "unit_id", "period", name=op.f("uq_meter_changes_item_id_unit_id_period")),
    )
    op.create_index(op.f("ix_meter_changes_unit_id"), "meter_changes", ["unit_id"], unique=False)
    with op.batch_alter_table("fee_items", recreate="never") as batch_op:  # a plain ADD COLUMN
        batch_op.add_column(sa.Column("meter_max", sa.Numeric(precision=12, scale=2), nullable=True))
    # 0004 seeds the grants from app.permissions as it is now, so a new database may have them already.
    for role, code in GRANTS:
        op.execute(
            "INSERT INTO role_permissions (role, permission) SELECT '%s', '%s' WHERE NOT EXISTS "
            "(SELECT 1 FROM role_permissions WHERE role = '%s' AND permission = '%s')" % (role, code, role, code)
        )


def downgrade() -> None:
    op.execute("DELETE FROM role_permissions WHERE permission IN ('fees.close', 'fees.reopen')")
    with op.batch_alter_table("fee_items") as batch_op:
        batch_op.drop_column("meter_max")
    op.drop_index(op.f("ix_meter_changes_unit_id"), table_name="meter_changes")
    op.drop_table("meter_changes")
    op.drop_table("fee_period_closes")
