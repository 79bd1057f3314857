"""The calendar's week view: day headers and all-day lanes on top (AllDayBar), the hour grid
below scrolling from 08:00 (week_grid.HourGrid); week_layout places their items.

It shows one week of the page's reminders: an appointment with a time span goes into the grid,
everything else (birthdays, maturities, follow-ups, custom reminders …) into the lanes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QMouseEvent, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from rm_desktop.domain.reminders import Reminder
from rm_desktop.services.reminders.compute import TodayAppointment
from rm_desktop.ui.reminders.reminder_style import kind_names, short_date, shown_detail, shown_title, weekday_name
from rm_desktop.ui.reminders.week_grid import HourGrid, Timed, WeekPart, gutter_width
from rm_desktop.ui.reminders.week_layout import FIRST_VISIBLE_HOUR, Grid, all_day_lanes
from rm_desktop.ui.widgets.privacy import Privacy

LANES = 3  # all-day lanes before a day's rest goes to "+N" (more on a tall window)
VISIBLE_HOURS = 12.5  # a tall window shows 08:00–20:00 whole rather than more empty night hours


class AllDayBar(WeekPart):
    """Day headers (weekday, date; today and the selected day marked) over the all-day lanes."""

    def __init__(self, privacy: Privacy, parent: QWidget | None = None):
        super().__init__(privacy, parent)
        self.days: list[list[Reminder]] = [[] for _ in range(7)]
        self.right_margin = 0  # the grid's scroll bar below: the columns must line up
        self.capacity = LANES
        self._relayout()

    def set_items(self, monday: dt.date, today: dt.date, selected: dt.date, days: list[list[Reminder]]) -> None:
        self.monday, self.today, self.selected, self.days = monday, today, selected, days
        self._relayout()
        self.update()

    def grid(self) -> Grid:
        gutter = gutter_width(self)
        return Grid(gutter, max((self.width() - self.right_margin - gutter) / 7, 1), self.hour_height())

    def _metrics(self) -> tuple[int, int]:
        line = self.fontMetrics().height()
        return 2 * line + 10, line + 6  # header height, lane height

    def _relayout(self) -> None:
        header, lane = self._metrics()
        self.lanes = all_day_lanes([len(items) for items in self.days], self.capacity)
        self.setFixedHeight(header + max(self.lanes.rows, 1) * lane + 4)

    def chips(self) -> list[tuple[QRectF, int, Reminder | None, int]]:
        """(rect, day, reminder, 0) per shown item and (rect, day, None, hidden count) per "+N"."""
        grid, (header, lane) = self.grid(), self._metrics()
        found: list[tuple[QRectF, int, Reminder | None, int]] = []
        for day, items in enumerate(self.days):
            x = grid.day_x(day) + 2
            for row in range(self.lanes.shown[day]):
                found.append((QRectF(x, header + row * lane + 1, grid.day_width - 4, lane - 2), day, items[row], 0))
            if self.lanes.more[day]:
                rect = QRectF(x, header + self.lanes.shown[day] * lane + 1, grid.day_width - 4, lane - 2)
                found.append((rect, day, None, self.lanes.more[day]))
        return found

    def chip_at(self, pos: QPointF) -> tuple[int, Reminder | None, int] | None:
        return next(((day, r, more) for rect, day, r, more in self.chips() if rect.contains(pos)), None)

    def reminder_at(self, pos: QPointF) -> Reminder | None:
        found = self.chip_at(pos)
        return found[1] if found else None

    def tooltip_at(self, pos: QPointF) -> str:
        found = self.chip_at(pos)
        if found is None:
            return ""
        day, reminder, more = found
        present = self.privacy.client_present
        if reminder is None:
            hidden = self.days[day][self.lanes.shown[day] :]
            rest = [f"[{kind_names().get(r.kind, r.kind)}] {shown_title(r, present)}" for r in hidden]
            return self.tr("另有 {} 项（点击在右侧列出）：").format(more) + "\n" + "\n".join(rest)
        text = f"{kind_names().get(reminder.kind, reminder.kind)}\n{shown_title(reminder, present)}"
        detail = shown_detail(reminder, present)
        return text + ("\n" + detail if detail else "")

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        colours, grid, (header, _lane) = self.colours(), self.grid(), self._metrics()
        painter.fillRect(self.rect(), colours["base"])
        metrics = self.fontMetrics()
        bold = painter.font()
        bold.setBold(True)
        for day in range(7):
            date = self.day(day)
            cell = QRectF(grid.day_x(day), 0, grid.day_width, self.height())
            if date == self.selected:
                painter.fillRect(cell, colours["selected"])
            elif date == self.today:
                painter.fillRect(cell, colours["today"])
            painter.setFont(bold if date == self.today else self.font())
            painter.setPen(colours["accent"] if date == self.today else colours["text"])
            width = int(grid.day_width - 4)
            for row, text in enumerate((weekday_name(date), short_date(date))):
                shown = QFontMetrics(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight, width)
                line = QRectF(cell.x() + 2, 4 + row * metrics.height(), width, metrics.height())
                painter.drawText(line, Qt.AlignmentFlag.AlignHCenter, shown)
        painter.setFont(self.font())
        painter.setPen(colours["line"])
        for day in range(8):
            painter.drawLine(QPointF(grid.day_x(day), 0), QPointF(grid.day_x(day), self.height()))
        painter.drawLine(QPointF(grid.gutter, header - 2), QPointF(self.width() - self.right_margin, header - 2))
        painter.setPen(colours["muted"])
        painter.drawText(
            QRectF(0, header, grid.gutter - 4, metrics.height() + 6),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.tr("全天"),
        )
        present = self.privacy.client_present
        for rect, _day, reminder, more in self.chips():
            if reminder is None:
                painter.setPen(colours["accent"])
                painter.drawText(
                    rect.adjusted(6, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, self.tr("+{} 项").format(more)
                )
                continue
            self.draw_chip(painter, rect, reminder.kind, [shown_title(reminder, present)], self.text_colour(reminder))
        painter.end()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        found = self.chip_at(event.position())
        if found is not None and found[1] is not None:
            self.opened.emit(found[1])


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (Chinese calendars start the week on Monday)."""
    return day - dt.timedelta(days=day.weekday())


