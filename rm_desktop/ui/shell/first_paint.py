"""Run something once a widget has painted for the first time (or after a fallback delay).

The backup at unlock checks every page of the database in a worker; started with the unlock it
competed with the first paint of the client list for the CPU (issue 19.1), and a zero timer
still fired before that paint now and then. This waits for a Paint event inside ``area``
(what the unlock shows), then runs ``callback`` from the event loop; ``fallback_ms`` covers a
window that never paints (minimised, hidden).

No filter here is application-wide (:class:`TreeFilter`): while one is installed every event of
every object goes through Python, and the first object of a class PySide6 does not expose
(QGestureManager when a scroll area is made, QAnimationTimer at show) makes Shiboken 6.11 build
every class of the loaded Qt modules: ~35 ms of the start before the list's first paint.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class TreeFilter(QObject):
    """An event filter on ``root`` and every widget inside it (those polished later too: a
    widget's ChildPolished comes before its first showing), in place of one on the application.
    Subclasses override :meth:`eventFilter`; :meth:`unwatch` takes every filter off."""

    def __init__(self, root: QWidget):
        super().__init__(root)
        self._watched: list[QObject] = []
        self.watch(root)

    def watch(self, root: QObject, kinds: tuple[type[QObject], ...] = (QWidget,)) -> None:
        """Watch ``root`` (once) and every object of ``kinds`` inside it."""
        inside = [child for kind in kinds for child in root.findChildren(kind)]
        for obj in inside if root in self._watched else [root, *inside]:
            obj.installEventFilter(self)
            self._watched.append(obj)

    def unwatch(self) -> None:
        watched, self._watched = self._watched, []
        for obj in watched:
            if shiboken6.isValid(obj):
                obj.removeEventFilter(self)

    def watch_polished(self, event: QEvent) -> None:
        """Watch a widget newly polished inside a watched one (call from eventFilter)."""
        if self._watched and event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and child not in self._watched:
                self.watch(child)  # (its own widgets polished before it were not seen)


class AfterFirstPaint(TreeFilter):
    def __init__(self, area: QWidget, callback: Callable[[], None], fallback_ms: int = 1500):
        super().__init__(area)
        self._callback: Callable[[], None] | None = callback
        self._fallback = QTimer(self, singleShot=True, interval=fallback_ms)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.unwatch()
            QTimer.singleShot(0, self._fire)  # after this paint is done
        else:
            self.watch_polished(event)
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
        self.unwatch()
