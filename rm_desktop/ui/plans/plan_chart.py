"""The target-versus-current allocation chart: grouped horizontal bars, painted with QPainter.

QtCharts is not in PySide6-Essentials, and five pairs of bars need no chart library. The same
``paint_allocation`` draws the widget on screen and the image in the printed plan document.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

TARGET = QColor("#1f4e79")
CURRENT = QColor("#e67e22")
GRID = QColor("#d0d0d0")
MUTED = QColor("#777777")

Rows = Sequence[tuple[str, Decimal | None, Decimal | None]]  # (label, target %, current %)


def _percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return (format(value.normalize(), "f") if value else "0") + "%"


def paint_allocation(painter: QPainter, rect: QRectF, rows: Rows, target_label: str, current_label: str) -> None:
    """Draw the legend, a 0–100 % scale and one pair of bars per asset class inside ``rect``."""
    painter.save()
    metrics = painter.fontMetrics()
    line = metrics.height()
    label_w = max([metrics.horizontalAdvance(label) for label, _, _ in rows] + [40]) + 10
    value_w = metrics.horizontalAdvance("100.00%") + 8
    x0 = rect.left() + label_w
    scale_w = max(rect.width() - label_w - value_w, 10)
    legend_x = x0
    for color, text in ((TARGET, target_label), (CURRENT, current_label)):
        painter.fillRect(QRectF(legend_x, rect.top() + line * 0.25, line * 0.8, line * 0.6), color)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(
            QRectF(legend_x + line, rect.top(), 200, line),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )
        legend_x += line + metrics.horizontalAdvance(text) + 2 * line
    top, bottom = rect.top() + line * 1.6, rect.bottom() - line * 1.2
    pair_h = (bottom - top) / max(len(rows), 1)
    bar_h = min(pair_h * 0.34, line * 1.1)
    for tick in (0, 25, 50, 75, 100):
        x = x0 + scale_w * tick / 100
        painter.setPen(GRID)
        painter.drawLine(int(x), int(top), int(x), int(bottom))
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(x - 30, bottom + 2, 60, line), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, f"{tick}%"
        )
    for k, (label, target, current) in enumerate(rows):
        y = top + k * pair_h + (pair_h - 2 * bar_h) / 2
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(
            QRectF(rect.left(), y, label_w - 8, 2 * bar_h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            label,
        )
        for offset, color, value in ((0, TARGET, target), (bar_h, CURRENT, current)):
            width = scale_w * min(float(value or 0), 100) / 100
            painter.fillRect(QRectF(x0, y + offset + 1, width, bar_h - 2), color)
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(x0 + width + 4, y + offset, value_w, bar_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                _percent(value),
            )
    painter.restore()


def allocation_image(rows: Rows, target_label: str, current_label: str, size: QSize, font: QFont) -> QImage:
    """The chart as an image (for the printed document)."""
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    paint_allocation(painter, QRectF(0, 0, size.width(), size.height()), rows, target_label, current_label)
    painter.end()
    return image


class AllocationChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: Rows = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: Rows) -> None:
        self.rows = list(rows)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 260)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.rows:
            paint_allocation(
                painter, QRectF(self.rect().adjusted(8, 8, -8, -8)), self.rows, self.tr("目标配置"), self.tr("当前持仓")
            )
        else:
            painter.setPen(MUTED)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("填写目标配置后，这里会对比目标与当前持仓")
            )
        painter.end()
