"""The week view's hour grid of timed appointments, and what it shares with the bar above it
(week_table.AllDayBar): the week, colours, cards, tooltips. Placing is week_layout's; this module
draws and hit-tests.

Text in a block or chip is elided per line at a glyph boundary (QFontMetrics.elidedText) and
the full text is the tooltip; in 客户在场 mode names show as initials and places are hidden.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from rm_desktop.domain.reminders import Reminder
from rm_desktop.services.reminders.compute import TodayAppointment
from rm_desktop.ui.reminders.reminder_style import (
    SEVERITY_TEXT,
    kind_colour,
    shown_name,
    shown_text,
)
from rm_desktop.ui.reminders.week_layout import DAY_MINUTES, Grid, minutes_of, place_columns
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.theme import foreground, mix, palette_of


@dataclass(frozen=True)
class Timed:
    """One appointment occurrence in the grid: its day column (0 = Monday) and time span."""

    reminder: Reminder
    span: TodayAppointment
    day: int


def gutter_width(widget: QWidget) -> int:
    """The time labels' column, shared by the grid and the bar above so the days line up."""
    return widget.fontMetrics().horizontalAdvance("00:00") + 16


class WeekPart(QWidget):
    """What both parts share: the week, the selected day, privacy and the palette's colours."""

    day_clicked = Signal(object)  # a dt.date
    opened = Signal(object)  # a Reminder (double-click)
    menu_requested = Signal(object, QPoint)  # a Reminder, where to pop its menu up

    def __init__(self, privacy: Privacy, parent: QWidget | None = None):
        super().__init__(parent)
        self.privacy = privacy
        self.monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        self.today = dt.date.today()
        self.selected = self.today
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        privacy.changed.connect(lambda _on: self.update())

    def day(self, column: int) -> dt.date:
        return self.monday + dt.timedelta(days=column)

    def grid(self) -> Grid:
        gutter = gutter_width(self)
        return Grid(gutter, max((self.width() - gutter) / 7, 1), self.hour_height())

    fit_height = 0.0  # set by the week view: an hour's share of a tall viewport

    def hour_height(self) -> float:
        return max(self.fontMetrics().height() * 2.4, 40, self.fit_height)

    def colours(self) -> dict[str, QColor]:
        palette = palette_of(self)
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        return {
            "base": base,
            "text": text,
            "line": mix(text, base, 0.85),
            "faint": mix(text, base, 0.93),
            "muted": mix(text, base, 0.4),
            "today": mix(highlight, base, 0.92),
            "selected": mix(highlight, base, 0.86),
            "accent": highlight,
        }

    def chip_fill(self, kind: str) -> QColor:
        return mix(kind_colour(kind), palette_of(self).color(QPalette.ColorRole.Base), 0.72)

    def text_colour(self, reminder: Reminder) -> QColor:
        severe = SEVERITY_TEXT.get(reminder.severity)
        return foreground(severe) if severe is not None else palette_of(self).color(QPalette.ColorRole.Text)

    def draw_chip(self, painter: QPainter, rect: QRectF, kind: str, lines: list[str], colour: QColor) -> None:
        """A kind-coloured card: a bar on the left, ``lines`` elided to the width while they fit."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.chip_fill(kind))
        painter.drawRoundedRect(rect, 3, 3)
        painter.setBrush(kind_colour(kind))
        painter.drawRect(QRectF(rect.x(), rect.y(), 3, rect.height()))
        metrics = QFontMetrics(painter.font())
        text_rect = rect.adjusted(5, 1, -1, -1)
        if text_rect.width() < metrics.horizontalAdvance("00:0"):
            return  # too narrow for any text: the tooltip says it all
        painter.setPen(colour)
        y = text_rect.y()
        for line in lines:
            if y + metrics.height() > text_rect.bottom() + 1 and y > text_rect.y():
                break  # the next line does not fit whole: left to the tooltip
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(QRectF(text_rect.x(), y, text_rect.width(), metrics.height()), shown)
            y += metrics.height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # ←/→ move the selected day (the day list follows); Alt+←/→ and PgUp/PgDown are the page's
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.day_clicked.emit(self.selected + dt.timedelta(days=step))
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        day = self.grid().day_at(event.position().x())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_clicked.emit(self.day(day))
        super().mouseReleaseEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        raise NotImplementedError

    def reminder_at(self, pos: QPointF) -> Reminder | None:
        raise NotImplementedError

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        reminder = self.reminder_at(QPointF(event.pos()))
        if reminder is not None:
            self.menu_requested.emit(reminder, event.globalPos())


class HourGrid(WeekPart):
    """00:00–24:00 in rows of an hour; appointments as blocks showing time, title and client."""

    new_at = Signal(object)  # a dt.datetime: double-click on a free slot

    def __init__(self, privacy: Privacy, parent: QWidget | None = None):
        super().__init__(privacy, parent)
        self.timed: list[Timed] = []
        self.now: dt.datetime | None = None
        self.setMinimumHeight(int(24 * self.hour_height()))

    def set_items(self, monday: dt.date, today: dt.date, selected: dt.date, timed: list[Timed]) -> None:
        self.monday, self.today, self.selected, self.timed = monday, today, selected, timed
        self.setMinimumHeight(int(24 * self.hour_height()))
        self.update()

    def blocks(self) -> list[tuple[QRectF, Timed]]:
        """Each appointment's rectangle, overlapping ones side by side."""
        grid, found = self.grid(), []
        for day in range(7):
            todays = [item for item in self.timed if item.day == day]
            spans = [self._minutes(item) for item in todays]
            for item, (start, end), column in zip(todays, spans, place_columns(spans), strict=True):
                found.append((QRectF(*grid.block(day, start, end, column)), item))
        return found

    @staticmethod
    def _minutes(item: Timed) -> tuple[int, int]:
        start = minutes_of(item.span.start)
        length = int((item.span.end - item.span.start).total_seconds() // 60)
        return start, min(start + length, DAY_MINUTES)

    def block_at(self, pos: QPointF) -> Timed | None:
        return next((item for rect, item in reversed(self.blocks()) if rect.contains(pos)), None)

    def reminder_at(self, pos: QPointF) -> Reminder | None:
        item = self.block_at(pos)
        return item.reminder if item else None

    def lines(self, item: Timed, rect: QRectF | None = None) -> list[str]:
        """Time span, title, client: the tooltip's lines, or a block's, fitted to ``rect`` (one
        line when it is one line tall, the start alone when the span does not fit across)."""
        present, span = self.privacy.client_present, item.span
        title = shown_text(span.title, span.client_name, present)
        when = f"{span.start:%H:%M}–{span.end:%H:%M}"
        metrics = self.fontMetrics()
        if rect is not None and rect.height() < 2 * metrics.height() + 2:
            return [f"{span.start:%H:%M} {title}"]
        if rect is not None and rect.width() - 10 < metrics.horizontalAdvance(when):
            when = f"{span.start:%H:%M}"
        lines = [when, title]
        if span.client_name:
            lines.append(shown_name(span.client_name, present))
        return lines

    def tooltip_at(self, pos: QPointF) -> str:
        item = self.block_at(pos)
        if item is None:
            return ""
        lines = self.lines(item)
        if item.span.location and not self.privacy.client_present:
            lines.append("@ " + item.span.location)
        return "\n".join(lines)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        colours, grid = self.colours(), self.grid()
        painter.fillRect(self.rect(), colours["base"])
        for day in range(7):
            column = QRectF(grid.day_x(day), 0, grid.day_width, self.height())
            if self.day(day) == self.selected:
                painter.fillRect(column, colours["selected"])
            elif self.day(day) == self.today:
                painter.fillRect(column, colours["today"])
        painter.setPen(QPen(colours["faint"], 1, Qt.PenStyle.DotLine))
        for hour in range(24):
            y = grid.y_of(hour * 60 + 30)
            painter.drawLine(QPointF(grid.gutter, y), QPointF(self.width(), y))
        metrics = self.fontMetrics()
        for hour in range(24):
            y = grid.y_of(hour * 60)
            painter.setPen(colours["line"])
            painter.drawLine(QPointF(grid.gutter, y), QPointF(self.width(), y))
            painter.setPen(colours["muted"])
            label = QRectF(0, y + 1, grid.gutter - 6, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{hour:02d}:00")
        painter.setPen(colours["line"])
        for day in range(8):
            painter.drawLine(QPointF(grid.day_x(day), 0), QPointF(grid.day_x(day), self.height()))
        for rect, item in self.blocks():
            self.draw_chip(painter, rect, item.reminder.kind, self.lines(item, rect), self.text_colour(item.reminder))
        if not self.timed:  # an empty week says what to do (at 09:00, where the view opens)
            painter.setPen(colours["muted"])
            hint = QRectF(grid.gutter, grid.y_of(9 * 60), self.width() - grid.gutter, grid.hour_height)
            painter.drawText(hint, Qt.AlignmentFlag.AlignCenter, self.empty_hint())
        if self.now is not None and 0 <= (self.now.date() - self.monday).days < 7:
            day = (self.now.date() - self.monday).days
            y = grid.y_of(minutes_of(self.now))
            painter.setPen(QPen(foreground(SEVERITY_TEXT["overdue"]), 2))
            painter.drawLine(QPointF(grid.day_x(day), y), QPointF(grid.day_x(day) + grid.day_width, y))
        painter.end()

    def empty_hint(self) -> str:
        return self.tr("这一周没有定时的约见 · 双击任一时段新建")

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.block_at(event.position())
        if item is not None:
            self.opened.emit(item.reminder)
            return
        grid = self.grid()
        day = grid.day_at(event.position().x())
        if day is not None:
            minutes = grid.minutes_at(event.position().y())
            self.new_at.emit(dt.datetime.combine(self.day(day), dt.time(minutes // 60, minutes % 60)))
