"""Opening the SQLCipher database through SQLAlchemy.

The dialect is ``sqlite+pysqlcipher`` with the ``sqlcipher3`` driver, but the connections come
from our own ``creator`` (:func:`connect`), so the key is in no URL, no connect arguments and no
SQL text: the creator hands SQLCipher the raw-key form ``x'<64 hex>'`` through ``sqlite3_key``
(sqlcipher3's ``set_key``), built in a bytearray from the caller's key bytearray and wiped right
after. The raw form skips SQLCipher's passphrase KDF (0.6 ms to open instead of ~80 ms); the
password KDF already ran once, in the header. A lock wipes the caller's bytearray, after which the
creator makes no connection (VaultLocked).

SQLCipher's memory security (``PRAGMA cipher_memory_security``: every allocation it frees is
zeroed, pages of decrypted client data and the parsed key included, and its memory is locked
against swapping) is one switch for the whole process that cannot be turned off again (4.19). It
is turned on at a lock, right before the engine is disposed (:func:`secure_memory_from_now`,
called by Vault.lock and by a re-key before the old engine goes): SQLCipher checks the switch
when it frees, so closing the connections then zeroes the page cache, the key and the buffers
still held. It is not on while the vault is first unlocked, because its mlock/munlock and
zeroing of every allocation made the set-based reads 25-30x slower (issue 15, measured in
separate processes on a 10k book: the holdings GROUP BY 1.26 s vs 0.05 s, each AUM snapshot
GROUP BY ~1.2 s vs 0.04 s, system time 13.4 s vs 0.2 s). The price: blocks SQLite frees *while*
unlocked (a sort's buffers, a statement's rows) are not zeroed, and after a lock and a re-unlock
in the same process every read pays the full cost again (the GUI after an auto-lock). The
engine hides bound parameters (``hide_parameters``) from its error messages, which would
otherwise quote client names.

The pool is a QueuePool: the dialect's default SingletonThreadPool has segfault reports with
worker threads, and NullPool would drop the page cache on every query. The database file is
created owner-only (0600) before SQLite opens it; SQLite gives the ``-wal`` and ``-shm`` files the
database file's mode.
"""

from __future__ import annotations

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, ExceptionContext
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, SessionTransaction, SessionTransactionOrigin
from sqlalchemy.pool import QueuePool

from rm_desktop.domain.errors import UserError
from rm_desktop.storage import db_errors
from rm_desktop.storage.keyed import cannot_read, connect, set_up

WRITER = "rm_writer"  # the execution option that marks a write transaction


def _begin(conn: Connection) -> None:
    # A deferred transaction that reads and then writes fails at once with "database is locked"
    # (SQLITE_BUSY_SNAPSHOT) when another connection committed after its read: WAL cannot move
    # its snapshot, and the busy timeout does not apply. Writers take the write lock up front
    # instead (BEGIN IMMEDIATE waits up to busy_timeout for the other writer). Reads stay
    # deferred so that a GUI read never holds the lock a CLI write waits for.
    immediate = conn.get_execution_options().get(WRITER)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """``engine`` whose transactions begin with BEGIN IMMEDIATE (same pool): for Core writes."""
    return engine.execution_options(**{WRITER: True})


@event.listens_for(Session, "after_transaction_create")
def _mark_writer(session: Session, transaction: SessionTransaction) -> None:
    # ``sessions.begin()`` (an explicit begin) is how the services write; ``sessions()`` autobegins
    # for reads. Before the session takes its connection, an explicit top-level begin rebinds
    # it to the writer engine, so the "begin" hook above sees the option.
    if transaction.parent is not None or transaction.origin is not SessionTransactionOrigin.BEGIN:
        return
    bind = session.bind
    if isinstance(bind, Engine) and not bind.get_execution_options().get(WRITER):
        session.bind = writer(bind)


def open_engine(path: str, key: bytes | bytearray, *, check: bool = True) -> Engine:
    """Return an engine on the encrypted database; raises WrongKeyOrDamaged if it cannot be read.
    The engine keeps a reference to ``key`` (no copy): pass the bytearray a lock will wipe."""
    path = str(path)
    engine = create_engine(
        # pysqlite, not pysqlcipher: that dialect would key every connection again from the URL.
        URL.create("sqlite+pysqlite", database=path),
        module=sqlcipher3,
        creator=lambda: connect(path, key),  # reads ``key`` at each connect: a wiped key connects no more
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,
    )
    event.listen(engine, "connect", set_up)
    event.listen(engine, "begin", _begin)
    event.listen(engine, "handle_error", _named_error)
    if check:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except DatabaseError as exc:
            engine.dispose()
            raise cannot_read(path, exc) from None
        except UserError:  # named by _named_error (a full disk), or the key was wiped
            engine.dispose()
            raise
    return engine


def _named_error(context: ExceptionContext) -> None:
    # Any statement, anywhere (client list, a backup, the GUI): a full disk, a read-only folder or
    # damaged pages are one message that says so, not "database disk image is malformed".
    path = context.engine.url.database if context.engine is not None else None
    named = db_errors.explain(context.original_exception, path) if path else None
    if named is not None:
        raise named from None
