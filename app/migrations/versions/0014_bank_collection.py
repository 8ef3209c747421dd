"""bank_collection: bank collection files, 银行托收 (issue 14) — withholding agreements (代扣协议), the banks'
file layouts, the collection batches and their rows, and the bank.view/bank.collect grants. Adds only.

Revision ID: 0014
Revises: 0013
"""

from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

GRANTS = (("admin", "bank.view"), ("admin", "bank.collect"), ("manager", "bank.view"), ("manager", "bank.collect"))


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "bank_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("account_no", sa.String(length=32), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=False),
        sa.Column("active_until", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_bank_agreements_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_agreements")),
    )
    op.create_index("ix_bank_agreements_unit", "bank_agreements", ["unit_id"], unique=False)
    op.create_table(
        "bank_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("success_values", sa.String(length=128), nullable=False),
        sa.Column("fail_values", sa.String(length=128), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_profiles")),
        sa.UniqueConstraint("name", name=op.f("uq_bank_profiles_name")),
    )
    op.create_table(
        "bank_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("profile", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("exported_by_name", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("imported_by_name", sa.String(length=64), nullable=False),
        sa.Column("result_file", sa.String(length=255), nullable=False),
        sa.Column("result_sha256", sa.String(length=64), nullable=False),
        sa.Column("succeeded", sa.Integer(), nullable=False),
        sa.Column("succeeded_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_batches")),
        sa.UniqueConstraint("number", name=op.f("uq_bank_batches_number")),
    )
    op.create_index("ix_bank_batches_period", "bank_batches", ["period"], unique=False)
    op.create_table(
        "bank_batch_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("bank", sa.String(length=64), nullable=False),
        sa.Column("account_no", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agreement_id"], ["bank_agreements.id"],
                                name=op.f("fk_bank_batch_rows_agreement_id_bank_agreements")),
        sa.ForeignKeyConstraint(["batch_id"], ["bank_batches.id"], name=op.f("fk_bank_batch_rows_batch_id_bank_batches")),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"], name=op.f("fk_bank_batch_rows_payment_id_payments")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_bank_batch_rows_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_batch_rows")),
        sa.UniqueConstraint("batch_id", "row_no", name=op.f("uq_bank_batch_rows_batch_id_row_no")),
    )
    op.create_index("ix_bank_batch_rows_unit", "bank_batch_rows", ["unit_id"], unique=False)
    # 0004 seeds the grants from app.permissions as it is now, so a new database may have them already.
    for role, code in GRANTS:
        op.execute(
            "INSERT INTO role_permissions (role, permission) SELECT '%s', '%s' WHERE NOT EXISTS "
            "(SELECT 1 FROM role_permissions WHERE role = '%s' AND permission = '%s')" % (role, code, role, code)
        )


def downgrade() -> None:
    op.execute("DELETE FROM role_permissions WHERE permission IN ('bank.view', 'bank.collect')")
    op.drop_index("ix_bank_batch_rows_unit", table_name="bank_batch_rows")
    op.drop_table("bank_batch_rows")
    op.drop_index("ix_bank_batches_period", table_name="bank_batches")
    op.drop_table("bank_batches")
    op.drop_table("bank_profiles")
    op.drop_index("ix_bank_agreements_unit", table_name="bank_agreements")
    op.drop_table("bank_agreements")
