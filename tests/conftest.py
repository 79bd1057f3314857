"""Shared fixtures: an in-memory keyring, fast KDF parameters and a temporary encrypted vault."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RM_DESKTOP_LANG", "zh_CN")

import keyring
import pytest
from keyring.backend import KeyringBackend

from rm_desktop.i18n import set_language
from rm_desktop.security.header import KdfParams

# Tests wrap keys with a cheap Argon2id; the real default costs ~0.2 s per unlock.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "correct horse 42"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    set_language("zh_CN")
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def vault_dir(tmp_path):
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir):
    from rm_desktop.services.vault.lifecycle import create_vault

    v = create_vault(vault_dir, PASSWORD, kdf=FAST_KDF)
    yield v
    v.lock()


@pytest.fixture
def run_cli(monkeypatch, tmp_path, capsys):
    """The CLI as IT staff run it: vault folder and password from the environment (cheap KDF).
    Returns ``run(*argv) -> (exit code, stdout, stderr)``; the vault is at ``tmp_path / "v"``."""
    import functools

    from rm_desktop.cli.main import main
    from rm_desktop.services.vault import lifecycle as vs

    monkeypatch.setenv("RM_DESKTOP_VAULT", str(tmp_path / "v"))
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", PASSWORD)
    monkeypatch.setattr(vs, "create_vault", functools.partial(vs.create_vault, kdf=FAST_KDF))

    def run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
