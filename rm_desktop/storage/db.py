"""Opening the SQLCipher database through SQLAlchemy.

The dialect is ``sqlite+pysqlcipher`` with the ``sqlcipher3`` driver. The URL's password is the
raw-key form ``x'<64 hex>'``, which the dialect passes to ``PRAGMA key`` as is: SQLCipher then
skips its own passphrase KDF (0.6 ms to open instead of ~80 ms); the password KDF already ran
once, in the header. The pool is a QueuePool: the dialect's default SingletonThreadPool has
segfault reports with worker threads, and NullPool would drop the page cache on every query.
"""

from __future__ import annotations

from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, SessionTransaction, SessionTransactionOrigin
from sqlalchemy.pool import QueuePool

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t


class WrongKeyOrDamaged(UserError):
    pass


def cannot_read(path: object) -> WrongKeyOrDamaged:
    return WrongKeyOrDamaged(
        t(
            "无法读取数据库文件（密钥不符或文件已损坏）：{}",
            "Cannot read the database file (wrong key or damaged file): {}",
        ).format(path)
    )


def _on_connect(dbapi_conn: Any, _record: object) -> None:  # a sqlcipher3 connection (untyped)
    # The driver's own transaction handling commits before any DDL, so a failing migration could
    # leave half a schema. Autocommit at the driver, and SQLAlchemy's "begin" event below issues
    # BEGIN itself: every transaction, DDL included, is then real (SQLAlchemy's pysqlite recipe).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # Fails here, not at the first query, when the key is wrong or the file is not a database.
    cur.execute("SELECT count(*) FROM sqlite_master")
    cur.execute("PRAGMA cipher_log_level = NONE")
    cur.execute("PRAGMA foreign_keys = ON")
    # SQLCipher full scans are ~3x slower with the default 2 MB cache.
    cur.execute("PRAGMA cache_size = -65536")
    # Sorts and temp tables stay in memory: no spill files beside the vault.
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


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


def key_url(path: str, key: bytes) -> URL:
    return URL.create("sqlite+pysqlcipher", password=f"x'{bytes(key).hex()}'", database=str(path))


def open_engine(path: str, key: bytes, *, check: bool = True) -> Engine:
    """Return an engine on the encrypted database; raises WrongKeyOrDamaged if it cannot be read."""
    engine = create_engine(
        key_url(path, key),
        module=sqlcipher3,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)
    if check:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except DatabaseError:
            engine.dispose()
            raise cannot_read(path) from None
    return engine


def raw_connect(path: str, key: bytes) -> sqlcipher3.Connection:
    """A plain DB-API connection, keyed, for backup/export work outside the ORM."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise cannot_read(path) from None
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn
