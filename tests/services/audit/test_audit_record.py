"""Writing entries: in the action's own transaction (a rolled-back action leaves none), what may
go in (masked names, counts, codes; never an ID number, phone or note), unlock and lock, the
settings key, the trash; two processes appending at once keep one unbroken chain."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from rm_desktop.services.audit import log, reading
from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault.lifecycle import unlock
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


def _actions(vault):
    return [e.action for e in reversed(reading.entries(vault, limit=None))]


def test_an_entry_commits_with_its_action_and_rolls_back_with_it(vault):
    with pytest.raises(RuntimeError), vault.sessions.begin() as session:
        log.record(session, "search", counts={"rows": 3})
        raise RuntimeError("the action failed")
    assert reading.entries(vault) == [] and reading.verify(vault).ok
    with vault.sessions.begin() as session:
        log.record(session, "search", counts={"rows": 3})
    assert _actions(vault) == ["search"]


def test_a_failed_file_write_leaves_no_entry(vault, tmp_path):
    with pytest.raises(OSError), log.recorded(vault, "export_list", file="x.xlsx"):
        raise OSError("disk full")
    assert reading.entries(vault) == []


def test_a_rolled_back_trash_leaves_no_entry(vault, monkeypatch):
    client = clients.create_client(vault, {"name": "张三"})
    real = log.record

    def record_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("after the entry, before the commit")

    monkeypatch.setattr(log, "record", record_then_fail)
    with pytest.raises(RuntimeError):
        clients.trash_client(vault, client.id)
    monkeypatch.setattr(log, "record", real)
    assert clients.get_client(vault, client.id).deleted_at is None and reading.entries(vault) == []


def test_seq_time_and_the_fake_clock(vault):
    moment = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)
    with vault.sessions.begin() as session:
        assert log.record(session, "print", counts={"kind": "plan"}, now=moment) == 1
        assert log.record(session, "print", now=moment) == 2
    newest = reading.entries(vault)[0]
    assert (newest.seq, newest.at, newest.origin) == (2, "2026-03-01T08:30:00.000Z", "local")


def test_names_are_masked_and_file_names_lose_long_numbers():
    assert log.client_object(12, "张三") == "client:12 张*"
    assert log.client_object(7, "欧阳娜娜") == "client:7 欧***"
    assert log.mask_name("") == "**"
    assert log.safe_file_name("/home/rm/13800138000_张三.xlsx") == "###########_张三.xlsx"
    assert log.safe_file_name("11010519491231002X.pdf") == "##################.pdf"
    assert log.safe_file_name("vault-20261202-133121.rmbak") == "vault-20261202-133121.rmbak"


@pytest.mark.parametrize(
    "counts",
    [
        {"phone": "13800138000"},
        {"fields": ["13800138000"]},
        {"kind": "110105 19850307"},
        {"text": "x"},
        {"note": "客户电话 13800138000"},
        {"anchor": "13800138000"},
    ],
)
def test_anything_but_counts_and_codes_is_refused(vault, counts):
    with pytest.raises(ValueError), vault.sessions.begin() as session:
        log.record(session, "search", counts=counts)


def test_an_object_must_be_a_client_setting_or_plan(vault):
    with pytest.raises(ValueError), vault.sessions.begin() as session:
        log.record(session, "copy", object="张三 13800138000")


def test_unlock_and_lock_are_recorded(vault_dir, vault):
    vault.lock()
    again = unlock(vault_dir, PASSWORD, backup=False)
    again.lock()
    third = unlock(vault_dir, PASSWORD, backup=False)
    try:
        assert _actions(third) == ["lock", "unlock", "lock", "unlock"] and reading.verify(third).ok
    finally:
        third.lock()


def test_trash_restore_and_purge_are_recorded_without_the_name(vault):
    client = clients.create_client(
        vault, {"name": "张三丰", "phone": ["13800138000"], "id_number": "11010519491231002X"}
    )
    clients.trash_client(vault, client.id)
    clients.restore_client(vault, client.id)
    clients.trash_client(vault, client.id)
    clients.purge_client(vault, client.id)
    found = reading.entries(vault, client=client.id)
    assert [e.action for e in reversed(found)] == ["client_trash", "client_restore", "client_trash", "trash_empty"]
    assert found[0].object == f"client:{client.id}" and found[1].object == f"client:{client.id} 张**"


def test_a_settings_change_records_its_key_only(vault):
    vault.settings.set("idle_lock_minutes", 37)
    (entry,) = reading.entries(vault, action="settings_change")
    assert entry.object == "setting:idle_lock_minutes" and entry.counts == {}


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rm_desktop.services.audit import log
    from rm_desktop.services.vault.lifecycle import unlock

    vault = unlock(Path(sys.argv[1]), sys.argv[2], backup=False)
    try:
        for i in range(int(sys.argv[3])):
            log.record_now(vault, "search", counts={"rows": i})
    finally:
        vault.lock()
    """
)


