"""clients: an index on birth_date, for the client list sorted by 出生日期

The list pages by keyset (services/search/query.py): each page seeks past the previous page's
last (sort value, id) on the sort column's index, so the last page of a big book costs what
the first does. The birth-date column had no index, so sorting by it read and sorted the whole
book on every page (and the sort was refused before this revision). Index only: no row changes.

Revision ID: 0012_birth_date_sort
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op

revision = '0012_birth_date_sort'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_clients_birth_date', 'clients', ['birth_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_clients_birth_date', table_name='clients')
