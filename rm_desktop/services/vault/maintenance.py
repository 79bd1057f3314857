"""Restore from a backup and verify a vault: the IT-staff side of the vault's life cycle.

A restore says what it does before it does it (:class:`RestorePlan`: which backup, its date and
client count, replaces which state, and which password opens the vault afterwards), checks the
backup's pages before anything is replaced, and keeps the state it replaces as one more backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy.exc import DatabaseError

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.i18n import t
from rm_desktop.security.header import DamagedHeader, VaultHeader, WrongPassword
from rm_desktop.security.keystore import KeyStorage, KeyStore
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.vault import integrity
from rm_desktop.services.vault.lifecycle import Vault, load_header
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.services.vault.restore_plan import RestorePlan
from rm_desktop.storage import atomic, backups, migrate, vault_lock
from rm_desktop.storage.atomic import FileInUse, atomic_writer
from rm_desktop.storage.keyed import raw_connect

log = logging.getLogger(__name__)


@dataclass
class _Opened:
    db: Path  # the backup's database, extracted and checked
    key: bytes  # the key that opens it
    current_key: bytes | None
    header: VaultHeader | None  # the vault's current header
    backup_header: VaultHeader
    plan: RestorePlan


def _fits(db: Path, key: bytes | bytearray) -> bool:
    try:
        raw_connect(str(db), key).close()
        return True
    except UserError:
        return False


def _count_clients(db: Path, key: bytes | bytearray) -> int | None:
    try:
        conn = raw_connect(str(db), key)
    except UserError:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM clients WHERE deleted_at IS NULL").fetchone()[0])
    except sqlcipher3.Error:
        return None
    finally:
        conn.close()


def _current_header(paths: VaultPaths) -> VaultHeader | None:
    try:
        return VaultHeader.load(paths.header)
    except (DamagedHeader, UserError):
        return None  # restoring is exactly how a damaged header gets fixed


def _last_change(paths: VaultPaths) -> dt.datetime | None:
    times = [p.stat().st_mtime for p in (paths.db, *paths.sidecars()) if p.exists()]
    return dt.datetime.fromtimestamp(max(times)) if times else None


def _current_key(
    paths: VaultPaths, header: VaultHeader | None, key: bytes | None, password: str | None, keystore: KeyStorage
) -> bytes | None:
    if header is None or not paths.db.exists():  # (opening a missing database would create it)
        return None
    stored = keystore.load(header.vault_id)
    for candidate in (key, stored, _try_unwrap(header, password)):
        if candidate and _fits(paths.db, candidate):
            return bytes(candidate)
    return None


def _open_backup(
    paths: VaultPaths, backup_path: Path, password: str | None, key: bytes | None, keystore: KeyStorage
) -> _Opened:
    """Extract, key and check the backup; nothing of the vault changes. The caller removes ``db``."""
    header_bytes, db_tmp = backups.read_backup(backup_path, paths.root)
    need_password = WrongPassword(t("请输入主密码以恢复备份。", "Enter the master password to restore the backup."))
    try:
        try:
            backup_header = VaultHeader.from_bytes(header_bytes, str(backup_path))
        except DamagedHeader as exc:
            raise backups.unreadable(backup_path, str(exc)) from None
        header = _current_header(paths)
        current_key = _current_key(paths, header, key, password, keystore)
        candidates = [k for k in (current_key, _try_unwrap(backup_header, password)) if k]
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
        keeps = header is not None and current_key == found
        if not keeps and password is None:
            raise need_password
        problems = backups.check_database(db_tmp, found)
        if problems:
            raise backups.BackupError(
                t(
                    "备份已损坏（{}）：{}。未替换任何数据，请选择另一份备份。",
                    "The backup is damaged ({}): {}. Nothing was replaced; choose another backup.",
                ).format(backups.summary(problems), backup_path)
            )
        backups.settle(db_tmp, found)
        plan = RestorePlan(
            backup=Path(backup_path),
            made=backups.made_at(Path(backup_path)),
            backup_vault_id=backup_header.vault_id,
            backup_clients=_count_clients(db_tmp, found) or 0,
            current_vault_id=header.vault_id if header else None,
            current_clients=_count_clients(paths.db, current_key) if current_key else None,
            current_changed=_last_change(paths),
            keeps_password=keeps,
        )
    except BaseException:
        backups.remove_db_copy(db_tmp)
        raise
    return _Opened(db_tmp, found, current_key, header, backup_header, plan)


def preview(
    root: Path,
    backup_path: Path,
    *,
    password: str | None = None,
    key: bytes | None = None,
    keystore: KeyStorage | None = None,
) -> RestorePlan:
    """What :func:`restore` would do, for a confirmation; nothing changes. The same errors as a
    restore: a backup that is no backup, damaged, or not opened by ``password``."""
    paths = VaultPaths(Path(root))
    opened = _open_backup(paths, Path(backup_path), password, key, keystore or KeyStore())
    backups.remove_db_copy(opened.db)
    return opened.plan


def restore(
    root: Path,
    backup_path: Path,
    *,
    password: str | None = None,
    key: bytes | None = None,
    keystore: KeyStorage | None = None,
    kind: str = vault_lock.CLI,
    confirm: Callable[[RestorePlan], bool] | None = None,
) -> RestorePlan:
    """Replace the vault's database with the backup's. The vault must be locked, in this program
    and in every other: the restore has the vault to itself (VaultBusy, naming who has it, when
    another window or command has it open; ``kind``, gui or cli, is what they are told of us).

    The backup's key is found from ``key`` (the current one), this PC's keyring copy, the current
    header or the backup's own header opened with ``password``; its pages are checked before
    anything is replaced. ``confirm`` (when given) sees the plan first; False cancels. The state
    it replaces is first saved as one more backup (a checked one when its key is at hand and its
    pages are sound, else a raw copy ``before-restore-…``, kept out of the rotation). When the
    backup has another key, the header is re-wrapped under ``password``: the password that opened
    the backup opens the vault afterwards, as the plan says.

    The swap runs under a journal (services/vault/integrity.py): any failure on the way, or a kill,
    leaves the vault as it was, and a UserError says why.
    """
    paths = VaultPaths(Path(root))
    paths.root.mkdir(parents=True, exist_ok=True)
    with vault_lock.exclusive(paths.root, kind):
        integrity.finish_interrupted_restore(paths)
        store = keystore or KeyStore()
        opened = _open_backup(paths, Path(backup_path), password, key, store)
        try:
            if confirm is not None and not confirm(opened.plan):
                raise Cancelled(t("恢复已取消，档案库未做任何改动。", "Restore cancelled: the vault was not changed."))
            _safety_copy(paths, opened)
            header = opened.header if opened.plan.keeps_password and opened.header else _rewrapped(opened, password)
            _audit_restore(opened, Path(backup_path))
            _swap_in(paths, opened.db, header)
        finally:
            if not backups.remove_db_copy(opened.db):
                log.warning("could not remove the restore's temp file")
        if store.load(header.vault_id) is not None:
            store.save(header.vault_id, opened.key)
    return opened.plan


def _audit_restore(opened: _Opened, backup_path: Path) -> None:
    """The restore's entry goes into the restored database before it is swapped in: the log then
    reads as the backup's history, then this restore (what happened after the backup is gone)."""
    counts = {"clients": opened.plan.backup_clients, "file": backup_path.name}
    conn = raw_connect(str(opened.db), opened.key)
    try:
        if audit_log.record_raw(conn, "restore", counts=counts):
            conn.commit()
    finally:
        conn.close()


