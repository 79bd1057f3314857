"""The GUI's hold on the vault: unlock, lock, and the signals the window and pages follow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.paths import VaultPaths


class VaultSession(QObject):
    unlocked = Signal(object)  # the Vault
    locked = Signal()

    def __init__(self, root: Path, parent: QObject | None = None, *, keystore=None):
        super().__init__(parent)
        self.root = Path(root)
        self.vault: vs.Vault | None = None
        self.keystore = keystore
        self.demo_password: str | None = None

    @property
    def paths(self) -> VaultPaths:
        return VaultPaths(self.root)

    def exists(self) -> bool:
        return self.paths.exists()

    def unlock_with_keyring(self) -> vs.Vault:
        """Raises NeedPassword when the keyring has no usable key."""
        return self._opened(vs.unlock(self.root, None, keystore=self.keystore, backup=False))

    def unlock(self, password: str, remember: bool) -> vs.Vault:
        return self._opened(vs.unlock(self.root, password, remember=remember, keystore=self.keystore, backup=False))

    def adopt(self, vault: vs.Vault) -> vs.Vault:
        """Take over a vault opened elsewhere (first run, demo)."""
        return self._opened(vault)

    def _opened(self, vault: vs.Vault) -> vs.Vault:
        self.vault = vault
        self.unlocked.emit(vault)
        return vault

    def lock(self) -> None:
        if self.vault is None:
            return
        vault, self.vault = self.vault, None
        self.locked.emit()  # pages drop their models before the engine goes away
        vault.lock()
