"""consent: a client's marketing and sensitive-data consent (issue 18.4)

Adds ``client_consents`` (one row per client with a record: marketing yes/no with its day and
how it was given, allowed channels, sensitive-data consent with its day). Additive only: no
existing table is touched.

Revision ID: 0016_consent
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0016_consent'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('client_consents',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('marketing', sa.Boolean(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=True),
    sa.Column('given_by', sa.String(length=20), nullable=True),
    sa.Column('channels', sa.String(length=200), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('sensitive_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_consents_client_id_clients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_client_consents'))
    )


def downgrade() -> None:
    op.drop_table('client_consents')
