"""The main window's status bar: calm permanent areas, not a log.

Left, one short transient message (:meth:`StatusArea.say`): a new one replaces the last, none
stays longer than :data:`SHORT_MS`, and only its first line is shown. Right, permanent areas:
a notice kept until it is read (a long message, e.g. the keyring is unavailable: a button that
opens it in a dialog), today's counts (a button that opens 今日), the vault state and the demo
notice. Failures are not status lines at all: :meth:`StatusArea.problem` shows a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QToolButton

from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.theme import themed

SHORT_MS = 5000  # long enough to read a line, short enough not to be taken for a state
LONG_SHARE = 0.5  # a message wider than half the bar is a notice, not a status line


class StatusArea(QObject):
    open_today = Signal()

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.bar = window.statusBar()
        self.bar.setSizeGripEnabled(False)
        self.notice_button = self._button("warning", self._show_notice)
        self.notice_text = ""
        self.counts_button = self._button("today", self.open_today.emit)
        self.state_label = QLabel()
        self.demo_label = QLabel()  # a demo vault: said, with its password, on every page (issue 14.3)
        themed(self.demo_label, "color: $warning; font-weight: 600;")
        self.demo_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_label.setVisible(False)
        for widget in (self.notice_button, self.counts_button, self.state_label, self.demo_label):
            self.bar.addPermanentWidget(widget)

    def _button(self, icon_name: str, slot) -> QToolButton:
        button = QToolButton()
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons.bind(button, icon_name)
        button.clicked.connect(slot)
        button.setVisible(False)
        return button

    # -- transient -------------------------------------------------------------------------
    def say(self, text: str, ms: int = SHORT_MS) -> None:
        """One short line for a few seconds; a long or multi-line text becomes the notice."""
        text = text.strip()
        too_wide = self.bar.fontMetrics().horizontalAdvance(text) > max(self.bar.width() * LONG_SHARE, 320)
        if too_wide or "\n" in text:
            self.set_notice(text)
            return
        self.bar.showMessage(text, min(ms, SHORT_MS))

    def problem(self, text: str, title: str | None = None) -> None:
        """A failure the user must read: a dialog, not a line that scrolls away."""
        QMessageBox.warning(self.window, title or self.tr("出现问题"), text)

    # -- permanent areas ---------------------------------------------------------------------
    def set_state(self, text: str) -> None:
        self.state_label.setText(text)

    def set_counts(self, text: str | None, tooltip: str = "") -> None:
        """Today's counts (counts only, never client names: the bar is seen by whoever sits near)."""
        self.counts_button.setText(text or "")
        self.counts_button.setToolTip(tooltip)
        self.counts_button.setVisible(bool(text))

    def show_reminders(self, title: str, body: str) -> None:
        """A reminder notification's counts line (ui/reminders/notifier); its other lines may
        name clients and stay out of the bar."""
        self.set_counts(self.tr("{}：{}").format(title, body.splitlines()[0]) if body else None)

    def set_notice(self, text: str | None) -> None:
        """A message kept until read: its first words on a button, the whole in a dialog."""
        self.notice_text = (text or "").strip()
        first = self.notice_text.splitlines()[0] if self.notice_text else ""
        short = first if len(first) <= 24 else first[:23] + "…"
        self.notice_button.setText(short)
        self.notice_button.setToolTip(self.notice_text)
        self.notice_button.setVisible(bool(self.notice_text))

    def _show_notice(self) -> None:
        text = self.notice_text
        self.set_notice(None)  # read: it goes
        if text:
            QMessageBox.information(self.window, self.tr("提示"), text)

    def clear(self) -> None:
        """At a lock: nothing of the session stays in the bar (the demo notice does)."""
        self.bar.clearMessage()
        self.set_counts(None)
        self.set_notice(None)
