"""The vault's life cycle: create, unlock, lock, back up (password change and re-key: rekeying.py).

Both clients (GUI and CLI) go through these functions; neither touches keys or files itself.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from rm_desktop.domain import passwords
from rm_desktop.domain.errors import UserError, VaultLocked
from rm_desktop.i18n import t
from rm_desktop.security.hardening import secret_from, wipe
from rm_desktop.security.header import KEY_BYTES, KdfParams, VaultHeader
from rm_desktop.security.keystore import KeyStorage, KeyStore
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.settings import policy_rules
from rm_desktop.services.settings.registry import Settings
from rm_desktop.services.vault import integrity
from rm_desktop.services.vault.driver_vault import DriverVault, keyring_key, stale_key_copy
from rm_desktop.services.vault.driver_vault import NeedPassword as NeedPassword  # (lifecycle's name too)
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.services.vault.permissions import restrict_to_owner, restrict_vault_files
from rm_desktop.storage import backups, migrate, rekey_swap, vault_lock
from rm_desktop.storage.db import open_engine
from rm_desktop.storage.keyed import WrongKeyOrDamaged, secure_memory_from_now

log = logging.getLogger(__name__)
MIN_PASSWORD = passwords.MIN_LENGTH


class VaultMissing(UserError):
    pass


def check_new_password(password: str, confirm: str | None = None) -> None:
    """A new master password: the one strength rule (domain/passwords) and the IT policy's
    minimum, then the same twice."""
    policy_rules.check_password(password, t("主密码", "The master password"))
    if confirm is not None and confirm != password:
        raise UserError(t("两次输入的密码不一致。", "The two passwords do not match."))


class VaultSessions(sessionmaker[Session]):
    """The vault's session factory: it makes no session once the vault is locked (unbound).

    ``begin()`` goes through ``__call__`` too, so both ``sessions()`` and ``sessions.begin()``
    raise :class:`VaultLocked`.
    """

    def __call__(self, **local_kw: Any) -> Session:
        if self.kw.get("bind") is None and local_kw.get("bind") is None:
            raise VaultLocked()
        return super().__call__(**local_kw)


def _refuse_once_dropped(engine: Engine, vault: Vault) -> None:
    """No new connection, statement or commit on ``engine`` once the vault no longer holds it.

    The sessionmaker refuses new sessions, but a session or connection made before the lock
    (a worker thread still running) holds the engine itself, and ``dispose()`` only empties the
    pool. A new connection is refused by the engine's creator once the key bytearray it reads is
    wiped (storage/db.connect: the lock, or a re-key replacing it); these hooks stop statements
    and commits on connections made before, on a locked vault and on the engine a re-key replaced.
    """
    engine_ref, vault_ref = weakref.ref(engine), weakref.ref(vault)

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        holder = vault_ref()
        if holder is None or holder._engine is None or holder._engine is not engine_ref():
            raise VaultLocked()

    def refuse_commit(conn: Any) -> None:
        try:
            refuse()
        except VaultLocked:
            # SQLAlchemy forgets the transaction once its commit fails, so the driver's would stay
            # open, holding the write lock a later unlock's first write (its audit entry) waits for.
            _roll_back_quietly(conn)
            raise

    event.listen(engine, "before_cursor_execute", refuse)
    event.listen(engine, "commit", refuse_commit)  # statements flushed before the lock are not committed after it


def _roll_back_quietly(conn: Any) -> None:
    try:
        conn.connection.dbapi_connection.rollback()
    except Exception:  # a closed or broken connection holds no lock either
        log.debug("rollback of a refused commit failed", exc_info=True)


class Vault:
    """An unlocked vault. ``lock()`` ends it for good: the engine is disposed and dropped, the
    session factory unbound, the key bytes wiped, the folder's lock let go (``hold``:
    storage/vault_lock.py); from then on every use (``sessions()``, ``sessions.begin()``,
    ``engine``, ``settings``, ``key``) raises :class:`VaultLocked`."""

    def __init__(
        self,
        paths: VaultPaths,
        header: VaultHeader,
        engine: Engine,
        key: bytes | bytearray,
        notice: str | None = None,
        hold: vault_lock.VaultHold | None = None,
    ):
        self.paths = paths
        self.header = header
        self.notice = notice
        self.hold = hold
        # Why the last backup's copy to the second backup folder failed (the backup itself did not).
        self.backup_notice: str | None = None
        # The day's housekeeping an unlock left to :func:`housekeep` (the GUI: after its first paint).
        self.housekeeping_due = False
        # The engine's connections are keyed from this very bytearray (no copy), and lock() wipes it.
        self._key = key if isinstance(key, bytearray) else secret_from(bytes(key))
        self._engine: Engine | None = None
        self._state = threading.Lock()  # lock() on the UI thread against a re-key in a worker
        self.sessions = VaultSessions(expire_on_commit=False)
        self.settings = Settings(self.sessions)
        self._bind(engine)
        _owner_only(paths)

    def _bind(self, engine: Engine) -> None:
        _refuse_once_dropped(engine, self)
        self._engine = engine
        self.sessions.configure(bind=engine)

    def _rekeyed(self, key: bytes | bytearray) -> None:
        """The database is now under ``key``: bind a new engine, unless the vault locked meanwhile."""
        with self._state:
            if self._engine is None:
                return
            # A new bytearray for the new engine; wiping the old one retires the old engine's creator.
            old, self._key = self._key, bytearray(key)
            wipe(old)
            self._bind(open_engine(str(self.paths.db), self._key))

    @property
    def locked(self) -> bool:
        return self._engine is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLocked()
        return self._engine

    @property
    def key(self) -> bytearray:
        """The database key; a locked vault has none (the bytes were wiped)."""
        if self._engine is None:
            raise VaultLocked()
        return self._key

    def lock(self) -> None:
        if self._engine is not None:
            _audit_lock(self)
        with self._state:
            engine, self._engine = self._engine, None
            self.sessions.configure(bind=None)
            wipe(self._key)
        if engine is not None:
            secure_memory_from_now()  # first: the connections' page caches and keys are freed zeroed
            engine.dispose()
        if self.hold is not None:
            self.hold.release()

    def claim_owner(self) -> None:
        """Make this the vault's one GUI window (a vault created or opened before the window took
        it over); VaultBusy when another window or an exclusive operation has it."""
        if self.hold is None:
            self.hold = vault_lock.VaultHold(self.paths.root)
        self.hold.claim_owner(vault_lock.GUI)


def _audit_lock(vault: Vault) -> None:
    """The lock's audit entry. A lock must happen whatever: a vault whose entry cannot be
    written (a failed upgrade left no audit table, a full disk) is locked all the same."""
    try:
        audit_log.record_now(vault, "lock")
    except Exception:  # logged; the lock itself goes on
        log.warning("the lock's audit entry could not be written", exc_info=True)


def _owner_only(paths: VaultPaths) -> None:
    """Every vault file owner-only at each open (issue 13.11): an older vault's 0644 files are fixed."""
    restrict_vault_files(paths.root)


def _open(
    paths: VaultPaths,
    header: VaultHeader,
    key: bytes | bytearray,
    notice: str | None,
    hold: vault_lock.VaultHold | None = None,
) -> Vault:
    """The vault on ``key``, which it owns from here on (and wipes on lock); wiped here on failure."""
    if not isinstance(key, bytearray):
        key = secret_from(bytes(key))
    try:
        return Vault(paths, header, open_engine(str(paths.db), key), key, notice, hold)
    except BaseException:
        wipe(key)
        raise


def _hold(root: Path, owner: bool) -> vault_lock.VaultHold:
    """The GUI (``owner``) has the vault to itself; CLI commands share it (storage/vault_lock.py)."""
    return vault_lock.hold_owner(root) if owner else vault_lock.hold_user(root)


def create_vault(
    root: Path,
    password: str,
    *,
    remember: bool = True,
    kdf: KdfParams | None = None,
    keystore: KeyStorage | None = None,
    owner: bool = False,
) -> Vault:
    """A new vault in ``root``, open; ``owner``: held as the GUI's (see :func:`unlock`)."""
    paths = VaultPaths(Path(root))
    if paths.exists():
        raise UserError(t("该文件夹中已有档案库：{}", "A vault already exists in {}").format(paths.root))
    check_new_password(password)
    new_dirs = [p for p in (paths.root, *paths.root.parents) if not p.exists()]
    try:
        paths.root.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise UserError(
            t("无法创建文件夹 {}：{}", "Cannot create the folder {}: {}").format(paths.root, exc.strerror)
        ) from None
    restrict_to_owner(paths.root)  # 0700; on Windows outside the profile, an owner-only ACL
    vault: Vault | None = None
    hold: vault_lock.VaultHold | None = None
    try:
        hold = _hold(paths.root, owner)
        key = secret_from(secrets.token_bytes(KEY_BYTES))
        header = VaultHeader.create(password, key, kdf)
        header.save(paths.header)
        vault = _open(paths, header, key, None, hold)
        migrate.upgrade(vault.engine)
        if remember:  # a brand-new vault id has nothing to forget
            _remember(vault, True, keystore)
    except BaseException:
        # A half-made vault would block the retry ("a vault already exists"): take it away again.
        if vault is not None:
            vault.lock()
        if hold is not None:
            hold.release()
            vault_lock.remove_lock_files(paths.root)
        _discard_new_vault(paths, new_dirs)
        raise
    return vault


