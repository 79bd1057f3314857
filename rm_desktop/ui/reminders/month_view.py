"""The calendar's month grid: per day a coloured mark for each kind it holds, the number of
items (red when one is overdue, amber when one is due now), today outlined; and its legend.

Colours come from the palette (theme), so today's outline and the marks read in light and dark
mode alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QEvent, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QLabel, QWidget

from rm_desktop.domain.reminders import KINDS, Reminder
from rm_desktop.domain.reminders.model import SEVERITY_RANK
from rm_desktop.ui.reminders.reminder_dialogs import pydate, qdate
from rm_desktop.ui.reminders.reminder_style import (
    GRAPHIC_CONTRAST,
    SEVERITY_TEXT,
    kind_colour,
    kind_names,
)
from rm_desktop.ui.widgets.theme import foreground, mix, palette_of, readable, themed

BADGE = QColor("#5b6b82")
WEEKEND = QColor("#c0392b")
MARKS = 4  # kind marks a cell has room for; more kinds still count in the number


@dataclass(frozen=True)
class DayMarks:
    count: int
    severity: str
    kinds: tuple[str, ...]  # in the engine's kind order


def day_marks(reminders: list[Reminder]) -> dict[dt.date, DayMarks]:
    found: dict[dt.date, list[Reminder]] = {}
    for reminder in reminders:
        found.setdefault(reminder.date, []).append(reminder)
    marks = {}
    for day, items in found.items():
        severity = max((r.severity for r in items), key=lambda s: SEVERITY_RANK.get(s, 0))
        kinds = tuple(kind for kind in KINDS if any(r.kind == kind for r in items))
        marks[day] = DayMarks(len(items), severity, kinds)
    return marks


def today_outline(selected: bool, palette: QPalette | None = None) -> QColor:
    """Today's frame: the highlight colour, made to stand out on the cell it is drawn on (the
    base, or the selection's fill when today is selected)."""
    palette = palette or palette_of()
    if selected:  # the selection's text colour, unless a pale highlight makes it fade
        fill = palette.color(QPalette.ColorRole.Highlight)
        return readable(palette.color(QPalette.ColorRole.HighlightedText), fill, ratio=GRAPHIC_CONTRAST)
    base = palette.color(QPalette.ColorRole.Base)
    return readable(palette.color(QPalette.ColorRole.Highlight), base, ratio=GRAPHIC_CONTRAST)


class ReminderCalendar(QCalendarWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.marks: dict[dt.date, DayMarks] = {}
        self.today = dt.date.today()
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(True)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setNavigationBarVisible(False)  # the page's own ‹ 今天 › bar moves months and weeks
        self._font = QFont()
        self._font.setPointSizeF(max(self._font.pointSizeF() * 0.85, 7))
        self._font.setBold(True)
        self._formats()

    def _formats(self) -> None:
        """Weekday headers and weekend numbers from the palette: Qt's own (red, AlternateBase)
        can leave grey on white in a dark palette."""
        palette = palette_of(self)
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        header = QTextCharFormat()
        header.setBackground(mix(palette.color(QPalette.ColorRole.Window), base, 0.5))
        header.setForeground(text)
        self.setHeaderTextFormat(header)
        weekend = QTextCharFormat()
        weekend.setForeground(foreground(WEEKEND))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, weekend)
        self.setDateTextFormat(QDate(), QTextCharFormat())  # (a null date clears every day's)
        today = QTextCharFormat()
        today.setFontWeight(QFont.Weight.Bold)
        today.setForeground(today_outline(False, palette))
        self.setDateTextFormat(qdate(self.today), today)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._formats()

    def set_marks(self, marks: dict[dt.date, DayMarks], today: dt.date) -> None:
        self.marks, self.today = marks, today
        self._formats()
        self.updateCells()

    @property
    def counts(self) -> dict[dt.date, tuple[int, str]]:
        return {day: (mark.count, mark.severity) for day, mark in self.marks.items()}

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        super().paintCell(painter, rect, date)
        day = pydate(date)
        selected = date == self.selectedDate()
        painter.save()
        if day == self.today:
            painter.setPen(QPen(today_outline(selected, palette_of(self)), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5))
        found = self.marks.get(day)
        if found:
            size = max(min(rect.height() // 6, 8), 5)
            for i, kind in enumerate(found.kinds[:MARKS]):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(kind_colour(kind))
                painter.drawEllipse(rect.left() + 4 + i * (size + 2), rect.bottom() - size - 3, size, size)
            painter.setFont(self._font)
            palette = palette_of(self)
            colour = (
                palette.color(QPalette.ColorRole.HighlightedText)
                if selected
                else foreground(SEVERITY_TEXT.get(found.severity, BADGE))
            )
            painter.setPen(colour)
            painter.drawText(
                rect.adjusted(2, 1, -4, -1),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                str(found.count),
            )
        painter.restore()


class Legend(QLabel):
    """Each kind's mark and name, wrapping to the width; then what the number and frame mean."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        themed(self, "color: $muted;")
        self.refresh()

    def refresh(self) -> None:
        entries = [
            f"<span style='color:{kind_colour(kind).name()}'>●</span>&nbsp;{kind_names()[kind]}" for kind in KINDS
        ]
        red = foreground(SEVERITY_TEXT["overdue"]).name()
        notes = self.tr("右下角数字：当天事项数（<span style='color:{}'>红色</span>＝有逾期）；方框：今天").format(red)
        self.setText("&nbsp;&nbsp; ".join(entries) + "<br>" + notes)
