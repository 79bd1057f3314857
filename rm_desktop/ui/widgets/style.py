"""The application's look, applied once at start (app.py): a light or dark palette by the system's
colour scheme (or the user's choice in QSettings), and the one style sheet resources/style/app.qss
with its ``$tone`` colours filled from that palette (ui/widgets/theme.py).

A platform style that keeps a light palette while the system is dark (Windows 10's
"windowsvista", a Linux desktop without a platform theme) gives way to Fusion with
:func:`dark_palette`, so dark mode is dark everywhere. A scheme change while the app runs
applies all of it again.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from rm_desktop.ui.widgets import theme
from rm_desktop.ui.widgets.qt_i18n import RESOURCES_DIR

STYLE_FILE = RESOURCES_DIR / "style" / "app.qss"
SCHEME_KEY = "ui/color_scheme"  # QSettings: "system" (default), "light" or "dark"
SCHEMES = ("system", "light", "dark")

Role = QPalette.ColorRole
# (role, light, dark): the few colours everything else is mixed from.
_COLOURS = (
    (Role.Window, "#f4f5f7", "#1f2124"),
    (Role.WindowText, "#1d1f23", "#e4e6e9"),
    (Role.Base, "#ffffff", "#17181b"),
    (Role.AlternateBase, "#f7f8fa", "#25272b"),
    (Role.Text, "#1d1f23", "#e4e6e9"),
    (Role.Button, "#f4f5f7", "#2a2d31"),
    (Role.ButtonText, "#1d1f23", "#e4e6e9"),
    (Role.Highlight, "#1f4e79", "#3d78bf"),
    (Role.HighlightedText, "#ffffff", "#ffffff"),
    (Role.ToolTipBase, "#ffffff", "#2a2d31"),
    (Role.ToolTipText, "#1d1f23", "#e4e6e9"),
    (Role.PlaceholderText, "#6b7078", "#8d929a"),
    (Role.Link, "#1f5fa8", "#8ab8f0"),
    (Role.BrightText, "#c0392b", "#ff8a80"),
    (Role.Light, "#ffffff", "#3a3d42"),
    (Role.Midlight, "#e6e8eb", "#303338"),
    (Role.Mid, "#c4c8ce", "#4a4e55"),
    (Role.Dark, "#9aa0a8", "#111214"),
    (Role.Shadow, "#50545a", "#000000"),
)
_DISABLED_TEXT = ("#8a8f96", "#6f737a")


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, light, dark_colour in _COLOURS:
        palette.setColor(role, QColor(dark_colour if dark else light))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[dark]))
    return palette


def dark_palette() -> QPalette:
    return _palette(dark=True)


def light_palette() -> QPalette:
    return _palette(dark=False)


ROLES = ("title", "section", "strong", "caption", "banner")  # the QLabel[role=…] rules of app.qss


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` a step of the type scale (or the banner look) from app.qss."""
    if role not in ROLES:
        raise ValueError(f"no style role {role!r}; app.qss has {', '.join(ROLES)}")
    widget.setProperty("role", role)
    widget.style().unpolish(widget)  # (a property set after polishing is seen only on a re-polish)
    widget.style().polish(widget)


def saved_scheme() -> str:
    value = str(QSettings().value(SCHEME_KEY, "system"))
    return value if value in SCHEMES else "system"


def save_scheme(choice: str) -> None:
    """The user's choice (设置 › 外观 › 配色), kept in QSettings: needed before unlock."""
    if choice not in SCHEMES:
        raise ValueError(f"colour scheme {choice!r} is not one of {SCHEMES}")
    QSettings().setValue(SCHEME_KEY, choice)


def wanted_scheme(app: QApplication) -> Qt.ColorScheme:
    """The user's choice, else the system's (Unknown where the platform does not say: light)."""
    choice = saved_scheme()
    if choice == "dark":
        return Qt.ColorScheme.Dark
    if choice == "light":
        return Qt.ColorScheme.Light
    return app.styleHints().colorScheme()


def sheet(palette: QPalette | None = None) -> str:
    """app.qss with its colours for ``palette`` (the application's by default)."""
    return theme.render(STYLE_FILE.read_text(encoding="utf-8"), palette)


def apply(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Palette for ``scheme`` (default :func:`wanted_scheme`), then the style sheet for it."""
    scheme = wanted_scheme(app) if scheme is None else scheme
    dark = theme.is_dark(app.palette())
    if scheme == Qt.ColorScheme.Dark and not dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif scheme != Qt.ColorScheme.Dark and dark and (scheme == Qt.ColorScheme.Light or _ours(app)):
        app.setStyle("Fusion")  # the user chose light on a dark system, or the system went light
        app.setPalette(light_palette())
    app.setStyleSheet(sheet(app.palette()))
    if not app.property("rmStyleFollows"):
        app.setProperty("rmStyleFollows", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply(app))


def _ours(app: QApplication) -> bool:
    """The palette is :func:`dark_palette` (set by us, so ours to undo)."""
    return app.palette().color(Role.Window) == dark_palette().color(Role.Window)
