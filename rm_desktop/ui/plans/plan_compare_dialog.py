"""Compare two versions of a plan: choose both, see every changed field with its old and new value."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.content import PlanStatus
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.plans.plan_diff import PlanDiffModel
from rm_desktop.ui.widgets.screen_fit import fit_to_screen


class PlanCompareDialog(QDialog):
    def __init__(
        self, vault: Vault, plan_id: int, versions: list, parent=None, *, old: int | None = None, new: int | None = None
    ):
        """``versions``: services.plans.RevisionInfo, newest first."""
        super().__init__(parent)
        self.vault, self.plan_id = vault, plan_id
        self.setWindowTitle(self.tr("对比版本"))
        fit_to_screen(self, 820, 520)
        self.old, self.new = QComboBox(), QComboBox()
        for info in versions:
            text = f"V{info.version} · {PlanStatus(info.status).badge} · {info.saved_at:%Y-%m-%d %H:%M}"
            self.old.addItem(text, info.version)
            self.new.addItem(text, info.version)
        latest = versions[0].version if versions else 1
        self.new.setCurrentIndex(max(self.new.findData(new or latest), 0))
        self.old.setCurrentIndex(max(self.old.findData(old or max(latest - 1, 1)), 0))
        self.model = PlanDiffModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        for box in (self.old, self.new):
            box.currentIndexChanged.connect(self.refresh)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("从")))
        choose.addWidget(self.old, 1)
        choose.addWidget(QLabel(self.tr("到")))
        choose.addWidget(self.new, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        old, new = self.old.currentData(), self.new.currentData()
        if old is None or new is None:
            return
        diffs = plans.compare(self.vault, self.plan_id, old, new)
        self.model.set_diffs(diffs)
        self.table.resizeRowsToContents()
        self.summary.setText(self.tr("两个版本相同。") if not diffs else self.tr("共 {} 处不同。").format(len(diffs)))
