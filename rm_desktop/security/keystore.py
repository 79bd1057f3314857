"""The "remember on this PC" copy of the database key in the OS keyring.

Keyring backends fail in quiet ways: the null backend accepts a key and forgets it, a locked
Secret Service raises, a missing D-Bus raises something else. So every write is verified by
reading it back, and every failure becomes a one-line notice; the caller then falls back to the
master password. The key is never written anywhere else in the clear.

Any exception from a backend counts as "unavailable", not only keyring's own: the Windows backend
raises ``pywintypes.error`` (a plain Exception; error 1312 in a remote or SSH session), and an
escaping exception would crash the CLI and silently stop the GUI's first run.

On Windows the backend is chosen explicitly (:func:`configure_backend`, run by every KeyStore
before its first use of keyring, not when it is made): the Credential Manager, with machine-local persistence. keyring's
default there is CRED_PERSIST_ENTERPRISE, which roams with a roaming profile; "remember on this
PC" must stay on this PC. It also skips keyring's backend discovery (~100 ms at every start).
Elsewhere keyring's discovery chooses (Secret Service on Linux).
"""

from __future__ import annotations

import logging
import os
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from rm_desktop.i18n import t
from rm_desktop.security.hardening import scrub, wipe

SERVICE = "rm-desktop-vault"
# wincred.h: CRED_PERSIST_SESSION 1, CRED_PERSIST_LOCAL_MACHINE 2, CRED_PERSIST_ENTERPRISE 3 (roams).
CRED_PERSIST_LOCAL_MACHINE = 2
OVERRIDE_ENV = "PYTHON_KEYRING_BACKEND"  # keyring's own: an explicit choice (IT, tests) is kept
log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring (and its backend discovery) is imported by the calls that use it, not with this module:
# a CLI call unlocked with RM_DESKTOP_PASSWORD never touches the keyring and should not load it.


def windows_backend_class() -> type[KeyringBackend]:
    """keyring's Credential Manager backend (importable anywhere; usable only on Windows)."""
    from keyring.backends.Windows import WinVaultKeyring

    return WinVaultKeyring


def import_keyring() -> None:
    """Import keyring (and on Windows its Credential Manager backend) without using it: no backend
    is set, discovered or asked. The GUI calls this before it imports PySide6, whose import hook
    taxes every later import (keyring's ~40 ms CPU became ~65 ms when its unlock thread imported
    it after PySide6; issue 19.1). Never raises: the key store's first call says what fails."""
    try:
        import keyring.core  # noqa: F401  (keyring.backend and what it imports come with it)

        if sys.platform == "win32":
            windows_backend_class()
    except Exception as exc:  # noqa: BLE001 - see the module docstring: the real use reports it
        log.info("keyring not imported early: %s", type(exc).__name__)


def configure_backend() -> KeyringBackend | None:
    """On Windows: the Credential Manager backend, machine-local; elsewhere keyring's discovery.

    A backend already set (tests, an earlier call) or named by PYTHON_KEYRING_BACKEND is kept;
    when it is the Windows backend it still gets machine-local persistence. Returns the Windows
    backend in use, else None. Never raises: without a usable backend the key store fails its
    calls and the user unlocks with the password.
    """
    if sys.platform != "win32":
        return None
    import keyring.core

    try:
        cls = windows_backend_class()
        current = keyring.core._keyring_backend  # None until a backend is set or discovered
        if current is None and os.environ.get(OVERRIDE_ENV):
            current = keyring.get_keyring()
        if current is None:
            current = cls()
            keyring.set_keyring(current)
        if not isinstance(current, cls):
            return None
        current.persist = CRED_PERSIST_LOCAL_MACHINE
    except Exception as exc:  # noqa: BLE001 - any backend failure means "no keyring", never a crash
        log.info("keyring backend not configured: %s", type(exc).__name__)
        return None
    return current


class KeyStorage(Protocol):
    """What the vault's life cycle asks of a key store: :class:`KeyStore`, or :class:`NoKeyStore`
    for a throwaway vault."""

    @property
    def notice(self) -> str | None: ...

    def save(self, vault_id: str, key: bytes | bytearray) -> bool: ...

    def load(self, vault_id: str) -> bytearray | None: ...

    def forget(self, vault_id: str) -> bool: ...


class KeyStore:
    """Stores one database key per vault id. Each method returns a notice string on failure."""

    def __init__(self, service: str = SERVICE):
        self.service = service
        self.notice: str | None = None
        self._configured = False

    def _keyring(self) -> ModuleType:
        """keyring, its backend configured before this store's first use of it (not when the
        store is made: an unlock with the password, which never reads the keyring, loads none)."""
        import keyring

        if not self._configured:
            configure_backend()
            self._configured = True
        return keyring

    def _fail(self, exc: Exception | None) -> None:
        # The exception text can name the backend but never holds the key; log only its type.
        log.info("keyring unavailable: %s", type(exc).__name__ if exc else "verification failed")
        self.notice = t(
            "系统钥匙串不可用，本次请使用主密码解锁。",
            "The system keyring is unavailable; unlock with the master password.",
        )

    def save(self, vault_id: str, key: bytes | bytearray) -> bool:
        # keyring takes a str: the hex lives as briefly as the call, then is scrubbed where only
        # this frame still has it (a backend that keeps it, like the tests' in-memory one, keeps it).
        keyring = self._keyring()
        value = key.hex()
        try:
            keyring.set_password(self.service, vault_id, value)
            ok = keyring.get_password(self.service, vault_id) == value
        except Exception as exc:  # noqa: BLE001 - see the module docstring
            self._fail(exc)
            return False
        finally:
            scrub(value)
        if not ok:
            self._fail(None)
        return ok

    def load(self, vault_id: str) -> bytearray | None:
        keyring = self._keyring()
        try:
            value = keyring.get_password(self.service, vault_id)
        except Exception as exc:  # noqa: BLE001 - see the module docstring
            self._fail(exc)
            return None
        if not value:
            return None
        try:
            key = bytearray.fromhex(value)  # straight into the bytearray the vault will wipe
        except ValueError:
            return None
        finally:
            scrub(value)
        if len(key) != 32:
            wipe(key)
            return None
        return key

    def forget(self, vault_id: str) -> bool:
        """Remove the key copy; True when none is left (also when there was none)."""
        keyring = self._keyring()
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(self.service, vault_id)
        except PasswordDeleteError:
            pass  # nothing saved for this vault
        except Exception as exc:  # noqa: BLE001 - see the module docstring
            self._fail(exc)
            return False
        return True


class NoKeyStore:
    """Stores nothing: for throwaway vaults (the demo, the self-test) that must not leave a key in
    the user's keyring."""

    notice = None

    def save(self, vault_id: str, key: bytes | bytearray) -> bool:
        return False

    def load(self, vault_id: str) -> bytearray | None:
        return None

    def forget(self, vault_id: str) -> bool:
        return True
