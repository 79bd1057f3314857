"""A vault opened on the bare sqlcipher3 driver, for a command that reads and records (issue 19.2).

IT scripts call ``client list`` thousands of times. Its whole path runs here on one DB-API
connection: no engine, pool, session or ORM. What the full unlock (lifecycle.unlock) does for a
command, this does too, in its order and with the same functions: the CLI's shared hold on the
vault's lock files (storage/vault_lock), an interrupted re-key or restore finished
(rekey_swap.recover, integrity.recover), the key unwrapped from the header (or taken from the
derivation begun at the command's start), the connection keyed and set up by storage/db's own
connection hook, every vault file owner-only, the ``unlock`` audit entry in a BEGIN IMMEDIATE
write (services/audit/log's one entry maker), and at the lock the ``lock`` entry, SQLCipher's
memory security switched on before the connection closes, the key wiped and the hold let go.

What it leaves to the full unlock, before writing anything (:class:`NotOnDriver`: the caller
unlocks the usual way, with the key already unwrapped): a schema that is not at the shipped heads
(the upgrade and its backup), and the day's first unlock, whose housekeeping (services/privacy/
housekeeping: the trash, the backups and the audit log past retention) has work to look at. A
missing vault too, so that its message is the full unlock's.

The GUI's keyring unlock starts here too (:func:`open_for_window`, issue 19.1): the window's
hold, recovery, the keyring copy, the keyed connection and the schema check, then the client
list's first page and its amount unit are read on it, and the window paints them; the engine is
opened after that paint from this vault (lifecycle.unlock_from_driver: its ``unlock`` audit
entry, the day's housekeeping check), which then takes over the key and the hold
(:meth:`DriverVault.close_handed_over`). Nothing is written on the driver on that path.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError, VaultLocked
from rm_desktop.i18n import t
from rm_desktop.security.hardening import secret_from, wipe
from rm_desktop.security.header import VaultHeader
from rm_desktop.security.keystore import KeyStorage, KeyStore
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.privacy import housekeeping
from rm_desktop.services.search.driver import BareEngine, DriverResult
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.services.vault.permissions import restrict_vault_files
from rm_desktop.storage import vault_lock
from rm_desktop.storage.keyed import WrongKeyOrDamaged

log = logging.getLogger(__name__)

Derived = Callable[[VaultHeader], "bytearray | None"]


class NeedPassword(UserError):
    """No usable key in the keyring: the caller must ask for the master password.

    ``keyring_notice`` is set when the keyring itself failed (worth one line to the user).
    (Defined here, without SQLAlchemy, for the GUI's unlock before its first paint; lifecycle
    names it too.)
    """

    def __init__(self, message: str, keyring_notice: str | None = None):
        super().__init__(message)
        self.keyring_notice = keyring_notice


def stale_key_copy() -> NeedPassword:
    """A keyring copy that does not open the database (the vault was re-keyed elsewhere)."""
    return NeedPassword(
        t(
            "本机保存的密钥已失效，请输入主密码。",
            "The key saved on this PC no longer fits; enter the master password.",
        )
    )


def keyring_key(store: KeyStorage, header: VaultHeader) -> bytearray:
    """The "remember on this PC" copy of ``header``'s key; NeedPassword when there is none."""
    key = store.load(header.vault_id)
    if key is None:
        raise NeedPassword(store.notice or t("请输入主密码。", "Please enter the master password."), store.notice)
    return key


class NotOnDriver(Exception):
    """This open needs the full unlock (see the module's notes); nothing was written. Pass
    :meth:`key_for` as the unlock's ``derived``: the key already unwrapped is not derived again."""

    def __init__(
        self, why: str, header: bytes | None = None, key: bytearray | None = None, derived: Derived | None = None
    ):
        super().__init__(why)
        self._header, self._key, self._derived = header, key, derived

    def key_for(self, header: VaultHeader) -> bytearray | None:
        """The key for ``header``, once (the caller owns it); else what the command's early
        derivation has for it (None: unwrap it there)."""
        key, self._key = self._key, None
        if key is not None:
            if header.to_bytes() == self._header:
                return key
            wipe(key)
        return self._derived(header) if self._derived is not None else None

    def discard(self) -> None:
        key, self._key = self._key, None
        if key is not None:
            wipe(key)


