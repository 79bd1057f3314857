"""scripts (话术) library: the script_templates table

Additive only: one new table and its indexes. The shipped scripts are not inserted here but
at first use (services/scripts/library.py), so that a later version's new scripts arrive the same way.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('script_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('builtin_id', sa.String(length=60), nullable=True),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.Column('is_draft', sa.Boolean(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_script_templates')),
    sa.UniqueConstraint('builtin_id', name=op.f('uq_script_templates_builtin_id'))
    )
    op.create_index('ix_script_templates_category', 'script_templates', ['category', 'deleted_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_script_templates_category', table_name='script_templates')
    op.drop_table('script_templates')