def _rewrapped(opened: _Opened, password: str | None) -> VaultHeader:
    assert password is not None  # _open_backup asked for it whenever the key changes
    header = opened.header or opened.backup_header
    header.wrap(password, opened.key)
    return header


def _safety_copy(paths: VaultPaths, opened: _Opened) -> Path | None:
    """The state the restore replaces, as one more backup; nothing when there is no database."""
    if not paths.db.exists():
        return None
    header_bytes = paths.header.read_bytes() if paths.header.is_file() else b""
    with contextlib.suppress(OSError):  # (a failure is the backup's own message)
        paths.backups.mkdir(mode=0o700, exist_ok=True)
    if opened.current_key is not None:
        try:
            target = paths.backups / backups.backup_name()
            return backups.write_backup(paths.db, opened.current_key, header_bytes, target)
        except backups.DamagedVault:
            log.warning("the vault being replaced is damaged: kept as a raw copy")
    return backups.write_raw_copy(paths.db, header_bytes, paths.backups / backups.backup_name(kind="before-restore"))


def _swap_in(paths: VaultPaths, restored: Path, header: VaultHeader) -> None:
    """Put ``restored`` and ``header`` in place of the vault's files, or leave those as they were."""
    integrity.begin_swap(paths)
    try:
        for path in (paths.db, *paths.sidecars()):
            if path.exists():
                try:
                    atomic.replace(path, integrity.set_aside(path))
                except FileInUse:
                    raise FileInUse(path) from None  # the file held is this one, not the name it was to get
        if paths.header.is_file():  # a copy: the header stays in place until the new one replaces it
            atomic.atomic_write_bytes(integrity.set_aside(paths.header), paths.header.read_bytes())
        # Copied through the atomic writer (fsynced, then renamed in place), not renamed unsynced.
        with open(restored, "rb") as source, atomic_writer(paths.db) as target:
            shutil.copyfileobj(source, target, 1 << 20)
        header.save(paths.header)  # atomic too: on failure the old header is still there
        integrity.commit_swap(paths)
    except (OSError, UserError) as exc:
        stuck = integrity.roll_back(paths)
        raise _restore_failed(exc, stuck) from None


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
    latest_backup: Path | None = None  # what to restore when the check fails

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
            "latest_backup": str(self.latest_backup) if self.latest_backup else None,
        }


def verify(vault: Vault) -> VerifyReport:
    """Page HMACs first (readable even when pages are damaged), then SQLite's integrity check,
    which stops at the first page it cannot read: that is reported, not raised."""
    damaged = t("数据库页面已损坏，检查无法完成", "damaged database pages: the check cannot finish")
    with vault.engine.connect() as conn:
        cipher = [row[0] for row in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
        try:
            integrity_rows = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        except (DatabaseError, UserError):
            integrity_rows = [damaged]
    try:
        revision = migrate.current_revision(vault.engine)
    except (DatabaseError, UserError):
        revision = None
    return VerifyReport(integrity_rows, cipher, revision, migrate.head_revision(), integrity.latest_backup(vault.paths))
