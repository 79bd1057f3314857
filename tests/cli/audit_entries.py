"""What the CLI tests' vault (``tmp_path / "v"``) logged, read back through the vault key."""

from __future__ import annotations

from rm_desktop.services.audit import reading
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD


def reveals(tmp_path) -> list[reading.AuditEntry]:
    """The vault's reveal entries, newest first."""
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        return [e for e in reading.entries(vault, limit=None) if e.action == "reveal"]
    finally:
        vault.lock()
