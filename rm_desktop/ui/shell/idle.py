"""Idle lock: any keyboard or mouse input restarts a timer; when it runs out the vault locks.

The application-wide filter is there only while the timer runs (from the unlock, after the
client list's first paint at start): with one installed every event goes through Python, and
before that paint it cost the start ~35 ms (ui/shell/first_paint.py says why)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, app: QObject, minutes: float = 10):
        super().__init__(app)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._app = app
        self._watching = False

    def set_minutes(self, minutes: float) -> None:
        self._timer.setInterval(int(minutes * 60_000))

    def start(self) -> None:
        if not self._watching:
            self._watching = True
            self._app.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watching:
            self._watching = False
            self._app.removeEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
