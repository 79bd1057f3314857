"""The vault's life cycle: create, unlock, lock, change password, re-key, back up, restore, verify.

Both clients (GUI and CLI) go through these functions; neither touches keys or files itself.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from rm_desktop.domain.errors import UserError
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


@dataclass
class Vault:
    """An unlocked vault. ``lock()`` disposes the connections and wipes the key bytes we hold."""

    paths: VaultPaths
    header: VaultHeader
    engine: Engine
    key: bytearray
    notice: str | None = None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.settings = Settings(self.sessions)

    @property
    def locked(self) -> bool:
        return self.engine is None

    def lock(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
        for i in range(len(self.key)):
            self.key[i] = 0


def _open(paths: VaultPaths, header: VaultHeader, key: bytes, notice: str | None) -> Vault:
    return Vault(paths, header, open_engine(str(paths.db), key), bytearray(key), notice)


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
    with vault.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    vault.engine.dispose()
    vault.header.wrap(password, new_key)
    vault.header.save(vault.paths.header)
    vault.engine = open_engine(str(vault.paths.db), new_key)
    vault.sessions.configure(bind=vault.engine)
    vault.key[:] = new_key
    store = keystore or KeyStore()
    if store.load(vault.header.vault_id) is not None:
        store.save(vault.header.vault_id, new_key)


def latest_backup(root: Path) -> Path | None:
    found = backups.list_backups(VaultPaths(Path(root)).backups)
    return found[0].path if found else None
