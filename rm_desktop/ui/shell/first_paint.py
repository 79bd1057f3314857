"""Run something once a widget has painted for the first time (or after a fallback delay).

The backup at unlock checks every page of the database in a worker; started with the unlock it
competed with the first paint of the client list for the CPU (issue 19.1), and a zero timer
still fired before that paint now and then. This waits for a Paint event inside ``area``
(what the unlock shows), then runs ``callback`` from the event loop; ``fallback_ms`` covers a
window that never paints (minimised, hidden).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class AfterFirstPaint(QObject):
    def __init__(self, area: QWidget, callback: Callable[[], None], fallback_ms: int = 1500):
        super().__init__(area)
        self._area = area
        self._callback: Callable[[], None] | None = callback
        self._app = QApplication.instance()
        assert self._app is not None
        self._app.installEventFilter(self)
        self._fallback = QTimer(self, singleShot=True, interval=fallback_ms)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and (obj is self._area or self._area.isAncestorOf(obj))
        ):
            self._app.removeEventFilter(self)  # type: ignore[union-attr]
            QTimer.singleShot(0, self._fire)  # after this paint is done
        return False

    def cancel(self) -> None:
        """Nothing runs (a lock before the paint)."""
        self._callback = None
        self._stop()

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        self._stop()
        self.deleteLater()  # one per unlock: none is left behind
        if callback is not None:
            callback()

    def _stop(self) -> None:
        self._fallback.stop()
        self._app.removeEventFilter(self)  # type: ignore[union-attr]
