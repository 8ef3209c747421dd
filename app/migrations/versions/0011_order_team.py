"""order_team: the 秩序 tab registers (issue 16) — visitors, vehicle passes, patrols, duty log and handovers,
emergency plans and incidents, outages, violations, keys and parcels, and the shared training records;
grants of the new permission codes to the roles that hold them by default.

Revision ID: 0011
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The new codes and the roles that get them (a literal copy: migrations never import the live catalogue).
GRANTS = {
    "order.desk": ("manager", "security"),
    "order.setup": ("manager", "security"),
    "parking.collect": ("manager", "security"),
    "outage.edit": ("manager", "service", "engineering", "security"),
    "training.edit": ("manager", "engineering", "security", "environment"),
    "incident.review": ("manager",),
}


def upgrade() -> None:
    op.create_table(
        "duty_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_entries")),
    )
    op.create_index("ix_duty_entries_at", "duty_entries", ["at"], unique=False)
    op.create_table(
        "emergency_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=64), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("call_tree", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_plans")),
        sa.UniqueConstraint("title", name=op.f("uq_emergency_plans_title")),
    )
    op.create_table(
        "key_loans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_name", sa.String(length=64), nullable=False),
        sa.Column("borrower", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("lent_at", sa.DateTime(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("returned_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_loans")),
    )
    op.create_table(
        "outages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("buildings", sa.String(length=255), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("notice", sa.Text(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outages")),
    )
    op.create_index("ix_outages_ends_at", "outages", ["ends_at"], unique=False)
    op.create_table(
        "patrol_routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("window_start", sa.String(length=5), nullable=False),
        sa.Column("window_end", sa.String(length=5), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_routes")),
        sa.UniqueConstraint("name", name=op.f("uq_patrol_routes_name")),
    )
    op.create_table(
        "training_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=128), nullable=False),
        sa.Column("trainer", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_records")),
    )
    op.create_index("ix_training_records_team", "training_records", ["team", "held_on"], unique=False)
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("drill", sa.Boolean(), nullable=False),
        sa.Column("place", sa.String(length=128), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("people", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["emergency_plans.id"], name=op.f("fk_incidents_plan_id_emergency_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("number", name=op.f("uq_incidents_number")),
    )
    op.create_index("ix_incidents_started_at", "incidents", ["started_at"], unique=False)
    op.create_table(
        "patrol_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["route_id"], ["patrol_routes.id"], name=op.f("fk_patrol_checkpoints_route_id_patrol_routes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_checkpoints")),
    )
    op.create_index(op.f("ix_patrol_checkpoints_route_id"), "patrol_checkpoints", ["route_id"], unique=False)
    op.create_table(
        "patrol_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("guard_id", sa.Integer(), nullable=True),
        sa.Column("guard_name", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.Column("anomalies", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["guard_id"], ["staff.id"], name=op.f("fk_patrol_rounds_guard_id_staff")),
        sa.ForeignKeyConstraint(
            ["route_id"], ["patrol_routes.id"], name=op.f("fk_patrol_rounds_route_id_patrol_routes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_rounds")),
    )
    op.create_index(op.f("ix_patrol_rounds_route_id"), "patrol_rounds", ["route_id"], unique=False)
    op.create_index("ix_patrol_rounds_started_at", "patrol_rounds", ["started_at"], unique=False)
    op.create_table(
        "training_attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"], ["training_records.id"], name=op.f("fk_training_attendees_record_id_training_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendees")),
    )
    op.create_index(op.f("ix_training_attendees_record_id"), "training_attendees", ["record_id"], unique=False)
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("from_user_id", sa.Integer(), nullable=True),
        sa.Column("from_name", sa.String(length=64), nullable=False),
        sa.Column("matters", sa.Text(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_table(
        "incident_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_steps_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_steps")),
    )
    op.create_index(op.f("ix_incident_steps_incident_id"), "incident_steps", ["incident_id"], unique=False)
    op.create_table(
        "parcels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=64), nullable=False),
        sa.Column("carrier", sa.String(length=32), nullable=False),
        sa.Column("tracking_no", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("picked_up_at", sa.DateTime(), nullable=True),
        sa.Column("picked_up_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_parcels_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parcels")),
    )
    op.create_index(op.f("ix_parcels_unit_id"), "parcels", ["unit_id"], unique=False)
    op.create_table(
        "violations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("photos", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_violations_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violations")),
        sa.UniqueConstraint("number", name=op.f("uq_violations_number")),
    )
    op.create_index(op.f("ix_violations_stage"), "violations", ["stage"], unique=False)
    op.create_index(op.f("ix_violations_unit_id"), "violations", ["unit_id"], unique=False)
    op.create_table(
        "visitors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pass_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=False),
        sa.Column("companions", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_visitors_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visitors")),
        sa.UniqueConstraint("pass_no", name=op.f("uq_visitors_pass_no")),
    )
    op.create_index("ix_visitors_entered_at", "visitors", ["entered_at"], unique=False)
    op.create_index("ix_visitors_left_at", "visitors", ["left_at"], unique=False)
    op.create_index(op.f("ix_visitors_phone"), "visitors", ["phone"], unique=False)
    op.create_index(op.f("ix_visitors_unit_id"), "visitors", ["unit_id"], unique=False)
    op.create_table(
        "patrol_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("checkpoint_id", sa.Integer(), nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("anomaly", sa.Text(), nullable=False),
        sa.Column("workorder_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["checkpoint_id"], ["patrol_checkpoints.id"], name=op.f("fk_patrol_visits_checkpoint_id_patrol_checkpoints")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["patrol_rounds.id"], name=op.f("fk_patrol_visits_round_id_patrol_rounds")
        ),
        sa.ForeignKeyConstraint(
            ["workorder_id"], ["workorders.id"], name=op.f("fk_patrol_visits_workorder_id_workorders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_visits")),
    )
    op.create_index(op.f("ix_patrol_visits_round_id"), "patrol_visits", ["round_id"], unique=False)
    op.create_table(
        "violation_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("violation_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["violation_id"], ["violations.id"], name=op.f("fk_violation_actions_violation_id_violations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violation_actions")),
    )
    op.create_index(op.f("ix_violation_actions_violation_id"), "violation_actions", ["violation_id"], unique=False)
    op.create_table(
        "vehicle_passes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("fee", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("pay_method", sa.String(length=16), nullable=False),
        sa.Column("receipt_no", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicles.id"], name=op.f("fk_vehicle_passes_vehicle_id_vehicles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_passes")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_vehicle_passes_receipt_no")),
    )
    op.create_index("ix_vehicle_passes_entered_at", "vehicle_passes", ["entered_at"], unique=False)
    op.create_index("ix_vehicle_passes_plate", "vehicle_passes", ["plate"], unique=False)
    # 0004 seeds from the live defaults, so a fresh database may hold these already: insert what is missing.
    insert = sa.text(
        "INSERT INTO role_permissions (role, permission) SELECT :role, :code WHERE NOT EXISTS "
        "(SELECT 1 FROM role_permissions WHERE role = :role AND permission = :code)"
    )
    for code, roles in GRANTS.items():
        for role in roles:
            op.execute(insert.bindparams(role=role, code=code))


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM role_permissions WHERE permission IN (" + ", ".join(f"'{code}'" for code in GRANTS) + ")")
    )
    op.drop_index("ix_vehicle_passes_plate", table_name="vehicle_passes")
    op.drop_index("ix_vehicle_passes_entered_at", table_name="vehicle_passes")
    op.drop_table("vehicle_passes")
    op.drop_index(op.f("ix_violation_actions_violation_id"), table_name="violation_actions")
    op.drop_table("violation_actions")
    op.drop_index(op.f("ix_patrol_visits_round_id"), table_name="patrol_visits")
    op.drop_table("patrol_visits")
    op.drop_index(op.f("ix_visitors_unit_id"), table_name="visitors")
    op.drop_index(op.f("ix_visitors_phone"), table_name="visitors")
    op.drop_index("ix_visitors_left_at", table_name="visitors")
    op.drop_index("ix_visitors_entered_at", table_name="visitors")
    op.drop_table("visitors")
    op.drop_index(op.f("ix_violations_unit_id"), table_name="violations")
    op.drop_index(op.f("ix_violations_stage"), table_name="violations")
    op.drop_table("violations")
    op.drop_index(op.f("ix_parcels_unit_id"), table_name="parcels")
    op.drop_table("parcels")
    op.drop_index(op.f("ix_incident_steps_incident_id"), table_name="incident_steps")
    op.drop_table("incident_steps")
    op.drop_table("handovers")
    op.drop_index(op.f("ix_training_attendees_record_id"), table_name="training_attendees")
    op.drop_table("training_attendees")
    op.drop_index("ix_patrol_rounds_started_at", table_name="patrol_rounds")
    op.drop_index(op.f("ix_patrol_rounds_route_id"), table_name="patrol_rounds")
    op.drop_table("patrol_rounds")
    op.drop_index(op.f("ix_patrol_checkpoints_route_id"), table_name="patrol_checkpoints")
    op.drop_table("patrol_checkpoints")
    op.drop_index("ix_incidents_started_at", table_name="incidents")
    op.drop_table("incidents")
    op.drop_index("ix_training_records_team", table_name="training_records")
    op.drop_table("training_records")
    op.drop_table("patrol_routes")
    op.drop_index("ix_outages_ends_at", table_name="outages")
    op.drop_table("outages")
    op.drop_table("key_loans")
    op.drop_table("emergency_plans")
    op.drop_index("ix_duty_entries_at", table_name="duty_entries")
    op.drop_table("duty_entries")
