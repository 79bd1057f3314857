"""Logging that cannot leak client data.

Logs go to stderr only, never to a file in the vault or the profile. Exception messages can carry
client data (SQLAlchemy puts bound parameters in its messages), so tracebacks are logged as
frames and the exception's type name, never its message.
"""

from __future__ import annotations

import logging
import traceback


class RedactingFormatter(logging.Formatter):
    def formatException(self, ei) -> str:
        exc_type, _exc, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (message withheld):\n{frames}{exc_type.__name__ if exc_type else 'Exception'}"


def configure(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
