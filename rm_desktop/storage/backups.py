"""Encrypted backups of a vault: one ``.rmbak`` file each.

A backup is a zip (stored, not compressed: the content is ciphertext) of two members: the
header as it was (``header.json``, the password-wrapped key) and a copy of the database made with
SQLite's online backup API into a file keyed with the same key. Nothing in it is plaintext, and
the copy is consistent even while the app is writing.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage.atomic import atomic_writer
from rm_desktop.storage.db import raw_connect

SUFFIX = ".rmbak"
HEADER_MEMBER = "header.json"
DB_MEMBER = "vault.db"


class BackupError(UserError):
    pass


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created: dt.datetime
    size: int


def _write_error(target: Path, exc: OSError) -> BackupError:
    return BackupError(t("无法写入备份 {}：{}", "Cannot write the backup {}: {}").format(target, exc.strerror or exc))


def write_backup(db_path: Path, key: bytes, header_bytes: bytes, target: Path) -> Path:
    """Copy the live database into ``target`` atomically; the vault itself is only read."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_db = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        src = raw_connect(str(db_path), key)
        dst = raw_connect(tmp_db, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        # The zip is closed (its directory written) before the atomic writer fsyncs and renames it.
        with atomic_writer(target) as handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(HEADER_MEMBER, header_bytes)
            zf.write(tmp_db, DB_MEMBER)
    except OSError as exc:
        raise _write_error(target, exc) from None
    finally:
        Path(tmp_db).unlink(missing_ok=True)
    return target


def read_backup(path: Path, workdir: Path) -> tuple[bytes, Path]:
    """Return (header bytes, path of the extracted encrypted database in ``workdir``)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if not {HEADER_MEMBER, DB_MEMBER} <= names:
                raise zipfile.BadZipFile("members")
            header = zf.read(HEADER_MEMBER)
            fd, db_tmp = tempfile.mkstemp(prefix=".restore-", suffix=".db", dir=workdir)
            with os.fdopen(fd, "wb") as out, zf.open(DB_MEMBER) as src:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise BackupError(
            t("备份文件无法读取或已损坏：{}（{}）", "The backup file cannot be read or is damaged: {} ({})").format(
                path, exc
            )
        ) from None
    return header, Path(db_tmp)


def backup_name(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"vault-{now:%Y%m%d-%H%M%S-%f}{SUFFIX}"


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
