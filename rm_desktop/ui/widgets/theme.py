"""Colours that follow the palette, so that light and dark mode both read.

A style sheet names its colours as ``$tone`` placeholders (:data:`TONES`): :func:`themed` fills
them from the application palette and fills them again when the palette changes (Windows
switching to dark mode while the app runs). Backgrounds are palette roles (``$base``,
``$window``) or mixes of them (``$panel``); text colours are the palette's, or a status colour
(``$error`` …) lightened or darkened just enough to read on the window and on a card (WCAG
contrast 4.5).
Item models colour their cells through :func:`foreground` and :func:`fill` at ``data()`` time.
"""

from __future__ import annotations

from functools import lru_cache
from string import Template
from typing import overload

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

READABLE = 4.5  # WCAG AA contrast for body text

# The light-mode colours of the status tones; on another palette they are adjusted to read.
STATUS = {
    "error": "#c0392b",
    "warning": "#8a6d3b",
    "success": "#2e7d32",
    "accent": "#1f4e79",
}


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (sRGB)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """``a`` moved ``share_of_b`` (0–1) of the way toward ``b``."""
    t = min(max(share_of_b, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def palette_of(widget: QWidget | None = None) -> QPalette:
    """The application's palette for ``widget``'s class (not the widget's own, which its style
    sheet has already coloured)."""
    return QApplication.palette(widget) if widget is not None else QApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or palette_of()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def readable(colour: QColor | str, *backgrounds: QColor, ratio: float = READABLE) -> QColor:
    """``colour`` if it reads on each of ``backgrounds`` (alike: all light or all dark), else
    moved toward white or black (whichever contrasts more with the first) just far enough."""
    colour = QColor(colour)
    white, black = QColor("#ffffff"), QColor("#000000")
    target = white if contrast(white, backgrounds[0]) >= contrast(black, backgrounds[0]) else black
    for step in range(21):
        candidate = mix(colour, target, step / 20)
        if all(contrast(candidate, background) >= ratio for background in backgrounds):
            return candidate
    return target


@overload
def foreground(colour: QColor | str, palette: QPalette | None = None) -> QColor: ...
@overload
def foreground(colour: None, palette: QPalette | None = None) -> None: ...
def foreground(colour: QColor | str | None, palette: QPalette | None = None) -> QColor | None:
    """A status colour for text in a view (cells, lists, a label on the window): ``colour``, or
    the nearest one that reads on the palette's base and window. None stays None (an item
    model's "no colour")."""
    if colour is None:
        return None
    palette = palette or palette_of()
    key = (
        QColor(colour).rgba(),
        palette.color(QPalette.ColorRole.Base).rgba(),
        palette.color(QPalette.ColorRole.Window).rgba(),
    )
    return QColor.fromRgba(_foreground(*key))


@lru_cache(maxsize=256)
def _foreground(colour: int, base: int, window: int) -> int:
    return readable(QColor.fromRgba(colour), QColor.fromRgba(base), QColor.fromRgba(window)).rgba()


@overload
def fill(colour: QColor | str, palette: QPalette | None = None) -> QColor: ...
@overload
def fill(colour: None, palette: QPalette | None = None) -> None: ...
def fill(colour: QColor | str | None, palette: QPalette | None = None) -> QColor | None:
    """A pale highlight behind a cell's text (problem, added, copied …): as given under dark
    text; under light text (dark mode) the same hue, dark enough for that text to read on it.
    None stays None."""
    if colour is None:
        return None
    palette = palette or palette_of()
    return QColor.fromRgba(_fill(QColor(colour).rgba(), palette.color(QPalette.ColorRole.Text).rgba()))


@lru_cache(maxsize=256)
def _fill(rgba: int, text_rgba: int) -> int:
    colour, text = QColor.fromRgba(rgba), QColor.fromRgba(text_rgba)
    if contrast(colour, text) >= READABLE:
        return colour.rgba()
    hue, saturation = colour.hslHueF(), colour.hslSaturationF()  # (hue -1 for a grey)
    lightness = 0.24
    shade = QColor.fromHslF(max(hue, 0.0), min(saturation, 0.5), lightness)
    while contrast(shade, text) < READABLE and lightness > 0.05:
        lightness -= 0.03
        shade = QColor.fromHslF(max(hue, 0.0), min(saturation, 0.5), lightness)
    return shade.rgba()


def tones(palette: QPalette) -> dict[str, str]:
    """The colours a style sheet can name as ``$tone``, for ``palette``."""
    roles = (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.Highlight,
    )
    return dict(_tones(*(palette.color(role).rgba() for role in roles)))


@lru_cache(maxsize=16)
def _tones(window_rgba: int, text_rgba: int, base_rgba: int, highlight_rgba: int) -> tuple[tuple[str, str], ...]:
    window, text = QColor.fromRgba(window_rgba), QColor.fromRgba(text_rgba)
    base, highlight = QColor.fromRgba(base_rgba), QColor.fromRgba(highlight_rgba)
    # captions, paths, hints: as far toward the window as still reads (the text itself at worst)
    muted = next(
        (
            mix(text, window, share)
            for share in (0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1)
            if min(contrast(mix(text, window, share), window), contrast(mix(text, window, share), base)) >= READABLE
        ),
        text,
    )
    selection = mix(highlight, base, 0.78)
    found = {
        "window": window,
        "base": base,
        "text": text,
        "muted": muted,
        "panel": mix(window, base, 0.5),  # a card or the navigation, set off from the window
        "border": mix(text, window, 0.84),
        "selection": selection,
        "selection_text": readable(highlight, selection),
    }
    # on the window and on a card (base) alike
    found |= {name: readable(colour, window, base) for name, colour in STATUS.items()}
    return tuple((name, colour.name()) for name, colour in found.items())


TONES = ("window", "base", "text", "muted", "panel", "border", "selection", "selection_text", *STATUS)


def render(sheet: str, palette: QPalette | None = None) -> str:
    """``sheet`` with its ``$tone`` placeholders filled (an unknown one raises KeyError)."""
    return Template(sheet).substitute(tones(palette or palette_of()))


class _Restyle(QObject):
    """A widget's ``$tone`` sheet, filled again from the current palette by :meth:`apply`
    (called by its window's :class:`_WindowWatch`)."""

    def __init__(self, widget: QWidget, sheet: str):
        super().__init__(widget)
        self.setObjectName("themedStyle")
        self.widget, self.sheet = widget, sheet
        if not widget.isVisible():
            widget.installEventFilter(self)  # until its first showing, see eventFilter

    def apply(self) -> None:
        sheet = render(self.sheet, palette_of(self.widget))
        if sheet != self.widget.styleSheet():
            self.widget.setStyleSheet(sheet)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Shown, the widget is in the window it stays in (built, it may not have had a parent yet):
        # that window is watched from now on, and this filter is no longer needed.
        if watched is self.widget and event.type() == QEvent.Type.Show:
            self.widget.removeEventFilter(self)
            _watch(self.widget.window())
            self.apply()  # (the palette may have changed before it was shown)
        return False


class _WindowWatch(QObject):
    """On a window: when the application palette changes, every themed widget in it, shown or
    hidden, is filled again. (A widget with a style sheet hears no palette change itself; a
    window is sent ApplicationPaletteChange.)"""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("themeWatch")
        self.watched_window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.watched_window and event.type() == QEvent.Type.ApplicationPaletteChange:
            for restyle in self.watched_window.findChildren(_Restyle):
                restyle.apply()
        return False


def _watch(window: QWidget) -> None:
    if window.findChild(_WindowWatch, "themeWatch", Qt.FindChildOption.FindDirectChildrenOnly) is None:
        _WindowWatch(window)


def themed(widget: QWidget, sheet: str) -> None:
    """Give ``widget`` the style sheet ``sheet`` (``$tone`` placeholders, see :data:`TONES`),
    kept in step with the palette. Calling it again replaces the sheet."""
    render(sheet, palette_of(widget))  # an unknown $tone raises here, not at a later palette change
    restyle = widget.findChild(_Restyle, "themedStyle", Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(restyle, _Restyle):
        restyle.sheet = sheet
    else:
        restyle = _Restyle(widget, sheet)
    if widget.isVisible():  # already in its window (no showing to wait for)
        _watch(widget.window())
    restyle.apply()
