"""audit: the tamper-evident audit log (issue 18.1)

Adds ``audit_log`` (this vault's hash chain: seq, time, action, object, counts, origin,
previous hash, hash) and ``audit_received`` (entries received with a handover, by sender).
Additive only: no existing table is touched.

Revision ID: 0015_audit
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0015_audit'
down_revision = '0008'
branch_labels = None
depends_on = None


def _columns() -> list[sa.Column]:
    return [
        sa.Column('at', sa.String(length=32), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('object', sa.String(length=120), nullable=True),
        sa.Column('counts', sa.Text(), nullable=False),
        sa.Column('origin', sa.String(length=80), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'audit_log',
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log')),
    )
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'], unique=False)
    op.create_index(op.f('ix_audit_log_action'), 'audit_log', ['action'], unique=False)
    op.create_index(op.f('ix_audit_log_object'), 'audit_log', ['object'], unique=False)
    op.create_table(
        'audit_received',
        sa.Column('sender', sa.String(length=64), nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        *_columns(),
        sa.PrimaryKeyConstraint('sender', 'seq', name=op.f('pk_audit_received')),
    )


def downgrade() -> None:
    op.drop_table('audit_received')
    op.drop_index(op.f('ix_audit_log_object'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_action'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')
    op.drop_table('audit_log')
