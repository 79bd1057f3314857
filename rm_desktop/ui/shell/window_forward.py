"""Bringing the vault's window forward when a second window is started on the same vault.

The second window finds the vault owned by a GUI (VaultBusy) and leaves a request in the vault's
``locks/`` folder (storage/vault_lock.request_forward); the owner window watches that folder
while unlocked and raises itself. Windows may refuse focus to a background process and flash the
taskbar button instead: that is the platform's "where it allows".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtWidgets import QWidget

from rm_desktop.storage import vault_lock


class ForwardOnRequest(QObject):
    """While started, raises ``window`` whenever another window asks for it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._root: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)

    def start(self, root: Path) -> None:
        self.stop()
        folder = Path(root) / vault_lock.LOCK_DIR
        if folder.is_dir():
            self._root = Path(root)
            vault_lock.take_forward_request(self._root)  # one left from before this window owned it
            self._watcher.addPath(str(folder))

    def stop(self) -> None:
        self._root = None
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())

    def _changed(self, _folder: str) -> None:
        if self._root is not None and vault_lock.take_forward_request(self._root):
            window = self._window
            if window.isMinimized():
                window.showNormal()
            window.show()
            window.raise_()
            window.activateWindow()
