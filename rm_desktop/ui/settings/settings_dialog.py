"""Preferences in grouped pages: 个人信息 (the RM's profile), 安全, 提醒, 客户分层, 导入导出,
外观. The plain settings' editors are built from the registry; a setting naming a tier is a list
of tier names, never a raw code. The UI language is QSettings' (it is needed before unlock)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.money import UNITS, unit_label
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.reminders.settings import TierCode
from rm_desktop.services.settings import policy_rules, tier_table
from rm_desktop.services.settings import profile as rm_profile
from rm_desktop.services.settings.registry import REGISTRY, SettingDef
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.settings.policy_marks import PolicySummary, held
from rm_desktop.ui.settings.profile_form import ProfileForm
from rm_desktop.ui.settings.tier_editor import TierEditor
from rm_desktop.ui.widgets import qt_i18n, style
from rm_desktop.ui.widgets.theme import themed

# Each language by its own name in the Chinese UI; the English UI says "Chinese (Simplified)".
LANGUAGES = (("zh_CN", QT_TRANSLATE_NOOP("SettingsDialog", "简体中文")), ("en", "English"))
PROFILE, SECURITY, REMINDERS, TIERS, EXCHANGE, APPEARANCE, OTHER = (
    "profile",
    "security",
    "reminders",
    "tiers",
    "exchange",
    "appearance",
    "other",
)
_GROUPS = {
    "idle_lock_minutes": SECURITY,
    "clipboard_clear_seconds": SECURITY,
    "backups_kept": SECURITY,
    "reveal_reason_mode": SECURITY,
    "backup_second_folder": SECURITY,
    "backup_second_kept": SECURITY,
    "retention_client_days": SECURITY,
    "retention_contact_days": SECURITY,
    "retention_plan_days": SECURITY,
    "retention_complaint_days": SECURITY,
    "trash_empty_days": SECURITY,
    "backup_retention_days": SECURITY,
    "audit_retention_days": SECURITY,
    "amount_unit": APPEARANCE,
}
_GROUP_PREFIXES = (
    ("reminder_", REMINDERS),
    ("worklist_", REMINDERS),
    ("churn_", REMINDERS),
    ("complaint_", REMINDERS),  # the complaint follow-up deadline is a worklist item
    ("sales_", REMINDERS),  # the pipeline's stage probabilities sit with the worklist's weights
)


def group_of(key: str) -> str:
    """The page a plain setting is shown on; one added later without a page lands on 其他."""
    if key in _GROUPS:
        return _GROUPS[key]
    return next((group for prefix, group in _GROUP_PREFIXES if key.startswith(prefix)), OTHER)


Editor = QCheckBox | QComboBox | QSpinBox | QLineEdit


def _choice_label(choice) -> str:
    """A stored choice in the UI language (the amount unit: 元 → CNY, 万元 → 10k CNY; reveal modes)."""
    return unit_label(choice) if choice in UNITS else policy_rules.choice_label(str(choice))


def _editor_for(definition: SettingDef, value, tier_names: list[tuple[str, str]]) -> Editor:
    if definition.kind is bool:
        check = QCheckBox()
        check.setChecked(bool(value))
        return check
    if definition.choices or definition.kind is TierCode:
        box = QComboBox()
        for label, choice in (
            tier_names if definition.kind is TierCode else [(_choice_label(c), c) for c in definition.choices or ()]
        ):
            box.addItem(label, choice)
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
    """Settings a plain field can edit; structured ones (the profile, the tier table, saved
    import mappings) have pages of their own."""
    return [(key, d) for key, d in REGISTRY.items() if d.normalize is None]


def _scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


class SettingsDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(640)
        self.language_changed = False
        titles = {
            PROFILE: self.tr("个人信息"),
            SECURITY: self.tr("安全"),
            REMINDERS: self.tr("提醒"),
            TIERS: self.tr("客户分层"),
            EXCHANGE: self.tr("导入导出"),
            APPEARANCE: self.tr("外观"),
            OTHER: self.tr("其他"),
        }
        self.sections = QListWidget()
        self.sections.setFixedWidth(150)
        themed(self.sections, "QListWidget::item { padding: 6px 8px; }")
        self.pages = QStackedWidget()
        self.page_keys: list[str] = []
        self.forms: dict[str, QFormLayout] = {}
        for key in titles:
            self.forms[key] = QFormLayout()
            # A label too long to share the row (English runs long) puts its field underneath,
            # instead of squeezing the field to a few pixels behind a horizontal scroll bar.
            self.forms[key].setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.profile = ProfileForm()
        self.profile.load(rm_profile.load(vault.settings))
        self.forms[PROFILE].addRow(self.profile)

        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(self.tr(str(label)), code)
        self.language.setCurrentIndex(max(self.language.findData(qt_i18n.saved_language()), 0))
        self.forms[APPEARANCE].addRow(self.tr("界面语言"), self.language)
        self.color_scheme = QComboBox()  # light or dark: applied at OK, no restart (ui/widgets/style)
        for code, label in (("system", self.tr("跟随系统")), ("light", self.tr("浅色")), ("dark", self.tr("深色"))):
            self.color_scheme.addItem(label, code)
        self.color_scheme.setCurrentIndex(max(self.color_scheme.findData(style.saved_scheme()), 0))
        self.forms[APPEARANCE].addRow(self.tr("配色"), self.color_scheme)

        tiers = current_tiers(vault.settings)
        self.tier_editor = TierEditor(tiers)
        self.forms[TIERS].addRow(self.tier_editor)
        tier_names = [(tier.name(), tier.code) for tier in tiers]
        self.editors: dict[str, Editor] = {}
        current = vault.settings.all()  # as the IT policy holds them
        if policy_rules.current().active:
            self.forms[SECURITY].addRow(PolicySummary())
        for key, definition in _simple_settings():
            editor = _editor_for(definition, current[key], tier_names)
            editor.setObjectName(key)
            self.editors[key] = editor
            fix = policy_rules.fix_of(key)  # greyed (or capped) with 由 IT 策略设定; set() refuses the rest
            self.forms[group_of(key)].addRow(definition.label(), editor if fix is None else held(editor, fix))

        mappings = len(current.get("import_mappings") or {})
        self.clear_mappings = False  # cleared on OK, like every other change here
        self.mappings_label = QLabel(self.tr("{} 套（导入时自动套用相同表头）").format(mappings))
        self.clear_mappings_button = QPushButton(self.tr("清除"))
        self.clear_mappings_button.setEnabled(mappings > 0)
        self.clear_mappings_button.clicked.connect(self._clear_mappings)
        mappings_row = QHBoxLayout()
        mappings_row.addWidget(self.mappings_label, 1)
        mappings_row.addWidget(self.clear_mappings_button)
        self.forms[EXCHANGE].addRow(self.tr("已保存的导入列映射"), mappings_row)

        for key, title in titles.items():
            if self.forms[key].rowCount() == 0:
                continue
            content = QWidget()
            content.setLayout(self.forms[key])
            self.pages.addWidget(_scrolled(content))
            self.sections.addItem(title)
            self.page_keys.append(key)
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sections.setCurrentRow(0)

        self.error = QLabel()
        self.error.setWordWrap(True)
        themed(self.error, "color: $error;")
        self.error.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(960, 520)  # the tier table's columns readable in English too; inside a 1366×768 work area

    def _clear_mappings(self) -> None:
        self.clear_mappings = True
        self.mappings_label.setText(self.tr("将在确定后清除（下次导入时重新选择列）"))
        self.clear_mappings_button.setEnabled(False)

    def show_page(self, key: str) -> None:
        """Open on one page (设置 › 个人信息 from a script's missing RM field)."""
        if key in self.page_keys:
            self.sections.setCurrentRow(self.page_keys.index(key))

    def _refuse(self, page: str, message: str) -> None:
        self.show_page(page)
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _save(self) -> None:
        profile = self.profile.checked()
        if profile is None:
            self._refuse(PROFILE, self.tr("个人信息中有无效的项，请按提示修改。"))
            return
        values = {key: _value_of(editor) for key, editor in self.editors.items()}
        try:
            tiers = self.tier_editor.edited()
        except ValidationError as exc:
            self._refuse(TIERS, str(exc))
            return
        try:
            for key, definition in _simple_settings():
                try:
                    definition.coerce(values[key])  # check all before writing any
                except ValidationError as exc:
                    self._refuse(group_of(key), str(exc))
                    return
            rm_profile.save(self.vault.settings, profile)
            tier_table.save(self.vault.settings, tiers)  # re-tiers every client, only when changed
            if self.clear_mappings:
                self.vault.settings.set("import_mappings", {})
            for key, value in values.items():
                self.vault.settings.set(key, value)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        lang = self.language.currentData()
        self.language_changed = lang != qt_i18n.saved_language()
        qt_i18n.save_language(lang)
        scheme = self.color_scheme.currentData()
        app = QApplication.instance()
        if scheme != style.saved_scheme() and isinstance(app, QApplication):
            style.save_scheme(scheme)
            style.apply(app)
        self.accept()
