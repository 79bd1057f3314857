"""Restore from a backup and verify a vault: the IT-staff side of the vault's life cycle."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.i18n import t
from rm_desktop.security.header import DamagedHeader, VaultHeader, WrongPassword
from rm_desktop.security.keystore import KeyStore
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.storage import backups, migrate
from rm_desktop.storage.atomic import atomic_writer
from rm_desktop.storage.db import WrongKeyOrDamaged, raw_connect


def _fits(db: Path, key: bytes) -> bool:
    try:
        raw_connect(str(db), key).close()
        return True
    except WrongKeyOrDamaged:
        return False


def _current_header(paths: VaultPaths) -> VaultHeader | None:
    try:
        return VaultHeader.load(paths.header)
    except DamagedHeader:
        return None  # restoring is exactly how a damaged header gets fixed


def restore(
    root: Path,
    backup_path: Path,
    *,
    password: str | None = None,
    key: bytes | None = None,
    keystore: KeyStore | None = None,
) -> None:
    """Replace the vault's database with the backup's. The vault must be locked.

    The backup's key is found from ``key`` (the current one), the current header or the backup's
    own header opened with ``password``. Afterwards the current password opens the restored vault:
    the header is re-wrapped under ``password`` when the backup used another key. The database
    as it was is first saved as one more backup, so a restore can itself be undone.
    """
    paths = VaultPaths(Path(root))
    paths.root.mkdir(parents=True, exist_ok=True)
    header_bytes, db_tmp = backups.read_backup(Path(backup_path), paths.root)
    need_password = WrongPassword(t("请输入主密码以恢复备份。", "Enter the master password to restore the backup."))
    try:
        old_header = _current_header(paths)
        backup_header = VaultHeader.from_bytes(header_bytes, str(backup_path))
        old_key = key if key else _try_unwrap(old_header, password)
        candidates = [k for k in (old_key, _try_unwrap(backup_header, password)) if k]
        found = next((k for k in candidates if _fits(db_tmp, k)), None)
        if found is None:
            if password is None:
                raise need_password
            raise WrongPassword(
                t(
                    "该密码无法打开此备份（备份时可能使用了其他密码）。",
                    "This password does not open the backup (it may have been made with another password).",
                )
            )
        if old_header is not None and old_key == found:
            header = old_header
        elif password is None:
            raise need_password
        else:
            header = old_header or backup_header
            header.wrap(password, found)
        if old_header is not None and paths.db.exists() and old_key and _fits(paths.db, old_key):
            backups.write_backup(paths.db, old_key, old_header.to_bytes(), paths.backups / backups.backup_name())
        for sidecar in paths.sidecars():
            sidecar.unlink(missing_ok=True)
        # Copied through the atomic writer (fsynced, then renamed in place), not renamed unsynced.
        with open(db_tmp, "rb") as source, atomic_writer(paths.db) as target:
            shutil.copyfileobj(source, target, 1 << 20)
        header.save(paths.header)
        store = keystore or KeyStore()
        if store.load(header.vault_id) is not None:
            store.save(header.vault_id, found)
    finally:
        db_tmp.unlink(missing_ok=True)


def _try_unwrap(header: VaultHeader | None, password: str | None) -> bytes | None:
    if header is None or password is None:
        return None
    try:
        return header.unwrap(password)
    except WrongPassword:
        return None


@dataclass(frozen=True)
class VerifyReport:
    integrity: list[str]
    cipher_integrity: list[str]
    revision: str | None
    head: str

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.cipher_integrity and self.revision == self.head

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "integrity_check": self.integrity,
            "cipher_integrity_check": self.cipher_integrity,
            "revision": self.revision,
            "head": self.head,
        }


def verify(vault: Vault) -> VerifyReport:
    with vault.engine.connect() as conn:
        integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        cipher = [row[0] for row in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
    return VerifyReport(integrity, cipher, migrate.current_revision(vault.engine), migrate.head_revision())
