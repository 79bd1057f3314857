"""Encrypted backups of a vault: one ``.rmbak`` file each.

A backup is a zip (stored, not compressed: the content is ciphertext) of two members: the
header as it was (``header.json``, the password-wrapped key) and a copy of the database made with
SQLite's online backup API into a file keyed with the same key. Nothing in it is plaintext, and
the copy is consistent even while the app is writing.

A backup counts only once its copy passes ``PRAGMA cipher_integrity_check`` (every page's HMAC)
and ``PRAGMA quick_check``: the online backup copies encrypted pages as they are, damaged ones
too, and a damaged copy must never rotate a good backup away. A restore reads a backup as hostile
input (storage/backup_input.py: stored members only, bounded, with the disk space for it).

Temp files (``.backup-*.db`` beside the backups, ``.restore-*.db`` in the vault folder, the
atomic writer's ``*.tmp``) are what a killed backup or restore leaves; :func:`remove_temp_files`
takes them away at the next unlock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage import db_errors
from rm_desktop.storage.atomic import FolderMissing, atomic_writer
from rm_desktop.storage.backup_input import (
    DB_MEMBER,
    HEADER_MEMBER,
    SPARE_DISK,
    WAL_MEMBER,
    BackupError,
    check_archive,
    directory_bounds,
    unreadable,
)
from rm_desktop.storage.keyed import raw_connect

SUFFIX = ".rmbak"
# What a killed backup or restore leaves (tempfile and atomic_writer names, with SQLite's journals).
TEMP_PATTERNS = (
    ".backup-*.db*",
    ".restore-*.db*",
    ".vault-*.rmbak.*.tmp",
    ".before-restore-*.rmbak.*.tmp",
    ".vault.db.*.tmp",
    ".vault.header.*.tmp",
    "..restore-journal.*.tmp",  # the restore journal's own atomic write, killed before its rename
)
_NAME = re.compile(r"^(?:vault|before-restore)-(\d{8}-\d{6})")


def unreadable_pages() -> str:
    return t("部分页面无法读取", "some pages cannot be read")


class DamagedVault(BackupError):
    """The vault's database failed the check: no backup was written (the old ones stay)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            t(
                "档案库数据库已损坏（{}）：未写入新备份，现有备份保持不变。",
                "The vault's database is damaged ({}): no new backup was written; the existing backups are kept.",
            ).format(summary(problems))
        )


def summary(problems: list[str]) -> str:
    """The first problem on one line, and how many more (quick_check's rows hold several lines)."""
    lines = [line.strip() for text in problems for line in str(text).splitlines()]
    lines = [line for line in lines if line and not line.startswith("*** in database")]
    if not lines:
        return "?"
    more = t("，另有 {} 处", "; {} more").format(len(lines) - 1) if len(lines) > 1 else ""
    return lines[0] + more


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created: dt.datetime
    size: int


def _write_error(target: Path, exc: OSError) -> BackupError:
    if isinstance(exc, FileNotFoundError) and not target.parent.is_dir():
        return BackupError(str(FolderMissing(target)))
    named = db_errors.explain_os_error(exc, target)
    if named is not None:
        return BackupError(str(named))
    return BackupError(t("无法写入备份 {}：{}", "Cannot write the backup {}: {}").format(target, exc.strerror or exc))


def _sqlite_error(target: Path, exc: sqlcipher3.Error) -> BackupError:
    if db_errors.code_of(exc) == db_errors.SQLITE_CORRUPT:
        return DamagedVault([unreadable_pages()])
    named = db_errors.explain(exc, target)  # the copy is written beside the target
    if named is not None:
        return BackupError(str(named))
    return BackupError(t("无法写入备份 {}：{}", "Cannot write the backup {}: {}").format(target, exc))


