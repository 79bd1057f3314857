"""Restore from a backup and verify a vault: the IT-staff side of the vault's life cycle."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.security.header import DamagedHeader, VaultHeader, WrongPassword
from rm_desktop.security.keystore import KeyStorage, KeyStore
from rm_desktop.services.vault.lifecycle import Vault, load_header, put_back_interrupted_restore, set_aside
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.storage import atomic, backups, migrate, vault_lock
from rm_desktop.storage.atomic import FileInUse, atomic_writer
from rm_desktop.storage.db import WrongKeyOrDamaged, raw_connect

log = logging.getLogger(__name__)


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
    keystore: KeyStorage | None = None,
    kind: str = vault_lock.CLI,
) -> None:
    """Replace the vault's database with the backup's. The vault must be locked, in this program
    and in every other: the restore has the vault to itself (VaultBusy, naming who has it, when
    another window or command has it open; ``kind``, gui or cli, is what they are told of us).

    The backup's key is found from ``key`` (the current one), the current header or the backup's
    own header opened with ``password``. Afterwards the current password opens the restored vault:
    the header is re-wrapped under ``password`` when the backup used another key. The database
    as it was is first saved as one more backup, so a restore can itself be undone.

    The current files are moved aside (``*.restore-old``), the restored ones put in place, and the
    moved ones deleted only then; any failure on the way (a file another program holds open)
    moves them back: the vault is as it was, and a UserError says why.
    """
    paths = VaultPaths(Path(root))
    paths.root.mkdir(parents=True, exist_ok=True)
    with vault_lock.exclusive(paths.root, kind):
        _restore(paths, Path(backup_path), password, key, keystore)


def _restore(
    paths: VaultPaths, backup_path: Path, password: str | None, key: bytes | None, keystore: KeyStorage | None
) -> None:
    _finish_interrupted(paths)
    header_bytes, db_tmp = backups.read_backup(backup_path, paths.root)
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
        _swap_in(paths, db_tmp, header)
        store = keystore or KeyStore()
        if store.load(header.vault_id) is not None:
            store.save(header.vault_id, found)
    finally:
        if not atomic.remove(db_tmp):
            log.warning("could not remove the restore's temp file")


def _swap_in(paths: VaultPaths, restored: Path, header: VaultHeader) -> None:
    """Put ``restored`` and ``header`` in place of the vault's files, or leave those as they were."""
    moved: list[tuple[Path, Path]] = []
    placed = False
    try:
        # The database first, then its -wal/-shm: an interrupted restore is seen by the database
        # alone being aside (_finish_interrupted), and a database never meets another's log.
        for path in (paths.db, *paths.sidecars()):
            if path.exists():
                try:
                    atomic.replace(path, set_aside(path))
                except FileInUse:
                    raise FileInUse(path) from None  # the file held is this one, not the name it was to get
                moved.append((path, set_aside(path)))
        # Copied through the atomic writer (fsynced, then renamed in place), not renamed unsynced.
        with open(restored, "rb") as source, atomic_writer(paths.db) as target:
            shutil.copyfileobj(source, target, 1 << 20)
        placed = True
        header.save(paths.header)  # atomic too: on failure the old header is still there
    except (OSError, UserError) as exc:
        stuck = _move_back(paths, moved, placed)
        raise _restore_failed(exc, stuck) from None
    for _path, aside in moved:
        if not atomic.remove(aside):
            log.warning("could not remove %s after the restore (removed at the next one)", aside.name)


def _move_back(paths: VaultPaths, moved: list[tuple[Path, Path]], placed: bool) -> list[tuple[Path, Path]]:
    """Undo the set-aside of ``moved``; returns those that could not be moved back."""
    if placed and all(path != paths.db for path, _moved in moved):
        atomic.remove(paths.db)  # there was no database before: the restored one goes again
    stuck = []
    for path, aside in reversed(moved):
        try:
            atomic.replace(aside, path)  # over the restored database, when it was put in place
        except (OSError, UserError):
            stuck.append((path, aside))
    return stuck


def _restore_failed(exc: BaseException, stuck: list[tuple[Path, Path]]) -> UserError:
    if isinstance(exc, FileInUse):
        reason = t(
            "{} 正被其他程序打开（如杀毒软件、同步软件或另一个 RM Desktop）",
            "{} is open in another program (an antivirus, a sync client or another RM Desktop)",
        ).format(exc.path)
    elif isinstance(exc, OSError):
        reason = f"{exc.strerror or type(exc).__name__}: {exc.filename}" if exc.filename else str(exc)
    else:
        reason = str(exc)
    if stuck:
        return UserError(
            t(
                "恢复失败（{}），且原文件未能移回：请关闭其他程序后再运行一次恢复，或手动将 {} 改名为 {}。",
                "The restore failed ({}), and the original files could not be moved back: close other programs "
                "and run the restore again, or rename {} to {} by hand.",
            ).format(reason, stuck[0][1], stuck[0][0].name)
        )
    return UserError(
        t("恢复未完成，档案库保持原样：{}", "The restore did not finish; the vault is as it was: {}").format(reason)
    )


def _finish_interrupted(paths: VaultPaths) -> None:
    """Files an earlier restore left aside: moved back when it stopped before putting the restored
    database in place (none there), else deleted (the backup written before it holds them)."""
    if paths.db.exists():
        for path in (paths.db, *paths.sidecars()):
            atomic.remove(set_aside(path))
    else:
        put_back_interrupted_restore(paths)


def forget_key(root: Path, keystore: KeyStorage | None = None) -> str | None:
    """Remove this PC's keyring copy of the vault's key (no password needed to forget it).

    Returns None when no copy is left, else the key store's notice (the keyring failed)."""
    _paths, header = load_header(root)
    store = keystore or KeyStore()
    return None if store.forget(header.vault_id) else store.notice


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
