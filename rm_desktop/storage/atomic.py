"""Atomic file writes, the one helper for every file the app writes: a temp file in the target's
folder, fsync, then os.replace over the target.

A crash or a full disk leaves either the old file or the new one, never half of each, and no
temp file behind when the write fails.

On Windows the replace fails (PermissionError, winerror 32 or 5) while another program has the
target open: Excel or WPS showing last week's export, an antivirus scanning the file just written.
The scan passes in a moment, so the replace is tried again a few times (``RETRY_DELAYS``, about
a second in all); a file still open after that is :class:`FileInUse`, one message naming it.

Every other failure is :class:`WriteFailed`, one message naming the file and the cause (the folder
is missing, the target is a folder, no permission, the disk is full). A target that exists and is
not a regular file, such as ``/dev/full`` or a link to a device, is refused before anything is
written: renaming the temp file over it would replace the device node itself.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage import db_errors

log = logging.getLogger(__name__)

# The waits between the tries of a replace that another program blocks: five tries in ~0.75 s.
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4)
# How the waits are waited (tests pass or patch in one that does not sleep).
retry_sleep: Callable[[float], None] = time.sleep


class FileInUse(UserError):
    """The target stayed open in another program (Excel, WPS, an antivirus) through every retry."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        super().__init__(
            t(
                "文件正被其他程序打开（如 Excel/WPS），请关闭后重试：{}",
                "The file is open in another program (such as Excel or WPS); close it and try again: {}",
            ).format(self.path)
        )


class WriteFailed(OSError, UserError):
    """An output file could not be written; ``str()`` names it and why. Also an OSError (errno and
    strerror set) so that callers rolling back on OSError, such as restore and backups, still do."""

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = 0, *, message: str | None = None):
        super().__init__(code, reason)
        self.path = Path(path)
        self.message = message or t("无法写入文件 {}：{}", "Cannot write the file {}: {}").format(self.path, reason)

    def __str__(self) -> str:
        return self.message


class FolderMissing(WriteFailed, FileNotFoundError):
    """The target's folder does not exist (still a FileNotFoundError, as it was before)."""

    def __init__(self, path: Path):
        super().__init__(path, t("文件夹不存在：{}", "the folder does not exist: {}").format(path.parent), errno.ENOENT)


# Errors a write into the caller's block means about the target's disk, not about its own work.
_DISK_ERRORS = {errno.ENOSPC, errno.EFBIG, errno.EROFS, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EFBIG:
        return t("文件超出磁盘或系统允许的大小", "the file is larger than the disk or system allows")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return t("没有写入该文件夹的权限", "no permission to write into the folder")
    return exc.strerror or type(exc).__name__


def _failed(path: Path, exc: OSError) -> WriteFailed:
    """The one message for ``exc``: a full disk and a read-only folder are named as the database's
    are (storage.db_errors, which looks at the folder), anything else by its cause."""
    if isinstance(exc, WriteFailed):
        return exc
    named = db_errors.explain_os_error(exc, path)
    if named is not None:
        return WriteFailed(path, str(named), exc.errno or 0, message=str(named))
    return WriteFailed(path, _reason(exc), exc.errno or 0)


def check_target(path: str | os.PathLike[str]) -> None:
    """WriteFailed unless ``path`` can become a new file: its folder exists, and ``path`` is
    missing or a regular file (never a folder, a device such as /dev/full, a pipe)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise FolderMissing(path)
    try:
        mode = os.stat(path).st_mode  # follows a link: a link to a device is refused too
    except OSError:
        return  # missing (or unreadable: the write itself says why)
    if stat.S_ISDIR(mode):
        raise WriteFailed(path, t("这是一个文件夹", "it is a folder"), errno.EISDIR)
    if not stat.S_ISREG(mode):
        raise WriteFailed(
            path, t("不是普通文件（如设备），不会覆盖它", "it is not a regular file (e.g. a device); not replaced")
        )


def replace(
    source: str | os.PathLike[str], target: str | os.PathLike[str], *, sleep: Callable[[float], None] | None = None
) -> None:
    """``os.replace(source, target)``, tried again while another program blocks it (PermissionError:
    Windows' sharing violation or access denied); FileInUse naming ``target`` once the tries are
    used up. ``source`` is left where it was then: the caller removes it."""
    wait = sleep or retry_sleep
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if delay is None:
                raise FileInUse(target) from None
            wait(delay)


def remove(path: str | os.PathLike[str], *, sleep: Callable[[float], None] | None = None) -> bool:
    """Delete ``path`` if it is there, tried again like :func:`replace`; False if it stayed."""
    wait = sleep or retry_sleep
    for delay in (*RETRY_DELAYS, None):
        try:
            Path(path).unlink(missing_ok=True)
            return True
        except PermissionError:
            if delay is None:
                break
            wait(delay)
        except OSError:
            break
    return False


@contextmanager
def atomic_writer(path: str | os.PathLike[str], *, sleep: Callable[[float], None] | None = None) -> Iterator[BinaryIO]:
    """A binary file to write into that becomes ``path`` when the block ends without an error
    (flushed and fsynced first); an error drops it and leaves ``path`` as it was. FileInUse when
    ``path`` stays open in another program."""
    path = Path(path)
    check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _failed(path, exc) from None
    handle = os.fdopen(fd, "wb")
    try:
        try:
            yield handle
        except OSError as exc:  # the caller's own writes: only what concerns this disk is ours
            if exc.errno in _DISK_ERRORS:
                raise _failed(path, exc) from None
            raise
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        except OSError as exc:
            raise _failed(path, exc) from None
        check_target(path)  # a folder or device put there meanwhile is still not replaced
        try:
            replace(tmp, path, sleep=sleep)  # FileInUse, a UserError, passes as it is
        except OSError as exc:
            raise _failed(path, exc) from None
    except BaseException:
        # A buffer the full disk refused fails its flush again on close (the descriptor is closed
        # all the same); that second error must not replace the message already raised.
        with contextlib.suppress(OSError):
            handle.close()
        if not remove(tmp, sleep=sleep):
            log.warning("could not remove the temp file %s", Path(tmp).name)
        raise


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, sleep: Callable[[float], None] | None = None
) -> None:
    with atomic_writer(path, sleep=sleep) as handle:
        handle.write(data)
