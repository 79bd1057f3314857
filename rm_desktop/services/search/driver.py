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

:class:`BareEngine` is what query.py's readers (``search_page``, ``iter_clients``,
``count_clients``) take as ``vault.engine`` from a vault opened on the bare driver
(services/vault/driver_vault, a CLI ``client list``): its ``connect()`` hands out the one
connection, which :class:`OnDriver` then reads in a transaction of its own as above (BEGIN,
rolled back when the block ends), checking first that the vault is still open, and naming a
failure as storage/db does (a full disk, a damaged file) or raising the driver's error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
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


class BareConnection(DriverConnection):
    """The connection :meth:`BareEngine.connect` hands out: statements refused once ``check``
    raises (the vault locked), failures named by ``explain`` when it knows them."""

    def __init__(self, conn: Any, check: Callable[[], None], explain: Callable[[BaseException], Exception | None]):
        super().__init__(conn)
        self.dbapi, self._check, self._explain = conn, check, explain

    def exec_driver_sql(self, sql: str, params: tuple = ()) -> Any:
        self._check()
        try:
            return super().exec_driver_sql(sql, params)
        except Exception as exc:
            named = self._explain(exc)
            if named is None:
                raise
            raise named from None


class BareEngine:
    """``vault.engine`` for query.py's readers over one bare sqlcipher3 connection in autocommit
    (``isolation_level = None``): each ``connect()`` block reads on it and ends any transaction
    it began by rolling it back (a read changes nothing)."""

    def __init__(self, conn: Any, check: Callable[[], None], explain: Callable[[BaseException], Exception | None]):
        self._conn, self._check, self._explain = conn, check, explain

    @contextlib.contextmanager
    def connect(self) -> Iterator[BareConnection]:
        self._check()
        try:
            yield BareConnection(self._conn, self._check, self._explain)
        finally:
            if self._conn.in_transaction:
                self._conn.rollback()


class OnDriver(DriverConnection):
    """``conn``'s DB-API connection, inside ``conn``'s transaction (begun here when not yet) when
    ``one_snapshot``, else each statement on its own (storage/db sets the driver to autocommit).

    The engine's ``before_cursor_execute`` hooks still see every statement: the refusal of
    statements once the vault is locked (services/vault/lifecycle) and the tests' listeners. A
    failing statement is run once more on SQLAlchemy's own path, a read that changes nothing, so
    the error is raised as everywhere else (storage/db's handle_error names a full disk or a
    damaged file; callers catch SQLAlchemy's errors, not the driver's)."""

    def __init__(self, conn: Connection | BareConnection, one_snapshot: bool = True):
        self._bare: BareConnection | None = None
        if isinstance(conn, BareConnection):  # a vault on the bare driver (BareEngine)
            if one_snapshot and not conn.dbapi.in_transaction:
                conn.exec_driver_sql("BEGIN")
            super().__init__(conn.dbapi)
            self._bare = conn
            return
        if one_snapshot and not conn.in_transaction():
            conn.begin()  # storage/db's "begin" hook issues the BEGIN
        super().__init__(conn.connection.driver_connection)
        self._sqlalchemy = conn

    def exec_driver_sql(self, sql: str, params: tuple = ()) -> Any:
        if self._bare is not None:
            return self._bare.exec_driver_sql(sql, params)
        conn = self._sqlalchemy
        for hook in conn.dispatch.before_cursor_execute:
            hook(conn, None, sql, params, None, False)
        try:
            return super().exec_driver_sql(sql, params)
        except conn.dialect.loaded_dbapi.Error:
            return conn.exec_driver_sql(sql, params)