def check_database(path: Path, key: bytes | bytearray) -> list[str]:
    """Problems of the database at ``path`` (empty: good): page HMACs, then SQLite's quick check."""
    try:
        conn = raw_connect(str(path), key)
    except UserError as exc:
        return [str(exc)]
    problems: list[str] = []
    try:
        problems += [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        quick = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if quick != ["ok"]:
            problems += quick
    except sqlcipher3.DatabaseError:  # a page so damaged that the check cannot read on
        problems.append(unreadable_pages())
    finally:
        conn.close()
    return problems


def _remove_db(path: str | Path) -> None:
    for name in (str(path), f"{path}-journal", f"{path}-wal", f"{path}-shm"):
        Path(name).unlink(missing_ok=True)


def write_backup(db_path: Path, key: bytes | bytearray, header_bytes: bytes, target: Path) -> Path:
    """Copy the live database into ``target`` atomically; the vault itself is only read.
    DamagedVault (nothing written) when the copy fails the check."""
    target = Path(target)
    try:
        # A folder the user named that is not there is a typo, not a wish: it is said, not made
        # (the vault's own backups folder is made by its callers).
        fd, tmp_db = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        src = raw_connect(str(db_path), key)
        try:
            dst = raw_connect(tmp_db, key)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        problems = check_database(Path(tmp_db), key)
        if problems:
            raise DamagedVault(problems)
        # The zip is closed (its directory written) before the atomic writer fsyncs and renames it.
        with atomic_writer(target) as handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(HEADER_MEMBER, header_bytes)
            zf.write(tmp_db, DB_MEMBER)
    except OSError as exc:
        raise _write_error(target, exc) from None
    except sqlcipher3.Error as exc:
        raise _sqlite_error(target, exc) from None
    finally:
        _remove_db(tmp_db)
    return target


def write_raw_copy(db_path: Path, header_bytes: bytes, target: Path) -> Path:
    """The database file as it is (with its write-ahead log), for a vault whose key is not at hand
    or whose pages are damaged: kept, unchecked, under a name the rotation and "latest" skip. Only
    while the vault is held exclusively: nothing writes meanwhile."""
    target = Path(target)
    wal = Path(f"{db_path}-wal")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(target) as handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(HEADER_MEMBER, header_bytes)
            zf.write(db_path, DB_MEMBER)
            if wal.exists() and wal.stat().st_size:
                zf.write(wal, WAL_MEMBER)
    except OSError as exc:
        raise _write_error(target, exc) from None
    return target


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    with open(target, "wb") as out, zf.open(info) as src:
        while chunk := src.read(1 << 20):
            out.write(chunk)


def read_backup(path: Path, workdir: Path) -> tuple[bytes, Path]:
    """Return (header bytes, path of the extracted encrypted database in ``workdir``; its log
    beside it when the backup has one). BackupError, and nothing left in ``workdir``, for a file
    that is no backup, a truncated or tampered one, or too little disk space."""
    path = Path(path)
    db_tmp: Path | None = None
    try:
        if not path.is_file():
            raise unreadable(path, t("不是普通文件", "not a regular file"))
        directory_bounds(path)
        with zipfile.ZipFile(path) as zf:
            infos = check_archive(zf, path)
            header = zf.read(HEADER_MEMBER)
            needed = sum(info.file_size for name, info in infos.items() if name != HEADER_MEMBER)
            if shutil.disk_usage(workdir).free < needed + SPARE_DISK:
                raise BackupError(str(db_errors.disk_full(workdir)))
            fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".db", dir=workdir)
            os.close(fd)
            db_tmp = Path(name)
            _extract(zf, infos[DB_MEMBER], db_tmp)
            if WAL_MEMBER in infos:
                _extract(zf, infos[WAL_MEMBER], Path(f"{db_tmp}-wal"))
    except BackupError:
        if db_tmp is not None:
            _remove_db(db_tmp)
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError, RuntimeError, ValueError) as exc:
        if db_tmp is not None:
            _remove_db(db_tmp)
        named = db_errors.explain_os_error(exc, workdir) if isinstance(exc, OSError) else None
        raise (BackupError(str(named)) if named else unreadable(path, str(exc) or type(exc).__name__)) from None
    return header, db_tmp


def settle(db: Path, key: bytes | bytearray) -> None:
    """Fold a write-ahead log extracted beside ``db`` into it, so that ``db`` alone is complete."""
    if not Path(f"{db}-wal").exists():
        return
    conn = raw_connect(str(db), key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def remove_db_copy(path: Path) -> bool:
    """Delete an extracted database and its journals; False if one stayed."""
    try:
        _remove_db(path)
    except OSError:
        return False
    return True


def temp_files(folders: Iterable[Path]) -> list[Path]:
    """What killed backups and restores left in ``folders`` (or running ones are writing)."""
    return [item for folder in folders if folder.is_dir() for pattern in TEMP_PATTERNS for item in folder.glob(pattern)]


def remove_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Delete what killed backups and restores left in ``folders``; returns what was removed."""
    removed = []
    for item in temp_files(folders):
        try:
            item.unlink()
            removed.append(item)
        except OSError:
            pass  # held by another program: the next unlock tries again
    return removed


def backup_name(now: dt.datetime | None = None, kind: str = "vault") -> str:
    """``vault-…`` for a checked backup; ``before-restore-…`` for a raw copy (never rotated)."""
    now = now or dt.datetime.now()
    return f"{kind}-{now:%Y%m%d-%H%M%S-%f}{SUFFIX}"


def made_at(path: Path) -> dt.datetime:
    """When the backup was made: from its name, else the file's time."""
    match = _NAME.match(Path(path).name)
    if match:
        return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    return dt.datetime.fromtimestamp(Path(path).stat().st_mtime)


def list_backups(folder: Path) -> list[BackupFile]:
    """Newest first."""
    if not folder.is_dir():
        return []
    found = []
    for item in folder.glob(f"vault-*{SUFFIX}"):
        stat = item.stat()
        found.append(BackupFile(item, dt.datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def prune_backups(folder: Path, keep: int) -> list[Path]:
    removed = []
    for old in list_backups(folder)[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def _raw_copies(folder: Path) -> list[Path]:
    """The ``before-restore-…`` copies, newest first."""
    return (
        sorted(folder.glob(f"before-restore-*{SUFFIX}"), key=lambda p: p.name, reverse=True) if folder.is_dir() else []
    )


def prune_older_than(folder: Path, cutoff: dt.datetime) -> list[Path]:
    """Remove the backups made before ``cutoff`` (the retention period, issue 18.5); the newest
    backup is always kept, however old, so a vault is never left without one. The raw copies a
    restore leaves (``before-restore-…``, outside the count rotation so a restore can be undone)
    hold the client data too: they age out by the same period, the newest of them kept."""
    removed = []
    old_ones = [b.path for b in list_backups(folder)[1:]] + _raw_copies(Path(folder))[1:]
    for path in old_ones:
        if made_at(path) < cutoff:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue  # held by another program: the next unlock tries again
            removed.append(path)
    return removed


def copy_backup(source: Path, folder: Path, keep: int) -> Path:
    """Copy the backup ``source`` into a second ``folder`` (a USB stick, a network drive) under
    the same name, atomically, then keep only the newest ``keep`` there. Only files named like
    backups are ever removed. BackupError when the copy cannot be written."""
    folder = Path(folder)
    target = folder / Path(source).name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(source, "rb") as src, atomic_writer(target) as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        prune_backups(folder, keep)
    except OSError as exc:
        raise _write_error(target, exc) from None
    return target
