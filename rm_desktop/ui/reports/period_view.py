"""周报 / 月报: the KPI cards over the period's summed sections."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from rm_desktop.domain.reports import Report
from rm_desktop.ui.reports.day_view import sections_tree
from rm_desktop.ui.reports.kpi_cards import KpiGrid
from rm_desktop.ui.reports.sections_model import SectionsModel
from rm_desktop.ui.widgets.theme import themed


class PeriodView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cards = KpiGrid()
        self.no_kpis = QLabel(self.tr("这一期没有可计算的指标。"))
        themed(self.no_kpis, "color: $muted;")
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.no_kpis)
        holder_layout.addWidget(self.cards)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        self.model = SectionsModel(self)
        self.tree = sections_tree(self.model)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.tree)
        split.setSizes([3000, 2000])  # proportions: the cards get the upper three fifths
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def show_report(self, report: Report, hidden: bool) -> None:
        self.cards.show_kpis(report.kpis, hidden)
        self.no_kpis.setVisible(not report.kpis)
        self.model.show_report(report, hidden)
