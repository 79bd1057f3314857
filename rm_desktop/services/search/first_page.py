"""The client list's first page read on a bare sqlcipher3 connection (issue 19.1).

The GUI reads the list's first page in its unlock thread, while the UI thread paints the lock
screen, and hands it to the list's model (``window.RowWindow(first=...)``), which carries on
from its cursor: the UI thread then paints the list without a query of its own. The page comes
from query.py's :func:`~rm_desktop.services.search.query.page_on`, so it is the very statements
the list runs (sql.py's, compiled once per shape): the same rows, order, total and end cursor.
The connection is keyed through storage/db (the raw-key form, wiped after use) and closed here;
it needs no engine or session, so it is the part of the start that can later run before the
ORM is loaded.
"""

from __future__ import annotations

from pathlib import Path

from rm_desktop.services.search.driver import DriverConnection
from rm_desktop.services.search.query import ClientPage, ClientQuery, page_on
from rm_desktop.storage.keyed import raw_connect


def read_first_page(db_path: Path | str, key: bytes | bytearray, query: ClientQuery, limit: int) -> ClientPage:
    """``query``'s first ``limit`` rows with the total and the end cursor (what RowWindow takes
    as ``first``). ``key`` is the vault's key bytearray (not copied; a wiped key connects no more)."""
    conn = raw_connect(str(db_path), key)
    try:
        # As the engine's connections (storage/db): sorts and temp tables in memory, never in a
        # spill file beside the vault; the larger page cache for the index walks.
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA busy_timeout = 5000")
        return page_on(DriverConnection(conn), query, 0, limit, with_total=True)
    finally:
        conn.close()
