"""目标…: the KPI targets of 周报 / 月报 (the ``report_targets`` setting): a week's and a month's
field per KPI.

The fields are text read by the one parser (domain/reports/kpis through
services/reports.set_targets): a share as 90% or 0.9, an amount as 200万 or 2000000, a count a
whole number; an empty field is no target. A refused field is named in the parser's words and
focused, and nothing is stored. The month's field is the plain key, the week's ``week.<key>``;
an empty week field of a share or hours falls back on the month's (domain/reports/kpis.targets_for),
which the dialog says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reports import AMOUNT, SHARE
from rm_desktop.domain.reports import kpis as catalogue
from rm_desktop.services.report_outputs.figures import unit_label
from rm_desktop.services.reports import kpi_targets, set_targets
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.ui.widgets.style import set_role


def target_field_text(unit: str, value: Decimal | None) -> str:
    """A stored target as the field shows it, in a form the parser reads back to the same figure
    (an amount of whole 万 as 200万)."""
    if value is None:
        return ""
    if unit == SHARE:
        percent = (value * 100).normalize()
        return f"{percent:f}%"
    if unit == AMOUNT and value and value % 10_000 == 0:  # 200万 reads at a glance; 2000000 needs counting
        return f"{(value / 10_000).normalize():f}万"
    shown = value.normalize()
    return f"{shown:f}"


class TargetsDialog(QDialog):
    """``kpis``: (key, label, unit) rows, the catalogue's and the book's tier coverages."""

    def __init__(self, vault: VaultHandle, kpis: Sequence[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(self.tr("指标目标"))
        stored = kpi_targets(vault)
        hint = QLabel(
            self.tr(
                "留空表示无目标。比例可写 90% 或 0.9，金额可写 200万 或 2000000，次数为整数。"
                "比例和小时数的周目标留空时沿用月目标。"
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "caption")
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.fields: dict[str, QLineEdit] = {}
        grid.setColumnStretch(2, 1)
        grid.addWidget(QLabel(self.tr("周目标")), 0, 1)
        grid.addWidget(QLabel(self.tr("月目标")), 0, 2)
        for row, (key, label, unit) in enumerate(kpis, start=1):
            name = QLabel(label)
            grid.addWidget(name, row, 0)
            for column, stored_key in ((1, catalogue.week_key(key)), (2, key)):
                field = QLineEdit(target_field_text(unit, stored.get(stored_key)))
                field.setPlaceholderText(self.tr("无目标"))
                field.setObjectName(stored_key)
                grid.addWidget(field, row, column)
                self.fields[stored_key] = field
            name.setBuddy(self.fields[catalogue.week_key(key)])
            grid.addWidget(QLabel(unit_label(unit)), row, 3)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(680, min(680, 170 + 34 * len(kpis)))

    def values(self) -> dict[str, str]:
        return {key: field.text().strip() for key, field in self.fields.items()}

    def save(self) -> None:
        """Every field through the parser at once: stored only when all are good."""
        try:
            set_targets(self.vault, self.values())  # merge: a cleared field removes its target
        except UserError as exc:
            field = self.fields.get(exc.field.partition(".")[2]) if isinstance(exc, ValidationError) else None
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            if field is not None:
                field.setFocus()
                field.selectAll()
            return
        self.accept()


def kpi_rows(shown: Sequence[tuple[str, str, str]] = ()) -> list[tuple[str, str, str]]:
    """The catalogue's KPIs, then the tier coverages of the report shown (their tiers have a
    cadence; the catalogue cannot know them)."""
    rows = [(k.key, k.label(), k.unit) for k in catalogue.KPIS]
    known = {key for key, _label, _unit in rows}
    rows += [row for row in shown if row[0] not in known and row[0].startswith(catalogue.TIER_COVERAGE + ".")]
    return rows


def edit_targets(
    vault: VaultHandle, shown: Sequence[tuple[str, str, str]], parent: QWidget
) -> Mapping[str, Decimal] | None:
    """Open the dialog; the targets stored when saved, None when cancelled."""
    dialog = TargetsDialog(vault, kpi_rows(shown), parent)
    return kpi_targets(vault) if dialog.exec() else None
