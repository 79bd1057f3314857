"""Reminder notifications: a tray icon and a desktop notification at unlock and at set times.

Wiring (main window / app): ``notifier = ReminderNotifier(privacy, window)``;
``session.unlocked.connect(notifier.start)``; ``session.locked.connect(notifier.stop)``;
``notifier.open_today.connect(<show the window on the 今日 page>)``.

The counts are the worklist's day figures (services/worklist/summary), the same the 今日 page's
header and band show: the page hands its figures over after every action (``show_figures``),
so the tray's tooltip never disagrees with the page; the notifier computes them itself only at
unlock and at the set times.

Privacy: a notification says counts only — overdue, today, appointments, and the open items by
kind ("生日 2、产品到期 1") — because Windows keeps it in the notification center, readable after the
vault locks. Only with the setting ``reminder_notify_names`` (off by default, in 设置) does it also
name the first few items (they carry client names), and then only while unlocked and not in
客户在场 mode; without the setting no title is even kept here. On lock the titles are dropped at
once; only the numbers are kept, and the set times (the setting ``reminder_notify_times``) keep
firing with those numbers ("unlock to see them"). Without a system tray (e.g. offscreen) the same
text is still emitted through ``notified``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from rm_desktop.services.reminders.settings import notify_client_names, notify_times
from rm_desktop.ui.widgets.pages import LatestOnly
from rm_desktop.ui.widgets.privacy import Privacy

if TYPE_CHECKING:
    from rm_desktop.services.vault.lifecycle import Vault
    from rm_desktop.services.worklist.summary import DayFigures


def day_figures(vault: Vault, today: dt.date) -> DayFigures:
    """The worklist's figures, imported at the first refresh (seconds after the unlock, off the
    UI thread): the worklist builder's modules are not on the start-up's path (issue 19.1)."""
    from rm_desktop.services.worklist.summary import day_figures as compute

    return compute(vault, today)


def kind_label(kind: str) -> str:
    from rm_desktop.services.worklist.summary import kind_label as label

    return label(kind)


TICK_MS = 30_000
LATE_GRACE = dt.timedelta(minutes=15)  # a set time missed by more than this (asleep) is skipped
NAMED_ITEMS = 3


@dataclass
class Summary:
    """What a notification may say, from the day's figures. ``kinds`` are the open items by
    kind (in the worklist's order). ``titles`` hold client names: kept only when names may be
    shown (``names``), dropped when locking."""

    overdue: int = 0
    today: int = 0
    appointments: int = 0
    ahead: int = 0
    titles: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, day: DayFigures, names: bool = False) -> Summary:
        titles = list(day.titles[:NAMED_ITEMS]) if names else []
        return cls(day.overdue, day.due_today, len(day.appointments), day.ahead, titles, dict(day.by_kind))

    @property
    def total(self) -> int:
        return self.overdue + self.today + self.appointments + self.ahead


STARTUP_DELAY_MS = 5000


class ReminderNotifier(QObject):
    notified = Signal(str, str)  # title, body (as shown, or as it would be without a tray)
    # "今日提醒：逾期 …" (counts only) when the page's figures change the counts without a notification
    counts_changed = Signal(str)
    open_today = Signal()

    def __init__(
        self,
        privacy: Privacy,
        parent: QObject | None = None,
        *,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        compute: Callable = day_figures,
        startup_delay_ms: int = STARTUP_DELAY_MS,
    ):
        super().__init__(parent)
        self.privacy = privacy
        self.clock = clock
        self.compute = compute
        self.startup_delay_ms = startup_delay_ms
        self.vault: Vault | None = None
        self.summary: Summary | None = None
        self.names = False  # the setting reminder_notify_names, read with each refresh
        self.times: tuple[dt.time, ...] = ()
        self._fired: set[tuple[dt.date, dt.time]] = set()
        self._refreshes = LatestOnly()  # a refresh started before the lock is never shown
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = self._make_tray()

    def _make_tray(self) -> QSystemTrayIcon:
        app = QApplication.instance()
        icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
        tray = QSystemTrayIcon(icon if not icon.isNull() else QIcon(), self)
        menu = QMenu()
        menu.addAction(self.tr("打开今日提醒"), self.open_today.emit)
        tray.setContextMenu(menu)
        self._menu = menu  # the tray does not own its menu
        tray.activated.connect(self._tray_activated)
        tray.messageClicked.connect(self.open_today.emit)
        tray.setToolTip(self.tr("客户经理桌面档案"))
        tray.show()
        return tray

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_today.emit()

    # -- life cycle (session.unlocked / session.locked) --------------------------------------
    def start(self, vault: Vault) -> None:
        """At unlock: read the set times, notify once now, then at each set time."""
        self.vault = vault
        self.times = notify_times(vault)
        now = self.clock()
        # Times already passed today are covered by this notification.
        self._fired = {(now.date(), t) for t in self.times if t <= now.time()}
        self.timer.start()

        # A few seconds after unlock: the window paints first, then 100k clients are scanned.
        def first_notice() -> None:
            if self.vault is vault:  # not locked (or unlocked again) since
                self.refresh_and_notify()

        QTimer.singleShot(self.startup_delay_ms, first_notice)

    def stop(self) -> None:
        """At lock: drop the vault and every title; keep the numbers and the timer."""
        self._refreshes.drop()
        self.vault = None
        if self.summary is not None:
            self.summary.titles = []
        self._update_tooltip()

    def shutdown(self) -> None:
        self.stop()
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    # -- notifying ---------------------------------------------------------------------------
    def tick(self) -> None:
        now = self.clock()
        due = [t for t in self.times if (now.date(), t) not in self._fired and t <= now.time()]
        if not due:
            return
        for t in due:
            self._fired.add((now.date(), t))
        if now - dt.datetime.combine(now.date(), due[-1]) > LATE_GRACE:
            return
        if self.vault is not None:
            self.refresh_and_notify()
        else:
            self.notify()

    def refresh_and_notify(self) -> None:
        if self.vault is None:
            return
        compute, today = self.compute, self.clock().date()
        self._refreshes.run(
            None,
            self.tr("提醒通知"),
            self.vault,
            lambda vault: (compute(vault, today), notify_client_names(vault)),
            self._computed,
            lambda _exc: None,
        )

    def _computed(self, result: tuple[DayFigures, bool]) -> None:
        day, self.names = result
        self.summary = Summary.of(day, self.names)
        self.notify()

    def show_figures(self, day: DayFigures | None) -> None:
        """The 今日 page's figures after a load or an action: the counts (tooltip) follow them
        without a new notification."""
        if day is None or self.vault is None:
            return
        self.summary = Summary.of(day, self.names)
        self._update_tooltip()
        self.counts_changed.emit(self.counts_line())

    def counts_line(self) -> str:
        """The title and the counts line of :meth:`message`: never a client's name."""
        title, body = self.message()
        return self.tr("{}：{}").format(title, body.splitlines()[0])

    def message(self) -> tuple[str, str]:
        """(title, body) for the current state: counts only, unless names are allowed (the setting)
        and the vault is unlocked and no client is present."""
        summary = self.summary or Summary()
        title = self.tr("今日提醒")
        if summary.total == 0:
            return title, self.tr("今天没有待处理的提醒。")
        lines = [self.tr("逾期 {}，今天 {}，约见 {}").format(summary.overdue, summary.today, summary.appointments)]
        if summary.ahead:
            lines[0] += self.tr("，提前准备 {}").format(summary.ahead)
        if summary.kinds:
            by_kind = self.tr("、").join(f"{kind_label(kind)} {count}" for kind, count in summary.kinds.items())
            lines.append(self.tr("其中：{}").format(by_kind))
        if self.vault is None:
            lines[0] += self.tr("（解锁后查看）")
        elif self.names and not self.privacy.client_present:
            lines += summary.titles
        return title, "\n".join(lines)

    def notify(self) -> None:
        title, body = self.message()
        self._update_tooltip()
        if self.tray is not None:
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10_000)
        self.notified.emit(title, body)

    def _update_tooltip(self) -> None:
        if self.tray is None:
            return
        summary = self.summary or Summary()
        self.tray.setToolTip(self.tr("客户经理桌面档案 · 逾期 {}，今天 {}").format(summary.overdue, summary.today))
