"""Keyed sqlcipher3 connections, without SQLAlchemy (storage/db builds its engine on them).

A connection is keyed through ``sqlite3_key`` (sqlcipher3's ``set_key``) with the raw-key form
``x'<64 hex>'`` built in a bytearray from the caller's key bytearray and wiped right after, so
the key is in no URL, no connect arguments and no SQL text; the raw form skips SQLCipher's
passphrase KDF (the password KDF already ran once, in the header). :func:`set_up` is what every
engine connection runs first. This module imports no SQLAlchemy, so a command that reads on the
driver (the CLI's ``client list``, services/vault/driver_vault) and the GUI's first page
(services/search/first_page) open the vault without loading it (issue 19).
"""

from __future__ import annotations

import functools
import os
from typing import Any

import sqlcipher3

from rm_desktop.domain.errors import UserError, VaultLocked
from rm_desktop.i18n import t
from rm_desktop.security.hardening import wipe
from rm_desktop.storage import db_errors


class WrongKeyOrDamaged(UserError):
    pass


def cannot_read(path: object, exc: BaseException | None = None) -> UserError:
    """Why the database at ``path`` cannot be opened: a full disk or a read-only folder when that
    is the cause (storage/db_errors.py), else a wrong key or a damaged file."""
    named = db_errors.explain(exc, str(path)) if exc is not None else None
    if named is not None:
        return named
    return WrongKeyOrDamaged(
        t(
            "无法读取数据库文件（密钥不符或文件已损坏）：{}",
            "Cannot read the database file (wrong key or damaged file): {}",
        ).format(path)
    )


def set_up(dbapi_conn: Any, _record: object = None) -> None:  # a sqlcipher3 connection (untyped)
    # The driver's own transaction handling commits before any DDL, so a failing migration could
    # leave half a schema. Autocommit at the driver, and storage/db's "begin" event issues
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


HEX_DIGITS = b"0123456789abcdef"


def _raw_key_literal(key: bytes | bytearray) -> bytearray:
    """``x'<hex>'`` in a new bytearray (the caller wipes it): no ``bytes.hex()`` str copy."""
    literal = bytearray(b"x'" + bytes(2 * len(key)) + b"'")
    for i, byte in enumerate(key):
        literal[2 + 2 * i] = HEX_DIGITS[byte >> 4]
        literal[3 + 2 * i] = HEX_DIGITS[byte & 15]
    return literal


def apply_key(dbapi_conn: Any, key: bytes | bytearray, *, rekey: bool = False) -> None:
    """Key a sqlcipher3 connection (``rekey``: re-encrypt its database under ``key``)."""
    literal = _raw_key_literal(key)
    try:
        (dbapi_conn.reset_key if rekey else dbapi_conn.set_key)(literal)
    finally:
        wipe(literal)


def attach_keyed(dbapi_conn: Any, path: str, schema: str, key: bytes | bytearray) -> None:
    """ATTACH ``path`` as ``schema`` under ``key`` (a re-key's target), the key bound as a blob."""
    literal = _raw_key_literal(key)
    try:
        dbapi_conn.execute(f"ATTACH DATABASE ? AS {schema} KEY ?", (path, literal))
    finally:
        wipe(literal)


def _create_private(path: str) -> None:
    """Create a missing database file empty and owner-only (SQLite would make it 0644 less umask)."""
    if path == ":memory:":
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


@functools.cache
def _quiet_log() -> None:
    """Process-wide, before any key: SQLCipher's "ERROR CORE … hmac check failed" lines on stderr
    for a wrong key or a hostile backup are noise (the caller says it once)."""
    probe = sqlcipher3.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
    finally:
        probe.close()


def secure_memory_from_now() -> None:
    """Turn SQLCipher's memory security on for the rest of the process (storage/db.py says why then):
    call it before closing the connections of a vault being locked, so what they free is zeroed."""
    probe = sqlcipher3.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_memory_security = ON")
    finally:
        probe.close()


def connect(path: str, key: bytes | bytearray) -> sqlcipher3.Connection:
    """A keyed sqlcipher3 connection to ``path``; VaultLocked once ``key`` was wiped (all zeros:
    a random key is that with probability 2**-256). The key is not checked here."""
    if not any(key):
        raise VaultLocked()
    _create_private(path)
    _quiet_log()
    conn = sqlcipher3.connect(path, check_same_thread=False)
    try:
        apply_key(conn, key)  # first: a statement before the key would open the file unkeyed
    except BaseException:
        conn.close()
        raise
    return conn


def raw_connect(path: str, key: bytes | bytearray) -> sqlcipher3.Connection:
    """A plain DB-API connection, keyed, for backup/export work outside the ORM."""
    conn = connect(str(path), key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise cannot_read(path, exc) from None
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn
