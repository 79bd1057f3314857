"""The vault's life cycle: create, unlock, lock, change password, re-key, back up, restore, verify.

Both clients (GUI and CLI) go through these functions; neither touches keys or files itself.
"""

from __future__ import annotations

import logging
import secrets
import threading
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from rm_desktop.domain.errors import UserError, VaultLocked
from rm_desktop.i18n import t
from rm_desktop.security.header import KEY_BYTES, KdfParams, VaultHeader
from rm_desktop.security.keystore import KeyStore
from rm_desktop.services.settings.registry import Settings
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.storage import backups, migrate
from rm_desktop.storage.db import WrongKeyOrDamaged, open_engine

log = logging.getLogger(__name__)
MIN_PASSWORD = 8


class NeedPassword(UserError):
    """No usable key in the keyring: the caller must ask for the master password.

    ``keyring_notice`` is set when the keyring itself failed (worth one line to the user).
    """

    def __init__(self, message: str, keyring_notice: str | None = None):
        super().__init__(message)
        self.keyring_notice = keyring_notice


class VaultMissing(UserError):
    pass


def check_new_password(password: str, confirm: str | None = None) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(
            t("主密码至少需要 {} 个字符。", "The master password needs at least {} characters.").format(MIN_PASSWORD)
        )
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
    pool: the engine would reconnect with the key in its URL. These hooks stop it, on a locked
    vault and on the engine a re-key replaced.
    """
    engine_ref, vault_ref = weakref.ref(engine), weakref.ref(vault)

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        holder = vault_ref()
        if holder is None or holder._engine is None or holder._engine is not engine_ref():
            raise VaultLocked()

    event.listen(engine, "do_connect", refuse)
    event.listen(engine, "before_cursor_execute", refuse)
    event.listen(engine, "commit", refuse)  # statements flushed before the lock are not committed after it


class Vault:
    """An unlocked vault. ``lock()`` ends it for good: the engine is disposed and dropped, the
    session factory unbound, the key bytes wiped; from then on every use (``sessions()``,
    ``sessions.begin()``, ``engine``, ``settings``, ``key``) raises :class:`VaultLocked`."""

    def __init__(
        self, paths: VaultPaths, header: VaultHeader, engine: Engine, key: bytes | bytearray, notice: str | None = None
    ):
        self.paths = paths
        self.header = header
        self.notice = notice
        self._key = bytearray(key)
        self._engine: Engine | None = None
        self._state = threading.Lock()  # lock() on the UI thread against a re-key in a worker
        self.sessions = VaultSessions(expire_on_commit=False)
        self.settings = Settings(self.sessions)
        self._bind(engine)

    def _bind(self, engine: Engine) -> None:
        _refuse_once_dropped(engine, self)
        self._engine = engine
        self.sessions.configure(bind=engine)

    def _rekeyed(self, key: bytes) -> None:
        """The database is now under ``key``: bind a new engine, unless the vault locked meanwhile."""
        with self._state:
            if self._engine is None:
                return
            self._bind(open_engine(str(self.paths.db), key))
            self._key[:] = key

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
        with self._state:
            engine, self._engine = self._engine, None
            self.sessions.configure(bind=None)
            for i in range(len(self._key)):
                self._key[i] = 0
        if engine is not None:
            engine.dispose()


def _open(paths: VaultPaths, header: VaultHeader, key: bytes, notice: str | None) -> Vault:
    return Vault(paths, header, open_engine(str(paths.db), key), key, notice)


def create_vault(
    root: Path, password: str, *, remember: bool = True, kdf: KdfParams | None = None, keystore: KeyStore | None = None
) -> Vault:
    paths = VaultPaths(Path(root))
    if paths.exists():
        raise UserError(t("该文件夹中已有档案库：{}", "A vault already exists in {}").format(paths.root))
    check_new_password(password)
    try:
        paths.root.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise UserError(
            t("无法创建文件夹 {}：{}", "Cannot create the folder {}: {}").format(paths.root, exc.strerror)
        ) from None
    key = secrets.token_bytes(KEY_BYTES)
    header = VaultHeader.create(password, key, kdf)
    header.save(paths.header)
    vault = _open(paths, header, key, None)
    migrate.upgrade(vault.engine)
    _remember(vault, remember, keystore)
    return vault


def _remember(vault: Vault, remember: bool, keystore: KeyStore | None) -> None:
    store = keystore or KeyStore()
    if remember:
        if not store.save(vault.header.vault_id, bytes(vault.key)):
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
    remember: bool = True,
    keystore: KeyStore | None = None,
    backup: bool = True,
) -> Vault:
    """Open with ``password``, or with the keyring copy when ``password`` is None."""
    paths, header = load_header(root)
    store = keystore or KeyStore()
    if password is None:
        key = store.load(header.vault_id)
        if key is None:
            raise NeedPassword(store.notice or t("请输入主密码。", "Please enter the master password."), store.notice)
        try:
            vault = _open(paths, header, key, None)
        except WrongKeyOrDamaged:
            # A stale keyring copy (the vault was re-keyed elsewhere): ask for the password.
            raise NeedPassword(
                t(
                    "本机保存的密钥已失效，请输入主密码。",
                    "The key saved on this PC no longer fits; enter the master password.",
                )
            ) from None
    else:
        key = header.unwrap(password)
        vault = _open(paths, header, key, None)
        _remember(vault, remember, store)
    try:
        if backup:
            backup_now(vault)
        if migrate.needs_upgrade(vault.engine):
            if not backup:
                backup_now(vault)
            migrate.upgrade(vault.engine)
    except BaseException:
        vault.lock()
        raise
    return vault


def backup_now(vault: Vault, target: Path | None = None) -> Path:
    target = Path(target) if target else vault.paths.backups / backups.backup_name()
    path = backups.write_backup(vault.paths.db, bytes(vault.key), vault.header.to_bytes(), target)
    if target.parent == vault.paths.backups:
        keep = vault.settings.get("backups_kept") if not migrate.needs_upgrade(vault.engine) else 10
        backups.prune_backups(vault.paths.backups, keep)
    return path


def change_password(vault: Vault, old: str, new: str) -> None:
    """Re-wrap the same database key; the database itself is untouched."""
    vault.header.unwrap(old)
    check_new_password(new)
    vault.header.wrap(new, bytes(vault.key))
    vault.header.save(vault.paths.header)


def rekey(vault: Vault, password: str, keystore: KeyStore | None = None) -> None:
    """Encrypt the whole database under a fresh random key (after a suspected key leak)."""
    vault.header.unwrap(password)
    backup_now(vault)
    new_key = secrets.token_bytes(KEY_BYTES)
    engine = vault.engine
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    # The file is under the new key now: the header must follow, even if the vault locked while
    # the database was re-encrypted (it then stays locked).
    engine.dispose()
    vault.header.wrap(password, new_key)
    vault.header.save(vault.paths.header)
    vault._rekeyed(new_key)
    store = keystore or KeyStore()
    if store.load(vault.header.vault_id) is not None:
        store.save(vault.header.vault_id, new_key)


def latest_backup(root: Path) -> Path | None:
    found = backups.list_backups(VaultPaths(Path(root)).backups)
    return found[0].path if found else None
