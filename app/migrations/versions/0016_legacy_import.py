"""legacy_import: switching from HC小区: legacy ID flags and kept columns (issue 19)

persons.gender (性别) and persons.id_unverified (身份证号 待核实: kept although its check digit fails),
units.inner_area (室内面积), buildings.has_elevator (是否有电梯). Plain ADD COLUMNs: on SQLite no table is
rebuilt, so the units_fts triggers of 0001 stay in place.

Revision ID: 0016
Revises: 0015
"""

from alembic import op
import sqlalchemy as sa

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("persons", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("gender", sa.String(length=4), server_default="", nullable=False))
        batch_op.add_column(sa.Column("id_unverified", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_persons_id_unverified"), ["id_unverified"], unique=False)
    with op.batch_alter_table("units", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("inner_area", sa.Numeric(precision=10, scale=2), nullable=True))
    with op.batch_alter_table("buildings", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("has_elevator", sa.Boolean(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (no rebuild), which keeps the units_fts triggers.
    op.drop_column("buildings", "has_elevator")
    op.drop_column("units", "inner_area")
    op.drop_index(op.f("ix_persons_id_unverified"), table_name="persons")
    op.drop_column("persons", "id_unverified")
    op.drop_column("persons", "gender")
