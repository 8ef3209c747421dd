"""workorders: orders, their history and materials, deadline rules, number sequences

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.Column('updated_by', sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('sequences',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_sequences'))
    )
    op.create_table('workorder_deadlines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('response_minutes', sa.Integer(), nullable=False),
    sa.Column('complete_minutes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workorder_deadlines')),
    sa.UniqueConstraint('category', 'priority', name=op.f('uq_workorder_deadlines_category_priority'))
    )
    op.create_table('workorders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('location', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('team', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=64), nullable=False),
    sa.Column('contact_phone', sa.String(length=32), nullable=False),
    sa.Column('place', sa.String(length=128), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('respond_by', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('dispatched_at', sa.DateTime(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('visited_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('work_notes', sa.Text(), nullable=False),
    sa.Column('labour_fee', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('material_fee', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('visit_comment', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('chase_count', sa.Integer(), nullable=False),
    *_stamps(),
    sa.ForeignKeyConstraint(['assignee_id'], ['staff.id'], name=op.f('fk_workorders_assignee_id_staff')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_workorders_person_id_persons')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_workorders_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workorders')),
    sa.UniqueConstraint('number', name=op.f('uq_workorders_number'))
    )
    with op.batch_alter_table('workorders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workorders_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workorders_reported_at'), ['reported_at'], unique=False)
        batch_op.create_index('ix_workorders_state_due', ['state', 'due_at'], unique=False)
        batch_op.create_index('ix_workorders_team_state', ['team', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_workorders_unit_id'), ['unit_id'], unique=False)

    op.create_table('workorder_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workorder_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=True),
    sa.Column('to_state', sa.String(length=16), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['staff.id'], name=op.f('fk_workorder_events_assignee_id_staff')),
    sa.ForeignKeyConstraint(['workorder_id'], ['workorders.id'], name=op.f('fk_workorder_events_workorder_id_workorders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workorder_events'))
    )
    with op.batch_alter_table('workorder_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workorder_events_workorder_id'), ['workorder_id'], unique=False)

    op.create_table('workorder_materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workorder_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('unit', sa.String(length=8), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['workorder_id'], ['workorders.id'], name=op.f('fk_workorder_materials_workorder_id_workorders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workorder_materials'))
    )
    with op.batch_alter_table('workorder_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workorder_materials_workorder_id'), ['workorder_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('workorder_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workorder_materials_workorder_id'))
    op.drop_table('workorder_materials')
    with op.batch_alter_table('workorder_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workorder_events_workorder_id'))
    op.drop_table('workorder_events')
    with op.batch_alter_table('workorders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workorders_unit_id'))
        batch_op.drop_index('ix_workorders_team_state')
        batch_op.drop_index('ix_workorders_state_due')
        batch_op.drop_index(batch_op.f('ix_workorders_reported_at'))
        batch_op.drop_index(batch_op.f('ix_workorders_assignee_id'))
    op.drop_table('workorders')
    op.drop_table('workorder_deadlines')
    op.drop_table('sequences')
