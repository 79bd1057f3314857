"""What the reminder views share: kind and section names, severity colours, privacy masking,
the empty-state hint over a view.

Names go through Qt translation (context "Reminders"); the engine's own titles come already in
the current language from the Qt-free layer. In 客户在场 mode a client's name in a title is
shown as pinyin initials (王小明 → W.X.M.), so another client's name never shows on screen.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout

from rm_desktop.domain.pinyin import client_initials
from rm_desktop.domain.reminders import SEVERITY_NORMAL, SEVERITY_OVERDUE, SEVERITY_WARNING, Reminder
from rm_desktop.ui.widgets.theme import palette_of, readable, themed

RED = QColor("#c0392b")
YELLOW = QColor("#b9770e")  # amber text reads better than pure yellow on white
YELLOW_FILL = QColor("#fdf2d0")
RED_FILL = QColor("#fadbd8")
SEVERITY_TEXT = {SEVERITY_OVERDUE: RED, SEVERITY_WARNING: YELLOW}
SEVERITY_FILL = {SEVERITY_OVERDUE: RED_FILL, SEVERITY_WARNING: YELLOW_FILL}

# One colour per kind: the calendar's legend, month dots, week chips and day-list headers. Light
# mode values; kind_colour() moves them just far enough to stand out on a dark palette.
KIND_COLOURS = {
    "follow_up": "#d35400",
    "appointment": "#1f6fb2",
    "maturity": "#8e44ad",
    "risk_expiry": "#a04000",
    "cadence": "#16a085",
    "plan_review": "#2e7d32",
    "birthday": "#d81b60",
    "festival": "#b7950b",
    "custom": "#5b6b82",
}
GRAPHIC_CONTRAST = 3.0  # WCAG non-text contrast: a dot or bar against the page

REMINDER_ROLE = Qt.ItemDataRole.UserRole + 10  # the Reminder of a row (None for a group row)
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 11
SORT_ROLE = Qt.ItemDataRole.UserRole


def kind_names() -> dict[str, str]:
    # Literal calls so that lupdate finds every string.
    return {
        "follow_up": QCoreApplication.translate("Reminders", "跟进"),
        "appointment": QCoreApplication.translate("Reminders", "约见"),
        "maturity": QCoreApplication.translate("Reminders", "产品到期"),
        "risk_expiry": QCoreApplication.translate("Reminders", "风险测评到期"),
        "cadence": QCoreApplication.translate("Reminders", "定期联系"),
        "plan_review": QCoreApplication.translate("Reminders", "规划回顾"),
        "birthday": QCoreApplication.translate("Reminders", "生日"),
        "festival": QCoreApplication.translate("Reminders", "节日问候"),
        "custom": QCoreApplication.translate("Reminders", "自定义提醒"),
    }


def section_names() -> dict[str, str]:
    return {
        "overdue": QCoreApplication.translate("Reminders", "已逾期"),
        "today": QCoreApplication.translate("Reminders", "今天"),
        "upcoming": QCoreApplication.translate("Reminders", "提前准备"),
    }


def weekday_name(day) -> str:
    names = (
        QCoreApplication.translate("Reminders", "星期一"),
        QCoreApplication.translate("Reminders", "星期二"),
        QCoreApplication.translate("Reminders", "星期三"),
        QCoreApplication.translate("Reminders", "星期四"),
        QCoreApplication.translate("Reminders", "星期五"),
        QCoreApplication.translate("Reminders", "星期六"),
        QCoreApplication.translate("Reminders", "星期日"),
    )
    return names[day.weekday()]


def short_date(day) -> str:
    return QCoreApplication.translate("Reminders", "{}月{}日").format(day.month, day.day)


@functools.lru_cache(maxsize=4096)
def _initials(name: str) -> str:
    return client_initials(name)


def shown_name(name: str, client_present: bool) -> str:
    return _initials(name) if client_present and name else name


def shown_text(text: str, client_name: str, client_present: bool) -> str:
    """``text`` with the client's name as initials in 客户在场 mode."""
    if client_present and client_name:
        return text.replace(client_name, _initials(client_name))
    return text


def shown_title(reminder: Reminder, client_present: bool) -> str:
    return shown_text(reminder.title, reminder.client_name, client_present)


def shown_detail(reminder: Reminder, client_present: bool) -> str:
    # Details can hold a follow-up's next step or a meeting place: not for the client's eyes.
    return "" if client_present and reminder.client_id is not None else reminder.detail


def severity_icons() -> dict[str, QIcon]:
    """Small filled dots: red for overdue, amber for due now, grey otherwise. Each model keeps
    its own (a module-level QIcon would outlive the QApplication at exit)."""
    icons = {}
    for severity in (SEVERITY_NORMAL, SEVERITY_WARNING, SEVERITY_OVERDUE):
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SEVERITY_TEXT.get(severity, QColor("#b0b7c3")))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icons[severity] = QIcon(pixmap)
    return icons


def kind_colour(kind: str) -> QColor:
    """The kind's colour, readable as a mark on the palette's base (light or dark)."""
    base = palette_of().color(QPalette.ColorRole.Base)
    return readable(KIND_COLOURS.get(kind, "#5b6b82"), base, ratio=GRAPHIC_CONTRAST)


def kind_icons() -> dict[str, QIcon]:
    """A round mark per kind, in its colour (each model keeps its own, see severity_icons)."""
    icons = {}
    for kind in KIND_COLOURS:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(kind_colour(kind))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icons[kind] = QIcon(pixmap)
    return icons


def overlay(view: QAbstractItemView) -> QLabel:
    """A hint centred over an empty view (laid out on its viewport, so it follows resizes)."""
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    themed(label, "color: $muted; font-size: 14px; padding: 24px; background: transparent;")
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    layout = QVBoxLayout(view.viewport())
    layout.addWidget(label)
    label.hide()
    return label
