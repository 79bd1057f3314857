"""Windows' view of a file another program has open (Excel or WPS showing it, an antivirus
scanning it), on any OS: renaming over it, renaming it away or deleting it fails with
PermissionError, winerror 32 (a sharing violation), as ``os.replace`` and ``os.unlink`` raise it
there. ``Path.unlink`` goes through ``os.unlink``, so it fails too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARING_VIOLATION = 32


def sharing_violation(path: os.PathLike[str] | str) -> PermissionError:
    return PermissionError(
        13,
        "The process cannot access the file because it is being used by another process",
        str(path),
        SHARING_VIOLATION,
    )


class HeldOpen:
    """``path`` held open by another program: its replaces (to it or from it) and deletes fail,
    ``failures`` times (None: as long as the test runs); ``ops`` narrows that to "replace" or
    "unlink". ``attempts`` counts every failing kind of try on it."""

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        path: os.PathLike[str] | str,
        failures: int | None = None,
        ops: tuple[str, ...] = ("replace", "unlink"),
    ):
        self.path = Path(path).resolve()
        self.failures = failures
        self.attempts = 0
        real_replace, real_unlink = os.replace, os.unlink

        def replace(src, dst, *args, **kwargs):
            self._check(src, dst)
            return real_replace(src, dst, *args, **kwargs)

        def unlink(path, *args, **kwargs):
            self._check(path)
            return real_unlink(path, *args, **kwargs)

        if "replace" in ops:
            monkeypatch.setattr(os, "replace", replace)
        if "unlink" in ops:
            monkeypatch.setattr(os, "unlink", unlink)
            monkeypatch.setattr(os, "remove", unlink)

    def _check(self, *paths: os.PathLike[str] | str) -> None:
        if any(Path(p).resolve() == self.path for p in paths):
            self.attempts += 1
            if self.failures is None or self.attempts <= self.failures:
                raise sharing_violation(self.path)

    def release(self) -> None:
        """The other program closed the file."""
        self.failures = 0


def fail_writing(monkeypatch: pytest.MonkeyPatch, target: os.PathLike[str] | str) -> list[str]:
    """The atomic writer's rename of its temp file onto ``target`` fails, as when another program
    grabbed the name meanwhile; other renames (a restore's set-aside and back) work. Returns the
    temp files it refused, one per try."""
    target = Path(target)
    real, tries = os.replace, []

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == target and Path(src).name.startswith(f".{target.name}."):
            tries.append(str(src))
            raise sharing_violation(target)
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return tries