class _SettingsSession:
    """What services/settings' ``Settings.get`` reads through (``connection().exec_driver_sql(sql,
    params).scalar()``), on the bare connection: the registry's own statement, definitions and policy."""

    def __init__(self, vault: DriverVault):
        self._vault = vault

    def __enter__(self) -> _SettingsSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def connection(self) -> _SettingsSession:
        return self

    def exec_driver_sql(self, sql: str, params: tuple) -> DriverResult:
        return DriverResult(self._vault._connection().execute(sql, params))


class DriverVault:
    """An unlocked vault on one bare connection: ``engine`` for services/search's readers,
    ``settings`` for typed settings, ``write_on_driver`` for the audit log's entries (record_now);
    ``lock()`` ends it for good."""

    def __init__(self, paths: VaultPaths, header: VaultHeader, conn: Any, key: bytearray, hold: vault_lock.VaultHold):
        from rm_desktop.services.settings.registry import Settings

        self.paths, self.header, self.hold = paths, header, hold
        self.notice: str | None = None  # (a password unlock leaves the keyring alone: nothing to say)
        self._conn: Any = conn
        self._key = key
        self.engine = BareEngine(conn, self._check, self._explain)
        self.settings = Settings(lambda: _SettingsSession(self))  # type: ignore[arg-type]

    @property
    def locked(self) -> bool:
        return self._conn is None

    @property
    def key(self) -> bytearray:
        """The database key (what services/search/first_page connects with); VaultLocked once closed."""
        self._check()
        return self._key

    def _check(self) -> None:
        if self._conn is None:
            raise VaultLocked()

    def _connection(self) -> Any:
        self._check()
        return self._conn

    def _explain(self, exc: BaseException) -> Exception | None:
        from rm_desktop.storage import db_errors

        return db_errors.explain(exc, str(self.paths.db))

    @contextlib.contextmanager
    def write_on_driver(self) -> Iterator[Any]:
        """A write transaction on the connection (BEGIN IMMEDIATE, as storage/db's writers begin,
        waiting up to the busy timeout for another writer): committed when the block ends,
        rolled back when it raises."""
        conn = self._connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.execute("COMMIT")
        except Exception as exc:
            named = self._explain(exc)
            if named is None:
                raise
            raise named from None

    def lock(self) -> None:
        """The ``lock`` entry (a failure is logged: the lock happens whatever, as lifecycle's),
        memory security on, the connection closed, the key wiped, the hold let go."""
        if self._conn is None:
            return
        try:
            audit_log.record_now(self, "lock")
        except Exception:  # the lock itself goes on
            log.warning("the lock's audit entry could not be written", exc_info=True)
        from rm_desktop.storage.keyed import secure_memory_from_now

        conn, self._conn = self._conn, None
        wipe(self._key)
        try:
            secure_memory_from_now()  # first: the connection's page cache and key are freed zeroed
            conn.close()
        finally:
            self.hold.release()

    def close_handed_over(self) -> None:
        """The full vault made from this one (lifecycle.unlock_from_driver) holds the key (its own
        copy) and the hold now: the connection closes and this key copy is wiped, nothing else."""
        conn, self._conn = self._conn, None
        if conn is not None:
            wipe(self._key)
            conn.close()

    def discard(self) -> None:
        """Given up before anything was written on it (open_for_window's vault no window took):
        closed, the key wiped and the hold let go, without audit entries (it wrote no ``unlock``)."""
        if self._conn is not None:
            self.close_handed_over()
            self.hold.release()


def _schema_current(conn: Any) -> bool:
    """Whether the vault's revisions are the shipped heads (storage/migrate.known_heads)."""
    from rm_desktop.storage.migrate import known_heads, revisions_on

    return revisions_on(conn) == known_heads()


