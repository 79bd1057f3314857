"""client search: pinyin and fragment columns, key table, FTS5 trigram table, triggers

Adds ``clients.name_pinyin`` / ``name_initials`` / ``search_digits`` and narrow indexes,
the ``client_keys`` table (one row per pinyin reading, for prefix look-ups) and the contentless
FTS5 trigram table ``client_search_fts`` (phone / ID / customer-number fragments), with triggers
that keep both in step with the client row. Existing clients are indexed in chunks, and ID
types written as Chinese labels by earlier builds become codes.

Adding columns and indexes is done with plain ALTER TABLE (no table copy), so child rows are
never at risk here; migrate.upgrade runs it with foreign keys off all the same.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The readings are space-separated; a JSON array lets a trigger split them (triggers cannot
# use recursive CTEs). Quotes and backslashes are escaped so odd text cannot break the JSON.
_KEYS_JSON = ("'[\"' || replace(replace(replace(trim(coalesce(new.name_pinyin, '') || ' ' || "
              "coalesce(new.name_initials, '')), '\\', '\\\\'), '\"', '\\\"'), ' ', '\",\"') || '\"]'")
_INSERT_KEYS = ("INSERT OR IGNORE INTO client_keys(key, client_id) "
                f"SELECT value, new.id FROM json_each({_KEYS_JSON}) WHERE value <> '';")
_INSERT_FTS = "INSERT INTO client_search_fts(rowid, digits) VALUES (new.id, coalesce(new.search_digits, ''));"

TRIGGERS = {
    "clients_search_ai": f"AFTER INSERT ON clients BEGIN {_INSERT_KEYS} {_INSERT_FTS} END",
    "clients_search_au_keys": ("AFTER UPDATE OF name_pinyin, name_initials ON clients BEGIN "
                               f"DELETE FROM client_keys WHERE client_id = old.id; {_INSERT_KEYS} END"),
    "clients_search_au_digits": ("AFTER UPDATE OF search_digits ON clients BEGIN "
                                 f"DELETE FROM client_search_fts WHERE rowid = old.id; {_INSERT_FTS} END"),
    "clients_search_ad": ("AFTER DELETE ON clients BEGIN DELETE FROM client_keys WHERE client_id = old.id; "
                          "DELETE FROM client_search_fts WHERE rowid = old.id; END"),
}

_ID_TYPE_LABELS = {"居民身份证": "resident_id", "身份证": "resident_id", "护照": "passport",
                   "港澳居民来往内地通行证": "hk_macau_permit", "台湾居民来往大陆通行证": "taiwan_permit",
                   "外国人永久居留身份证": "foreign_permanent", "其他": "other"}


def upgrade() -> None:
    # All of it runs in one real transaction (storage/db.py issues BEGIN itself), so a failure
    # half-way leaves 0001 as it was.
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_pinyin', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('name_initials', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('search_digits', sa.Text(), nullable=True))
        batch_op.create_index('ix_clients_name_search', ['name', 'deleted_at'], unique=False)
        batch_op.create_index('ix_clients_name_pinyin', ['name_pinyin', 'deleted_at'], unique=False)
        batch_op.create_index('ix_clients_contact_state', ['last_contact_at', 'tier', 'cadence_days', 'deleted_at'],
                              unique=False)
        batch_op.create_index('ix_clients_risk_grade', ['risk_grade', 'deleted_at'], unique=False)

    with op.batch_alter_table('holdings', schema=None) as batch_op:
        batch_op.create_index('ix_holdings_maturing', ['status', 'maturity_date', 'client_id'], unique=False)

    op.create_table('client_keys',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_keys_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', 'client_id', name=op.f('pk_client_keys')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('client_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_keys_client_id'), ['client_id'], unique=False)

    op.execute("CREATE VIRTUAL TABLE client_search_fts USING fts5("
               "digits, content='', contentless_delete=1, tokenize='trigram')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")

    conn = op.get_bind()
    for label, code in _ID_TYPE_LABELS.items():
        conn.execute(sa.text("UPDATE clients SET id_type = :code WHERE id_type = :label"),
                     {"code": code, "label": label})
    _reindex(conn)  # the UPDATEs fire the triggers, which fill client_keys and the FTS table


def _reindex(conn) -> None:
    """The search columns of every client as this revision defines them, frozen here so that
    later changes to the services cannot change what 0002 does (only pure domain rules are used)."""
    # Imported here, not at the top: Alembic loads every revision file to build its graph.
    from rm_desktop.domain.search_keys import search_columns

    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM clients ORDER BY id"))]
    for start in range(0, len(ids), 2000):
        part = ids[start:start + 2000]
        marks = ", ".join(str(int(i)) for i in part)
        phones: dict[int, list[str]] = {}
        for cid, number in conn.execute(sa.text(f"SELECT client_id, number FROM client_phones WHERE client_id IN ({marks}) "
                                                "ORDER BY client_id, position, id")):
            phones.setdefault(cid, []).append(number)
        params = []
        for cid, name, id_number, customer_no in conn.execute(
                sa.text(f"SELECT id, name, id_number, customer_no FROM clients WHERE id IN ({marks})")):
            cols = search_columns(name, phones.get(cid, []), id_number, customer_no)
            params.append({"cid": cid, **cols})
        if params:
            conn.execute(sa.text("UPDATE clients SET name_pinyin = :name_pinyin, name_initials = :name_initials, "
                                 "search_digits = :search_digits WHERE id = :cid"), params)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS client_search_fts")
    with op.batch_alter_table('client_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_keys_client_id'))
    op.drop_table('client_keys')
    with op.batch_alter_table('holdings', schema=None) as batch_op:
        batch_op.drop_index('ix_holdings_maturing')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index('ix_clients_risk_grade')
        batch_op.drop_index('ix_clients_contact_state')
        batch_op.drop_index('ix_clients_name_pinyin')
        batch_op.drop_index('ix_clients_name_search')
        batch_op.drop_column('search_digits')
        batch_op.drop_column('name_initials')
        batch_op.drop_column('name_pinyin')
