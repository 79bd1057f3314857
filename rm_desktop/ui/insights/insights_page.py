"""经营洞察: the whole book in figures (二八, tiers, migration, RFM, coverage, product gaps), each a
chart with its numbers; a click on a bar lists its clients (:class:`SegmentDialog`).

The figures are computed off the UI thread at each showing (services/insights reads the book in
a fixed number of set-based queries); the previous figures stay on screen until the new ones
arrive, and are simply kept when nothing was committed to the vault since they were read
(book_insights' ``previous``: a commit by anyone, another process too, makes it compute again).
客户在场 hides every amount (the AUM chart shows its hint instead of its bars).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.services.insights.figures import TOP_KEY, BookInsights, book_insights
from rm_desktop.ui.insights.insight_charts import BarChart, ChartBar, LorenzChart
from rm_desktop.ui.insights.segment_dialog import SegmentDialog
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed


class InsightsPage(Page):
    open_client = Signal(int)
    loaded = Signal()  # after each (re)computation; tests listen
    load_on_show = "each"

    def __init__(self, privacy: Privacy, guard: ClipboardGuard, clock: Callable[[], dt.date] = dt.date.today):
        super().__init__()
        self.privacy, self.guard, self.clock = privacy, guard, clock
        self.figures: BookInsights | None = None
        self.dialog: SegmentDialog | None = None
        self.status = QLabel()
        themed(self.status, "color: $muted;")
        self.pareto = QLabel()
        self.pareto.setWordWrap(True)
        empty = self.tr("档案库还没有客户：导入名单或新建客户后，这里显示经营分析。")
        self.lorenz = LorenzChart(empty, TOP_KEY)
        self.tier_counts = BarChart(empty)
        self.tier_aum = BarChart(empty)
        self.migration = BarChart(self.tr("还没有足够早的资产快照：记录客户资产后，这里显示层级升降。"))
        self.rfm = BarChart(empty)
        self.coverage = BarChart(self.tr("没有设定联系周期的层级客户。"))
        self.gaps = BarChart(self.tr("没有在有效期内的风险测评：没有可按风险等级推荐的产品。"))
        self.retention = BarChart(
            self.tr("近12个月没有登记过到期承接：在今日工作清单登记到期产品的去向后，这里显示留存率。")
        )
        self.charts = (
            self.lorenz,
            self.tier_counts,
            self.tier_aum,
            self.migration,
            self.rfm,
            self.coverage,
            self.gaps,
            self.retention,
        )
        for chart in self.charts:
            chart.clicked.connect(self.open_segment)

        grid = QGridLayout()
        cards = (
            (self.tr("二八：资产集中度"), (self.pareto, self.lorenz)),
            (self.tr("各层级客户数"), (self.tier_counts,)),
            (self.tr("各层级金融资产"), (self.tier_aum,)),
            (self.tr("层级迁移（按资产快照）"), (self.migration,)),
            (self.tr("RFM 客户分群"), (self.rfm,)),
            (self.tr("维护覆盖（按联系周期，点击看逾期客户）"), (self.coverage,)),
            (self.tr("产品缺口（按风险等级可推荐）"), (self.gaps,)),
            (self.tr("到期承接（按月留存率）"), (self.retention,)),
        )
        for n, (title, widgets) in enumerate(cards):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            for widget in widgets:
                inner.addWidget(widget)
            inner.addStretch(1)  # charts at the top of a box taller than they are
            grid.addWidget(box, n // 2, n % 2)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(grid)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("经营洞察"))
        set_role(heading, "title")
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        privacy.changed.connect(lambda _on: self._fill())

    def load(self) -> None:
        today, previous = self.clock(), self.figures
        self.status.setText(self.tr("正在计算…") if self.figures is None else self.tr("正在更新…（显示上次的结果）"))
        self.run_load(
            self.tr("经营洞察"), lambda vault: book_insights(vault, today, previous), self._show, self._failed
        )

    def detach(self) -> None:
        super().detach()
        self.figures = None  # nothing of the book stays on screen after the lock
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self._fill()

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("计算失败：{}").format(str(exc) or type(exc).__name__))

    def _show(self, figures: BookInsights) -> None:
        self.figures = figures
        self.status.setText(self.tr("截至 {}，共 {} 位客户").format(figures.today.isoformat(), figures.clients))
        self._fill()
        self.loaded.emit()

    def _money(self, value) -> str:
        return HIDDEN if self.privacy.client_present else format_amount(value, WAN) + self.tr("万")

    def _fill(self) -> None:
        found = self.figures
        if found is None:
            self.pareto.setText("")
            self.lorenz.set_points([])
            for chart in self.charts[1:]:
                assert isinstance(chart, BarChart)
                chart.set_bars([])
            return
        hidden = self.privacy.client_present
        share = "—" if found.pareto_share is None else f"{float(found.pareto_share) * 100:.1f}%"
        self.pareto.setText(
            self.tr("前 20% 的客户（{} 位）持有 {} 的金融资产，共 {}。点击曲线查看这些客户。").format(
                found.top.count, share, self._money(found.total_aum)
            )
        )
        self.lorenz.set_points(found.lorenz)
        self.tier_counts.set_bars(
            [ChartBar(b.key, b.label, b.count, self.tr("{} 位").format(b.count)) for b in found.tiers]
        )
        self.tier_aum.hint = self.tr("客户在场：金额已隐藏") if hidden else self.tier_counts.hint
        self.tier_aum.set_bars(
            [] if hidden else [ChartBar(b.key, b.label, float(b.aum), self._money(b.aum)) for b in found.tiers]
        )
        moves: list[ChartBar] = []
        for m in found.migrations:
            moves.append(ChartBar(m.up.key, m.up.label, m.up.count, self.tr("{} 位").format(m.up.count)))
            moves.append(ChartBar(m.down.key, m.down.label, m.down.count, self.tr("{} 位").format(m.down.count)))
        self.migration.set_bars(moves)
        self.rfm.set_bars(
            [
                ChartBar(b.key, b.label, b.count, self.tr("{} 位 · {}").format(b.count, self._money(b.aum)))
                for b in found.rfm
            ]
        )
        self.coverage.set_bars(
            [
                ChartBar(
                    c.overdue.key,
                    c.label,
                    float(c.share) * 100,
                    self.tr("覆盖 {:.1f}% · 逾期 {} 位").format(float(c.share) * 100, c.overdue.count),
                )
                for c in found.coverage
                if c.share is not None
            ]
        )
        self.gaps.set_bars([ChartBar(b.key, b.label, b.count, self.tr("{} 位").format(b.count)) for b in found.gaps])
        # Months with something recorded; a month's bar lists no clients (money, not people).
        self.retention.set_bars(
            [
                ChartBar(
                    f"retention:{m.month}",
                    m.month,
                    m.rate * 100,
                    self.tr("留存 {:.1f}% · {} / {}").format(
                        m.rate * 100, self._money(m.kept), self._money(m.recorded)
                    ),
                    clickable=False,
                )
                for m in found.retention
                if m.rate is not None
            ]
        )

    def open_segment(self, key: str) -> SegmentDialog | None:
        """The client list of one bar (by its key)."""
        if self.vault is None or self.figures is None:
            return None
        bar = self.figures.bars().get(key)
        if bar is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = SegmentDialog(self.vault, bar, self.privacy, self.guard, self, clock=self.clock)
        self.dialog.open_client.connect(self.open_client)
        self.dialog.open()
        return self.dialog
