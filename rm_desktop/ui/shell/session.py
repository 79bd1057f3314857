"""The GUI's hold on the vault: unlock, lock, and the signals the window and pages follow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from rm_desktop.security.hardening import overwrite_free_memory
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.paths import VaultPaths
from rm_desktop.ui.widgets.tasks import LOCK_WAIT_SECONDS, cancel_and_wait, jobs_for


class VaultSession(QObject):
    unlocked = Signal(object)  # the Vault
    locked = Signal()

    def __init__(self, root: Path, parent: QObject | None = None, *, keystore=None):
        super().__init__(parent)
        self.root = Path(root)
        self.vault: vs.Vault | None = None
        self.keystore = keystore
        self.demo_password: str | None = None
        self.lock_wait_seconds = LOCK_WAIT_SECONDS
        self._locking = False

    @property
    def open_vault(self) -> vs.Vault | None:
        """The vault while it is open and not being locked (a lock waits for the vault's jobs
        with events processed: work deferred to then must not start)."""
        return None if self._locking else self.vault

    @property
    def paths(self) -> VaultPaths:
        return VaultPaths(self.root)

    def exists(self) -> bool:
        return self.paths.exists()

    # open_*: the slow part of an unlock (key derivation; a migration and its backup when one is
    # due). They touch no widget, so they run off the UI thread; adopt() then hands the vault over.
    # The window owns the vault while unlocked (storage/vault_lock.py): VaultBusy when another
    # window has it open, or a restore or re-key runs.
    def open_with_keyring(self) -> vs.Vault:
        """Raises NeedPassword when the keyring has no usable key."""
        return vs.unlock(self.root, None, keystore=self.keystore, backup=False, owner=True)

    def open_with_password(self, password: str, remember: bool) -> vs.Vault:
        return vs.unlock(self.root, password, remember=remember, keystore=self.keystore, backup=False, owner=True)

    def unlock_with_keyring(self) -> vs.Vault:
        return self._opened(self.open_with_keyring())

    def unlock(self, password: str, remember: bool) -> vs.Vault:
        return self._opened(self.open_with_password(password, remember))

    def adopt(self, vault: vs.Vault) -> vs.Vault:
        """Take over a vault opened elsewhere (first run, demo); it becomes this window's own
        (VaultBusy, and the vault locked, when another window has it meanwhile)."""
        try:
            vault.claim_owner()
        except BaseException:
            vault.lock()
            raise
        return self._opened(vault)

    def _opened(self, vault: vs.Vault) -> vs.Vault:
        self.vault = vault
        self.unlocked.emit(vault)
        return vault

    def lock(self) -> None:
        """Ctrl+L, the idle timer and quitting all end here. The vault's background jobs are
        cancelled and awaited first (at most ``lock_wait_seconds``, events processed but no
        input), then the pages let go, then the vault locks: whatever still runs gets VaultLocked."""
        if self.vault is None or self._locking:
            return
        self._locking = True
        try:
            vault = self.vault
            cancel_and_wait(jobs_for(vault), self.lock_wait_seconds)
            self.vault = None
            self.locked.emit()  # pages drop their models before the engine goes away
            vault.lock()
            del vault
            overwrite_free_memory()  # the freed Python strings of client data, zeroed (best effort)
        finally:
            self._locking = False
