"""export_register: one row per exported file (issue 18.3)

Adds ``export_register`` (kind, purpose with its note, fields, client count, file base name,
time). Additive only: no existing table is touched.

Revision ID: 0017_export_register
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0017_export_register'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('export_register',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('client_count', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_register'))
    )
    op.create_index(op.f('ix_export_register_at'), 'export_register', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_export_register_at'), table_name='export_register')
    op.drop_table('export_register')
