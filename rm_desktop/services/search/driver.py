"""The client list's statements on a DB-API connection: the part of SQLAlchemy they need, no more.

query.py's readers call ``conn.exec_driver_sql(sql, params)`` and read ``fetchall``, ``scalar`` or
``scalar_one`` of the result. :class:`DriverConnection` gives that over a bare sqlcipher3
connection (first_page.py, before SQLAlchemy is loaded). :class:`OnDriver` gives it over the
DB-API connection of an open SQLAlchemy connection, inside the transaction SQLAlchemy began
(storage/db's deferred BEGIN: a page and its count, or a keyset page's two seeks, read one
snapshot, so a total never disagrees with its rows) or, for a page that is one statement, in
the driver's autocommit (SQLite gives a statement its own snapshot: BEGIN and ROLLBACK would
only cost ~25 µs). Why (issue 19.6): for every text statement SQLAlchemy
builds the result's column metadata from ``cursor.description`` (23 columns for a page) and
runs its execution events, ~0.1 ms per search, as much as a sub-millisecond look-up itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # first_page.py's path runs before SQLAlchemy is loaded
    from sqlalchemy.engine import Connection


class DriverResult:
    """The part of SQLAlchemy's result the list's readers use, over a DB-API cursor."""

    def __init__(self, cursor: Any):
        self._cursor = cursor

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall()

    def scalar(self) -> Any:
        row = self._cursor.fetchone()
        return None if row is None else row[0]

    def scalar_one(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise LookupError("a count returned no row")
        return row[0]


class DriverConnection:
    """A DB-API connection with the ``exec_driver_sql`` the list's readers call."""

    def __init__(self, conn: Any):
        self._conn = conn

    def exec_driver_sql(self, sql: str, params: tuple = ()) -> Any:
        return DriverResult(self._conn.execute(sql, params))


class OnDriver(DriverConnection):
    """``conn``'s DB-API connection, inside ``conn``'s transaction (begun here when not yet) when
    ``one_snapshot``, else each statement on its own (storage/db sets the driver to autocommit).

    The engine's ``before_cursor_execute`` hooks still see every statement: the refusal of
    statements once the vault is locked (services/vault/lifecycle) and the tests' listeners. A
    failing statement is run once more on SQLAlchemy's own path, a read that changes nothing, so
    the error is raised as everywhere else (storage/db's handle_error names a full disk or a
    damaged file; callers catch SQLAlchemy's errors, not the driver's)."""

    def __init__(self, conn: Connection, one_snapshot: bool = True):
        if one_snapshot and not conn.in_transaction():
            conn.begin()  # storage/db's "begin" hook issues the BEGIN
        super().__init__(conn.connection.driver_connection)
        self._sqlalchemy = conn

    def exec_driver_sql(self, sql: str, params: tuple = ()) -> Any:
        conn = self._sqlalchemy
        for hook in conn.dispatch.before_cursor_execute:
            hook(conn, None, sql, params, None, False)
        try:
            return super().exec_driver_sql(sql, params)
        except conn.dialect.loaded_dbapi.Error:
            return conn.exec_driver_sql(sql, params)
