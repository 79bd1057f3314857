"""Errors the Qt-free layers raise for the user to read.

Every user-facing failure is a :class:`UserError`: the GUI shows it in a message box or beside a
field, the CLI prints it as one line and exits 1. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations


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
