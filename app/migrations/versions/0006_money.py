"""money: money an accountant signs off (issue 9) — charge dates on units, waivers (减免), refunds (退款),
closed cash-ups (日结), and the fees.waive grant. Adds only; every 0.1.0 row is kept as it was.

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    # Plain ADD COLUMNs (no table rebuild on SQLite), so the units_fts triggers of 0001 stay in place.
    with op.batch_alter_table("units", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("charge_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("charge_end", sa.Date(), nullable=True))
    op.create_table(
        "fee_waivers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_by_name", sa.String(length=64), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["line_id"], ["bill_lines.id"], name=op.f("fk_fee_waivers_line_id_bill_lines")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_fee_waivers_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_waivers")),
    )
    op.create_index("ix_fee_waivers_unit", "fee_waivers", ["unit_id"])
    with op.batch_alter_table("allocations") as batch_op:
        batch_op.add_column(sa.Column("waiver_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_allocations_waiver_id_fee_waivers"), "fee_waivers",
                                    ["waiver_id"], ["id"])
    op.create_table(
        "fee_refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voucher_no", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("payee", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refunded_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=64), nullable=False),
        sa.Column("prepaid_entry_id", sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(["prepaid_entry_id"], ["prepaid_entries.id"],
                                name=op.f("fk_fee_refunds_prepaid_entry_id_prepaid_entries")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_fee_refunds_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_refunds")),
        sa.UniqueConstraint("voucher_no", name=op.f("uq_fee_refunds_voucher_no")),
    )
    op.create_index("ix_fee_refunds_unit", "fee_refunds", ["unit_id"])
    op.create_index("ix_fee_refunds_at", "fee_refunds", ["refunded_at"])
    op.create_table(
        "cashup_closes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_by_name", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cashup_closes")),
        sa.UniqueConstraint("day", name=op.f("uq_cashup_closes_day")),
    )
    # 0004 seeds the grants from app.permissions as it is now, so a new database may have them already.
    for role in ("admin", "manager"):
        op.execute(
            "INSERT INTO role_permissions (role, permission) SELECT '%s', 'fees.waive' WHERE NOT EXISTS "
            "(SELECT 1 FROM role_permissions WHERE role = '%s' AND permission = 'fees.waive')" % (role, role)
        )


def downgrade() -> None:
    op.execute("DELETE FROM role_permissions WHERE permission = 'fees.waive'")
    op.drop_table("cashup_closes")
    op.drop_index("ix_fee_refunds_at", table_name="fee_refunds")
    op.drop_index("ix_fee_refunds_unit", table_name="fee_refunds")
    op.drop_table("fee_refunds")
    with op.batch_alter_table("allocations") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_allocations_waiver_id_fee_waivers"), type_="foreignkey")
        batch_op.drop_column("waiver_id")
    op.drop_index("ix_fee_waivers_unit", table_name="fee_waivers")
    op.drop_table("fee_waivers")
    with op.batch_alter_table("units") as batch_op:
        batch_op.drop_column("charge_end")
        batch_op.drop_column("charge_start")
