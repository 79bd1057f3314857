"""worklist: maturity outcomes, lost clients and worklist item states

Adds ``maturity_outcomes`` (到期承接, one per holding), ``lost_clients`` (a reason per lost
client) and ``worklist_states`` (snooze / dismissal of churn signals and outcome prompts).
Additive only: no existing table is touched.

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('maturity_outcomes',
    sa.Column('holding_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('matured', sa.Integer(), nullable=True),
    sa.Column('kept', sa.Integer(), nullable=False),
    sa.Column('into_holding_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['holding_id'], ['holdings.id'], name=op.f('fk_maturity_outcomes_holding_id_holdings'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['into_holding_id'], ['holdings.id'],
                            name=op.f('fk_maturity_outcomes_into_holding_id_holdings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('holding_id', name=op.f('pk_maturity_outcomes'))
    )
    op.create_index(op.f('ix_maturity_outcomes_recorded_at'), 'maturity_outcomes', ['recorded_at'], unique=False)

    op.create_table('lost_clients',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('lost_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_lost_clients_client_id_clients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_lost_clients'))
    )

    op.create_table('worklist_states',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('snoozed_until', sa.Date(), nullable=True),
    sa.Column('dismissed_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_worklist_states'))
    )
    op.create_index(op.f('ix_worklist_states_done_on'), 'worklist_states', ['done_on'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_worklist_states_done_on'), table_name='worklist_states')
    op.drop_table('worklist_states')
    op.drop_table('lost_clients')
    op.drop_index(op.f('ix_maturity_outcomes_recorded_at'), table_name='maturity_outcomes')
    op.drop_table('maturity_outcomes')
