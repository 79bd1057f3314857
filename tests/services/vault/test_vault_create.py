"""create_vault: a failure after the folder was made leaves nothing behind that blocks the retry,
and a keyring that raises anything is a notice, never a failed create."""

from __future__ import annotations

import keyring
import pytest

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.paths import VaultPaths
from tests.conftest import FAST_KDF, PASSWORD
from tests.keyrings import FailingKeyring


class Boom(Exception):
    pass


def _fail_schema(monkeypatch):
    def upgrade(_engine):
        raise Boom()

    monkeypatch.setattr(vs.migrate, "upgrade", upgrade)


def test_failed_create_removes_what_it_made_and_the_retry_works(tmp_path, monkeypatch):
    root = tmp_path / "new" / "vault"
    with monkeypatch.context() as patch:
        _fail_schema(patch)
        with pytest.raises(Boom):
            vs.create_vault(root, PASSWORD, kdf=FAST_KDF)
    assert not root.exists() and not (tmp_path / "new").exists()  # both folders were its own
    assert list(tmp_path.iterdir()) == []
    vault = vs.create_vault(root, PASSWORD, kdf=FAST_KDF)  # not "a vault already exists"
    assert (root / "vault.header").exists()
    vault.lock()


def test_failed_create_in_a_chosen_folder_keeps_the_folder_and_its_files(tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    _fail_schema(monkeypatch)
    with pytest.raises(Boom):
        vs.create_vault(tmp_path, PASSWORD, kdf=FAST_KDF)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert not VaultPaths(tmp_path).exists()


def test_a_keyring_raising_a_plain_exception_is_a_notice(vault_dir):
    keyring.set_keyring(FailingKeyring())
    vault = vs.create_vault(vault_dir, PASSWORD, kdf=FAST_KDF)
    assert vault.notice and "钥匙串不可用" in vault.notice
    vault.lock()
    with pytest.raises(vs.NeedPassword) as need:
        vs.unlock(vault_dir)
    assert need.value.keyring_notice and "钥匙串不可用" in need.value.keyring_notice
    vs.unlock(vault_dir, PASSWORD, remember=True).lock()  # saving fails quietly too
    vs.unlock(vault_dir, PASSWORD, remember=False).lock()  # and so does forgetting
