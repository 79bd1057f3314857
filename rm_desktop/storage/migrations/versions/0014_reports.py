"""reports: the RM's daily work log (工作日志) and its revisions

Adds ``report_day_logs`` (day, revision, the free note, tomorrow's plan as JSON, when saved).
Additive only: no existing table is touched.

Revision ID: 0014_reports
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0014_reports'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_day_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('tomorrow', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_day_logs')),
    sa.UniqueConstraint('day', 'revision', name='uq_report_day_logs_day_revision')
    )


def downgrade() -> None:
    op.drop_table('report_day_logs')
