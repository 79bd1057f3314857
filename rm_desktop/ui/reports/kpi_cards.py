"""周报 / 月报's KPI cards: the figure, its change from the previous period (▲▼), the target and
the share of it reached ("无目标" without one), and a sparkline of the last periods.

The sparkline is a few QPainter lines in a small widget: QtCharts would be a second charting
module for a 12-point line, and it is not bundled.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rm_desktop.domain.money import WAN
from rm_desktop.domain.reports import AMOUNT, Kpi
from rm_desktop.services.report_outputs.figures import attainment, change_text, value_text
from rm_desktop.ui.widgets import theme
from rm_desktop.ui.widgets.privacy import HIDDEN
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

COLUMNS = 4  # four cards a row fit 1366 px beside the navigation


class Sparkline(QWidget):
    """The trend over the last periods, oldest left; a missing point breaks the line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: list[float | None] = []
        self.setMinimumWidth(56)
        self.setFixedHeight(36)

    def set_values(self, values: list[Decimal | None]) -> None:
        self.values = [None if v is None else float(v) for v in values]
        self.update()

    def points(self) -> list[QPointF | None]:
        """Where each value is drawn (None for a missing one): tests read the shape."""
        known = [v for v in self.values if v is not None]
        if not known:
            return [None] * len(self.values)
        low, high = min(known), max(known)
        span = (high - low) or 1.0
        width, height, margin = self.width(), self.height(), 3
        step = (width - 2 * margin) / max(len(self.values) - 1, 1)
        return [
            None
            if v is None
            else QPointF(margin + i * step, height - margin - (v - low) / span * (height - 2 * margin))
            for i, v in enumerate(self.values)
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.foreground(theme.STATUS["accent"]), 1.6))
        run: list[QPointF] = []
        for point in [*self.points(), None]:
            if point is not None:
                run.append(point)
                continue
            if len(run) > 1:
                painter.drawPolyline(QPolygonF(run))
            elif run:
                painter.drawPoint(run[0])
            run = []
        painter.end()


class KpiCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiCard")
        themed(self, "QFrame#kpiCard { background: $base; border: 1px solid $border; border-radius: 6px; }")
        self.title = QLabel()
        set_role(self.title, "caption")
        self.figure = QLabel()
        set_role(self.figure, "title")
        self.change = QLabel()
        # "▼ -22.85 × 10k CNY vs previous" is wider than an English card: it wraps rather than
        # widening every card past the page (four a row at 1366 px beside the navigation).
        self.change.setWordWrap(True)
        self.target = QLabel()
        set_role(self.target, "caption")
        self.chart = Sparkline()
        figures = QVBoxLayout()
        figures.setSpacing(2)
        for widget in (self.figure, self.change, self.target):
            figures.addWidget(widget)
        body = QHBoxLayout()
        body.addLayout(figures, 1)
        body.addWidget(self.chart, 1, Qt.AlignmentFlag.AlignBottom)  # beside the figures: a compact card
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addLayout(body)

    def show_kpi(self, kpi: Kpi, hidden: bool) -> None:
        """``hidden``: 客户在场 — amounts are not shown (counts and shares stay)."""
        masked = hidden and kpi.unit == AMOUNT
        self.title.setText(kpi.label)
        self.figure.setText(HIDDEN if masked else value_text(kpi.unit, kpi.value, money=WAN))
        change = kpi.change
        if change is None or masked:
            self.change.setText(
                self.tr("上期 {}").format(HIDDEN if masked else value_text(kpi.unit, kpi.previous, money=WAN))
            )
            themed(self.change, "color: $muted;")
        else:
            arrow = "▲" if change > 0 else "▼" if change < 0 else "＝"
            self.change.setText(self.tr("{} {} 较上期").format(arrow, change_text(kpi, WAN)))
            themed(self.change, "color: $success;" if change > 0 else "color: $error;" if change < 0 else "")
        share = attainment(kpi)
        if kpi.target is None:
            self.target.setText(self.tr("无目标"))
        elif masked:
            self.target.setText(self.tr("目标 {}").format(HIDDEN))
        else:
            reached = "" if share is None else f" · {share * 100:.0f}%"
            self.target.setText(self.tr("目标 {}").format(value_text(kpi.unit, kpi.target, money=WAN)) + reached)
        self.chart.set_values([] if masked else [point.value for point in kpi.trend])
        ends = (kpi.trend[0].label, kpi.trend[-1].label) if kpi.trend else ()
        self.chart.setToolTip(" → ".join(ends))


class KpiGrid(QWidget):
    """The cards of a report, COLUMNS a row; rebuilt only when the number of KPIs changes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)  # equal cards, whatever their labels' lengths
        self.cards: list[KpiCard] = []

    def show_kpis(self, kpis: tuple[Kpi, ...], hidden: bool) -> None:
        while len(self.cards) > len(kpis):
            self.cards.pop().deleteLater()
        while len(self.cards) < len(kpis):
            card = KpiCard(self)
            self.grid.addWidget(card, len(self.cards) // COLUMNS, len(self.cards) % COLUMNS, Qt.AlignmentFlag.AlignTop)
            self.cards.append(card)
        for card, kpi in zip(self.cards, kpis, strict=True):
            card.show_kpi(kpi, hidden)
