"""Preferences: the UI language (QSettings) and the vault's typed settings (built from the registry)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import ValidationError
from rm_desktop.services.settings.registry import REGISTRY, SettingDef
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets import qt_i18n
from rm_desktop.ui.widgets.theme import themed

LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


Editor = QCheckBox | QComboBox | QSpinBox | QLineEdit


def _editor_for(definition: SettingDef, value) -> Editor:
    if definition.kind is bool:
        check = QCheckBox()
        check.setChecked(bool(value))
        return check
    if definition.choices:
        box = QComboBox()
        for choice in definition.choices:
            box.addItem(str(choice), choice)
        box.setCurrentIndex(max(box.findData(value), 0))
        return box
    if definition.kind is int:
        spin = QSpinBox()
        spin.setRange(definition.minimum or 0, definition.maximum or 1_000_000)
        spin.setValue(int(value))
        return spin
    return QLineEdit(str(value))


def _value_of(editor: Editor):
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QSpinBox):
        return editor.value()
    return editor.text().strip()


def _simple_settings():
    """Settings a plain field can edit; structured ones (the tier table) have editors of their own."""
    return [(key, d) for key, d in REGISTRY.items() if d.normalize is None]


class SettingsDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(440)
        self.language_changed = False

        form = QFormLayout()
        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(qt_i18n.saved_language()), 0))
        form.addRow(self.tr("界面语言"), self.language)

        self.editors: dict[str, Editor] = {}
        current = vault.settings.all()
        for key, definition in _simple_settings():
            editor = _editor_for(definition, current[key])
            editor.setObjectName(key)
            self.editors[key] = editor
            form.addRow(definition.label(), editor)

        self.error = QLabel()
        themed(self.error, "color: $error;")
        self.error.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _save(self) -> None:
        values = {key: _value_of(editor) for key, editor in self.editors.items()}
        try:
            for key, definition in _simple_settings():
                definition.coerce(values[key])  # check all before writing any
            for key, value in values.items():
                self.vault.settings.set(key, value)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        lang = self.language.currentData()
        self.language_changed = lang != qt_i18n.saved_language()
        qt_i18n.save_language(lang)
        self.accept()
