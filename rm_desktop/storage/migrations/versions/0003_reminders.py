"""reminders: appointments, custom reminders and reminder states

Adds ``appointments`` (timed, maybe repeating meetings), ``custom_reminders`` (dated reminders
the RM types in) and ``reminder_states`` (snooze / dismiss / done by reminder key). Additive
only: no existing table is touched.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('appointments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('rrule', sa.Text(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_appointments_client_id_clients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments'))
    )
    op.create_index(op.f('ix_appointments_start'), 'appointments', ['start'], unique=False)
    op.create_index(op.f('ix_appointments_client_id'), 'appointments', ['client_id'], unique=False)

    op.create_table('custom_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('rrule', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_custom_reminders_client_id_clients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_reminders'))
    )
    op.create_index(op.f('ix_custom_reminders_start'), 'custom_reminders', ['start'], unique=False)
    op.create_index(op.f('ix_custom_reminders_client_id'), 'custom_reminders', ['client_id'], unique=False)

    op.create_table('reminder_states',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('snoozed_until', sa.Date(), nullable=True),
    sa.Column('shown_on', sa.Date(), nullable=True),
    sa.Column('dismissed_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_reminder_states'))
    )


def downgrade() -> None:
    op.drop_table('reminder_states')
    op.drop_index(op.f('ix_custom_reminders_client_id'), table_name='custom_reminders')
    op.drop_index(op.f('ix_custom_reminders_start'), table_name='custom_reminders')
    op.drop_table('custom_reminders')
    op.drop_index(op.f('ix_appointments_client_id'), table_name='appointments')
    op.drop_index(op.f('ix_appointments_start'), table_name='appointments')
    op.drop_table('appointments')
