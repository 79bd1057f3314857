"""工作报告: the day's work log, the week's and the month's report, and their outputs.

The top bar picks the kind (日 / 周 / 月) and the period (◀ ▶, Alt+←/→ or PageUp/PageDown, 今天
or Alt+Home, a date); the report is built off the UI thread (run_task in the background, the status line saying 正在生成……) and only the
newest build is shown. The day's note and plan are the page's one editor: leaving the page or
the period with edits asks 保存 / 放弃 / 取消 (ui/widgets/unsaved), and a locked past day saves
them as its next revision. The outputs are report_actions'.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
)

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.domain.reports import DAY, KINDS, MONTH, WEEK, Period, Report
from rm_desktop.domain.reports.periods import containing, shift
from rm_desktop.services.reports import build_report, day_log_revisions, save_day_log
from rm_desktop.ui.reports.day_view import DayView
from rm_desktop.ui.reports.period_view import PeriodView
from rm_desktop.ui.reports.report_actions import ReportActions
from rm_desktop.ui.reports.targets_dialog import edit_targets
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.unsaved import Snapshot, may_leave

log = logging.getLogger(__name__)
SHANGHAI = ZoneInfo("Asia/Shanghai")
PREVIOUS_KEYS, NEXT_KEYS, TODAY_KEYS = ("Alt+Left", "PgUp"), ("Alt+Right", "PgDown"), ("Alt+Home",)
TARGETS_KEY = "Ctrl+T"


def shanghai_now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI)


class ReportsPage(Page):
    loaded = Signal()  # after each report shown; tests listen
    saved = Signal(int)  # the revision a save stored
    load_on_show = "each"

    def __init__(self, privacy: Privacy, clipboard: ClipboardGuard, clock: Callable[[], dt.datetime] = shanghai_now):
        super().__init__()
        self.privacy, self.clipboard, self.clock = privacy, clipboard, clock
        self.report: Report | None = None
        self.period: Period | None = None
        self._generation = 0
        self.kind_buttons = QButtonGroup(self)
        kinds = QHBoxLayout()
        kinds.setSpacing(0)
        for kind, label, tip in (
            (DAY, self.tr("日"), self.tr("工作日志")),
            (WEEK, self.tr("周"), self.tr("周报")),
            (MONTH, self.tr("月"), self.tr("月报")),
        ):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setMinimumWidth(48)
            self.kind_buttons.addButton(button, KINDS.index(kind))
            kinds.addWidget(button)
        self.kind_buttons.button(0).setChecked(True)
        self.kind_buttons.idClicked.connect(lambda index: self.go_kind(KINDS[index]))
        self.previous = QToolButton()
        self.previous.setText("◀")
        self.previous.setToolTip(self.tr("上一期（Alt+← 或 PageUp）"))
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip(self.tr("下一期（Alt+→ 或 PageDown）"))
        self.next.clicked.connect(lambda: self.step(1))
        for keys, slot in (
            (PREVIOUS_KEYS, lambda: self.step(-1)),
            (NEXT_KEYS, lambda: self.step(1)),
            (TODAY_KEYS, self.go_today),
        ):
            for key in keys:  # as the calendar's bar: anywhere in the page while it has the focus
                QShortcut(QKeySequence(key), self, slot).setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.today_button = QPushButton(self.tr("今天"))
        self.today_button.setToolTip(self.tr("回到当前这一期（Alt+Home）"))
        self.today_button.clicked.connect(self.go_today)
        self.title = QLabel()
        set_role(self.title, "section")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setToolTip(self.tr("选择日期：显示这一天所在的一期"))
        self.date.dateChanged.connect(lambda d: self.go_date(dt.date(d.year(), d.month(), d.day())))
        self.targets_button = QPushButton(self.tr("目标…"))
        self.targets_button.setToolTip(self.tr("周报、月报的指标目标（Ctrl+T）"))
        self.targets_button.clicked.connect(self.edit_targets)
        targets_key = QShortcut(QKeySequence(TARGETS_KEY), self, self.edit_targets)
        targets_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.status = QLabel()
        set_role(self.status, "caption")
        bar = QHBoxLayout()
        bar.addLayout(kinds)
        bar.addSpacing(12)
        for widget in (self.previous, self.title, self.next, self.today_button, self.date, self.targets_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.status)
        self.day_view = DayView()
        self.day_view.save_requested.connect(self.save)
        self.period_view = PeriodView()
        self.views = QStackedWidget()
        self.views.addWidget(self.day_view)
        self.views.addWidget(self.period_view)
        self.outputs = ReportActions(self, self)
        save_key = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self.outputs.bar)
        layout.addWidget(self.views, 1)
        self._snapshot = Snapshot(self.day_view.values)
        privacy.changed.connect(lambda _on: self._show())
        self._set_enabled(False)

    # -- periods ------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.clock().date()

    def kind(self) -> str:
        return self.period.kind if self.period is not None else DAY

    def load(self) -> None:
        if self.vault is None:
            return
        if self._snapshot.dirty():
            return  # the RM's unsaved note stays on screen; 保存 or leaving decides
        self.open_period(self.period or containing(DAY, self.today()), ask=False)

    def go_kind(self, kind: str) -> None:
        anchor = self.period.start if self.period is not None else self.today()
        if self.period is not None and self.period.start <= self.today() <= self.period.end:
            anchor = self.today()  # from this week to this month, not to the month the week began in
        self.open_period(containing(kind, anchor))

    def go_today(self) -> None:
        self.open_period(containing(self.kind(), self.today()))

    def go_date(self, day: dt.date) -> None:
        if self.period is None or not self.period.start <= day <= self.period.end:
            self.open_period(containing(self.kind(), day))

    def step(self, n: int) -> None:
        if self.period is not None:
            self.open_period(shift(self.period, n))

    def open_period(self, period: Period, *, ask: bool = True) -> None:
        """Show ``period``'s report: unsaved edits of the day shown are asked about first."""
        if ask and not self.may_leave():
            self._show_period_controls()  # the buttons and date go back to the period kept
            return
        self.period = period
        self._show_period_controls()
        if self.vault is None:
            return
        self._generation += 1
        generation, vault, now = self._generation, self.vault, self.clock()

        def build(progress) -> Report:
            report = build_report(vault, period, now=now)
            if not progress(1, 1):
                raise Cancelled(self.tr("已取消：报告未更新。"))
            return report

        def done(report: Report) -> None:
            if generation == self._generation and self.vault is not None:
                self.show_report(report)

        def failed(exc: Exception) -> None:
            if generation != self._generation:
                return
            self.status.setText(str(exc) if isinstance(exc, Cancelled) else "")
            if self.report is not None:  # the report shown stays, and the bar says which it is
                self.period = self.report.period
                self._show_period_controls()
            if isinstance(exc, Cancelled):
                return
            if not isinstance(exc, UserError):
                log.error("report build failed: %s", type(exc).__name__, exc_info=exc)
            QMessageBox.warning(
                self, self.tr("正在生成报告"), str(exc) if isinstance(exc, UserError) else type(exc).__name__
            )

        self.status.setText(self.tr("正在生成……"))
        # In the background without a modal progress dialog: a report is built at every period
        # step and page visit, and a dialog popping up would take the keys the RM goes on typing.
        run_task(self, self.tr("正在生成报告"), build, done, on_error=failed, modal=False, vault=vault)

    def _show_period_controls(self) -> None:
        if self.period is None:
            return
        period = self.period
        self.kind_buttons.button(KINDS.index(period.kind)).setChecked(True)
        span = self.tr("（{} – {}）").format(f"{period.start:%m-%d}", f"{period.end:%m-%d}")
        if period.kind == DAY:  # the weekday in the UI's language: 周三, Wed
            span = " " + QLocale().dayName(period.start.isoweekday(), QLocale.FormatType.ShortFormat)
        self.title.setText(period.key + span)
        self.date.blockSignals(True)
        self.date.setDate(QDate(period.start.year, period.start.month, period.start.day))
        self.date.blockSignals(False)
        self.next.setEnabled(period.end < self.today())  # nothing recorded yet in a period to come
        self.targets_button.setVisible(period.kind != DAY)  # a day's log has no KPIs

    # -- showing ------------------------------------------------------------------------------

    def show_report(self, report: Report) -> None:
        self.report = report
        self.status.setText(self.tr("生成于 {}").format(f"{report.generated_at:%H:%M}"))
        self._show()
        if report.period.kind == DAY:
            self.day_view.show_report(report, self.privacy.client_present, today=report.period.start == self.today())
            self._snapshot.reset()
            self._show_revisions()
        self._set_enabled(True)
        self.loaded.emit()

    def _show(self) -> None:
        report = self.report
        if report is None:
            return
        hidden = self.privacy.client_present
        if report.period.kind == DAY:
            self.views.setCurrentWidget(self.day_view)
            self.day_view.model.show_report(report, hidden)
        else:
            self.views.setCurrentWidget(self.period_view)
            self.period_view.show_report(report, hidden)

    def _show_revisions(self) -> None:
        if self.vault is None or self.report is None:
            return
        kept = day_log_revisions(self.vault, self.report.period.start)
        self.day_view.set_revisions(
            [self.tr("修订 {} · {}").format(r.revision, f"{r.saved_at:%Y-%m-%d %H:%M}") for r in reversed(kept)]
        )

    def _set_enabled(self, on: bool) -> None:
        self.outputs.set_enabled(on)
        self.day_view.save_button.setEnabled(on)

    def edit_targets(self) -> None:
        """目标…: the KPI targets; saved ones rebuild the report shown, so its cards say them."""
        if self.vault is None or self.period is None or self.period.kind == DAY:
            return
        shown = [(k.key, k.label, k.unit) for k in self.report.kpis] if self.report is not None else []
        if edit_targets(self.vault, shown, self) is not None:
            self.open_period(self.period, ask=False)

    # -- the day's editor ---------------------------------------------------------------------

    def save(self) -> bool:
        """Store the day's note and plan (a locked day: as its next revision); True when stored."""
        report = self.report
        if self.vault is None or report is None or report.period.kind != DAY:
            return False
        note, tomorrow = self.day_view.values()
        try:
            revision = save_day_log(
                self.vault, report.period.start, note, tomorrow, now=self.clock(), expected_revision=report.revision
            )
        except UserError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return False
        self.report = replace(report, note=note, tomorrow=tomorrow, revision=revision)
        self._snapshot.reset()
        self.day_view.show_report(self.report, self.privacy.client_present, today=not report.locked)
        self._show_revisions()
        self.status.setText(self.tr("已保存：修订 {}").format(revision))
        self.saved.emit(revision)
        return True

    def may_leave(self) -> bool:
        return may_leave(self, self._snapshot.dirty(), self.save, self._discard, self.tr("工作日志"))

    def _discard(self) -> None:
        if self.report is not None:
            self.day_view.set_values(self.report.note, self.report.tomorrow)
        self._snapshot.reset()

    def detach(self) -> None:
        super().detach()
        self._generation += 1  # a build still running for the locked vault is not shown
        self.report = None
        self._snapshot.clear()
        self.day_view.model.show_report(None, False)
        self.day_view.set_values("", ())
        self.day_view.set_revisions([])
        self.period_view.model.show_report(None, False)
        self.period_view.cards.show_kpis((), False)
        self.status.setText("")
        self._set_enabled(False)
