"""Backups at unlock and on demand, pruning, restore (also across a password change and a re-key)."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import select

from rm_desktop.security.header import WrongPassword
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.services.vault.maintenance import restore
from rm_desktop.storage import backups
from rm_desktop.storage.models import Client
from tests.conftest import PASSWORD


def _add(v, name):
    with v.sessions.begin() as s:
        s.add(Client(name=name))


def _names(v):
    with v.sessions() as s:
        return sorted(s.scalars(select(Client.name)))


def test_backup_at_each_unlock_and_pruning(vault, vault_dir):
    vault.settings.set("backups_kept", 3)
    vault.lock()
    for _ in range(5):
        vs.unlock(vault_dir).lock()
    assert len(backups.list_backups(vault_dir / "backups")) == 3


def test_restore_brings_back_old_state(vault, vault_dir):
    _add(vault, "张三")
    snapshot = vs.backup_now(vault)
    _add(vault, "李四")
    vault.lock()
    restore(vault_dir, snapshot, password=PASSWORD)
    v = vs.unlock(vault_dir, PASSWORD)
    assert _names(v) == ["张三"]
    v.lock()
    # The state before the restore was kept as a backup too: the restore can be undone.
    assert len(backups.list_backups(vault_dir / "backups")) >= 2


def test_a_backup_from_before_a_password_change_needs_its_own_password(vault, vault_dir):
    """passwd re-keys the database (issue 13.3): a backup made before keeps the old key, which only
    the old password unwraps."""
    _add(vault, "张三")
    snapshot = vs.backup_now(vault)
    rekeying.change_password(vault, PASSWORD, "a brand new secret")
    vault.lock()
    with pytest.raises(WrongPassword):
        restore(vault_dir, snapshot, password="a brand new secret")
    restore(vault_dir, snapshot, password=PASSWORD)
    v = vs.unlock(vault_dir, PASSWORD)
    assert _names(v) == ["张三"]
    v.lock()


def test_restore_after_rekey_needs_a_password_that_opens_it(vault, vault_dir):
    _add(vault, "张三")
    snapshot = vs.backup_now(vault)
    rekeying.rekey(vault, PASSWORD)
    current_key = bytes(vault.key)
    vault.lock()
    with pytest.raises(WrongPassword):
        restore(vault_dir, snapshot, key=current_key)  # old key differs, no password given
    with pytest.raises(WrongPassword):
        restore(vault_dir, snapshot, password="wrong password")
    restore(vault_dir, snapshot, password=PASSWORD)
    v = vs.unlock(vault_dir, PASSWORD)
    assert _names(v) == ["张三"]
    v.lock()


def test_damaged_backup_is_named(vault, vault_dir, tmp_path):
    bad = tmp_path / "bad.rmbak"
    bad.write_bytes(b"PK\x03\x04 truncated")
    vault.lock()
    with pytest.raises(backups.BackupError, match="bad.rmbak"):
        restore(vault_dir, bad, password=PASSWORD)
    assert _names(vs.unlock(vault_dir, PASSWORD)) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_unwritable_backup_folder_is_a_clear_error(vault, tmp_path):
    target_dir = tmp_path / "ro"
    target_dir.mkdir()
    target_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with pytest.raises(backups.BackupError, match="无法写入备份"):
        vs.backup_now(vault, target_dir / "x.rmbak")


def test_backup_into_a_file_path_that_is_a_folder_fails_cleanly(vault, tmp_path):
    # Works for root too: the target exists as a directory, os.replace cannot overwrite it.
    target = tmp_path / "occupied.rmbak"
    target.mkdir()
    with pytest.raises(backups.BackupError):
        vs.backup_now(vault, target)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    _add(vault, "still fine")
    assert _names(vault) == ["still fine"]
