"""The 今日 summary band above the worklist: the day's counts (overdue, today, ahead), the
plan's and each kind group's count as links that jump to the group (the same numbers as the
group headers), and today's appointments (time and client).

Every number comes from services/worklist/summary (the figures the page header, the tray and
the status bar use). An empty day says what will appear here instead of a blank band; in
客户在场 mode appointment clients show as initials.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from rm_desktop.services.worklist.summary import DayFigures
from rm_desktop.ui.reminders.reminder_style import shown_name
from rm_desktop.ui.reminders.worklist_model import group_names
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

MAX_APPOINTMENTS = 6  # more are counted, not listed: the band stays two lines high


class WorklistBand(QFrame):
    kind_clicked = Signal(str)  # a kind's code: the page opens its group

    def __init__(self, privacy: Privacy, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("worklistBand")
        themed(self, "#worklistBand { background: $panel; border-radius: 6px; }")
        self.privacy = privacy
        self.figures: DayFigures | None = None
        self.counts = QLabel()
        self.kinds = QLabel()
        self.meetings = QLabel()
        for label in (self.counts, self.kinds, self.meetings):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
        set_role(self.counts, "strong")
        self.kinds.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.kinds.linkActivated.connect(lambda link: self.kind_clicked.emit(link.removeprefix("kind:")))
        self.kinds.setToolTip(self.tr("点击类别跳到该组"))
        themed(self.meetings, "color: $muted;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addWidget(self.counts)
        layout.addWidget(self.kinds)
        layout.addWidget(self.meetings)
        privacy.changed.connect(lambda _on: self._render())
        self.set_figures(None)

    def set_figures(self, figures: DayFigures | None) -> None:
        self.figures = figures
        self._render()

    def _render(self) -> None:
        figures = self.figures
        if figures is None:
            for label in (self.counts, self.kinds, self.meetings):
                label.clear()
            self.kinds.hide()
            self.meetings.hide()
            return
        if figures.total == 0:
            self.counts.setText(html.escape(self.tr("今天没有待办事项。")))
            self.kinds.setText(
                html.escape(self.tr("新增客户、持仓、跟进或约见后，到期、跟进、生日和流失预警会按优先级汇总在这里。"))
            )
            self.kinds.show()
            self.meetings.hide()
            return
        self.counts.setText(
            html.escape(
                self.tr("共 {} 项 · 逾期 {} · 今天 {} · 约见 {} · 提前准备 {} · 硬期限 {}").format(
                    figures.total,
                    figures.overdue,
                    figures.due_today,
                    len(figures.appointments),
                    figures.ahead,
                    figures.hard,
                )
            )
        )
        names = group_names()
        links = [
            f'<a href="kind:{code}">{html.escape(names.get(code, code))} {count}</a>' for code, count in figures.groups
        ]
        self.kinds.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(links))
        self.kinds.show()
        self.meetings.setText(html.escape(self._meetings_text(figures)))
        self.meetings.show()

    def _meetings_text(self, figures: DayFigures) -> str:
        if not figures.appointments:
            return self.tr("今日约见：无")
        present = self.privacy.client_present
        shown = [
            " ".join(
                part
                for part in (a.start.strftime("%H:%M") if a.start else "", shown_name(a.client_name, present))
                if part
            )
            for a in figures.appointments[:MAX_APPOINTMENTS]
        ]
        more = len(figures.appointments) - len(shown)
        text = self.tr("今日约见：{}").format(self.tr("、").join(shown))
        return text + (self.tr(" 等 {} 个").format(len(figures.appointments)) if more > 0 else "")
