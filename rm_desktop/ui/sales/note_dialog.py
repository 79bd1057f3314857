"""The one text a move needs: the reason an opportunity was lost, or the client's written
acknowledgement that lets an unsuitable or expired case close (kept in its history)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout


class NoteDialog(QDialog):
    def __init__(self, title: str, explanation: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.explanation = text = QLabel(explanation)
        text.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(placeholder)
        self.note.setFixedHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def _ok(self) -> None:
        if self.text():
            self.accept()
        else:
            self.note.setFocus()  # empty: nothing to record yet
