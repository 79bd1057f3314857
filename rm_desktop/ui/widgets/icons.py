"""The app's icons: action names → Tabler outline SVGs (MIT, resources/icons/tabler/LICENSE).

The SVGs draw with ``currentColor``: :func:`icon` fills it with the palette's text colour (the
selection's for a selected navigation row, the disabled text's for a disabled action), so an
icon reads in light and dark mode alike. An icon is drawn when it is first painted, at the size
and scale asked (nothing is rendered before the first paint). :func:`bind` sets an icon on an
action, button or list item and sets it again when the application palette changes. Only
QtSvg's renderer is used (no image-format or icon-engine plugin to bundle).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication, QListWidget, QListWidgetItem

from rm_desktop.ui.widgets import theme
from rm_desktop.ui.widgets.qt_i18n import RESOURCES_DIR

ICON_DIR = RESOURCES_DIR / "icons" / "tabler"

# One name per thing the user can do or go to; the value is the Tabler file (without .svg).
ICONS: dict[str, str] = {
    # navigation areas (MainWindow._page_list keys)
    "today": "checklist",
    "insights": "chart-bar",
    "clients": "users",
    "sales": "target",
    "calendar": "calendar",
    "scripts": "message-2",
    "plans": "report-money",
    "exchange": "arrows-exchange",
    "service": "alert-triangle",
    "events": "confetti",  # a salon, not a second calendar beside 日历
    "reports": "report-analytics",
    "settings": "settings",
    # toolbar and menu actions
    "contact": "message-plus",
    "present": "eye-off",
    "lock": "lock",
    "backup": "database-export",
    # main actions on the pages
    "new": "plus",
    "new_client": "user-plus",
    "search": "search",
    "save": "device-floppy",
    "delete": "trash",
    "edit": "edit",
    "copy": "copy",
    "print": "printer",
    "export": "file-export",
    "import": "file-import",
    "undo": "arrow-back-up",
    "restore": "history",
    "password": "key",
    "integrity": "shield-check",
    "warning": "alert-triangle",
    "info": "info-circle",
    "close": "x",
}


def path_of(name: str) -> Path:
    """The SVG file of ``name`` (KeyError for a name :data:`ICONS` does not know)."""
    return ICON_DIR / f"{ICONS[name]}.svg"


def broken() -> list[str]:
    """Names whose file is missing or is not an SVG that QtSvg can draw (the self-test asks)."""
    found = []
    for name in ICONS:
        try:
            valid = QSvgRenderer(QByteArray(_svg(name).encode())).isValid()
        except OSError:
            valid = False
        if not valid:
            found.append(name)
    return found


@lru_cache(maxsize=64)
def _svg(name: str) -> str:
    return path_of(name).read_text(encoding="utf-8")


@lru_cache(maxsize=256)
def _renderer(name: str, rgba: int) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace("currentColor", QColor.fromRgba(rgba).name()).encode()))


@lru_cache(maxsize=512)
def _drawn(name: str, rgba: int, width: int, height: int) -> QPixmap:
    """``name`` in the colour ``rgba``, ``width`` × ``height`` device pixels."""
    pixmap = QPixmap(max(width, 1), max(height, 1))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    _renderer(name, rgba).render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    return pixmap


class _SvgEngine(QIconEngine):
    """Draws its SVG when and at the size an icon is first painted, not when it is made: the
    window's icons cost nothing before its first paint (issue 19). Colours per mode are fixed
    at creation; :func:`refresh` makes new icons when the palette changes."""

    def __init__(self, name: str, colours: tuple[int, int, int]):
        super().__init__()
        self.name, self.colours = name, colours  # normal, selected, disabled

    def _rgba(self, mode: QIcon.Mode) -> int:
        if mode == QIcon.Mode.Selected:
            return self.colours[1]
        return self.colours[2] if mode == QIcon.Mode.Disabled else self.colours[0]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return _drawn(self.name, self._rgba(mode), size.width(), size.height())

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(_drawn(self.name, self._rgba(mode), round(size.width() * scale), round(size.height() * scale)))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatio() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def clone(self) -> QIconEngine:
        return _keep(_SvgEngine(self.name, self.colours))

    def isNull(self) -> bool:
        return False


_engines: list[_SvgEngine] = []


def _keep(engine: _SvgEngine) -> _SvgEngine:
    # The QIcon owns its engine in C++; the Python side is kept too, so that the wrapper whose
    # methods Qt calls cannot be collected under it. One per name and palette (and rare clones).
    _engines.append(engine)
    return engine


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """``name``'s icon in ``palette``'s colours (the application's by default)."""
    palette = palette or QApplication.palette()
    colours = (
        palette.color(QPalette.ColorRole.WindowText).rgba(),
        QColor(theme.tones(palette)["selection_text"]).rgba(),  # as app.qss colours a selected row
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).rgba(),
    )
    return _icon(name, colours)


@lru_cache(maxsize=128)
def _icon(name: str, colours: tuple[int, int, int]) -> QIcon:
    return QIcon(_keep(_SvgEngine(name, colours)))


Target = QAction | QAbstractButton | QListWidgetItem
# (the QObject whose deletion ends the entry, how to set the icon, the name). A list item is no
# QObject and its Python wrapper does not learn of its deletion: it is reached through its list
# and row instead, and the list (a QObject) tells when it is gone.
_bound: list[tuple[QObject, Callable[[QIcon], None], str]] = []


def bind(target: Target, name: str) -> None:
    """Give ``target`` the icon ``name``, set again whenever the application palette changes.
    A list item must already be in its list."""
    path_of(name)  # an unknown name fails here, where it is written
    target.setIcon(icon(name))
    if isinstance(target, QListWidgetItem):
        owner = target.listWidget()
        if owner is None:
            raise ValueError("bind a list item after adding it to its list")
        entry: tuple[QObject, Callable[[QIcon], None], str] = (
            owner,
            partial(_set_item_icon, owner, owner.row(target)),
            name,
        )
    else:
        entry = (target, target.setIcon, name)
    _bound[:] = [e for e in _bound if shiboken6.isValid(e[0])]
    _bound.append(entry)
    _PaletteWatch.ensure()


def _set_item_icon(owner: QListWidget, row: int, value: QIcon) -> None:
    item = owner.item(row)
    if item is not None:
        item.setIcon(value)


def refresh() -> int:
    """Set every bound icon again from the current palette; returns how many are still alive."""
    _bound[:] = [e for e in _bound if shiboken6.isValid(e[0])]
    for _owner, setter, name in _bound:
        setter(icon(name))
    return len(_bound)


class _PaletteWatch:
    """A palette change (dark mode switched on) refreshes the icons. Through the application's
    paletteChanged signal (deprecated since Qt 6.0 for the ApplicationPaletteChange event, still
    emitted wherever the palette changes: set by code or by the system's theme), not an event
    filter on the application: with one installed every event goes through Python, and before
    the first paint it cost the start ~35 ms (ui/shell/first_paint.py says why)."""

    app: QApplication | None = None  # the one connected

    @classmethod
    def ensure(cls) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and app is not cls.app:
            app.paletteChanged.connect(_palette_changed)
            cls.app = app


def _palette_changed(_palette: QPalette) -> None:
    refresh()
