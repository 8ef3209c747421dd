"""environment_management: the 环境 tab and the manager's office (issue 17)

Cleaning plans/tasks, inspections and scoring sheets, garbage records, greening tasks; annual plan targets,
cost entries, the relations log, community activities and owner surveys; and the grants of the new
permission codes for databases that already exist.

Revision ID: 0012
Revises: 0011
"""

from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ['activities', 'cleaning_score_items', 'cost_entries', 'garbage_records', 'plan_targets', 'relation_contacts', 'surveys', 'cleaning_plans', 'greening_tasks', 'activity_signups', 'cleaning_tasks', 'cleaning_inspections', 'survey_responses', 'cleaning_inspection_scores', 'survey_answers']

# Grants as shipped in 0.2 (a fresh database got them from 0004's copy of the defaults already).
NEW_GRANTS = {
    "admin": ("environment.record", "environment.inspect", "management.plan", "management.report",
              "relations.edit", "community.edit"),
    "manager": ("environment.record", "environment.inspect", "management.plan", "management.report",
                "relations.edit", "community.edit"),
    "service": ("community.edit",),
    "environment": ("environment.record", "environment.inspect"),
}


def upgrade() -> None:
    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('time_text', sa.String(length=32), nullable=False),
    sa.Column('place', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('cost', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('photos', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activities_day'), ['day'], unique=False)

    op.create_table('cleaning_score_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cleaning_score_items'))
    )
    with op.batch_alter_table('cleaning_score_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cleaning_score_items_area'), ['area'], unique=False)

    op.create_table('cost_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('vendor', sa.String(length=64), nullable=False),
    sa.Column('import_batch', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_entries'))
    )
    with op.batch_alter_table('cost_entries', schema=None) as batch_op:
        batch_op.create_index('ix_cost_entries_day_category', ['day', 'category'], unique=False)

    op.create_table('garbage_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('weight_kg', sa.Numeric(precision=10, scale=1), nullable=False),
    sa.Column('bins', sa.Integer(), nullable=False),
    sa.Column('company', sa.String(length=64), nullable=False),
    sa.Column('signed_by', sa.String(length=32), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_garbage_records'))
    )
    with op.batch_alter_table('garbage_records', schema=None) as batch_op:
        batch_op.create_index('ix_garbage_records_day_kind', ['day', 'kind'], unique=False)

    op.create_table('plan_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('metric', sa.String(length=32), nullable=False),
    sa.Column('target', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_targets')),
    sa.UniqueConstraint('year', 'metric', name=op.f('uq_plan_targets_year_metric'))
    )
    op.create_table('relation_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('party', sa.String(length=16), nullable=False),
    sa.Column('organisation', sa.String(length=64), nullable=False),
    sa.Column('people', sa.String(length=128), nullable=False),
    sa.Column('subject', sa.String(length=128), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.String(length=200), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relation_contacts'))
    )
    with op.batch_alter_table('relation_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relation_contacts_day'), ['day'], unique=False)

    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('topics', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys'))
    )
    op.create_table('cleaning_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('place', sa.String(length=64), nullable=False),
    sa.Column('frequency', sa.String(length=12), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('company', sa.String(length=64), nullable=False),
    sa.Column('duties', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_cleaning_plans_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cleaning_plans'))
    )
    with op.batch_alter_table('cleaning_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cleaning_plans_area'), ['area'], unique=False)

    op.create_table('greening_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('season', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('place', sa.String(length=64), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('agent', sa.String(length=64), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_greening_tasks_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_greening_tasks'))
    )
    with op.batch_alter_table('greening_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_greening_tasks_planned_on'), ['planned_on'], unique=False)

    op.create_table('activity_signups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_signups_activity_id_activities')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_activity_signups_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_signups'))
    )
    with op.batch_alter_table('activity_signups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_signups_activity_id'), ['activity_id'], unique=False)

    op.create_table('cleaning_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['cleaning_plans.id'], name=op.f('fk_cleaning_tasks_plan_id_cleaning_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cleaning_tasks')),
    sa.UniqueConstraint('plan_id', 'day', name=op.f('uq_cleaning_tasks_plan_id_day'))
    )
    with op.batch_alter_table('cleaning_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cleaning_tasks_day'), ['day'], unique=False)

    op.create_table('cleaning_inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('place', sa.String(length=64), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('company', sa.String(length=64), nullable=False),
    sa.Column('inspector', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Numeric(precision=5, scale=1), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('reinspection_of', sa.Integer(), nullable=True),
    sa.Column('photos', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['cleaning_plans.id'], name=op.f('fk_cleaning_inspections_plan_id_cleaning_plans')),
    sa.ForeignKeyConstraint(['reinspection_of'], ['cleaning_inspections.id'], name=op.f('fk_cleaning_inspections_reinspection_of_cleaning_inspections')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_cleaning_inspections_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cleaning_inspections'))
    )
    with op.batch_alter_table('cleaning_inspections', schema=None) as batch_op:
        batch_op.create_index('ix_cleaning_inspections_day_area', ['day', 'area'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('comment', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_survey_responses_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('survey_id', 'unit_id', name=op.f('uq_survey_responses_survey_id_unit_id'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_survey_id'), ['survey_id'], unique=False)

    op.create_table('cleaning_inspection_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['cleaning_inspections.id'], name=op.f('fk_cleaning_inspection_scores_inspection_id_cleaning_inspections')),
    sa.ForeignKeyConstraint(['item_id'], ['cleaning_score_items.id'], name=op.f('fk_cleaning_inspection_scores_item_id_cleaning_score_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cleaning_inspection_scores'))
    )
    with op.batch_alter_table('cleaning_inspection_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cleaning_inspection_scores_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('survey_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_answers_response_id_survey_responses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers'))
    )
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answers_response_id'), ['response_id'], unique=False)

    grants = sa.table("role_permissions", sa.column("role", sa.String), sa.column("permission", sa.String))
    bind = op.get_bind()
    have = {(r, p) for r, p in bind.execute(sa.select(grants.c.role, grants.c.permission))}
    missing = [{"role": r, "permission": p} for r, codes in NEW_GRANTS.items() for p in codes if (r, p) not in have]
    if missing:
        op.bulk_insert(grants, missing)


def downgrade() -> None:
    grants = sa.table("role_permissions", sa.column("permission", sa.String))
    codes = sorted({p for codes in NEW_GRANTS.values() for p in codes})
    op.execute(grants.delete().where(grants.c.permission.in_(codes)))
    for name in reversed(TABLES):
        op.drop_table(name)
