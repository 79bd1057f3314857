"""sales: opportunities (商机), their stage history, referrals (推荐)

Adds ``opportunities``, ``opportunity_history`` and ``referrals`` (storage/models_sales.py).
Additive only: no existing table is touched. Branches from 0008; the app upgrades to "heads".

Revision ID: 0009_opportunities
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0009_opportunities'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('opportunities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('product_type', sa.String(length=20), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('product_code', sa.String(length=40), nullable=True),
    sa.Column('product_risk', sa.String(length=2), nullable=True),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('expected_close', sa.Date(), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=True),
    sa.Column('next_step', sa.Text(), nullable=True),
    sa.Column('next_step_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('lost_reason', sa.Text(), nullable=True),
    sa.Column('acknowledgement', sa.Text(), nullable=True),
    sa.Column('holding_id', sa.Integer(), nullable=True),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_opportunities_client_id_clients'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['holding_id'], ['holdings.id'], name=op.f('fk_opportunities_holding_id_holdings'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunities'))
    )
    op.create_index(op.f('ix_opportunities_client_id'), 'opportunities', ['client_id'], unique=False)
    op.create_index('ix_opportunities_stage', 'opportunities', ['stage', 'expected_close'], unique=False)
    op.create_index('ix_opportunities_next_step_on', 'opportunities', ['next_step_on', 'stage'], unique=False)

    op.create_table('opportunity_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('from_stage', sa.String(length=20), nullable=True),
    sa.Column('to_stage', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'],
                            name=op.f('fk_opportunity_history_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_history'))
    )
    op.create_index(op.f('ix_opportunity_history_opportunity_id'), 'opportunity_history', ['opportunity_id'],
                    unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=True),
    sa.Column('referrer_client_id', sa.Integer(), nullable=True),
    sa.Column('referrer_role', sa.String(length=20), nullable=True),
    sa.Column('referrer_name', sa.String(length=100), nullable=True),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_referrals_client_id_clients'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'],
                            name=op.f('fk_referrals_opportunity_id_opportunities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['referrer_client_id'], ['clients.id'],
                            name=op.f('fk_referrals_referrer_client_id_clients'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals'))
    )
    op.create_index(op.f('ix_referrals_client_id'), 'referrals', ['client_id'], unique=False)
    op.create_index(op.f('ix_referrals_referrer_client_id'), 'referrals', ['referrer_client_id'], unique=False)
    op.create_index(op.f('ix_referrals_referrer_name'), 'referrals', ['referrer_name'], unique=False)


def downgrade() -> None:
    op.drop_table('referrals')
    op.drop_table('opportunity_history')
    op.drop_table('opportunities')