def _connect(db: Path, key: bytearray) -> Any:
    """A keyed connection set up as the engine's are (storage/db's connect hook: autocommit at
    the driver, foreign keys, WAL, the cache, the busy timeout); WrongKeyOrDamaged when the key
    does not open it."""
    from rm_desktop.storage import keyed

    conn = keyed.raw_connect(str(db), key)
    try:
        keyed.set_up(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_on_driver(root: Path, password: str, derived: Derived | None = None) -> DriverVault:
    """Unlock the vault in ``root`` with ``password`` on the bare driver (the module's notes);
    ``derived`` as lifecycle.unlock's. NotOnDriver when the full unlock must do it."""
    paths = VaultPaths(Path(root))
    if not paths.exists():
        raise NotOnDriver("no vault", derived=derived)

    def key_for(header: VaultHeader) -> bytearray:
        key = derived(header) if derived is not None else None
        return key if key is not None else secret_from(header.unwrap(password))

    vault = _open(paths, vault_lock.hold_user, key_for, housekeeping_first=True)
    try:
        audit_log.record_now(vault, "unlock")  # no unlock without its entry
    except BaseException:
        vault.lock()
        raise
    return vault


def open_for_window(root: Path, keystore: KeyStorage | None = None) -> DriverVault:
    """The GUI's keyring unlock up to the engine (the module's notes): the window's own hold
    (VaultBusy), the keyring copy (NeedPassword when there is none or it no longer fits).
    Nothing is written; the caller makes the full vault with lifecycle.unlock_from_driver, or
    discards it. NotOnDriver (nothing held) when the full unlock must do it: a missing vault, a
    schema upgrade."""
    paths = VaultPaths(Path(root))
    if not paths.exists():
        raise NotOnDriver("no vault")
    store = keystore or KeyStore()
    try:
        return _open(paths, vault_lock.hold_owner, lambda header: keyring_key(store, header), housekeeping_first=False)
    except NotOnDriver as exc:
        exc.discard()  # the full unlock reads the keyring copy again
        raise
    except WrongKeyOrDamaged:
        raise stale_key_copy() from None


def _open(
    paths: VaultPaths,
    hold_for: Callable[[Path], vault_lock.VaultHold],
    key_for: Callable[[VaultHeader], bytearray],
    *,
    housekeeping_first: bool,
) -> DriverVault:
    """The vault on the driver with the key ``key_for(header)`` gives, under ``hold_for``'s hold:
    lifecycle.unlock's order (the header, the hold before the key, recovery, the key, the
    connection, owner-only files, the schema). ``housekeeping_first``: the day's first unlock
    is also left to the full unlock (the CLI's; the GUI's full vault settles it after its paint)."""
    from rm_desktop.services.vault import integrity
    from rm_desktop.storage import rekey_swap

    header = VaultHeader.load(paths.header)
    hold = hold_for(paths.root)  # before the key derivation: a busy vault is said at once
    key: bytearray | None = None
    conn: Any = None
    try:
        rekeyed = rekey_swap.recover(paths.db, paths.header)
        if integrity.recover(paths, hold) or rekeyed:
            header = VaultHeader.load(paths.header)
        key = key_for(header)
        conn = _connect(paths.db, key)
        restrict_vault_files(paths.root)  # every vault file owner-only at each open (issue 13.11)
        why = None
        if not _schema_current(conn):
            why = "schema upgrade"
        elif housekeeping_first and housekeeping.due_before_unlock(conn, housekeeping.local_now()):
            why = "the day's housekeeping"
        if why is not None:  # (the hold is let go below; the key goes to the full unlock)
            handed, key = key, None
            raise NotOnDriver(why, header.to_bytes(), handed)
        return DriverVault(paths, header, conn, key, hold)
    except BaseException:
        if conn is not None:
            conn.close()
        if key is not None:
            wipe(key)
        hold.release()
        raise
