"""Issue 13.11: the vault folder and every file in it are owner-only (folders 0700, files 0600),
vault.db, its -wal and -shm, the header, backups, locks and logs included: as made, and an older
vault's loose modes fixed at the next unlock."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from rm_desktop import logsafe
from rm_desktop.services.clients import files
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import FAST_KDF, PASSWORD

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (Windows: the folder's DACL)")


@pytest.fixture(autouse=True)
def loose_umask():
    """A umask that would leave files 0666 and folders 0777: the modes must come from the app."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def _modes(root: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def _loose(modes: dict[str, str], root: Path) -> dict[str, str]:
    return {name: mode for name, mode in modes.items() if mode != ("0o700" if (root / name).is_dir() else "0o600")}


def test_every_file_is_owner_only_after_create_unlock_backup_and_write(vault_dir):
    vault = vs.create_vault(vault_dir, PASSWORD, kdf=FAST_KDF)
    files.create_client(vault, {"name": "欧阳明澈"})  # the WAL has frames
    vault.lock()
    vault = vs.unlock(vault_dir, PASSWORD)  # a backup at unlock
    vs.backup_now(vault)
    files.create_client(vault, {"name": "李四"})
    root_logger = logging.getLogger()
    log_file = logsafe.add_file_log(vault.paths.logs)  # the GUI's log (app.start_file_log)
    try:
        logging.getLogger("rm_desktop.test").warning("a line in the log")
        modes = _modes(vault_dir)
        names = set(modes)
        assert {"vault.db", "vault.db-wal", "vault.db-shm", "vault.header", "backups", "locks", "logs"} <= names
        assert sum(name.startswith("backups/") for name in names) == 2
        assert any(name.startswith("locks/") and name.endswith(".lock") for name in names)
        assert log_file.exists()
        assert _loose(modes, vault_dir) == {}
    finally:
        for handler in [h for h in root_logger.handlers if isinstance(h, logsafe.PrivateRotatingFileHandler)]:
            root_logger.removeHandler(handler)
            handler.close()
        vault.lock()


def test_an_older_vaults_loose_modes_are_fixed_at_unlock(vault_dir):
    vs.create_vault(vault_dir, PASSWORD, kdf=FAST_KDF).lock()
    vs.unlock(vault_dir, PASSWORD).lock()  # a backup, so the backups folder has a file
    for path in [vault_dir, *vault_dir.rglob("*")]:
        os.chmod(path, 0o777 if path.is_dir() else 0o644)  # as an older version or a copy left them
    outside = vault_dir.parent / "outside.txt"
    outside.write_text("not the vault's", encoding="utf-8")
    os.chmod(outside, 0o644)
    (vault_dir / "link").symlink_to(outside)  # a link is not followed out of the vault
    assert _loose(_modes(vault_dir), vault_dir) != {}
    vault = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        modes = _modes(vault_dir)
        del modes["link"]
        assert _loose(modes, vault_dir) == {}
        assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    finally:
        vault.lock()
