"""A checkable 显示 button that asks before it turns on.

Qt flips a checkable button in ``nextCheckState`` before ``toggled`` is emitted, so a question
asked from a ``toggled`` slot would come after the full value was already painted behind it.
Here the question comes first: refused, the button stays off and nothing is shown. Turning it
off (masking again) never asks; ``setChecked`` from code (a new record, 客户在场) never asks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


class RevealButton(QPushButton):
    def __init__(self, text: str, parent=None):
        super().__init__(text, parent)
        self.setCheckable(True)
        self.asker: Callable[[], bool] | None = None  # None: shows without asking

    def nextCheckState(self) -> None:
        if not self.isChecked() and self.asker is not None and not self.asker():
            return
        super().nextCheckState()
