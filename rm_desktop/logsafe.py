"""Logging that cannot leak client data.

Logs go to stderr and, for the GUI, to a rotating file in the vault's ``logs`` folder (folder
0700, files 0600; on Windows the vault folder's ACL), so IT can read the errors of the windowed
exe, which has no console. Nothing logged may carry client data: messages name types and counts,
never values, and exception messages can carry client data (SQLAlchemy puts bound parameters in
its messages), so tracebacks are logged as frames and the exception's type name, never its message.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

LOG_FILE = "rm-desktop.log"
LOG_BYTES = 1_000_000  # per file; with LOG_BACKUPS older files, at most ~4 MB in all
LOG_BACKUPS = 3
FORMAT = "%(levelname)s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class RedactingFormatter(logging.Formatter):
    def formatException(self, ei: ExcInfo) -> str:
        exc_type, _exc, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (message withheld):\n{frames}{exc_type.__name__ if exc_type else 'Exception'}"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files (the first and each one after a rollover) are 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # the handler closes it


def configure(level: int = logging.WARNING) -> None:
    """Log to stderr, where there is one (a windowed exe has ``sys.stderr`` None)."""
    root = logging.getLogger()
    root.handlers[:] = []
    if sys.stderr is not None:
        handler = logging.StreamHandler()
        handler.setFormatter(RedactingFormatter(FORMAT))
        root.addHandler(handler)
    root.setLevel(level)


def add_file_log(folder: Path) -> Path:
    """Also log to ``folder``/rm-desktop.log, rotated at 1 MB, 3 kept; returns the file's path.
    A second call for the same file adds nothing. OSError when the folder cannot be made."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if sys.platform != "win32":
        os.chmod(folder, 0o700)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for existing in root.handlers:
        if isinstance(existing, logging.FileHandler) and Path(existing.baseFilename) == path.absolute():
            return path
    handler = PrivateRotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(RedactingFormatter(FILE_FORMAT))
    root.addHandler(handler)
    return path
