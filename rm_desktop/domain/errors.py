"""Errors the Qt-free layers raise for the user to read.

Every user-facing failure is a :class:`UserError`: the GUI shows it in a message box or beside a
field, the CLI prints it as one line and exits 1. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from rm_desktop.i18n import t


class UserError(Exception):
    """A failure caused by input or circumstances the user can fix; ``str()`` is the message."""


class ValidationError(UserError):
    """A refused value. ``field`` names the field (the CLI/import field name), ``message`` why."""

    def __init__(self, field: str, message: str, row: int | None = None):
        self.field = field
        self.message = message
        self.row = row
        where = f"{field}: " if field else ""
        super().__init__(f"{where}{message}")


class Cancelled(UserError):
    """The user cancelled a running operation. Each operation says what its cancel left as it
    was (``str()``); the GUI's task runner treats it as a quiet end, not as a failure."""

    def __init__(self, message: str | None = None):
        super().__init__(message or t("已取消", "cancelled"))


class VaultLocked(UserError):
    """The vault was locked: its connections are gone and its key wiped, so nothing more can be
    read or written through it. Work still running at lock time ends with this; the GUI's task
    runner treats it as a quiet end."""

    def __init__(self, message: str | None = None):
        super().__init__(message or t("档案库已锁定。", "The vault is locked."))


def import_cancelled() -> Cancelled:
    return Cancelled(t("导入已取消，客户档案未做任何改动", "import cancelled: the vault was not changed"))


def export_cancelled() -> Cancelled:
    return Cancelled(t("导出已取消，未写入任何文件", "export cancelled: no file was written"))
