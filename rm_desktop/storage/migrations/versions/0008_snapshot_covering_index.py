"""AUM snapshots: one covering index (client_id, on, aum) in place of the client_id index

The worklist's AUM-drop rule and the insights' tier migration ask for each client's latest
snapshot on or before a day (``GROUP BY client_id`` with ``MAX("on")``). Through the client_id
index SQLite fetched every snapshot row from the table to read its date and amount; the
covering index answers from the index alone (measured on 100k snapshots: 200 ms → 120 ms a
query, and the insights run it three times). Its client_id prefix serves the foreign key's
look-ups as the old index did, so that one is dropped rather than kept twice. Index only: no
row changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_aum_snapshots_client_on', 'aum_snapshots', ['client_id', 'on', 'aum'], unique=False)
    op.drop_index('ix_aum_snapshots_client_id', table_name='aum_snapshots')


def downgrade() -> None:
    op.create_index('ix_aum_snapshots_client_id', 'aum_snapshots', ['client_id'], unique=False)
    op.drop_index('ix_aum_snapshots_client_on', table_name='aum_snapshots')
