"""initial schema: clients, holdings, contacts, settings

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import rm_desktop.storage.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_no', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('gender', sa.String(length=2), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('lunar_birthday', sa.Boolean(), nullable=False),
    sa.Column('id_type', sa.String(length=20), nullable=True),
    sa.Column('id_number', sa.String(length=40), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('occupation', sa.String(length=100), nullable=True),
    sa.Column('employer', sa.String(length=200), nullable=True),
    sa.Column('income_band', sa.String(length=40), nullable=True),
    sa.Column('life_stage', sa.String(length=40), nullable=True),
    sa.Column('family', sa.Text(), nullable=True),
    sa.Column('interests', sa.Text(), nullable=True),
    sa.Column('preferred_channel', sa.String(length=20), nullable=True),
    sa.Column('dnd_hours', sa.String(length=40), nullable=True),
    sa.Column('risk_grade', sa.String(length=2), nullable=True),
    sa.Column('risk_assessed_on', sa.Date(), nullable=True),
    sa.Column('risk_expires_on', sa.Date(), nullable=True),
    sa.Column('aum', rm_desktop.storage.types.Money(), nullable=True),
    sa.Column('tier', sa.String(length=20), nullable=True),
    sa.Column('responsible_role', sa.String(length=40), nullable=True),
    sa.Column('referrer_client_id', sa.Integer(), nullable=True),
    sa.Column('referrer_staff', sa.String(length=100), nullable=True),
    sa.Column('salutation', sa.String(length=40), nullable=True),
    sa.Column('cadence_days', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('last_contact_at', sa.DateTime(), nullable=True),
    sa.Column('next_follow_up', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['referrer_client_id'], ['clients.id'], name=op.f('fk_clients_referrer_client_id_clients'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clients')),
    sa.UniqueConstraint('customer_no', name=op.f('uq_clients_customer_no'))
    )
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clients_aum'), ['aum'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_last_contact_at'), ['last_contact_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_next_follow_up'), ['next_follow_up'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_tier'), ['tier'], unique=False)

    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('aum_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('aum', rm_desktop.storage.types.Money(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_aum_snapshots_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aum_snapshots'))
    )
    with op.batch_alter_table('aum_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aum_snapshots_client_id'), ['client_id'], unique=False)

    op.create_table('client_phones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_phones_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_phones'))
    )
    with op.batch_alter_table('client_phones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_phones_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_phones_number'), ['number'], unique=False)

    op.create_table('client_tags',
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_tags_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'tag', name=op.f('pk_client_tags'))
    )
    with op.batch_alter_table('client_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_tags_tag'), ['tag'], unique=False)

    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('next_step', sa.Text(), nullable=True),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('follow_up_done', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_contacts_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_client_at', ['client_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_follow_up_date'), ['follow_up_date'], unique=False)

    op.create_table('holdings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('product_type', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('amount', rm_desktop.storage.types.Money(), nullable=True),
    sa.Column('risk', sa.String(length=2), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('maturity_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_holdings_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holdings'))
    )
    with op.batch_alter_table('holdings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holdings_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_holdings_maturity_date'), ['maturity_date'], unique=False)

    op.create_table('important_dates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('lunar', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_important_dates_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_important_dates'))
    )
    with op.batch_alter_table('important_dates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_important_dates_client_id'), ['client_id'], unique=False)

    op.create_table('relationships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_relationships_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['clients.id'], name=op.f('fk_relationships_other_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relationships')),
    sa.UniqueConstraint('client_id', 'other_id', 'kind', name='uq_relationships_pair')
    )
    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relationships_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relationships_other_id'), ['other_id'], unique=False)

    op.create_table('contact_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_contact_revisions_contact_id_contacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_revisions'))
    )
    with op.batch_alter_table('contact_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_revisions_contact_id'), ['contact_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('contact_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_revisions_contact_id'))

    op.drop_table('contact_revisions')
    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relationships_other_id'))
        batch_op.drop_index(batch_op.f('ix_relationships_client_id'))

    op.drop_table('relationships')
    with op.batch_alter_table('important_dates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_important_dates_client_id'))

    op.drop_table('important_dates')
    with op.batch_alter_table('holdings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holdings_maturity_date'))
        batch_op.drop_index(batch_op.f('ix_holdings_client_id'))

    op.drop_table('holdings')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_follow_up_date'))
        batch_op.drop_index('ix_contacts_client_at')

    op.drop_table('contacts')
    with op.batch_alter_table('client_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_tags_tag'))

    op.drop_table('client_tags')
    with op.batch_alter_table('client_phones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_phones_number'))
        batch_op.drop_index(batch_op.f('ix_client_phones_client_id'))

    op.drop_table('client_phones')
    with op.batch_alter_table('aum_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aum_snapshots_client_id'))

    op.drop_table('aum_snapshots')
    op.drop_table('settings')
    op.drop_table('drafts')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_tier'))
        batch_op.drop_index(batch_op.f('ix_clients_next_follow_up'))
        batch_op.drop_index(batch_op.f('ix_clients_last_contact_at'))
        batch_op.drop_index(batch_op.f('ix_clients_id_number'))
        batch_op.drop_index(batch_op.f('ix_clients_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_clients_aum'))

    op.drop_table('clients')
