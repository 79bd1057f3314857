"""The "remember on this PC" copy of the database key in the OS keyring.

Keyring backends fail in quiet ways: the null backend accepts a key and forgets it, a locked
Secret Service raises, a missing D-Bus raises something else. So every write is verified by
reading it back, and every failure becomes a one-line notice; the caller then falls back to the
master password. The key is never written anywhere else in the clear.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError

from rm_desktop.i18n import t

SERVICE = "rm-desktop-vault"
log = logging.getLogger(__name__)


class KeyStore:
    """Stores one database key per vault id. Each method returns a notice string on failure."""

    def __init__(self, service: str = SERVICE):
        self.service = service
        self.notice: str | None = None

    def _fail(self, exc: Exception | None) -> None:
        # The exception text can name the backend but never holds the key; log only its type.
        log.info("keyring unavailable: %s", type(exc).__name__ if exc else "verification failed")
        self.notice = t(
            "系统钥匙串不可用，本次请使用主密码解锁。",
            "The system keyring is unavailable; unlock with the master password.",
        )

    def save(self, vault_id: str, key: bytes) -> bool:
        value = bytes(key).hex()
        try:
            keyring.set_password(self.service, vault_id, value)
            ok = keyring.get_password(self.service, vault_id) == value
        except (KeyringError, RuntimeError, OSError) as exc:
            self._fail(exc)
            return False
        if not ok:
            self._fail(None)
        return ok

    def load(self, vault_id: str) -> bytes | None:
        try:
            value = keyring.get_password(self.service, vault_id)
        except (KeyringError, RuntimeError, OSError) as exc:
            self._fail(exc)
            return None
        if not value:
            return None
        try:
            key = bytes.fromhex(value)
        except ValueError:
            return None
        return key if len(key) == 32 else None

    def forget(self, vault_id: str) -> None:
        try:
            keyring.delete_password(self.service, vault_id)
        except (KeyringError, RuntimeError, OSError):
            pass


class NoKeyStore:
    """Stores nothing: for throwaway vaults (the demo, the self-test) that must not leave a key in
    the user's keyring."""

    notice = None

    def save(self, vault_id: str, key: bytes) -> bool:
        return False

    def load(self, vault_id: str) -> bytes | None:
        return None

    def forget(self, vault_id: str) -> None:
        pass
