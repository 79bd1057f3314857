"""客户在场 (client present) mode: while a client sits across the desk, AUM and notes are hidden
everywhere, and revealing an ID or phone number is disabled. One shared object; views listen."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

HIDDEN = "••••"


class Privacy(QObject):
    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._present = False

    @property
    def client_present(self) -> bool:
        return self._present

    def set_client_present(self, on: bool) -> None:
        if on != self._present:
            self._present = on
            self.changed.emit(on)
