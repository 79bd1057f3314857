"""The insights page's charts, painted with QPainter (QtCharts is not in PySide6-Essentials).

:class:`BarChart` draws labelled horizontal bars, each with its caption (count, amount or share)
and a click on a bar's row emits that bar's key. With no bar (or
only empty ones) it shows its hint instead. :class:`LorenzChart` draws the Lorenz curve against
the line of equality; a click on it emits its one key (the top 20 %).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from rm_desktop.ui.widgets.theme import STATUS, foreground

ROW = 26  # pixels per bar
MARGIN = 8


@dataclass(frozen=True)
class ChartBar:
    key: str  # the figures' bar key, emitted on click
    label: str
    value: float  # the bar's length, relative to the largest
    caption: str  # the numbers shown after the bar
    clickable: bool = True


class _Chart(QWidget):
    clicked = Signal(str)

    def __init__(self, hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint = hint
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def _colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        palette = self.palette()
        return (
            palette.color(QPalette.ColorRole.Base),
            palette.color(QPalette.ColorRole.Text),
            foreground("#777777", palette),
            foreground(STATUS["accent"], palette),
        )

    def _paint_hint(self, painter: QPainter, muted: QColor) -> None:
        painter.setPen(muted)
        painter.drawText(
            QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.hint,
        )


class BarChart(_Chart):
    """``zero_is_empty``: bars that are all 0 (an empty book's tiers) show the hint; off for a
    chart whose 0 is a finding (a month where nothing was kept)."""

    def __init__(self, hint: str, parent: QWidget | None = None, *, zero_is_empty: bool = True):
        super().__init__(hint, parent)
        self.zero_is_empty = zero_is_empty
        self.bars: list[ChartBar] = []
        self.setFixedHeight(ROW * 3)

    def set_bars(self, bars: list[ChartBar]) -> None:
        self.bars = list(bars)
        self.setFixedHeight(ROW * max(len(self.bars), 3) + 2 * MARGIN)
        self.update()

    @property
    def empty(self) -> bool:
        return not self.bars or (self.zero_is_empty and not any(bar.value > 0 for bar in self.bars))

    def row_rect(self, index: int) -> QRectF:
        """The row of the ``index``-th bar: its click target, so a short bar is as easy to click
        as a long one. Computed from the geometry, not from the last paint, so a bar scrolled out
        of view (never painted) can still be found."""
        return QRectF(MARGIN, MARGIN + index * ROW, max(self.width() - 2 * MARGIN, 1), ROW)

    def bar_rect(self, key: str) -> QRectF | None:
        """The click target of the bar of ``key`` (None without such a clickable bar)."""
        for index, bar in enumerate(self.bars):
            if bar.key == key and bar.clickable and not self.empty:
                return self.row_rect(index)
        return None

    def sizeHint(self) -> QSize:
        return QSize(420, self.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base, text, muted, accent = self._colours()
        painter.fillRect(self.rect(), base)
        if self.empty:
            self._paint_hint(painter, muted)
            painter.end()
            return
        metrics = painter.fontMetrics()
        label_w = max(metrics.horizontalAdvance(bar.label) for bar in self.bars) + 12
        caption_w = max(metrics.horizontalAdvance(bar.caption) for bar in self.bars) + 12
        scale_w = max(self.width() - 2 * MARGIN - label_w - caption_w, 20)
        largest = max(bar.value for bar in self.bars) or 1
        for index, bar in enumerate(self.bars):
            row = self.row_rect(index)
            painter.setPen(text)
            painter.drawText(
                QRectF(row.left(), row.top(), label_w - 8, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                bar.label,
            )
            width = max(scale_w * bar.value / largest, 2 if bar.value > 0 else 0)
            rect = QRectF(row.left() + label_w, row.top() + 4, width, ROW - 8)
            painter.fillRect(rect, accent if bar.clickable else muted)
            painter.setPen(muted)
            painter.drawText(
                QRectF(rect.right() + 6, row.top(), caption_w, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.caption,
            )
        painter.end()

    def _key_at(self, point: QPointF) -> str | None:
        if self.empty:
            return None
        for index, bar in enumerate(self.bars):
            if bar.clickable and self.row_rect(index).contains(point):
                return bar.key
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hand = self._key_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if hand else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        key = self._key_at(event.position())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(key)


class LorenzChart(_Chart):
    """The Lorenz curve; ``key`` is emitted on a click (the top 20 % of clients)."""

    def __init__(self, hint: str, key: str, parent: QWidget | None = None):
        super().__init__(hint, parent)
        self.key = key
        self.points: list[tuple[float, float]] = []
        self.setFixedHeight(180)

    def set_points(self, points: list[tuple[float, float]]) -> None:
        self.points = list(points)
        self.setCursor(Qt.CursorShape.PointingHandCursor if self.points else Qt.CursorShape.ArrowCursor)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 180)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base, _text, muted, accent = self._colours()
        painter.fillRect(self.rect(), base)
        if not self.points:
            self._paint_hint(painter, muted)
            painter.end()
            return
        side = min(self.width(), self.height()) - 2 * MARGIN
        box = QRectF(MARGIN, MARGIN, side, side)
        painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
        painter.drawRect(box)
        painter.drawLine(box.bottomLeft(), box.topRight())  # equality: every client holds the same

        def at(x: float, y: float) -> QPointF:
            return QPointF(box.left() + x * box.width(), box.bottom() - y * box.height())

        path = QPainterPath(at(*self.points[0]))
        for point in self.points[1:]:
            path.lineTo(at(*point))
        painter.setPen(QPen(accent, 2))
        painter.drawPath(path)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.points and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)
