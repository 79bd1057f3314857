"""The derived search columns of a client row, and refilling them from the stored data.

Every writer of clients (the services, the demo generator, importers) fills ``name_pinyin``,
``name_initials`` and ``search_digits`` with :func:`~rm_desktop.domain.search_keys.search_columns`; SQL
triggers then keep ``client_keys`` and the FTS5 table in step (see storage/models.py).
A writer that bulk-inserts clients without these columns calls :func:`reindex_clients` after;
one that inserts thousands of rows wraps the inserts in :func:`bulk_loading`, or in
:func:`loading_new_clients` (the import's path, which the vault benchmark times) to build the
plain indexes after the rows too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection

from rm_desktop.domain.search_keys import search_columns
from rm_desktop.storage import bulk
from rm_desktop.storage.models import Client, ClientPhone, table_of

CHUNK = 2000


def reindex_clients(conn: Connection, ids: Sequence[int] | None = None, *, chunk: int = CHUNK) -> int:
    """Recompute the search columns of ``ids`` (all clients when None) from the stored name,
    phones, ID and customer number, in chunks; returns how many rows were updated."""
    if ids is None:
        ids = conn.execute(select(Client.id).order_by(Client.id)).scalars().all()
    stmt = (
        update(table_of(Client))
        .where(Client.__table__.c.id == bindparam("cid"))
        .values(name_pinyin=bindparam("np"), name_initials=bindparam("ni"), search_digits=bindparam("sd"))
    )
    done = 0
    for start in range(0, len(ids), chunk):
        part = list(ids[start : start + chunk])
        phones: dict[int, list[str]] = defaultdict(list)
        for cid, number in conn.execute(
            select(ClientPhone.client_id, ClientPhone.number)
            .where(ClientPhone.client_id.in_(part))
            .order_by(ClientPhone.client_id, ClientPhone.position, ClientPhone.id)
        ):
            phones[cid].append(number)
        rows = conn.execute(
            select(Client.id, Client.name, Client.id_number, Client.customer_no).where(Client.id.in_(part))
        ).all()
        params = []
        for cid, name, id_number, customer_no in rows:
            cols = search_columns(name, phones[cid], id_number, customer_no)
            params.append(
                {"cid": cid, "np": cols["name_pinyin"], "ni": cols["name_initials"], "sd": cols["search_digits"]}
            )
        if params:
            conn.execute(stmt, params)
        done += len(params)
    return done


INSERT_TRIGGER = "clients_search_ai"
# The same split as the insert trigger of migration 0002, set-wise over the new rows.
_KEYS_SELECT = (
    "INSERT OR IGNORE INTO client_keys(key, client_id) SELECT j.value, c.id FROM clients c, "
    "json_each('[\"' || replace(replace(replace(trim(coalesce(c.name_pinyin, '') || ' ' || "
    "coalesce(c.name_initials, '')), '\\', '\\\\'), '\"', '\\\"'), ' ', '\",\"') || '\"]') AS j "
    "WHERE c.id >= ? AND j.value <> ''"
)
_FTS_SELECT = (
    "INSERT INTO client_search_fts(rowid, digits) SELECT id, coalesce(search_digits, '') FROM clients WHERE id >= ?"
)


@contextmanager
def bulk_loading(conn: Connection) -> Iterator[None]:
    """Insert many clients (with ids above the current highest) inside the caller's transaction.

    FTS5 costs ~40 µs per INSERT statement, so the per-row insert trigger would make a 100k
    load ~10x slower than indexing the new rows in one statement. The trigger is dropped for
    the block and re-created after (DDL is transactional: a failure rolls all of it back)."""
    first_new = (conn.execute(select(func.max(Client.id))).scalar() or 0) + 1
    trigger_sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).scalar()
    if trigger_sql is None:  # no search triggers (a schema before 0002): nothing to pause
        yield
        return
    conn.exec_driver_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield
    conn.exec_driver_sql(_KEYS_SELECT, (first_new,))
    conn.exec_driver_sql(_FTS_SELECT, (first_new,))
    conn.exec_driver_sql(trigger_sql)


# The tables a batch of new clients fills (with their phones, tags and first AUM snapshot).
NEW_CLIENT_TABLES = ("clients", "client_phones", "client_tags", "aum_snapshots")


@contextmanager
def loading_new_clients(conn: Connection, rows_coming: int) -> Iterator[None]:
    """Insert ``rows_coming`` new clients the way the import does: the search trigger paused
    (:func:`bulk_loading`) and, when the batch outnumbers the stored clients, the plain indexes
    of :data:`NEW_CLIENT_TABLES` built once after the rows (``bulk.indexes_deferred``: 20k
    clients 0.68 s -> 0.56 s in the vault benchmark). Inside the caller's transaction."""
    with bulk_loading(conn), bulk.indexes_deferred(conn, NEW_CLIENT_TABLES, rows_coming):
        yield
