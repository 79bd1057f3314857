"""设置 › 客户分层: the tier table's names, thresholds (万元) and contact cadences in a table.

Cells are read through services/settings/tier_table's parsers (the CLI's ``settings tiers set``
uses the same), only where the text was changed: a threshold shown rounded (0.12 for 1,234元)
is kept exact unless it is edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.tiers import DEFAULT_TIERS, Tier
from rm_desktop.services.settings import tier_table
from rm_desktop.ui.widgets.theme import themed

NAME_ZH, NAME_EN, MIN_WAN, CADENCE, RESPONSIBLE = range(5)
_EDITABLE = (NAME_ZH, NAME_EN, MIN_WAN, CADENCE)


def _texts(tier: Tier) -> list[str]:
    cadence = str(tier.cadence_days) if tier.cadence_days else ""
    return [tier.name_zh, tier.name_en, tier_table.min_wan_text(tier), cadence, tier.responsible()]


class TierEditor(QWidget):
    def __init__(self, tiers: tuple[Tier, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("中文名称"),
                self.tr("英文名称"),
                self.tr("起点（万元）"),
                self.tr("联系周期（天）"),
                self.tr("负责"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # "Responsible" takes the width left: sized to its contents it pushed itself out of view
        # behind a horizontal scroll bar in English ("RM and RM supervisor").
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(230)
        hint = QLabel(
            self.tr(
                "按金融资产（万元）从低到高分层，最低一层从 0 开始。联系周期留空表示不设；"
                "修改后所有客户立即按新标准重新分层。"
            )
        )
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        self.defaults_button = QPushButton(self.tr("恢复默认"))
        self.defaults_button.clicked.connect(lambda: self.load(DEFAULT_TIERS))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.defaults_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addLayout(row)
        self.load(tiers)

    def load(self, tiers: tuple[Tier, ...]) -> None:
        self.original = tiers
        self.table.setRowCount(len(tiers))
        self.table.setVerticalHeaderLabels([tier.code for tier in tiers])  # the code, for the CLI
        for row, tier in enumerate(tiers):
            for column, value in enumerate(_texts(tier)):
                item = QTableWidgetItem(value)
                if column not in _EDITABLE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)

    def edited(self) -> tuple[Tier, ...]:
        """The table as edited, checked as a whole; ValidationError naming the field otherwise."""
        edits: dict[str, dict[str, str | None]] = {}
        for row, tier in enumerate(self.original):
            shown = _texts(tier)
            typed = {column: self._text(row, column) for column in _EDITABLE}
            changed = {column: text for column, text in typed.items() if text != shown[column]}
            if changed:
                edits[tier.code] = {
                    "name_zh": changed.get(NAME_ZH),
                    "name_en": changed.get(NAME_EN),
                    "min_wan": changed.get(MIN_WAN),
                    "cadence": changed.get(CADENCE),
                }
        return tier_table.edit_tiers(self.original, edits)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""
