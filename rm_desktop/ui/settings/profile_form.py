"""The RM's profile as a form (name, branch, phone, title): the first-run dialog and 设置 ›
个人信息 show the same one. Each field is checked by its one parser (services/settings/profile)
and a refusal is said under that field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from rm_desktop.domain.errors import ValidationError
from rm_desktop.services.settings import profile
from rm_desktop.ui.widgets.theme import themed


class ProfileForm(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        placeholders = {
            "rm_name": self.tr("如：张敏"),
            "branch_name": self.tr("如：城西支行"),
            "rm_phone": self.tr("如：138 0013 8000 或 0755-12345678"),
            "rm_title": self.tr("如：理财经理"),
        }
        labels = {
            "rm_name": self.tr("姓名"),
            "branch_name": self.tr("网点"),
            "rm_phone": self.tr("电话"),
            "rm_title": self.tr("职务"),
        }
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for field in profile.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(field.key)
            edit.setPlaceholderText(placeholders[field.key])
            error = QLabel()
            error.setWordWrap(True)
            themed(error, "color: $error;")
            error.setVisible(False)
            edit.textEdited.connect(lambda _text, e=error: e.setVisible(False))
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(labels[field.key], column)
            self.edits[field.key], self.errors[field.key] = edit, error
        hint = QLabel(
            self.tr(
                "话术中的【客户经理】【网点】【客户经理电话】【客户经理职务】和理财规划书都取自这里；"
                "留空的项在话术中会标出，复制前会提醒。"
            )
        )
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(hint)

    def load(self, found: profile.RmProfile) -> None:
        for key, value in found.as_settings().items():
            self.edits[key].setText(value)
            self.errors[key].setVisible(False)

    def values(self) -> dict[str, Any]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def checked(self) -> dict[str, str] | None:
        """The stored forms of every field, or None with each refusal shown under its field."""
        values: dict[str, str] = {}
        for key, raw in self.values().items():
            try:
                values[key] = profile.BY_KEY[key].parse(raw)
                self.errors[key].setVisible(False)
            except ValidationError as exc:
                self.errors[key].setText(exc.message)
                self.errors[key].setVisible(True)
        return values if len(values) == len(self.edits) else None