def _discard_new_vault(paths: VaultPaths, new_dirs: list[Path]) -> None:
    """Remove the files create_vault wrote and the folders it made (only if left empty)."""
    for path in (paths.header, paths.db, *paths.sidecars()):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s after a failed create", path.name)
    for folder in new_dirs:  # innermost first
        try:
            folder.rmdir()
        except OSError:
            break  # not empty (or not ours to remove): the folders above it stay too


def _remember(vault: Vault, remember: bool | None, keystore: KeyStorage | None) -> None:
    """Save (True) or forget (False) the key copy on this PC; None leaves the key store alone."""
    if remember is None:
        return
    store = keystore or KeyStore()
    if remember:
        if not store.save(vault.header.vault_id, vault.key):
            vault.notice = store.notice
    else:
        store.forget(vault.header.vault_id)


def load_header(root: Path) -> tuple[VaultPaths, VaultHeader]:
    paths = VaultPaths(Path(root))
    if not paths.exists():
        raise VaultMissing(t("这里还没有档案库：{}", "There is no vault in {}").format(paths.root))
    return paths, VaultHeader.load(paths.header)


def unlock(
    root: Path,
    password: str | None = None,
    *,
    remember: bool | None = None,
    keystore: KeyStorage | None = None,
    backup: bool = True,
    owner: bool = False,
    derived: Callable[[VaultHeader], bytearray | None] | None = None,
    housekeeping: bool = True,
) -> Vault:
    """Open with ``password``, or with the keyring copy when ``password`` is None.

    With a password, ``remember`` True saves the key copy on this PC, False removes it, None
    (the default: the CLI, scripts) leaves the key store as the user set it. ``derived(header)``
    gives the key ``password`` unwraps from that very header when it was derived ahead (the CLI's
    start, issue 19.2), or None: it is then unwrapped here; its error (a wrong password) is raised.

    ``owner`` (the GUI): the vault is this window's alone while open, and VaultBusy says so when
    another window has it; otherwise (CLI commands) it is shared with the window and with other
    commands. Both are refused while a restore, re-key or password change runs elsewhere.

    ``housekeeping`` False (the GUI): whether this is the day's first unlock is settled here, with
    its entry, but the housekeeping itself is left to :func:`housekeep` (``vault.housekeeping_due``).
    """
    paths, header = load_header(root)
    store = keystore or KeyStore()
    hold = _hold(paths.root, owner)  # before the key derivation: a busy vault is said at once
    try:
        rekeyed = rekey_swap.recover(paths.db, paths.header)  # a re-key killed after its commit point
        # A restore killed half-way rolled back, killed backups' temp files, a missing vault.db.
        if integrity.recover(paths, hold) or rekeyed:
            header = VaultHeader.load(paths.header)
        vault = _open_with(paths, header, password, remember, store, hold, derived)
    except BaseException:
        hold.release()
        raise
    _settle(vault, backup=backup, housekeeping=housekeeping)
    return vault


def unlock_from_driver(opened: DriverVault) -> Vault:
    """The full vault (engine, sessions) for a vault the GUI opened on the bare driver before its
    first paint (driver_vault.open_for_window: the hold, recovery, key and schema check done
    there): the rest of :func:`unlock` with ``backup=False, housekeeping=False``. The new vault
    holds a copy of the key and the hold from here on; the caller then closes ``opened``
    (``close_handed_over``) once nothing reads through it any more."""
    vault = _open(opened.paths, opened.header, bytearray(opened.key), None, opened.hold)
    _settle(vault, backup=False, housekeeping=False)
    return vault


def _settle(vault: Vault, *, backup: bool, housekeeping: bool) -> None:
    """An unlock's work once the engine is open (see :func:`unlock`); the vault locked on failure."""
    try:
        if backup:
            backup_now(vault)
        if migrate.needs_upgrade(vault.engine):
            if not backup:
                backup_now(vault)
            migrate.upgrade(vault.engine)
        audit_log.record_now(vault, "unlock")  # no unlock without its entry
        if housekeeping:
            _expire(vault)
        else:
            vault.housekeeping_due = _housekeeping_due(vault)
    except BaseException:
        vault.lock()
        raise


