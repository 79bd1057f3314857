"""Password change and re-key (issue 13.3, 13.4): both put the database under a fresh random key,
through new files swapped in by a journal (storage/rekey_swap.py); the kill -9 loops are in
test_rekey_kill.py, the journal's states in tests/storage/test_rekey_swap.py."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.security.header import VaultHeader, WrongPassword
from rm_desktop.services.clients import demo
from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.storage import backups, rekey_swap
from rm_desktop.storage.keyed import WrongKeyOrDamaged, raw_connect
from tests.conftest import PASSWORD

NEW = "another long secret"


def _names(vault, text: str = "") -> list[str]:
    return sorted(row.name for row in search_clients(vault, ClientQuery(text=text)))


def _rows(db: Path, key: bytes) -> dict[str, list]:
    """Every table's rows (the FTS table and its shadow tables too): what a re-encryption carries."""
    conn = raw_connect(str(db), key)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"'))) for name in tables}
    finally:
        conn.close()


def _leftovers(vault_dir: Path) -> list[str]:
    return sorted(p.name for p in vault_dir.iterdir() if "rekey" in p.name)


def test_passwd_retires_the_old_password_and_the_old_key(vault, vault_dir):
    clients.create_client(vault, {"name": "张三"})
    old_key = bytes(vault.key)
    header_before = (vault_dir / "vault.header").read_bytes()
    with pytest.raises(WrongPassword):
        rekeying.change_password(vault, "not the password", NEW)
    with pytest.raises(UserError, match="至少"):
        rekeying.change_password(vault, PASSWORD, "short")
    assert bytes(vault.key) == old_key and (vault_dir / "vault.header").read_bytes() == header_before

    rekeying.change_password(vault, PASSWORD, NEW)
    assert bytes(vault.key) != old_key
    clients.create_client(vault, {"name": "李四"})  # the open vault goes on, on the new file
    vault.lock()
    with pytest.raises(WrongKeyOrDamaged):
        raw_connect(str(vault_dir / "vault.db"), old_key).close()
    with pytest.raises(WrongPassword):
        vs.unlock(vault_dir, PASSWORD, backup=False)
    again = vs.unlock(vault_dir, NEW, backup=False)
    try:
        assert _names(again) == ["张三", "李四"]
    finally:
        again.lock()
    assert _leftovers(vault_dir) == []


def test_an_old_backup_opens_only_its_own_old_data(vault, vault_dir, tmp_path):
    clients.create_client(vault, {"name": "张三"})
    vs.backup_now(vault)
    clients.create_client(vault, {"name": "李四"})
    rekeying.change_password(vault, PASSWORD, NEW)  # backs up first: the second backup holds both
    live_key = bytes(vault.key)
    vault.lock()
    found = backups.list_backups(vault_dir / "backups")  # newest first: the one passwd made
    assert len(found) == 2
    copies = []
    for backup in found:
        header_bytes, db_copy = backups.read_backup(backup.path, tmp_path)
        header = VaultHeader.from_bytes(header_bytes)
        with pytest.raises(WrongPassword):
            header.unwrap(NEW)
        old_key = header.unwrap(PASSWORD)
        assert old_key != live_key
        raw_connect(str(db_copy), old_key).close()  # its own data: yes
        with pytest.raises(WrongKeyOrDamaged):  # the live vault: no
            raw_connect(str(vault_dir / "vault.db"), old_key).close()
        copies.append(_rows(db_copy, old_key)["clients"])
    assert copies[0] == _rows(vault_dir / "vault.db", live_key)["clients"] and len(copies[1]) == 1


def test_rekey_carries_every_row_index_and_search(vault, vault_dir):
    demo.fill(vault, 30)
    vault.settings.set("rm_name", "李经理")
    name = _names(vault)[0]
    db = vault_dir / "vault.db"
    before = _rows(db, bytes(vault.key))
    rekeying.rekey(vault, PASSWORD)
    after = _rows(db, bytes(vault.key))
    after["audit_log"] = [row for row in after["audit_log"] if "'rekey'" not in row]  # the re-key's own entry
    assert after == before
    assert name in _names(vault, name[1:])  # the trigram index came along and is kept up to date
    created = clients.create_client(vault, {"name": "新来的客户"})
    assert _names(vault, "来的") == ["新来的客户"] and created.id
    assert vault.settings.get("rm_name") == "李经理"


def test_the_keyring_copy_follows_only_when_one_was_remembered(vault, vault_dir, memory_keyring):
    rekeying.change_password(vault, PASSWORD, NEW)  # the fixture's vault is remembered
    vault.lock()
    again = vs.unlock(vault_dir, backup=False)  # the keyring copy: the new key
    again.lock()
    memory_keyring.store.clear()
    again = vs.unlock(vault_dir, NEW, backup=False)
    rekeying.rekey(again, NEW)
    again.lock()
    assert memory_keyring.store == {}  # not remembered: the re-key does not start remembering


