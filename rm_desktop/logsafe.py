"""Logging that cannot leak client data.

Logs go to stderr and, for the GUI, to a rotating file in the vault's ``logs`` folder (folder
0700, files 0600; on Windows the vault folder's ACL), so IT can read the errors of the windowed
exe, which has no console. Nothing logged may carry client data: messages name types and counts,
never values, and exception messages can carry client data (SQLAlchemy puts bound parameters in
its messages), so tracebacks are logged as frames and the exception's type name, never its message.

The console (stderr) gets no frames at all: one line per record. An exception nothing else caught
(:func:`install_excepthook`: the main thread, other threads, Qt slots) is one line for the user
and, in the log file, its frames, type and :func:`redacted` message.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from rm_desktop.i18n import t

LOG_FILE = "rm-desktop.log"
LOG_BYTES = 1_000_000  # per file; with LOG_BACKUPS older files, at most ~4 MB in all
LOG_BACKUPS = 3
FORMAT = "%(levelname)s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # logging caches the formatted exception on the record: another handler's formatter (the
        # default one keeps the message) must not decide what this one writes.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo) -> str:
        exc_type, _exc, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (message withheld):\n{frames}{exc_type.__name__ if exc_type else 'Exception'}"


class ConsoleFormatter(RedactingFormatter):
    """stderr is the user's screen: one line, the exception's type name and no frames."""

    def formatException(self, ei: ExcInfo) -> str:
        return f"({ei[0].__name__})" if ei[0] else ""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", " ")

    def formatStack(self, stack_info: str) -> str:
        return ""


# Quoted text and long digit runs in a database's own error message (an FTS5 syntax error quotes
# the search text); names of tables, columns and constraints stay.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\d{3,}")
MAX_REDACTED = 200


def redacted(exc: BaseException) -> str:
    """What may be logged of ``exc``'s message: for a database error wrapped by SQLAlchemy (its
    ``orig``), SQLite's message with quoted text and numbers taken out; for anything else nothing,
    since a message can quote any value (``invalid literal for int(): '张三'``)."""
    orig = getattr(exc, "orig", None)
    if not isinstance(orig, BaseException):
        return ""
    return _QUOTED.sub("…", str(orig))[:MAX_REDACTED]


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "file_only", False)


def report_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, prog: str = "rm-desktop"
) -> None:
    """An exception nothing caught: frames, type and the redacted message to the log file, one
    line on stderr (never a traceback, never the message)."""
    detail = ": ".join(part for part in (exc_type.__name__, redacted(exc)) if part)
    logging.getLogger("rm_desktop").error(
        "unexpected error %s", detail, exc_info=(exc_type, exc, tb), extra={"file_only": True}
    )
    if sys.stderr is not None:
        line = t(
            "意外错误（{}），操作已中止；详情已写入日志。",
            "Unexpected error ({}); the operation stopped. Details are in the log.",
        )
        try:
            print(f"{prog}: {line.format(detail)}", file=sys.stderr)
        except (OSError, ValueError):
            pass  # a closed console: the log has it


def install_excepthook(prog: str = "rm-desktop") -> None:
    """Report uncaught exceptions with :func:`report_unexpected`, on every thread (Qt's slots
    go through ``sys.excepthook`` too). Ctrl+C keeps Python's own handling."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_unexpected(exc_type, exc, tb, prog)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            report_unexpected(args.exc_type, args.exc_value, args.exc_traceback, prog)

    sys.excepthook = hook
    threading.excepthook = thread_hook


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
        handler.setFormatter(ConsoleFormatter(FORMAT))
        handler.addFilter(_not_file_only)  # report_unexpected says it to the user itself
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
