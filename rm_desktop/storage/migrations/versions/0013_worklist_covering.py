"""The day's facts from narrow indexes: clients, open follow-ups and held maturities

Why (issue 19.4): the worklist and the Today page read, for the whole book, a few columns of
the clients, the open follow-ups and the holdings maturing in a window. Read from the tables,
that is every page of three wide tables (100k clients: 28 + 22 + 11 MB), more than the 64 MB
page cache once the book passes ~100k clients, so each build decrypted them all again and the
time grew faster than the book (10k → 100k: ×25 for the bare SQL). These indexes hold just
those columns: ``ix_clients_day_facts`` (the columns the reminder engine, the churn rules and
the insights read), ``ix_contacts_open_follow_ups`` (partial: open follow-ups only, ~15% of
the contacts) and ``ix_holdings_held_maturities`` (partial: held products by maturity date,
with their amount and name). Index only: no row changes.

Revision ID: 0013_worklist_covering
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_worklist_covering'
down_revision = '0008'
branch_labels = None
depends_on = None

CLIENT_COLUMNS = [
    'last_contact_at', 'tier', 'cadence_days', 'deleted_at', 'risk_expires_on', 'birth_date',
    'lunar_birthday', 'aum', 'risk_grade', 'name',
]


def upgrade() -> None:
    op.create_index('ix_clients_day_facts', 'clients', CLIENT_COLUMNS, unique=False)
    op.create_index(
        'ix_contacts_open_follow_ups', 'contacts', ['follow_up_date', 'client_id', 'next_step', 'purpose'],
        unique=False, sqlite_where=sa.text('follow_up_done = 0 AND follow_up_date IS NOT NULL'),
    )
    op.create_index(
        'ix_holdings_held_maturities', 'holdings', ['maturity_date', 'client_id', 'amount', 'name'],
        unique=False, sqlite_where=sa.text("status = 'holding'"),
    )


def downgrade() -> None:
    op.drop_index('ix_holdings_held_maturities', table_name='holdings')
    op.drop_index('ix_contacts_open_follow_ups', table_name='contacts')
    op.drop_index('ix_clients_day_facts', table_name='clients')
