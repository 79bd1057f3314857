"""Lock means locked: after ``lock()`` the same Vault object neither reads nor writes, by any path."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from rm_desktop.domain.errors import UserError, VaultLocked
from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.storage.models import Client
from tests.conftest import PASSWORD


def _count(vault) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count(Client.id)))


def _reopened(vault_dir):
    return vs.unlock(vault_dir, backup=False)


def test_locked_vault_refuses_sessions_engine_settings_and_services(vault, vault_dir):
    created = clients.create_client(vault, {"name": "王小明"})
    vault.settings.set("rm_name", "李经理")
    header_before = (vault_dir / "vault.header").read_bytes()
    vault.lock()

    assert vault.locked
    calls = {
        "sessions()": vault.sessions,
        "sessions.begin()": vault.sessions.begin,
        "engine": lambda: vault.engine,
        "key": lambda: vault.key,
        "settings.get": lambda: vault.settings.get("rm_name"),
        "settings.set": lambda: vault.settings.set("rm_name", "换了人"),
        "create_client": lambda: clients.create_client(vault, {"name": "锁后新增"}),
        "get_client": lambda: clients.get_client(vault, created.id),
        "trash_client": lambda: clients.trash_client(vault, created.id),
        "search_clients": lambda: search_clients(vault, ClientQuery(text="")),
        "backup_now": lambda: vs.backup_now(vault),
        "change_password": lambda: rekeying.change_password(vault, PASSWORD, "another long one"),
        "rekey": lambda: rekeying.rekey(vault, PASSWORD),
    }
    for name, call in calls.items():
        with pytest.raises(VaultLocked) as raised:
            call()
        assert isinstance(raised.value, UserError), name
        assert str(raised.value) == "档案库已锁定。", name

    # Nothing was written: the header still holds the real key, the data is as it was.
    assert (vault_dir / "vault.header").read_bytes() == header_before
    assert not (vault_dir / "backups").exists() or not any((vault_dir / "backups").iterdir())
    again = _reopened(vault_dir)
    try:
        assert _count(again) == 1
        assert again.settings.get("rm_name") == "李经理"
        assert clients.get_client(again, created.id).deleted_at is None
    finally:
        again.lock()


def test_lock_message_in_english():
    from rm_desktop.i18n import set_language

    set_language("en")
    try:
        assert str(VaultLocked()) == "The vault is locked."
    finally:
        set_language("zh_CN")


def test_work_begun_before_the_lock_cannot_finish_after_it(vault, vault_dir):
    """A worker's session or connection made before the lock holds the engine itself; it must
    neither reconnect, run another statement nor commit what it flushed."""
    flushed = vault.sessions()
    flushed.add(Client(name="已刷入未提交"))
    flushed.flush()  # the INSERT ran; the transaction is open
    pending = vault.sessions()
    pending.add(Client(name="未刷入"))
    connection = vault.engine.connect()
    connection.exec_driver_sql("SELECT 1")
    vault.lock()

    with pytest.raises(VaultLocked):
        flushed.commit()
    flushed.close()
    with pytest.raises(VaultLocked):
        pending.commit()  # needs a new connection from the old engine
    pending.close()
    with pytest.raises(VaultLocked):
        connection.exec_driver_sql("INSERT INTO clients (name) VALUES ('直接写入')")
    connection.close()

    again = _reopened(vault_dir)
    try:
        assert _count(again) == 0
    finally:
        again.lock()


def test_rekey_rebinds_and_retires_the_old_engine(vault, vault_dir):
    clients.create_client(vault, {"name": "王小明"})
    old_engine = vault.engine
    rekeying.rekey(vault, PASSWORD)
    assert vault.engine is not old_engine
    with pytest.raises(VaultLocked):
        old_engine.connect()  # the old key no longer opens the file, and the engine is retired
    clients.create_client(vault, {"name": "李四"})
    vault.settings.set("rm_name", "李经理")
    assert _count(vault) == 2
    held = vault.engine.connect()  # on the new engine: it is guarded like the first one
    vault.lock()
    with pytest.raises(VaultLocked):
        vault.sessions()
    with pytest.raises(VaultLocked):
        held.exec_driver_sql("SELECT 1")
    held.close()
    again = _reopened(vault_dir)  # the keyring copy was updated by the re-key
    try:
        assert _count(again) == 2 and again.settings.get("rm_name") == "李经理"
    finally:
        again.lock()
