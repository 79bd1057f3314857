"""A restore moves the vault's files aside, puts the backup's in place and only then deletes the
moved ones: a failure on the way (a file another program holds open, as Windows reports it) moves
them back, so the vault opens with its old data and one message says why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from rm_desktop.domain.errors import UserError
from rm_desktop.security.header import WrongPassword
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.maintenance import restore
from rm_desktop.storage import atomic
from rm_desktop.storage.keyed import raw_connect
from rm_desktop.storage.models import Client
from tests.conftest import PASSWORD
from tests.held_open import HeldOpen, fail_writing


@pytest.fixture(autouse=True)
def no_retry_waits(monkeypatch):
    monkeypatch.setattr(atomic, "retry_sleep", lambda _seconds: None)


def _add(vault, name):
    with vault.sessions.begin() as s:
        s.add(Client(name=name))


def _names(vault_dir):
    vault = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        with vault.sessions() as s:
            return sorted(s.scalars(select(Client.name)))
    finally:
        vault.lock()


def _leftovers(vault_dir: Path) -> list[str]:
    return sorted(p.name for p in vault_dir.iterdir() if "restore" in p.name or p.name.endswith(".tmp"))


@pytest.fixture
def snapshot(vault, vault_dir):
    """A backup holding 张三; the vault then holds 张三 and 李四, and is locked."""
    _add(vault, "张三")
    path = vs.backup_now(vault)
    _add(vault, "李四")
    vault.lock()
    return path


def test_the_restored_database_not_put_in_place_moves_the_old_one_back(snapshot, vault_dir):
    with pytest.MonkeyPatch.context() as patch, pytest.raises(UserError) as failed:
        tries = fail_writing(patch, vault_dir / "vault.db")
        restore(vault_dir, snapshot, password=PASSWORD)
    assert str(failed.value).startswith("恢复未完成，档案库保持原样：")
    assert len(tries) == len(atomic.RETRY_DELAYS) + 1  # retried, then given up
    assert _names(vault_dir) == ["张三", "李四"]
    assert _leftovers(vault_dir) == []


def test_a_header_that_cannot_be_written_takes_the_restored_database_out_again(snapshot, vault_dir):
    header = (vault_dir / "vault.header").read_bytes()
    with pytest.MonkeyPatch.context() as patch, pytest.raises(UserError, match="恢复未完成，档案库保持原样"):
        fail_writing(patch, vault_dir / "vault.header")
        restore(vault_dir, snapshot, password=PASSWORD)
    assert (vault_dir / "vault.header").read_bytes() == header
    assert _names(vault_dir) == ["张三", "李四"]  # not the backup's 张三 alone: its database went again
    assert _leftovers(vault_dir) == []


def test_a_log_file_held_half_way_moves_the_database_and_its_log_back(vault, vault_dir, snapshot):
    # Another connection (a second program, an antivirus) keeps the database's -wal and -shm: the
    # last write is still in the log, not in vault.db.
    reopened = vs.unlock(vault_dir, PASSWORD, backup=False)
    key = bytes(reopened.key)
    reopened.lock()
    other = raw_connect(str(vault_dir / "vault.db"), key)
    try:
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("UPDATE clients SET name = '王五' WHERE name = '李四'")
        other.commit()
        assert (vault_dir / "vault.db-wal").stat().st_size > 0
        with pytest.MonkeyPatch.context() as patch:
            held = HeldOpen(patch, vault_dir / "vault.db-shm")  # vault.db and -wal moved, -shm refuses
            with pytest.raises(UserError, match="恢复未完成，档案库保持原样") as failed:
                restore(vault_dir, snapshot, password=PASSWORD)
        assert f"{vault_dir / 'vault.db-shm'} 正被其他程序打开" in str(failed.value) and held.attempts >= 1
        assert _leftovers(vault_dir) == []
    finally:
        other.close()
    assert _names(vault_dir) == ["张三", "王五"]


def test_set_aside_files_that_cannot_be_deleted_do_not_fail_the_restore(snapshot, vault_dir):
    with pytest.MonkeyPatch.context() as patch:
        HeldOpen(patch, vault_dir / "vault.db.restore-old", ops=("unlink",))  # scanned meanwhile
        restore(vault_dir, snapshot, password=PASSWORD)
    assert _leftovers(vault_dir) == ["vault.db.restore-old"]
    restore(vault_dir, snapshot, password=PASSWORD)  # the next restore clears it
    assert _leftovers(vault_dir) == []
    with pytest.MonkeyPatch.context() as patch:
        HeldOpen(patch, vault_dir / "vault.db.restore-old", ops=("unlink",))
        restore(vault_dir, snapshot, password=PASSWORD)
    assert _names(vault_dir) == ["张三"]  # and so does the next unlock
    assert _leftovers(vault_dir) == []


def test_a_restore_interrupted_with_the_database_aside_is_undone_by_the_next_one(snapshot, vault_dir, memory_keyring):
    # A crash after the database was moved aside, before the backup's was put in place.
    memory_keyring.store.clear()  # no key on this PC: the password decides
    os.replace(vault_dir / "vault.db", vault_dir / "vault.db.restore-old")
    with pytest.raises(WrongPassword):
        restore(vault_dir, snapshot, password="not the password")
    assert _leftovers(vault_dir) == []
    assert _names(vault_dir) == ["张三", "李四"]


def test_an_unlock_after_an_interrupted_restore_puts_the_database_back(snapshot, vault_dir):
    # Without it the unlock would make a new, empty vault.db (and the client list would be empty).
    os.replace(vault_dir / "vault.db", vault_dir / "vault.db.restore-old")
    assert _names(vault_dir) == ["张三", "李四"]
    assert _leftovers(vault_dir) == []