def test_two_processes_append_without_breaking_the_chain(vault_dir, vault):
    vault.lock()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(vault_dir), PASSWORD, "60"], env=env, cwd=ROOT)
        for _ in range(2)
    ]
    assert [w.wait(120) for w in writers] == [0, 0]
    opened = unlock(vault_dir, PASSWORD, backup=False)
    try:
        result = reading.verify(opened)
        assert result.ok, result.message()
        with opened.engine.connect() as conn:
            counted = dict(conn.execute(text("SELECT action, count(*) FROM audit_log GROUP BY action")).all())
        assert counted == {"search": 120, "unlock": 3, "lock": 3}
    finally:
        opened.lock()


def test_a_restore_is_recorded_in_the_restored_log(vault_dir, vault):
    from rm_desktop.services.vault.lifecycle import backup_now
    from rm_desktop.services.vault.maintenance import restore

    log.record_now(vault, "search", counts={"rows": 1})
    snapshot = backup_now(vault)
    log.record_now(vault, "search", counts={"rows": 2})  # after the backup: gone with the restore
    vault.lock()
    restore(vault_dir, snapshot, password=PASSWORD)
    opened = unlock(vault_dir, PASSWORD, backup=False)
    try:
        assert _actions(opened)[-3:] == ["search", "restore", "unlock"] and reading.verify(opened).ok
        (entry,) = reading.entries(opened, action="restore")
        assert entry.counts == {"clients": 0, "file": snapshot.name}
    finally:
        opened.lock()


def test_the_driver_writer_makes_the_entry_the_orm_writer_makes(vault):
    """record (a SQLAlchemy session) and record_on_driver (a bare sqlcipher3 connection) share
    new_entry: at the same moment after the same entry, the same row; the chain stays whole."""
    from rm_desktop.storage.keyed import raw_connect

    moment = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)
    with vault.sessions.begin() as session:
        log.record(session, "search", counts={"rows": 2}, now=moment)
    conn = raw_connect(str(vault.paths.db), vault.key)
    try:
        conn.isolation_level = None
        conn.execute("BEGIN IMMEDIATE")
        seq = log.record_on_driver(conn, "reveal", object="client:7 张*", counts={"rows": 1}, now=moment)
        conn.execute("COMMIT")
    finally:
        conn.close()
    with vault.sessions.begin() as session:
        log.record(session, "reveal", object="client:7 张*", counts={"rows": 1}, now=moment)
    rows = {e.seq: e for e in reading.entries(vault, limit=None)}
    assert seq == 2 and sorted(rows) == [1, 2, 3]
    driver, orm = rows[2], rows[3]
    assert (driver.at, driver.action, driver.object, driver.counts) == (orm.at, orm.action, orm.object, orm.counts)
    assert reading.verify(vault).ok
    with pytest.raises(ValueError):  # the same checks: an unknown action is refused on the driver too
        log.new_entry(None, "no_such_action")
