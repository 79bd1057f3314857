"""Vault life cycle: create, unlock, wrong password, keyring fallback, password change, re-key."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail, null
from sqlalchemy import select

from rm_desktop.security.header import DamagedHeader, WrongPassword
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.services.vault.maintenance import verify
from rm_desktop.storage.models import Client
from tests.conftest import FAST_KDF, PASSWORD


def _add_client(v, name="王小明"):
    with v.sessions.begin() as s:
        s.add(Client(name=name))


def _names(v):
    with v.sessions() as s:
        return s.scalars(select(Client.name)).all()


def test_create_then_unlock_from_keyring(vault, vault_dir):
    _add_client(vault)
    vault.lock()
    assert vault.locked and bytes(vault._key) == b"\0" * 32  # wiped; vault.key itself now refuses
    again = vs.unlock(vault_dir)  # no password: the keyring copy
    assert _names(again) == ["王小明"]
    again.lock()


def test_unlock_with_password_on_another_pc(vault, vault_dir, memory_keyring):
    _add_client(vault)
    vault.lock()
    memory_keyring.store.clear()  # another PC: nothing remembered
    with pytest.raises(vs.NeedPassword):
        vs.unlock(vault_dir)
    again = vs.unlock(vault_dir, PASSWORD)
    assert _names(again) == ["王小明"]
    assert not memory_keyring.store, "a password unlock leaves the key store alone unless told"
    again.lock()
    vs.unlock(vault_dir, PASSWORD, remember=True).lock()  # the GUI's "在本机记住", checked by default
    assert memory_keyring.store
    vs.unlock(vault_dir, PASSWORD).lock()
    assert memory_keyring.store, "nor does it forget the key unless told"
    vs.unlock(vault_dir, PASSWORD, remember=False).lock()
    assert not memory_keyring.store


def test_wrong_password_changes_nothing(vault, vault_dir):
    _add_client(vault)
    vault.lock()
    before = {p.name: p.read_bytes() for p in vault_dir.iterdir() if p.is_file()}
    with pytest.raises(WrongPassword, match="主密码不正确"):
        vs.unlock(vault_dir, "not the password")
    after = {p.name: p.read_bytes() for p in vault_dir.iterdir() if p.is_file()}
    assert before == after
    assert not (vault_dir / "backups").exists() or len(list((vault_dir / "backups").iterdir())) == 0


@pytest.mark.parametrize("backend", [null.Keyring, fail.Keyring])
def test_keyring_fallback(vault_dir, backend):
    keyring.set_keyring(backend())
    v = vs.create_vault(vault_dir, PASSWORD, kdf=FAST_KDF)
    assert v.notice and "钥匙串" in v.notice  # one-line notice, not an error
    v.lock()
    with pytest.raises(vs.NeedPassword):
        vs.unlock(vault_dir)
    vs.unlock(vault_dir, PASSWORD).lock()


def test_remember_off_forgets_key(vault, vault_dir, memory_keyring):
    vault.lock()
    vs.unlock(vault_dir, PASSWORD, remember=False).lock()
    assert not memory_keyring.store
    with pytest.raises(vs.NeedPassword):
        vs.unlock(vault_dir)


def test_password_change(vault, vault_dir):
    _add_client(vault)
    with pytest.raises(WrongPassword):
        rekeying.change_password(vault, "wrong", "another long one")
    rekeying.change_password(vault, PASSWORD, "another long one")
    vault.lock()
    with pytest.raises(WrongPassword):
        vs.unlock(vault_dir, PASSWORD)
    again = vs.unlock(vault_dir, "another long one")
    assert _names(again) == ["王小明"]
    again.lock()


def test_short_password_refused(vault_dir):
    with pytest.raises(vs.UserError, match="至少"):
        vs.create_vault(vault_dir, "short", kdf=FAST_KDF)
    assert not vault_dir.exists() or not any(vault_dir.iterdir())


def test_rekey_keeps_data_and_changes_key(vault, vault_dir, memory_keyring):
    _add_client(vault)
    old_key = bytes(vault.key)
    rekeying.rekey(vault, PASSWORD)
    assert bytes(vault.key) != old_key
    assert _names(vault) == ["王小明"]
    vault.lock()
    assert _names(vs.unlock(vault_dir)) == ["王小明"]  # keyring copy was updated
    assert _names(vs.unlock(vault_dir, PASSWORD)) == ["王小明"]


def test_verify_reports_ok(vault):
    report = verify(vault)
    assert report.ok and report.integrity == ["ok"] and report.revision == report.head


def test_damaged_header_is_named(vault, vault_dir):
    vault.lock()
    (vault_dir / "vault.header").write_bytes(b"{not json")
    with pytest.raises(DamagedHeader, match="vault.header"):
        vs.unlock(vault_dir, PASSWORD)


def test_damaged_database_is_named(vault, vault_dir):
    vault.lock()
    db = vault_dir / "vault.db"
    for sidecar in ("vault.db-wal", "vault.db-shm"):
        (vault_dir / sidecar).unlink(missing_ok=True)
    db.write_bytes(b"\0" * 4096)
    with pytest.raises(vs.UserError, match="vault.db"):
        vs.unlock(vault_dir, PASSWORD)


def test_missing_vault(tmp_path):
    with pytest.raises(vs.VaultMissing):
        vs.unlock(tmp_path / "nothing", PASSWORD)
