"""Atomic file writes, the one helper for every file the app writes: a temp file in the target's
folder, fsync, then os.replace over the target.

A crash or a full disk leaves either the old file or the new one, never half of each, and no
temp file behind when the write fails.

On Windows the replace fails (PermissionError, winerror 32 or 5) while another program has the
target open: Excel or WPS showing last week's export, an antivirus scanning the file just written.
The scan passes in a moment, so the replace is tried again a few times (``RETRY_DELAYS``, about
a second in all); a file still open after that is :class:`FileInUse`, one message naming it.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        replace(tmp, path, sleep=sleep)
    except BaseException:
        if not remove(tmp, sleep=sleep):
            log.warning("could not remove the temp file %s", Path(tmp).name)
        raise


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, sleep: Callable[[float], None] | None = None
) -> None:
    with atomic_writer(path, sleep=sleep) as handle:
        handle.write(data)
