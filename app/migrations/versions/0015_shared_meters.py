"""shared_meters: shared meters (公摊) — master meters, their scope units and readings, and the bill lines
each apportionment posted (issue 14). Adds only.

Revision ID: 0015
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

STAMPS = (
    ("created_at", lambda: sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                                     nullable=False)),
    ("created_by", lambda: sa.Column("created_by", sa.Integer(), nullable=True)),
    ("updated_at", lambda: sa.Column("updated_at", sa.DateTime(), nullable=True)),
    ("updated_by", lambda: sa.Column("updated_by", sa.Integer(), nullable=True)),
)


def _stamps() -> list[sa.Column]:
    return [make() for _, make in STAMPS]


def upgrade() -> None:
    op.create_table(
        "shared_meters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("sub_item_id", sa.Integer(), nullable=True),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("building_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["building_id"], ["buildings.id"], name=op.f("fk_shared_meters_building_id_buildings")),
        sa.ForeignKeyConstraint(["item_id"], ["fee_items.id"], name=op.f("fk_shared_meters_item_id_fee_items")),
        sa.ForeignKeyConstraint(["sub_item_id"], ["fee_items.id"],
                                name=op.f("fk_shared_meters_sub_item_id_fee_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_meters")),
        sa.UniqueConstraint("name", name=op.f("uq_shared_meters_name")),
    )
    op.create_table(
        "shared_meter_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meter_id"], ["shared_meters.id"], ondelete="CASCADE",
                                name=op.f("fk_shared_meter_units_meter_id_shared_meters")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_shared_meter_units_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_meter_units")),
        sa.UniqueConstraint("meter_id", "unit_id", name=op.f("uq_shared_meter_units_meter_id_unit_id")),
    )
    op.create_table(
        "shared_meter_readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("reading", sa.Numeric(precision=12, scale=2), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(["meter_id"], ["shared_meters.id"],
                                name=op.f("fk_shared_meter_readings_meter_id_shared_meters")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_meter_readings")),
        sa.UniqueConstraint("meter_id", "period", name=op.f("uq_shared_meter_readings_meter_id_period")),
    )
    op.create_table(
        "shared_meter_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["line_id"], ["bill_lines.id"], name=op.f("fk_shared_meter_lines_line_id_bill_lines")),
        sa.ForeignKeyConstraint(["meter_id"], ["shared_meters.id"],
                                name=op.f("fk_shared_meter_lines_meter_id_shared_meters")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_shared_meter_lines_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_meter_lines")),
        sa.UniqueConstraint("line_id", name=op.f("uq_shared_meter_lines_line_id")),
        sa.UniqueConstraint("meter_id", "period", "unit_id",
                            name=op.f("uq_shared_meter_lines_meter_id_period_unit_id")),
    )


def downgrade() -> None:
    op.drop_table("shared_meter_lines")
    op.drop_table("shared_meter_readings")
    op.drop_table("shared_meter_units")
    op.drop_table("shared_meters")
