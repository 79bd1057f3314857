"""Errors the Qt-free layers raise for the user to read.

Every user-facing failure is a :class:`UserError`: the GUI shows it in a message box or beside a
field, the CLI prints it as one line and exits 1. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

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


class StaleEdit(UserError):
    """A save against a record another window or command changed since the form read it.

    ``conflicts`` maps each field whose saved value differs from what this save would store to
    ``(mine, theirs)``: the value being saved and the stored one. ``version`` is the row version
    the form read, ``current`` the stored one; saving again with ``expected_version=current``
    (after the user chose per field) goes through unless it changed once more."""

    def __init__(self, record_id: int, version: int, current: int, conflicts: Mapping[str, tuple[Any, Any]]):
        self.record_id = record_id
        self.version = version
        self.current = current
        self.conflicts = dict(conflicts)
        super().__init__(
            t(
                "记录 {} 已被其他窗口或命令修改（读取时第 {} 版，现为第 {} 版），未保存；不同的字段：{}",
                "record {} was changed elsewhere (read at version {}, now {}); not saved. Fields that differ: {}",
            ).format(record_id, version, current, ", ".join(self.conflicts))
        )


def check_version(
    record_id: int,
    expected: int | None,
    current: int,
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    fields: Iterable[str] | None = None,
) -> None:
    """Raise StaleEdit when ``expected`` (the version a form read; None: no check) is not the
    stored ``current`` and a field of ``mine`` (or of ``fields``) differs from ``theirs``. A
    stale save that would store only what is already stored loses nothing and goes through."""
    if expected is None or expected == current:
        return
    keys = mine if fields is None else fields
    conflicts = {key: (mine.get(key), theirs.get(key)) for key in keys if mine.get(key) != theirs.get(key)}
    if conflicts:
        raise StaleEdit(record_id, expected, current, conflicts)


def shown(value: Any) -> str:
    """A conflicting value as text for the choice dialog (the same form for mine and theirs)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("是", "yes") if value else t("否", "no")
    if isinstance(value, (dt.date, dt.datetime, Decimal)):
        return value.isoformat() if not isinstance(value, Decimal) else format(value, "f")
    if isinstance(value, (list, tuple)):
        return "、".join(shown(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # e.g. an important date
        parts = (getattr(value, f.name) for f in dataclasses.fields(value))
        return " ".join(shown(part) for part in parts if not isinstance(part, bool) and part is not None)
    return str(value)


def import_cancelled() -> Cancelled:
    return Cancelled(t("导入已取消，客户档案未做任何改动", "import cancelled: the vault was not changed"))


def export_cancelled() -> Cancelled:
    return Cancelled(t("导出已取消，未写入任何文件", "export cancelled: no file was written"))
