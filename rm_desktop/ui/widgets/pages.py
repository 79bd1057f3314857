"""What every page in the main window shares, and the page shown for an area not built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rm_desktop.services.vault.lifecycle import Vault


class Page(QWidget):
    """A navigation page. ``attach`` gets the unlocked vault; ``detach`` must drop every reference."""

    vault: Vault | None = None

    def attach(self, vault: Vault) -> None:
        self.vault = vault

    def detach(self) -> None:
        self.vault = None


class EmptyStatePage(Page):
    """A centred title and hint, optionally with buttons under it: an empty area says what to do."""

    def __init__(self, title: str, hint: str, *extra: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(title)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setStyleSheet("font-size: 20px; font-weight: 600; color: #333;")
        text = QLabel(hint)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        text.setStyleSheet("color: #666; font-size: 13px;")
        layout.addWidget(heading)
        layout.addWidget(text)
        for widget in extra:
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