def housekeep(vault: Vault) -> None:
    """The day's housekeeping an unlock with ``housekeeping=False`` left (nothing otherwise, or
    once done): the GUI runs it after the client list's first paint, in the backup's worker."""
    if vault.housekeeping_due:
        vault.housekeeping_due = False
        _expire(vault, force=True)  # due was settled at the unlock: a later one must not hide it


def _housekeeping_due(vault: Vault) -> bool:
    from rm_desktop.services.privacy import housekeeping

    try:
        return housekeeping.due_today(vault, housekeeping.local_now())
    except Exception as exc:  # noqa: BLE001 - as a failed housekeeping: it runs at the next unlock
        log.warning("retention housekeeping check failed at unlock: %s", type(exc).__name__)
        return False


def _expire(vault: Vault, *, force: bool = False) -> None:
    """The trash and the backups past their retention go (services/privacy/housekeeping, issue
    18.5); a failure there is logged, never a failed unlock. ``force``: the day's first unlock
    was found already (:func:`housekeep`)."""
    from rm_desktop.services.privacy import housekeeping

    try:
        second = vault.settings.get("backup_second_folder")
        folders = [vault.paths.backups, *([Path(second)] if second else [])]
        housekeeping.at_unlock(vault, folders, force=force)
    except Exception as exc:  # noqa: BLE001 - retention runs again at the next unlock
        log.warning("retention housekeeping failed at unlock: %s", type(exc).__name__)


def _open_with(
    paths: VaultPaths,
    header: VaultHeader,
    password: str | None,
    remember: bool | None,
    store: KeyStorage,
    hold: vault_lock.VaultHold,
    derived: Callable[[VaultHeader], bytearray | None] | None = None,
) -> Vault:
    if password is None:
        try:
            return _open(paths, header, keyring_key(store, header), None, hold)
        except WrongKeyOrDamaged:
            # A stale keyring copy (the vault was re-keyed elsewhere): ask for the password.
            raise stale_key_copy() from None
    key = derived(header) if derived is not None else None
    vault = _open(paths, header, key if key is not None else secret_from(header.unwrap(password)), None, hold)
    try:
        _remember(vault, remember, store)
    except BaseException:
        vault.lock()
        raise
    return vault


def configure_orm() -> None:
    """Configure every ORM mapper now: the first ORM statement would (~100 ms for ~30 mappers).
    The GUI calls it in its unlock thread, so the client list's first query on the UI thread
    does not pay it before the first paint (issue 19.1)."""
    configure_mappers()


def backup_now(vault: Vault, target: Path | None = None) -> Path:
    """Back up into the vault's backups folder (or ``target``), keeping the newest N there; a
    backup there is also copied to the second backup folder when one is set. That copy failing
    is a notice (``vault.backup_notice``, and a warning in the log), not a failed backup."""
    target = Path(target) if target else vault.paths.backups / backups.backup_name()
    if target.parent == vault.paths.backups:
        with contextlib.suppress(OSError):  # (a failure is the backup's own message)
            vault.paths.backups.mkdir(mode=0o700, exist_ok=True)  # owner-only from the first backup
    path = backups.write_backup(vault.paths.db, vault.key, vault.header.to_bytes(), target)
    vault.backup_notice = None
    if target.parent == vault.paths.backups:
        settled = not migrate.needs_upgrade(vault.engine)  # settings are read from the current schema only
        keep = vault.settings.get("backups_kept") if settled else 10
        backups.prune_backups(vault.paths.backups, keep)
        if settled:
            vault.backup_notice = _copy_to_second_folder(vault, path)
    return path


def _copy_to_second_folder(vault: Vault, path: Path) -> str | None:
    folder = vault.settings.get("backup_second_folder")
    if not folder:
        return None
    try:
        backups.copy_backup(path, Path(folder), vault.settings.get("backup_second_kept"))
    except backups.BackupError as exc:
        log.warning("the copy to the second backup folder failed")
        return t(
            "备份已完成，但未能复制到第二备份文件夹：{}", "Backed up, but not copied to the second backup folder: {}"
        ).format(exc)
    return None


def latest_backup(root: Path) -> Path | None:
    found = backups.list_backups(VaultPaths(Path(root)).backups)
    return found[0].path if found else None
