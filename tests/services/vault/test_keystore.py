"""The keyring backend on Windows: Credential Manager chosen explicitly (no discovery), with
machine-local persistence; the self-test checks it is the one in use. Simulated on any OS by a
patched ``sys.platform`` and a stand-in for keyring's WinVaultKeyring."""

from __future__ import annotations

import sys

import keyring
import keyring.core
import pytest

from rm_desktop import selftest
from rm_desktop.security import keystore
from rm_desktop.security.keystore import CRED_PERSIST_LOCAL_MACHINE, KeyStore
from tests.conftest import MemoryKeyring
from tests.keyrings import FakeWinVault

KEY = bytes(range(32))


@pytest.fixture
def windows(monkeypatch):
    """sys.platform is win32, keyring has chosen no backend yet, and discovery would fail the test."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(keystore, "windows_backend_class", lambda: FakeWinVault)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv(keystore.OVERRIDE_ENV, raising=False)

    def no_discovery(*_args, **_kwargs):
        pytest.fail("keyring ran its backend discovery")

    monkeypatch.setattr(keyring.core, "init_backend", no_discovery)


def test_windows_uses_credential_manager_machine_local(windows):
    store = KeyStore()
    assert store.save("vault-1", KEY) and store.load("vault-1") == KEY
    backend = keyring.get_keyring()
    assert type(backend) is FakeWinVault and backend.persist == CRED_PERSIST_LOCAL_MACHINE
    assert backend.store == {(keystore.SERVICE, "vault-1"): KEY.hex()}


def test_a_discovered_windows_backend_is_made_machine_local(windows):
    discovered = FakeWinVault()
    keyring.set_keyring(discovered)
    store = KeyStore()
    assert discovered.persist != CRED_PERSIST_LOCAL_MACHINE  # nothing done before the store is used
    store.load("vault-1")
    assert keyring.get_keyring() is discovered and discovered.persist == CRED_PERSIST_LOCAL_MACHINE


def test_a_store_made_but_not_used_sets_no_backend(windows):
    """An unlock with the password makes a KeyStore and never reads it: keyring stays untouched."""
    KeyStore()
    assert keyring.core._keyring_backend is None


def test_importing_keyring_early_sets_no_backend(windows, monkeypatch):
    """The GUI imports keyring before PySide6 (app._import_core_first): nothing is chosen, set
    or discovered by that, on Windows either (the store's first use configures the backend)."""
    imported = []
    monkeypatch.setattr(keystore, "windows_backend_class", lambda: imported.append(FakeWinVault) or FakeWinVault)
    keystore.import_keyring()
    assert imported == [FakeWinVault] and keyring.core._keyring_backend is None


def test_importing_keyring_early_never_raises(windows, monkeypatch):
    def broken():
        raise OSError("no credential manager here")

    monkeypatch.setattr(keystore, "windows_backend_class", broken)
    keystore.import_keyring()  # the store's first use reports a broken keyring, not the start
    assert keyring.core._keyring_backend is None


def test_a_backend_chosen_before_is_kept(windows):
    chosen = MemoryKeyring()
    keyring.set_keyring(chosen)
    assert keystore.configure_backend() is None
    KeyStore().save("vault-1", KEY)
    assert keyring.get_keyring() is chosen and chosen.store


def test_off_windows_keyring_discovery_chooses(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    assert keystore.configure_backend() is None
    assert keyring.core._keyring_backend is None  # left to keyring's own discovery


def test_self_test_checks_the_windows_backend_in_use(windows):
    assert "仅限本机" in selftest.check_keyring_backends()


def test_self_test_fails_when_another_backend_is_in_use_on_windows(windows):
    keyring.set_keyring(MemoryKeyring())
    with pytest.raises(selftest.CheckFailed, match="MemoryKeyring"):
        selftest.check_keyring_backends()


class RoamingOnly(FakeWinVault):
    @property
    def persist(self):
        return 3  # CRED_PERSIST_ENTERPRISE, whatever is set

    @persist.setter
    def persist(self, value):
        pass


def test_self_test_fails_on_roaming_persistence(windows, monkeypatch):
    monkeypatch.setattr(keystore, "windows_backend_class", lambda: RoamingOnly)
    with pytest.raises(selftest.CheckFailed, match="3"):
        selftest.check_keyring_backends()
