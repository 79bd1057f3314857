"""Every restore says what it replaces and keeps it (issue 13.3, the restore part): the plan names
the backup (date, clients), the state it replaces (clients, last change) and the password that
opens the vault afterwards; a safety backup of the current state is written first, a checked one
when the current key is at hand, else a raw copy that the current password restores."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import Cancelled
from rm_desktop.security.header import WrongPassword
from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.services.vault.maintenance import preview, restore
from rm_desktop.storage import backups
from tests.conftest import PASSWORD
from tests.damage import fingerprint

NEW = "another long password 7"


def _names(root, password=PASSWORD):
    vault = vs.unlock(root, password, backup=False)
    try:
        return sorted(row.name for row in search_clients(vault, ClientQuery()))
    finally:
        vault.lock()


@pytest.fixture
def snapshot(vault):
    """A backup holding 张三; the vault then holds 张三, 李四 and 王五 (still open)."""
    clients.create_client(vault, {"name": "张三"})
    path = vs.backup_now(vault)
    clients.create_client(vault, {"name": "李四"})
    clients.create_client(vault, {"name": "王五"})
    return path


def _new_backups(root, before):
    return [p for p in (root / "backups").iterdir() if p.name not in before]


def test_the_plan_names_both_states_and_the_password(vault, vault_dir, snapshot):
    vault.lock()
    plan = preview(vault_dir, snapshot, password=PASSWORD)
    assert (plan.backup_clients, plan.current_clients) == (1, 3)
    assert plan.made == backups.made_at(snapshot) and abs(plan.made - dt.datetime.now()) < dt.timedelta(minutes=5)
    assert plan.current_changed is not None and plan.keeps_password and not plan.other_vault
    text = "\n".join(plan.lines())
    assert "1 位客户" in text and "将替换当前数据：3 位客户" in text and "恢复后仍使用当前的主密码" in text


def test_a_restore_keeps_the_state_it_replaces_as_a_checked_backup(vault, vault_dir, snapshot):
    vault.lock()
    before = {p.name for p in (vault_dir / "backups").iterdir()}
    plan = restore(vault_dir, snapshot, password=PASSWORD)
    assert plan.current_clients == 3 and _names(vault_dir) == ["张三"]
    (safety,) = _new_backups(vault_dir, before)
    assert safety.name.startswith("vault-")  # checked: it counts, and it is the latest
    restore(vault_dir, safety, password=PASSWORD)
    assert _names(vault_dir) == ["张三", "李四", "王五"]  # the restore is undone


def test_after_a_password_change_the_old_backup_needs_its_own_password(vault, vault_dir, snapshot, memory_keyring):
    rekeying.change_password(vault, PASSWORD, NEW)  # a fresh database key: the backup's is another
    vault.lock()
    memory_keyring.store.clear()  # no key on this PC: only passwords tell
    with pytest.raises(WrongPassword):
        preview(vault_dir, snapshot, password=NEW)  # today's password does not open the old backup
    plan = preview(vault_dir, snapshot, password=PASSWORD)
    assert not plan.keeps_password and plan.current_clients is None  # today's key is not at hand
    assert "即刚才输入、打开了此备份的密码" in "\n".join(plan.lines())
    before = {p.name for p in (vault_dir / "backups").iterdir()}
    restore(vault_dir, snapshot, password=PASSWORD)
    assert _names(vault_dir, PASSWORD) == ["张三"]  # the plan said so: the backup's password now
    with pytest.raises(WrongPassword):
        vs.unlock(vault_dir, NEW, backup=False)
    # Today's state was kept without its key: a raw copy, outside the rotation, that NEW restores.
    raw = [p for p in _new_backups(vault_dir, before) if p.name.startswith("before-restore-")]
    assert len(raw) == 1 and raw[0] not in [b.path for b in backups.list_backups(vault_dir / "backups")]
    restore(vault_dir, raw[0], password=NEW)
    assert _names(vault_dir, NEW) == ["张三", "李四", "王五"]


def test_the_keyring_copy_counts_the_state_being_replaced(vault, vault_dir, snapshot):
    rekeying.change_password(vault, PASSWORD, NEW)  # the keyring copy follows the new key
    vault.lock()
    plan = preview(vault_dir, snapshot, password=PASSWORD)
    assert plan.current_clients == 3 and not plan.keeps_password


def test_declining_the_plan_changes_nothing(vault, vault_dir, snapshot):
    vault.lock()
    before = fingerprint(vault_dir)
    seen = []
    with pytest.raises(Cancelled, match="未做任何改动"):
        restore(vault_dir, snapshot, password=PASSWORD, confirm=lambda plan: seen.append(plan) and False)
    assert len(seen) == 1 and seen[0].backup_clients == 1
    assert fingerprint(vault_dir) == before  # no safety backup either: nothing happened


def test_cli_shows_the_plan_before_it_restores(run_cli, tmp_path, monkeypatch):
    assert run_cli("init")[0] == 0
    run_cli("client", "add", "--set", "name=张三")
    target = tmp_path / "b.rmbak"
    run_cli("backup", str(target))
    run_cli("client", "add", "--set", "name=李四")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    before = fingerprint(tmp_path / "v")
    code, out, err = run_cli("restore", str(target))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "1 位客户" in err and "将替换当前数据：2 位客户" in err and "--yes" in err
    assert fingerprint(tmp_path / "v") == before
    code, out, err = run_cli("restore", str(target), "--yes")
    assert code == 0, err
    assert out.index("将替换当前数据：2 位客户") < out.index("已从备份恢复")  # the plan first
    code, out, _ = run_cli("restore", str(target), "--yes", "--json")
    assert code == 0 and '"backup_clients": 1' in out and '"password_afterwards": "current"' in out
