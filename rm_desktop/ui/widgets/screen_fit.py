"""Top-level windows sized to the screen they open on.

At 150 % display scaling a 1920×1080 screen leaves about 1280×672 logical pixels above the
taskbar (a 1366×768 laptop at 125 % even less), so a window asks for the size it would like and
gets at most what fits, with a margin and room for the title bar: its buttons stay above the
taskbar. A geometry restored from QSettings (saved on a larger screen, or at a lower scaling) is
clamped the same way.

The work area is looked up by :func:`available_geometry`; every function also takes it as a
parameter (tests pass a 1280×672 rectangle, or patch the lookup)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 12  # logical pixels kept free on each side of a window
# What the window manager adds around the client area: Windows 10/11 draw a ~31 px title bar at
# 150 % and resize borders of 8 px (mostly invisible, but counted in the frame).
FRAME = QSize(16, 40)
SMALLEST = QSize(320, 240)  # never shrink a window below this, whatever the screen says


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The work area (the screen less the taskbar) of the screen ``widget`` is on, else of the
    primary screen; an empty rectangle when there is no screen at all."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect()


def room(available: QRect) -> QSize:
    """The largest client area whose window (frame included) fits ``available`` with the margin."""
    return QSize(
        max(available.width() - 2 * MARGIN - FRAME.width(), SMALLEST.width()),
        max(available.height() - 2 * MARGIN - FRAME.height(), SMALLEST.height()),
    )


def _area(widget: QWidget, available: QRect | None) -> QRect | None:
    area = available if available is not None else available_geometry(widget)
    return area if area.isValid() else None


def _allow(widget: QWidget, size: QSize) -> None:
    """Lower a minimum size larger than ``size`` (a minimum bigger than the screen would push
    the window's bottom, and its buttons, under the taskbar)."""
    minimum = widget.minimumSize()
    if minimum.width() > size.width() or minimum.height() > size.height():
        widget.setMinimumSize(minimum.boundedTo(size))


def _centred(size: QSize, area: QRect) -> QPoint:
    """Where a window of client ``size`` goes so that its frame is centred in ``area``."""
    outer = size + FRAME
    return QPoint(
        area.x() + max((area.width() - outer.width()) // 2, 0),
        area.y() + max((area.height() - outer.height()) // 2, 0),
    )


def fit_to_screen(widget: QWidget, width: int, height: int, available: QRect | None = None) -> QSize:
    """Resize the top-level ``widget`` to ``width``×``height``, or to what fits the work area.

    A window without a parent is centred in the work area; a dialog is left for Qt to place
    over its parent (kept on the screen). Returns the size given."""
    area = _area(widget, available)
    size = QSize(width, height)
    if area is not None:
        size = size.boundedTo(room(area))
        _allow(widget, size)
    widget.resize(size)
    if area is not None and widget.parentWidget() is None:
        widget.move(_centred(size, area))
    return size


def clamp_to_screen(widget: QWidget, available: QRect | None = None) -> None:
    """After ``restoreGeometry``: a window larger than the work area shrinks to fit it, and one
    reaching past it (a screen since disconnected, a lower resolution) moves back onto it,
    centred. A maximised or full-screen window is left as it is (the system fits those)."""
    area = _area(widget, available)
    state = widget.windowState()
    if area is None or state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    size = widget.size().boundedTo(room(area))
    _allow(widget, size)
    if size != widget.size():
        widget.resize(size)
    outer = QRect(widget.pos(), size + FRAME)
    if not area.contains(outer):
        widget.move(_centred(size, area))
