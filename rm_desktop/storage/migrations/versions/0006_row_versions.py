"""row versions: a counter on the rows people edit, so a stale save is caught

Merges the feature heads (0003 reminders, 0004 scripts, 0005 plans) and adds ``row_version``
(NOT NULL, 1 for every existing row) to ``clients``, ``holdings``, ``script_templates`` and
``appointments``. Plans need no new column: ``plans.version`` already goes up with every save
and status change, and is that table's row version. ``ADD COLUMN`` with a constant default
changes no existing row and rebuilds no table, so the search triggers of 0002 stay as they are.

Revision ID: 0006
Revises: 0003, 0004, 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = ('0003', '0004', '0005')
branch_labels = None
depends_on = None

TABLES = ('clients', 'holdings', 'script_templates', 'appointments')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of clients would drop the search triggers.
    for table in TABLES:
        op.drop_column(table, 'row_version')
