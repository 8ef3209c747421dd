"""fees: fee items, meter readings, bills and lines, payments, allocations, prepaid ledger, reminders

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fee_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('unit_label', sa.String(length=16), nullable=False),
    sa.Column('cycle', sa.String(length=16), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('vacant_rate', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('late_fee_daily_rate', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('late_fee_grace_days', sa.Integer(), nullable=False),
    sa.Column('late_fee_cap_rate', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_items')),
    sa.UniqueConstraint('name', name=op.f('uq_fee_items_name'))
    )
    op.create_table('bills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('paid', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bills_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bills')),
    sa.UniqueConstraint('unit_id', 'period', name=op.f('uq_bills_unit_id_period'))
    )
    with op.batch_alter_table('bills', schema=None) as batch_op:
        batch_op.create_index('ix_bills_period', ['period'], unique=False)

    op.create_table('fee_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.Integer(), nullable=True),
    sa.Column('by_name', sa.String(length=64), nullable=False),
    sa.Column('arrears', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('promised_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_fee_reminders_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_reminders'))
    )
    with op.batch_alter_table('fee_reminders', schema=None) as batch_op:
        batch_op.create_index('ix_fee_reminders_unit', ['unit_id'], unique=False)

    op.create_table('meter_readings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('reading', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['fee_items.id'], name=op.f('fk_meter_readings_item_id_fee_items')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_meter_readings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter_readings')),
    sa.UniqueConstraint('item_id', 'unit_id', 'period', name=op.f('uq_meter_readings_item_id_unit_id_period'))
    )
    with op.batch_alter_table('meter_readings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meter_readings_unit_id'), ['unit_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('payer', sa.String(length=64), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('prepaid_used', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.Integer(), nullable=True),
    sa.Column('voided_by_name', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_payments_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('receipt_no', name=op.f('uq_payments_receipt_no'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index('ix_payments_paid_at', ['paid_at'], unique=False)
        batch_op.create_index('ix_payments_unit', ['unit_id'], unique=False)

    op.create_table('bill_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bill_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('late_fee', sa.Boolean(), nullable=False),
    sa.Column('source_line_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('factor', sa.Numeric(precision=9, scale=6), nullable=False),
    sa.Column('description', sa.String(length=128), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('paid', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['bill_id'], ['bills.id'], name=op.f('fk_bill_lines_bill_id_bills')),
    sa.ForeignKeyConstraint(['item_id'], ['fee_items.id'], name=op.f('fk_bill_lines_item_id_fee_items')),
    sa.ForeignKeyConstraint(['source_line_id'], ['bill_lines.id'], name=op.f('fk_bill_lines_source_line_id_bill_lines')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bill_lines_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bill_lines'))
    )
    with op.batch_alter_table('bill_lines', schema=None) as batch_op:
        batch_op.create_index('ix_bill_lines_bill', ['bill_id'], unique=False)
        batch_op.create_index('ix_bill_lines_period_item', ['period', 'item_id'], unique=False)
        batch_op.create_index('ix_bill_lines_unit_period', ['unit_id', 'period'], unique=False)

    op.create_table('fee_item_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('use', sa.String(length=16), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('space_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_fee_item_targets_building_id_buildings')),
    sa.ForeignKeyConstraint(['item_id'], ['fee_items.id'], name=op.f('fk_fee_item_targets_item_id_fee_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['space_id'], ['parking_spaces.id'], name=op.f('fk_fee_item_targets_space_id_parking_spaces')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_fee_item_targets_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_item_targets'))
    )
    with op.batch_alter_table('fee_item_targets', schema=None) as batch_op:
        batch_op.create_index('ix_fee_item_targets_item', ['item_id'], unique=False)

    op.create_table('prepaid_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_prepaid_entries_payment_id_payments')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_prepaid_entries_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prepaid_entries'))
    )
    with op.batch_alter_table('prepaid_entries', schema=None) as batch_op:
        batch_op.create_index('ix_prepaid_entries_unit', ['unit_id'], unique=False)

    op.create_table('allocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('prepaid_entry_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['bill_lines.id'], name=op.f('fk_allocations_line_id_bill_lines')),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_allocations_payment_id_payments')),
    sa.ForeignKeyConstraint(['prepaid_entry_id'], ['prepaid_entries.id'], name=op.f('fk_allocations_prepaid_entry_id_prepaid_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocations'))
    )
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.create_index('ix_allocations_line', ['line_id'], unique=False)
        batch_op.create_index('ix_allocations_payment', ['payment_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.drop_index('ix_allocations_payment')
        batch_op.drop_index('ix_allocations_line')

    op.drop_table('allocations')
    with op.batch_alter_table('prepaid_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_prepaid_entries_unit')

    op.drop_table('prepaid_entries')
    with op.batch_alter_table('fee_item_targets', schema=None) as batch_op:
        batch_op.drop_index('ix_fee_item_targets_item')

    op.drop_table('fee_item_targets')
    with op.batch_alter_table('bill_lines', schema=None) as batch_op:
        batch_op.drop_index('ix_bill_lines_unit_period')
        batch_op.drop_index('ix_bill_lines_period_item')
        batch_op.drop_index('ix_bill_lines_bill')

    op.drop_table('bill_lines')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index('ix_payments_unit')
        batch_op.drop_index('ix_payments_paid_at')

    op.drop_table('payments')
    with op.batch_alter_table('meter_readings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meter_readings_unit_id'))

    op.drop_table('meter_readings')
    with op.batch_alter_table('fee_reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_fee_reminders_unit')

    op.drop_table('fee_reminders')
    with op.batch_alter_table('bills', schema=None) as batch_op:
        batch_op.drop_index('ix_bills_period')

    op.drop_table('bills')
    op.drop_table('fee_items')
