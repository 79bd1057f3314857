"""A form of labelled fields with a red message line under each (client profile, holdings, contacts).

Editors by kind: "text", "long", "date", "bool", "choice" (a list of (code, label)). Values go
back as text/codes for the services to parse; a failed save keeps everything typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from rm_desktop.ui.widgets.theme import themed


@dataclass(frozen=True)
class FieldUI:
    key: str
    label: str
    kind: str = "text"
    choices: tuple = ()
    placeholder: str = ""
    height: int = 52
    extra: dict = field(default_factory=dict)


class FieldsForm(QWidget):
    edited = Signal()

    def __init__(self, fields: list[FieldUI], parent=None):
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for spec in fields:
            editor = self._editor(spec)
            error = QLabel()
            themed(error, "color: $error; font-size: 12px;")
            error.setWordWrap(True)
            error.hide()
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            form.addRow(spec.label, cell)
            self.editors[spec.key], self.errors[spec.key] = editor, error

    def _editor(self, spec: FieldUI) -> QWidget:
        editor: QWidget
        if spec.kind == "bool":
            editor = check = QCheckBox(spec.placeholder)
            check.toggled.connect(self.edited)
        elif spec.kind == "choice":
            editor = combo = QComboBox()
            combo.addItem("", None)
            for code, label in spec.choices:
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(self.edited)
        elif spec.kind == "long":
            editor = long_text = QPlainTextEdit()
            long_text.setFixedHeight(spec.height)
            long_text.setPlaceholderText(spec.placeholder)
            long_text.textChanged.connect(self.edited)
        else:
            editor = line = QLineEdit()
            line.setPlaceholderText(spec.placeholder or ("YYYY-MM-DD" if spec.kind == "date" else ""))
            line.textEdited.connect(self.edited)
        editor.setObjectName(spec.key)
        return editor

    def combo(self, key: str) -> QComboBox:
        """The editor of a "choice" field."""
        editor = self.editors[key]
        if not isinstance(editor, QComboBox):
            raise TypeError(f"{key} is not a choice field")
        return editor

    def set_value(self, key: str, value) -> None:
        editor = self.editors[key]
        editor.blockSignals(True)
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        elif isinstance(editor, QLineEdit):
            text = value.isoformat() if hasattr(value, "isoformat") else ("" if value is None else str(value))
            editor.setText(text)
        editor.blockSignals(False)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            elif isinstance(editor, QComboBox):
                out[key] = editor.currentData() or ""
            elif isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText().strip()
            elif isinstance(editor, QLineEdit):
                out[key] = editor.text().strip()
        return out

    def show_errors(self, errors: dict[str, str], focus: bool = True) -> bool:
        """Show each message beside its field; True when one was shown (focus moves there if asked)."""
        first = None
        for key, label in self.errors.items():
            message = errors.get(key)
            label.setText(message or "")
            label.setVisible(bool(message))
            themed(self.editors[key], "border: 1px solid $error;" if message else "")
            first = first or (key if message else None)
        if first and focus:
            self.editors[first].setFocus()
        return first is not None
