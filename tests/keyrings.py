"""Fake keyring backends for the tests of the "remember on this PC" key copy."""

from __future__ import annotations

from keyring.backend import KeyringBackend

from tests.conftest import MemoryKeyring


class WinError(Exception):
    """Like pywintypes.error: a plain Exception, not a KeyringError, RuntimeError or OSError."""


class FailingKeyring(KeyringBackend):
    """Credential Manager in a remote or SSH session: error 1312 on every call."""

    priority = 0  # never chosen by keyring's discovery

    def get_password(self, service, username):
        raise WinError(1312, "CredRead", "A specified logon session does not exist.")

    def set_password(self, service, username, password):
        raise WinError(1312, "CredWrite", "A specified logon session does not exist.")

    def delete_password(self, service, username):
        raise WinError(1312, "CredDelete", "A specified logon session does not exist.")


class CountingKeyring(MemoryKeyring):
    """An in-memory keyring that records each write and delete."""

    priority = 0

    def __init__(self):
        super().__init__()
        self.calls: list[str] = []

    def set_password(self, service, username, password):
        self.calls.append("set")
        super().set_password(service, username, password)

    def delete_password(self, service, username):
        self.calls.append("delete")
        super().delete_password(service, username)


class FakeWinVault(MemoryKeyring):
    """Stands in for keyring.backends.Windows.WinVaultKeyring, whose ``persist`` defaults to
    CRED_PERSIST_ENTERPRISE (3, roaming)."""

    priority = 0
    persist = 3
