"""complaints: complaints / service requests and their handling steps

Adds ``complaints`` (channel, category, severity, description, received, the follow-up
deadline, the close's outcome and satisfaction) and ``complaint_steps`` (the fixed handling
steps with the time each was done). Additive only: no existing table is touched.

Revision ID: 0010_complaints
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0010_complaints'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('complaints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('deadline_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_complaints_client_id_clients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints'))
    )
    op.create_index(op.f('ix_complaints_client_id'), 'complaints', ['client_id'], unique=False)
    op.create_index(op.f('ix_complaints_closed_at'), 'complaints', ['closed_at'], unique=False)

    op.create_table('complaint_steps',
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'],
                            name=op.f('fk_complaint_steps_complaint_id_complaints'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('complaint_id', 'step', name=op.f('pk_complaint_steps'))
    )


def downgrade() -> None:
    op.drop_table('complaint_steps')
    op.drop_index(op.f('ix_complaints_closed_at'), table_name='complaints')
    op.drop_index(op.f('ix_complaints_client_id'), table_name='complaints')
    op.drop_table('complaints')
