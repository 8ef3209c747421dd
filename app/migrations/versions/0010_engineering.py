"""engineering: the 工程 tab registers (issue 15) — work-order links, equipment, maintenance, stock…

Revision ID: 0010
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Grants of the new permissions (frozen here: later edits of the defaults do not change this revision).
GRANTS = {
    "manager": ("equipment.view", "equipment.manage", "maintenance.record", "repairplan.approve", "inventory.view",
                "inventory.manage"),
    "engineering": ("equipment.view", "equipment.manage", "maintenance.record", "inventory.view",
                    "inventory.manage"),
    "environment": ("inventory.view", "inventory.manage"),
}


def _grant() -> None:
    """Insert the grants a database does not hold yet (0004 seeds from the current defaults)."""
    bind = op.get_bind()
    held = set(bind.execute(sa.text("SELECT role, permission FROM role_permissions")).all())
    table = sa.table("role_permissions", sa.column("role", sa.String), sa.column("permission", sa.String))
    rows = [{"role": role, "permission": code} for role, codes in GRANTS.items() for code in codes
            if (role, code) not in held]
    if rows:
        op.bulk_insert(table, rows)


def _create_registers() -> None:
    op.create_table("stock_items",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=32), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("spec", sa.String(length=64), nullable=False),
    sa.Column("unit", sa.String(length=8), nullable=False),
    sa.Column("category", sa.String(length=16), nullable=False),
    sa.Column("warehouse", sa.String(length=16), nullable=False),
    sa.Column("min_quantity", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("quantity", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("value", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_items")),
    sa.UniqueConstraint("code", name=op.f("uq_stock_items_code"))
    )
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_items_warehouse"), ["warehouse"], unique=False)

    op.create_table("stocktakes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("warehouse", sa.String(length=16), nullable=False),
    sa.Column("taken_on", sa.Date(), nullable=False),
    sa.Column("closed", sa.Boolean(), nullable=False),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktakes"))
    )
    op.create_table("vendors",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("system", sa.String(length=16), nullable=False),
    sa.Column("scope", sa.String(length=128), nullable=False),
    sa.Column("contact", sa.String(length=64), nullable=False),
    sa.Column("phone", sa.String(length=32), nullable=False),
    sa.Column("contract_no", sa.String(length=32), nullable=False),
    sa.Column("contract_start", sa.Date(), nullable=True),
    sa.Column("contract_end", sa.Date(), nullable=True),
    sa.Column("contract_amount", sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_vendors")),
    sa.UniqueConstraint("name", name=op.f("uq_vendors_name"))
    )
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vendors_contract_end"), ["contract_end"], unique=False)

    op.create_table("equipment",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=32), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("system", sa.String(length=16), nullable=False),
    sa.Column("location", sa.String(length=128), nullable=False),
    sa.Column("model", sa.String(length=64), nullable=False),
    sa.Column("maker", sa.String(length=64), nullable=False),
    sa.Column("installed_on", sa.Date(), nullable=True),
    sa.Column("warranty_until", sa.Date(), nullable=True),
    sa.Column("vendor_id", sa.Integer(), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["vendor_id"], ["vendors.id"], name=op.f("fk_equipment_vendor_id_vendors")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment")),
    sa.UniqueConstraint("code", name=op.f("uq_equipment_code"))
    )
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equipment_system"), ["system"], unique=False)
        batch_op.create_index(batch_op.f("ix_equipment_vendor_id"), ["vendor_id"], unique=False)

    op.create_table("stocktake_lines",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("stocktake_id", sa.Integer(), nullable=False),
    sa.Column("item_id", sa.Integer(), nullable=False),
    sa.Column("book_quantity", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("counted", sa.Numeric(precision=12, scale=2), nullable=True),
    sa.ForeignKeyConstraint(["item_id"], ["stock_items.id"], name=op.f("fk_stocktake_lines_item_id_stock_items")),
    sa.ForeignKeyConstraint(["stocktake_id"], ["stocktakes.id"], name=op.f("fk_stocktake_lines_stocktake_id_stocktakes")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake_lines"))
    )
    with op.batch_alter_table("stocktake_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stocktake_lines_stocktake_id"), ["stocktake_id"], unique=False)

    op.create_table("tool_loans",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("item_id", sa.Integer(), nullable=False),
    sa.Column("borrower", sa.String(length=64), nullable=False),
    sa.Column("quantity", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("lent_on", sa.Date(), nullable=False),
    sa.Column("due_on", sa.Date(), nullable=True),
    sa.Column("returned_on", sa.Date(), nullable=True),
    sa.Column("note", sa.String(length=200), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["item_id"], ["stock_items.id"], name=op.f("fk_tool_loans_item_id_stock_items")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_loans"))
    )
    with op.batch_alter_table("tool_loans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tool_loans_item_id"), ["item_id"], unique=False)

    op.create_table("equipment_logs",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("equipment_id", sa.Integer(), nullable=False),
    sa.Column("logged_on", sa.Date(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("summary", sa.String(length=200), nullable=False),
    sa.Column("cost", sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["equipment_id"], ["equipment.id"], name=op.f("fk_equipment_logs_equipment_id_equipment")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_logs"))
    )
    with op.batch_alter_table("equipment_logs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equipment_logs_equipment_id"), ["equipment_id"], unique=False)

    op.create_table("pm_plans",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("equipment_id", sa.Integer(), nullable=True),
    sa.Column("system", sa.String(length=16), nullable=False),
    sa.Column("frequency", sa.String(length=16), nullable=False),
    sa.Column("interval_days", sa.Integer(), nullable=True),
    sa.Column("checklist", sa.Text(), nullable=False),
    sa.Column("assignee_id", sa.Integer(), nullable=True),
    sa.Column("start_on", sa.Date(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["assignee_id"], ["staff.id"], name=op.f("fk_pm_plans_assignee_id_staff")),
    sa.ForeignKeyConstraint(["equipment_id"], ["equipment.id"], name=op.f("fk_pm_plans_equipment_id_equipment")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_pm_plans"))
    )
    with op.batch_alter_table("pm_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pm_plans_equipment_id"), ["equipment_id"], unique=False)

    op.create_table("repair_plans",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=128), nullable=False),
    sa.Column("scale", sa.String(length=16), nullable=False),
    sa.Column("system", sa.String(length=16), nullable=False),
    sa.Column("equipment_id", sa.Integer(), nullable=True),
    sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("planned_start", sa.Date(), nullable=True),
    sa.Column("planned_end", sa.Date(), nullable=True),
    sa.Column("state", sa.String(length=16), nullable=False),
    sa.Column("approved_by", sa.String(length=64), nullable=False),
    sa.Column("approved_at", sa.DateTime(), nullable=True),
    sa.Column("actual_cost", sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column("accepted_on", sa.Date(), nullable=True),
    sa.Column("acceptance_note", sa.Text(), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["equipment_id"], ["equipment.id"], name=op.f("fk_repair_plans_equipment_id_equipment")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_repair_plans"))
    )
    with op.batch_alter_table("repair_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_repair_plans_equipment_id"), ["equipment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_repair_plans_year"), ["year"], unique=False)

    op.create_table("takeover_inspections",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("building_id", sa.Integer(), nullable=False),
    sa.Column("unit_id", sa.Integer(), nullable=True),
    sa.Column("inspected_on", sa.Date(), nullable=False),
    sa.Column("developer", sa.String(length=64), nullable=False),
    sa.Column("inspector", sa.String(length=64), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["building_id"], ["buildings.id"], name=op.f("fk_takeover_inspections_building_id_buildings")),
    sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_takeover_inspections_unit_id_units")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_takeover_inspections"))
    )
    with op.batch_alter_table("takeover_inspections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_takeover_inspections_building_id"), ["building_id"], unique=False)

    op.create_table("vendor_visits",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("vendor_id", sa.Integer(), nullable=False),
    sa.Column("equipment_id", sa.Integer(), nullable=True),
    sa.Column("visited_on", sa.Date(), nullable=False),
    sa.Column("technician", sa.String(length=64), nullable=False),
    sa.Column("work", sa.String(length=500), nullable=False),
    sa.Column("accepted", sa.Boolean(), nullable=False),
    sa.Column("accepted_by", sa.String(length=64), nullable=False),
    sa.Column("accepted_on", sa.Date(), nullable=True),
    sa.Column("rating", sa.Integer(), nullable=True),
    sa.Column("acceptance_note", sa.String(length=500), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["equipment_id"], ["equipment.id"], name=op.f("fk_vendor_visits_equipment_id_equipment")),
    sa.ForeignKeyConstraint(["vendor_id"], ["vendors.id"], name=op.f("fk_vendor_visits_vendor_id_vendors")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_visits"))
    )
    with op.batch_alter_table("vendor_visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vendor_visits_equipment_id"), ["equipment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vendor_visits_vendor_id"), ["vendor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vendor_visits_visited_on"), ["visited_on"], unique=False)

    op.create_table("pm_tasks",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("plan_id", sa.Integer(), nullable=False),
    sa.Column("equipment_id", sa.Integer(), nullable=True),
    sa.Column("due_on", sa.Date(), nullable=False),
    sa.Column("assignee_id", sa.Integer(), nullable=True),
    sa.Column("state", sa.String(length=16), nullable=False),
    sa.Column("done_at", sa.DateTime(), nullable=True),
    sa.Column("done_by", sa.String(length=64), nullable=False),
    sa.Column("anomalies", sa.Integer(), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["assignee_id"], ["staff.id"], name=op.f("fk_pm_tasks_assignee_id_staff")),
    sa.ForeignKeyConstraint(["equipment_id"], ["equipment.id"], name=op.f("fk_pm_tasks_equipment_id_equipment")),
    sa.ForeignKeyConstraint(["plan_id"], ["pm_plans.id"], name=op.f("fk_pm_tasks_plan_id_pm_plans")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_pm_tasks")),
    sa.UniqueConstraint("plan_id", "due_on", name=op.f("uq_pm_tasks_plan_id_due_on"))
    )
    with op.batch_alter_table("pm_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pm_tasks_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pm_tasks_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_pm_tasks_equipment_id"), ["equipment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pm_tasks_plan_id"), ["plan_id"], unique=False)

    op.create_table("takeover_checks",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("inspection_id", sa.Integer(), nullable=False),
    sa.Column("area", sa.String(length=16), nullable=False),
    sa.Column("point", sa.String(length=128), nullable=False),
    sa.Column("ok", sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(["inspection_id"], ["takeover_inspections.id"], name=op.f("fk_takeover_checks_inspection_id_takeover_inspections")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_takeover_checks"))
    )
    with op.batch_alter_table("takeover_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_takeover_checks_inspection_id"), ["inspection_id"], unique=False)

    op.create_table("takeover_defects",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("inspection_id", sa.Integer(), nullable=False),
    sa.Column("area", sa.String(length=16), nullable=False),
    sa.Column("location", sa.String(length=128), nullable=False),
    sa.Column("description", sa.String(length=500), nullable=False),
    sa.Column("photo_path", sa.String(length=255), nullable=False),
    sa.Column("responsible", sa.String(length=64), nullable=False),
    sa.Column("deadline", sa.Date(), nullable=True),
    sa.Column("state", sa.String(length=16), nullable=False),
    sa.Column("reinspections", sa.Integer(), nullable=False),
    sa.Column("last_reinspected_on", sa.Date(), nullable=True),
    sa.Column("reinspection_note", sa.String(length=500), nullable=False),
    sa.Column("signed_off_on", sa.Date(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["inspection_id"], ["takeover_inspections.id"], name=op.f("fk_takeover_defects_inspection_id_takeover_inspections")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_takeover_defects"))
    )
    with op.batch_alter_table("takeover_defects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_takeover_defects_inspection_id"), ["inspection_id"], unique=False)

    op.create_table("pm_task_points",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("task_id", sa.Integer(), nullable=False),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("point", sa.String(length=200), nullable=False),
    sa.Column("ok", sa.Boolean(), nullable=False),
    sa.Column("note", sa.String(length=200), nullable=False),
    sa.Column("photo_path", sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(["task_id"], ["pm_tasks.id"], name=op.f("fk_pm_task_points_task_id_pm_tasks")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_pm_task_points"))
    )
    with op.batch_alter_table("pm_task_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pm_task_points_task_id"), ["task_id"], unique=False)

    op.create_table("stock_moves",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("item_id", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("quantity", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("price", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column("workorder_id", sa.Integer(), nullable=True),
    sa.Column("pm_task_id", sa.Integer(), nullable=True),
    sa.Column("person", sa.String(length=64), nullable=False),
    sa.Column("stocktake_id", sa.Integer(), nullable=True),
    sa.Column("note", sa.String(length=200), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("updated_at", sa.DateTime(), nullable=True),
    sa.Column("updated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["item_id"], ["stock_items.id"], name=op.f("fk_stock_moves_item_id_stock_items")),
    sa.ForeignKeyConstraint(["pm_task_id"], ["pm_tasks.id"], name=op.f("fk_stock_moves_pm_task_id_pm_tasks")),
    sa.ForeignKeyConstraint(["stocktake_id"], ["stocktakes.id"], name=op.f("fk_stock_moves_stocktake_id_stocktakes")),
    sa.ForeignKeyConstraint(["workorder_id"], ["workorders.id"], name=op.f("fk_stock_moves_workorder_id_workorders")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_moves"))
    )
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_moves_at"), ["at"], unique=False)
        batch_op.create_index("ix_stock_moves_item_at", ["item_id", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_moves_workorder_id"), ["workorder_id"], unique=False)



def _drop_registers() -> None:
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_moves_workorder_id"))
        batch_op.drop_index("ix_stock_moves_item_at")
        batch_op.drop_index(batch_op.f("ix_stock_moves_at"))

    op.drop_table("stock_moves")
    with op.batch_alter_table("pm_task_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pm_task_points_task_id"))

    op.drop_table("pm_task_points")
    with op.batch_alter_table("takeover_defects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_takeover_defects_inspection_id"))

    op.drop_table("takeover_defects")
    with op.batch_alter_table("takeover_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_takeover_checks_inspection_id"))

    op.drop_table("takeover_checks")
    with op.batch_alter_table("pm_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pm_tasks_plan_id"))
        batch_op.drop_index(batch_op.f("ix_pm_tasks_equipment_id"))
        batch_op.drop_index(batch_op.f("ix_pm_tasks_due_on"))
        batch_op.drop_index(batch_op.f("ix_pm_tasks_assignee_id"))

    op.drop_table("pm_tasks")
    with op.batch_alter_table("vendor_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_visits_visited_on"))
        batch_op.drop_index(batch_op.f("ix_vendor_visits_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_vendor_visits_equipment_id"))

    op.drop_table("vendor_visits")
    with op.batch_alter_table("takeover_inspections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_takeover_inspections_building_id"))

    op.drop_table("takeover_inspections")
    with op.batch_alter_table("repair_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_repair_plans_year"))
        batch_op.drop_index(batch_op.f("ix_repair_plans_equipment_id"))

    op.drop_table("repair_plans")
    with op.batch_alter_table("pm_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pm_plans_equipment_id"))

    op.drop_table("pm_plans")
    with op.batch_alter_table("equipment_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equipment_logs_equipment_id"))

    op.drop_table("equipment_logs")
    with op.batch_alter_table("tool_loans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_loans_item_id"))

    op.drop_table("tool_loans")
    with op.batch_alter_table("stocktake_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stocktake_lines_stocktake_id"))

    op.drop_table("stocktake_lines")
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equipment_vendor_id"))
        batch_op.drop_index(batch_op.f("ix_equipment_system"))

    op.drop_table("equipment")
    with op.batch_alter_table("vendors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendors_contract_end"))

    op.drop_table("vendors")
    op.drop_table("stocktakes")
    with op.batch_alter_table("stock_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_items_warehouse"))

    op.drop_table("stock_items")


def upgrade() -> None:
    op.create_table(
        "workorder_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workorder_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["workorder_id"], ["workorders.id"],
                                name=op.f("fk_workorder_links_workorder_id_workorders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workorder_links")),
    )
    with op.batch_alter_table("workorder_links", schema=None) as batch_op:
        batch_op.create_index("ix_workorder_links_entity", ["entity", "entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_workorder_links_workorder_id"), ["workorder_id"], unique=False)
    _create_registers()
    _grant()


def downgrade() -> None:
    codes = sorted({code for codes in GRANTS.values() for code in codes})
    op.execute(sa.text("DELETE FROM role_permissions WHERE permission IN :codes")
               .bindparams(sa.bindparam("codes", codes, expanding=True)))
    _drop_registers()
    with op.batch_alter_table("workorder_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workorder_links_workorder_id"))
        batch_op.drop_index("ix_workorder_links_entity")
    op.drop_table("workorder_links")
