"""The client list painted before the full vault is attached (issue 19.1).

The keyring unlock begun with the start (session.begin_keyring_open) opens the vault on the bare
sqlcipher3 driver (services/vault/driver_vault.open_for_window) and reads the list's first page
on it; the window paints that page at once and opens the engine and the ORM only after that
paint (SQLAlchemy's import and the engine: ~0.3 s CPU), in a worker, then attaches the full
vault to every page as any unlock does, with that same first page (the same rows, no second
read). Until then the window waits: :class:`InputHold` shows a busy cursor and holds back the
user's keys, clicks, wheel and shortcuts, so nothing is done on a vault not yet attached (no
write to lose, no other rows shown). It lasts about as long as that import. Its filter is on the
window's own widgets, actions and shortcuts, not on the application (ui/shell/first_paint.py
says what an application-wide one cost the start).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QShortcut
from PySide6.QtWidgets import QWidget

from rm_desktop.ui.shell.first_paint import TreeFilter

_HELD = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)


class InputHold(TreeFilter):
    """While it lasts (until :meth:`release`): a busy cursor, and no input reaches ``window``'s
    widgets or any of its actions' or shortcuts' keys. Closing the window is not input: it still
    closes."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self.watch(window, (QAction, QShortcut))  # a shortcut's event goes to it, not to a widget
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._held = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() not in _HELD:
            self.watch_polished(event)
            return False
        return event.type() == QEvent.Type.Shortcut or (isinstance(obj, QWidget) and obj.window() is self._window)

    def release(self) -> None:
        if self._held:
            self._held = False
            self.unwatch()
            QGuiApplication.restoreOverrideCursor()

    @property
    def held(self) -> bool:
        return self._held
