"""What a failed SQLite call means for the user: a full disk, a read-only vault folder, damaged
database pages, or none of these (the caller's own message: wrong key, damaged file).

SQLite's codes alone do not tell them apart: a full disk shows as ``disk I/O error`` when the
``-shm`` file cannot grow (SQLITE_IOERR, sqlcipher3 gives basic codes only), and a folder without
write permission as ``unable to open database file`` (SQLITE_CANTOPEN). So the code picks the
candidates and the folder itself decides: no free space left, a read-only mount
(``statvfs`` ST_RDONLY) or no write access (``os.access``).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

# SQLite primary result codes (sqlite3.h).
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 3, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
# Less free space than this, after a write failed, is a full disk (a page or a log frame).
FULL_BELOW = 1 << 20


class DiskFull(UserError):
    pass


class ReadOnlyFolder(UserError):
    pass


class DamagedDatabase(UserError):
    """Pages of the database cannot be read (SQLCipher's page check failed): the file was damaged
    on disk. ``path`` is the database file."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        super().__init__(
            t(
                "档案库数据库已损坏（部分页面无法读取）：{}。请运行 rm-desktop-cli verify 查看，并从最新备份恢复。",
                "The vault's database is damaged (some pages cannot be read): {}. Run rm-desktop-cli verify, "
                "and restore the latest backup.",
            ).format(self.path)
        )


def code_of(exc: BaseException) -> int | None:
    """The primary SQLite result code of a sqlcipher3 error, or of the one a SQLAlchemy error wraps."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _read_only(folder: Path) -> bool:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        pass
    return folder.is_dir() and not os.access(folder, os.W_OK)


def disk_full(path: str | os.PathLike[str]) -> DiskFull:
    return DiskFull(
        t(
            "磁盘已满，无法写入 {}：请释放磁盘空间后重试。",
            "The disk is full, cannot write {}: free some space and try again.",
        ).format(path)
    )


def read_only(folder: str | os.PathLike[str]) -> ReadOnlyFolder:
    return ReadOnlyFolder(
        t(
            "文件夹是只读的（或没有写入权限），无法写入：{}",
            "The folder is read-only (or not writable for this user), cannot write: {}",
        ).format(folder)
    )


def explain_folder(folder: str | os.PathLike[str], path: str | os.PathLike[str] | None = None) -> UserError | None:
    """DiskFull or ReadOnlyFolder when ``folder`` (where ``path`` is written) is in that state."""
    folder = Path(folder)
    free = _free_bytes(folder)
    if free is not None and free < FULL_BELOW:
        return disk_full(path or folder)
    if _read_only(folder):
        return read_only(folder)
    return None


def explain(exc: BaseException, path: str | os.PathLike[str]) -> UserError | None:
    """The user's reading of ``exc``, a failed call on the database file ``path``; None when it is
    none of full disk, read-only folder and damaged pages (the caller says what it knows)."""
    code = code_of(exc)
    folder = Path(path).parent
    if code == SQLITE_FULL:
        return disk_full(path)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM):
        found = explain_folder(folder, path)
        if found is not None:
            return found
        if code == SQLITE_READONLY:  # the file itself (not the folder) is read-only
            return read_only(path)
    if code == SQLITE_CORRUPT:
        return DamagedDatabase(path)
    return None


def explain_os_error(exc: OSError, path: str | os.PathLike[str]) -> UserError | None:
    """DiskFull / ReadOnlyFolder for an OSError writing ``path`` (ENOSPC, EROFS, EACCES)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return explain_folder(Path(path).parent, path) or (read_only(path) if exc.errno == errno.EROFS else None)
    return None