def test_a_lock_during_the_reencryption_leaves_files_and_header_in_step(vault, vault_dir, monkeypatch):
    """The GUI waits only so long for a re-key before it locks: the swap must still complete."""
    clients.create_client(vault, {"name": "王小明"})
    prepare = rekey_swap.prepare

    def lock_meanwhile(*args):
        prepare(*args)
        vault.lock()

    monkeypatch.setattr(rekey_swap, "prepare", lock_meanwhile)
    rekeying.change_password(vault, PASSWORD, NEW)
    assert vault.locked
    again = vs.unlock(vault_dir, NEW, backup=False)
    try:
        assert _names(again) == ["王小明"]
    finally:
        again.lock()
    vs.unlock(vault_dir, backup=False).lock()  # the keyring copy follows the new key too


def test_other_work_of_this_program_is_held_off_meanwhile(vault, vault_dir, monkeypatch):
    clients.create_client(vault, {"name": "王小明"})
    prepare, refused = rekey_swap.prepare, []

    def write_meanwhile(*args):
        with pytest.raises(UserError, match="正在更换加密密钥") as caught:
            clients.create_client(vault, {"name": "迟到的写入"})  # would be lost with the old file
        refused.append(caught.value)
        prepare(*args)

    monkeypatch.setattr(rekey_swap, "prepare", write_meanwhile)
    rekeying.rekey(vault, PASSWORD)
    assert refused and _names(vault) == ["王小明"]
    clients.create_client(vault, {"name": "之后的写入"})
    assert _names(vault) == ["之后的写入", "王小明"]


def test_a_connection_still_in_use_is_waited_for_then_nothing_changes(vault, vault_dir, monkeypatch):
    monkeypatch.setattr(rekeying, "QUIET_WAIT_SECONDS", 0.05)
    old_key = bytes(vault.key)
    held = vault.engine.connect()
    try:
        with pytest.raises(UserError, match="另一项任务"):
            rekeying.rekey(vault, PASSWORD)
    finally:
        held.close()
    assert bytes(vault.key) == old_key and _leftovers(vault_dir) == []
    clients.create_client(vault, {"name": "王小明"})  # the engine works again
    assert _names(vault) == ["王小明"]


def test_a_full_disk_before_the_commit_point_changes_nothing(vault, vault_dir, monkeypatch):
    clients.create_client(vault, {"name": "王小明"})
    old_key, header_before = bytes(vault.key), (vault_dir / "vault.header").read_bytes()
    write = rekey_swap.atomic.atomic_write_bytes

    def full_at_the_journal(path, data, **kwargs):
        if Path(path).name == rekey_swap.JOURNAL:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, data, **kwargs)

    monkeypatch.setattr(rekey_swap.atomic, "atomic_write_bytes", full_at_the_journal)
    with pytest.raises(UserError, match="No space left"):
        rekeying.change_password(vault, PASSWORD, NEW)
    assert bytes(vault.key) == old_key and (vault_dir / "vault.header").read_bytes() == header_before
    assert _leftovers(vault_dir) == []
    clients.create_client(vault, {"name": "李四"})
    vault.lock()
    again = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        assert _names(again) == ["李四", "王小明"]
    finally:
        again.lock()


def test_a_swap_held_up_after_the_commit_point_is_finished_at_the_next_unlock(vault, vault_dir, monkeypatch):
    """A header another program holds open (Windows: an antivirus) cannot be replaced yet: the vault
    locks, and the next unlock finishes the swap; the new password opens it, the old one not."""
    clients.create_client(vault, {"name": "王小明"})
    replace = rekey_swap.atomic.replace

    def header_held(source, target, **kwargs):
        if Path(target).name == "vault.header":
            raise PermissionError(errno.EACCES, "held open", str(target))
        replace(source, target, **kwargs)

    monkeypatch.setattr(rekey_swap.atomic, "replace", header_held)
    with pytest.raises(UserError, match="解锁时会完成"):
        rekeying.change_password(vault, PASSWORD, NEW)
    assert vault.locked
    assert (vault_dir / rekey_swap.JOURNAL).exists()
    monkeypatch.setattr(rekey_swap.atomic, "replace", replace)
    with pytest.raises(WrongPassword):
        vs.unlock(vault_dir, PASSWORD, backup=False)
    again = vs.unlock(vault_dir, NEW, backup=False)
    try:
        assert _names(again) == ["王小明"]
    finally:
        again.lock()
    assert _leftovers(vault_dir) == []


def test_unlock_finishes_a_swap_killed_right_after_its_commit_point(vault, vault_dir, monkeypatch):
    clients.create_client(vault, {"name": "王小明"})
    db, header_path = vault_dir / "vault.db", vault_dir / "vault.header"
    old_key, new_key = bytes(vault.key), bytes(range(32))
    header = VaultHeader.create(NEW, new_key, vault.header.kdf, vault.header.vault_id)
    vault.lock()
    rekey_swap.prepare(db, header_path, old_key, new_key, header.to_bytes())
    with monkeypatch.context() as patched:
        patched.setattr(rekey_swap, "recover", lambda *_args: True)  # killed once the journal is there
        rekey_swap.commit(db, header_path)
    assert (vault_dir / rekey_swap.JOURNAL).exists()
    again = vs.unlock(vault_dir, NEW, backup=False)  # the header was read again after the swap
    try:
        assert bytes(again.key) == new_key and _names(again) == ["王小明"]
    finally:
        again.lock()
    assert _leftovers(vault_dir) == []
