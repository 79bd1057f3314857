"""Copy to the clipboard, and clear it after a timeout if it still holds what we put there.

Clients' phone numbers and rendered scripts end up in WeChat and SMS; they should not stay on
the clipboard for the next program (or the next person at the PC) to paste. Anything the user
copied since then is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None, seconds: int = 30):
        super().__init__(parent)
        self.seconds = seconds
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._ours = text
        self._timer.start(self.seconds * 1000)

    def clear_if_ours(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._ours is not None and clipboard.text() == self._ours:
            clipboard.clear()
        self._ours = None
        self._timer.stop()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