class WeekView(QWidget):
    day_clicked = Signal(object)  # a dt.date: the day list follows
    opened = Signal(object)  # a Reminder double-clicked
    menu_requested = Signal(object, QPoint)  # a Reminder right-clicked, the global position
    new_at = Signal(object)  # a dt.datetime: double-click on a free slot

    def __init__(self, privacy: Privacy, parent: QWidget | None = None):
        super().__init__(parent)
        self.monday = week_of(dt.date.today())
        self.bar = AllDayBar(privacy)
        self.grid = HourGrid(privacy)
        self.area = QScrollArea()
        self.area.setWidget(self.grid)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        # Always there, so the bar above can leave its width and the day columns line up.
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.bar.right_margin = self.area.verticalScrollBar().sizeHint().width()
        self._scrolled = False
        for part in (self.bar, self.grid):
            part.day_clicked.connect(self.day_clicked)
            part.opened.connect(self.opened)
            part.menu_requested.connect(self.menu_requested)
        self.grid.new_at.connect(self.new_at)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.area, 1)

    def set_week(
        self,
        day: dt.date,
        reminders: list[Reminder],
        spans: dict[str, TodayAppointment],
        today: dt.date,
        now: dt.datetime | None = None,
    ) -> None:
        """Show the week of ``day`` (the selected day) from ``reminders`` of any dates."""
        self.monday = week_of(day)
        timed: list[Timed] = []
        all_day: list[list[Reminder]] = [[] for _ in range(7)]
        for reminder in sorted(reminders, key=Reminder.sort_key):
            offset = (reminder.date - self.monday).days
            if not 0 <= offset < 7:
                continue
            span = spans.get(reminder.key)
            if span is not None:
                timed.append(Timed(reminder, span, offset))
            else:
                all_day[offset].append(reminder)
        self.grid.now = now
        self.grid.set_items(self.monday, today, day, timed)
        self.bar.set_items(self.monday, today, day, all_day)

    def clear(self) -> None:
        self.grid.set_items(self.monday, self.grid.today, self.grid.selected, [])
        self.bar.set_items(self.monday, self.bar.today, self.bar.selected, [[] for _ in range(7)])

    def scroll_to_hour(self, hour: float) -> None:
        self.area.verticalScrollBar().setValue(int(hour * self.grid.hour_height()))

    def top_hour(self) -> float:
        return self.area.verticalScrollBar().value() / self.grid.hour_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._scrolled:  # opens on the working day; later showings keep the user's place
            self._scrolled = True
            self._fit()
            self.scroll_to_hour(FIRST_VISIBLE_HOUR)
            QTimer.singleShot(0, self._first_layout)  # once the layout has given the sizes

    def _first_layout(self) -> None:
        self._fit()
        self.scroll_to_hour(FIRST_VISIBLE_HOUR)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._scrolled:
            top = self.top_hour()
            self._fit()
            self.scroll_to_hour(top)  # the same hour stays at the top

    def _fit(self) -> None:
        """Taller hours and more all-day lanes where the window has the room."""
        lanes = LANES + max(0, (self.height() - 560) // 120)
        if lanes != self.bar.capacity:
            self.bar.capacity = lanes
            self.bar.set_items(self.bar.monday, self.bar.today, self.bar.selected, self.bar.days)
        self.grid.fit_height = self.area.viewport().height() / VISIBLE_HOURS
        self.grid.setMinimumHeight(int(24 * self.grid.hour_height()))
        self.grid.updateGeometry()
