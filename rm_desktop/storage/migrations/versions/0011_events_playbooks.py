"""events and playbooks: salons with their invitations, playbook copies, runs and dated steps

Adds ``events``, ``event_invitations``, ``playbooks``, ``playbook_runs`` and
``playbook_steps`` (storage/models_events.py). Additive only: no existing table is touched.

Revision ID: 0011_events_playbooks
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0011_events_playbooks'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_starts_at'), 'events', ['starts_at'], unique=False)

    op.create_table('event_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('waitlisted', sa.Boolean(), nullable=False),
    sa.Column('invited_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_invitations_event_id_events'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_event_invitations_client_id_clients'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_event_invitations_contact_id_contacts'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_invitations')),
    sa.UniqueConstraint('event_id', 'client_id', name=op.f('uq_event_invitations_event_id'))
    )
    op.create_index(op.f('ix_event_invitations_client_id'), 'event_invitations', ['client_id'], unique=False)

    op.create_table('playbooks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('start_label', sa.String(length=100), nullable=False),
    sa.Column('steps', sa.Text(), nullable=False),
    sa.Column('copied_from', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_playbooks'))
    )

    op.create_table('playbook_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('anchor', sa.String(length=40), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_playbook_runs_client_id_clients'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_playbook_runs_event_id_events'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_playbook_runs')),
    sa.UniqueConstraint('ref', 'client_id', 'anchor', name=op.f('uq_playbook_runs_ref'))
    )
    op.create_index(op.f('ix_playbook_runs_client_id'), 'playbook_runs', ['client_id'], unique=False)

    op.create_table('playbook_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('script', sa.Text(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['playbook_runs.id'], name=op.f('fk_playbook_steps_run_id_playbook_runs'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_playbook_steps_contact_id_contacts'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_playbook_steps'))
    )
    op.create_index(op.f('ix_playbook_steps_run_id'), 'playbook_steps', ['run_id'], unique=False)
    op.create_index(op.f('ix_playbook_steps_due_on'), 'playbook_steps', ['due_on'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_playbook_steps_due_on'), table_name='playbook_steps')
    op.drop_index(op.f('ix_playbook_steps_run_id'), table_name='playbook_steps')
    op.drop_table('playbook_steps')
    op.drop_index(op.f('ix_playbook_runs_client_id'), table_name='playbook_runs')
    op.drop_table('playbook_runs')
    op.drop_table('playbooks')
    op.drop_index(op.f('ix_event_invitations_client_id'), table_name='event_invitations')
    op.drop_table('event_invitations')
    op.drop_index(op.f('ix_events_starts_at'), table_name='events')
    op.drop_table('events')
