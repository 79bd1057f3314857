"""The re-key's files and journal (storage/rekey_swap.py), state by state: whatever moment a kill
stops it at, recover() leaves the old files (no journal) or the new ones (a journal), complete."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
import sqlcipher3
from filelock import FileLock

from rm_desktop.domain.errors import UserError
from rm_desktop.storage import rekey_swap
from rm_desktop.storage.keyed import WrongKeyOrDamaged, connect, raw_connect

OLD_KEY, NEW_KEY = bytes(range(32)), bytes(range(100, 132))
OLD_HEADER, NEW_HEADER = b'{"header": "old"}', b'{"header": "new"}'
NAMES = ["张三", "李四", "王五"]


def _make_db(path: Path, key: bytes, names: list[str]) -> None:
    conn = connect(str(path), key)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO clients (name) VALUES (?)", [(n,) for n in names])
    conn.commit()
    conn.close()


def _names(path: Path, key: bytes) -> list[str]:
    conn = raw_connect(str(path), key)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM clients ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def vault(tmp_path: Path) -> tuple[Path, Path]:
    db, header = tmp_path / "vault.db", tmp_path / "vault.header"
    _make_db(db, OLD_KEY, NAMES)
    header.write_bytes(OLD_HEADER)
    return db, header


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "rekey" in p.name)


def _committed_not_swapped(db: Path, header: Path, monkeypatch: pytest.MonkeyPatch, before_the_journal=None) -> None:
    """The state a kill right after the journal's write leaves."""
    rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    if before_the_journal:
        before_the_journal()
    with monkeypatch.context() as patched:
        patched.setattr(rekey_swap, "recover", lambda *_args: True)
        rekey_swap.commit(db, header)


def test_an_attempt_killed_before_its_commit_point_is_dropped(vault):
    db, header = vault
    rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    assert _leftovers(db.parent) == ["vault.db.rekey-new", "vault.header.rekey-new"]
    assert _names(rekey_swap.new_file(db), NEW_KEY) == NAMES  # complete, but not committed
    assert rekey_swap.recover(db, header) is False
    assert _leftovers(db.parent) == []
    assert _names(db, OLD_KEY) == NAMES and header.read_bytes() == OLD_HEADER


def test_a_committed_swap_is_finished_and_the_old_log_never_meets_the_new_file(vault, monkeypatch):
    db, header = vault
    # A -wal the old file's last writer left (killed): valid frames, under the old key. Replayed
    # into the new file it would overwrite pages with the old key's ciphertext.
    conn = connect(str(db), OLD_KEY)
    conn.execute("INSERT INTO clients (name) VALUES ('赵六')")
    conn.commit()
    wal = db.with_name("vault.db-wal")
    left = wal.read_bytes()
    conn.close()  # checkpointed: the row is in the file, the log deleted
    _committed_not_swapped(db, header, monkeypatch, before_the_journal=lambda: wal.write_bytes(left))
    assert wal.exists()
    assert rekey_swap.recover(db, header) is True
    assert not wal.exists() and _leftovers(db.parent) == []
    assert _names(db, NEW_KEY) == [*NAMES, "赵六"] and header.read_bytes() == NEW_HEADER
    with pytest.raises(WrongKeyOrDamaged):
        raw_connect(str(db), OLD_KEY).close()


def test_a_kill_between_the_two_renames_is_finished(vault, monkeypatch):
    db, header = vault
    rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    replace = rekey_swap.atomic.replace

    def killed_before_the_header(source, target, **kwargs):
        if Path(target) == header:
            raise PermissionError(13, "held open", str(target))
        replace(source, target, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(rekey_swap.atomic, "replace", killed_before_the_header)
        with pytest.raises(UserError, match="解锁时会完成"):
            rekey_swap.commit(db, header)
    assert header.read_bytes() == OLD_HEADER and _names(db, NEW_KEY) == NAMES  # the state in between
    assert rekey_swap.recover(db, header) is True
    assert header.read_bytes() == NEW_HEADER and _leftovers(db.parent) == []
    assert rekey_swap.recover(db, header) is False  # nothing left to do


def test_a_journal_whose_database_was_replaced_meanwhile_is_dropped(vault, tmp_path, monkeypatch):
    """A restore that ran before any unlock put another database in place: the swap no longer
    applies to it and must not be finished over it."""
    db, header = vault
    _committed_not_swapped(db, header, monkeypatch)
    other = tmp_path / "other.db"
    _make_db(other, OLD_KEY, ["恢复的客户"])
    os.replace(other, db)
    assert rekey_swap.recover(db, header) is False
    assert _leftovers(db.parent) == []
    assert _names(db, OLD_KEY) == ["恢复的客户"] and header.read_bytes() == OLD_HEADER


def test_a_damaged_journal_is_named_and_nothing_is_touched(vault):
    db, header = vault
    rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    rekey_swap.journal_path(db).write_bytes(b"\x00garbage")
    with pytest.raises(UserError, match="rekey.journal"):
        rekey_swap.recover(db, header)
    assert _leftovers(db.parent) == ["rekey.journal", "vault.db.rekey-new", "vault.header.rekey-new"]
    with pytest.raises(UserError, match="解锁时会完成"):  # and no new attempt starts over it
        rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    assert _names(db, OLD_KEY) == NAMES


def test_a_database_error_while_exporting_leaves_nothing(vault, monkeypatch):
    db, header = vault

    def full(*_args):
        raise sqlcipher3.OperationalError("database or disk is full")

    monkeypatch.setattr(rekey_swap, "_check", full)
    with pytest.raises(UserError, match="disk is full"):
        rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    assert _leftovers(db.parent) == [] and _names(db, OLD_KEY) == NAMES


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_new_files_are_owner_only(vault):
    db, header = vault
    rekey_swap.prepare(db, header, OLD_KEY, NEW_KEY, NEW_HEADER)
    for path in (rekey_swap.new_file(db), rekey_swap.new_file(header)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    rekey_swap.commit(db, header)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_replay_beside_another_waits_for_it(vault, monkeypatch):
    """Two commands unlocking at once: the second waits while the first finishes the swap (bounded,
    then one message and nothing touched), and then finds it done."""
    db, header = vault
    _committed_not_swapped(db, header, monkeypatch)
    monkeypatch.setattr(rekey_swap, "REPLAY_WAIT_SECONDS", 0.05)
    other = FileLock(str(db.parent / "locks" / rekey_swap.REPLAY_LOCK))
    other.acquire()
    try:
        with pytest.raises(UserError, match="另一个程序正在完成"):
            rekey_swap.recover(db, header)
        assert (db.parent / rekey_swap.JOURNAL).exists() and header.read_bytes() == OLD_HEADER
    finally:
        other.release()
    assert rekey_swap.recover(db, header) is True
    assert header.read_bytes() == NEW_HEADER and _names(db, NEW_KEY) == NAMES
