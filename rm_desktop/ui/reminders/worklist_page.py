"""今日工作清单: the day's plan (the first N items, each with its reason), the rest by kind,
and every reminder of the next days in a second tab (the former 今日 page, unchanged).

The worklist is computed in the background (Page.run_load, a late result of an older load is
ignored) at each showing and after each action. Above the list the summary band (counts by
kind, today's appointments); every count there, in the tray and the status bar comes from
services/worklist/summary, refreshed after each action (``figures_changed``).

Rows select with Shift/Ctrl. On the selection: log one contact per client (Ctrl+R; a single
item gets its suggested 话术), snooze (Ctrl+D), dismiss with one reason (Delete), each undone
by Ctrl+Z or the status bar's 撤销 (``undo_changed``); on the current item: open the client
(Enter), record a maturity outcome, mark the client lost. The progress bar counts the items
done today. 客户在场 shows names as initials and hides every amount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.worklist import WorkItem
from rm_desktop.services.worklist.build import Worklist, build_worklist
from rm_desktop.services.worklist.summary import DayFigures, figures
from rm_desktop.ui.reminders.list_actions import add_shortcuts, item_tree, popup_menu_of, snooze_menu
from rm_desktop.ui.reminders.reminder_style import overlay, weekday_name
from rm_desktop.ui.reminders.today_page import TodayPage
from rm_desktop.ui.reminders.worklist_actions import WorklistActions
from rm_desktop.ui.reminders.worklist_band import WorklistBand
from rm_desktop.ui.reminders.worklist_model import PLAN, Col, WorklistModel
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import themed

FOLDED_OVER = 30  # a kind group longer than this starts folded (its count shows on the group row)


def _computed(vault, today: dt.date) -> tuple[Worklist, DayFigures]:
    """The worklist with its figures and groups (cached on it), all off the UI thread: at
    100k items the counting and grouping alone held the UI ~0.15 s."""
    worklist = build_worklist(vault, today)
    return worklist, figures(worklist)  # figures() makes the groups the model then shows


class WorklistPage(WorklistActions, Page):
    open_client = Signal(int)
    loaded = Signal()
    figures_changed = Signal(object)  # the DayFigures shown (None once locked)
    undo_changed = Signal(str)  # what Ctrl+Z would undo, "" for nothing
    load_on_show = "each"

    def __init__(
        self, privacy: Privacy, parent: QWidget | None = None, *, clock: Callable[[], dt.datetime] = dt.datetime.now
    ):
        super().__init__(parent)
        self.privacy = privacy
        self.clock = clock
        self.worklist: Worklist | None = None
        self._message = ""

        self.heading = QLabel()
        set_role(self.heading, "title")
        self.summary = QLabel()  # what the selection is, when it is more than one row
        themed(self.summary, "color: $accent; font-weight: 600;")
        self.band = WorklistBand(privacy)
        self.band.kind_clicked.connect(self.jump_to_kind)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("今日已完成 %v / %m"))
        # As wide as its text at two-digit counts in either language ("Done today 0 / 8" was cut).
        sample = self.progress.format().replace("%v", "88").replace("%m", "88")
        self.progress.setMinimumWidth(self.progress.fontMetrics().horizontalAdvance(sample) + 32)
        self.progress.setMaximumWidth(max(260, self.progress.minimumWidth()))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("重新计算工作清单（F5）"))
        self.refresh_button.clicked.connect(self.reload)

        self.model = WorklistModel(privacy, self)
        self.tree = item_tree(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the reason takes the spare width, not the due date
        header.setSectionResizeMode(Col.WHY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Col.CLIENT, 160)
        header.resizeSection(Col.SCORE, 70)
        header.resizeSection(Col.DUE, 80)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.empty = overlay(self.tree)
        self.empty.setText(
            self.tr("今天的工作清单是空的。\n产品到期、跟进、定期联系、流失预警和到期承接会按优先级出现在这里。")
        )

        self.open_button = QPushButton(self.tr("打开客户"))
        self.contact_button = QPushButton(self.tr("记录联系…"))
        self.snooze_button = QPushButton(self.tr("推迟"))
        self.snooze_menu = snooze_menu(self, self.snooze_days, self.snooze_to_date)
        self.snooze_button.setMenu(self.snooze_menu)
        self.dismiss_button = QPushButton(self.tr("忽略…"))
        self.outcome_button = QPushButton(self.tr("到期去向…"))
        self.lost_button = QPushButton(self.tr("标记流失…"))
        self.open_button.clicked.connect(self.open_selected)
        self.contact_button.clicked.connect(self.log_contact)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.outcome_button.clicked.connect(self.record_outcome)
        self.lost_button.clicked.connect(self.mark_lost)
        self.contact_button.setToolTip(
            self.tr("为所选的每位客户记录一次联系并完成这些项（Ctrl+R；单项时已填入建议话术）")
        )
        self.snooze_button.setToolTip(self.tr("推迟所选各项（Ctrl+D；Shift/Ctrl 多选），可撤销（Ctrl+Z）"))
        self.dismiss_button.setToolTip(self.tr("以同一原因忽略所选各项（Delete），可撤销（Ctrl+Z）"))
        self.outcome_button.setToolTip(self.tr("记录到期资金的去向：续作、转投、部分留存或取出"))
        self.status = QLabel()
        themed(self.status, "color: $muted;")

        self.reminders_page = TodayPage(privacy, clock=clock)
        self.reminders_page.open_client.connect(self.open_client)
        self.tabs = QTabWidget()
        self.worklist_tab = self._worklist_tab()
        self.tabs.addTab(self.worklist_tab, self.tr("工作清单"))
        self.tabs.addTab(self.reminders_page, self.tr("全部提醒"))
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._shortcuts()
        self._update_actions()

    def _worklist_tab(self) -> QWidget:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.progress)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        for button in self._buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.band)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        return tab

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.open_button,
            self.contact_button,
            self.snooze_button,
            self.dismiss_button,
            self.outcome_button,
            self.lost_button,
        )

    def _shortcuts(self) -> None:
        # On the worklist's tab, not the page: the page holds the reminders tab, whose own
        # Ctrl+R / Delete would make the keys ambiguous (and neither would fire).
        add_shortcuts(
            self.worklist_tab,
            (
                (QKeySequence("Ctrl+R"), self.log_contact),
                (QKeySequence("Ctrl+D"), partial(popup_menu_of, self.snooze_button)),
                (QKeySequence(Qt.Key.Key_Delete), self.dismiss),
                (QKeySequence.StandardKey.Refresh, self.reload),
                (QKeySequence.StandardKey.Undo, self.undo_last),
            ),
        )

    # -- vault life cycle --------------------------------------------------------------------
    def attach(self, vault) -> None:
        super().attach(vault)
        self.reminders_page.attach(vault)

    def detach(self) -> None:
        super().detach()
        self.reminders_page.detach()
        self.worklist = None
        self.model.clear()
        self.band.set_figures(None)
        self.drop_undo()
        self.figures_changed.emit(None)
        for label in (self.heading, self.summary, self.status):
            label.clear()
        self.progress.reset()
        self._update_actions()

    def load(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self.vault is None:
            return
        today = self.today()
        self.status.setText(self.tr("正在计算工作清单…"))
        self.run_load(self.tr("今日工作清单"), lambda vault: _computed(vault, today), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("工作清单计算失败：{}").format(str(exc) or type(exc).__name__))

    def _show(self, loaded: tuple[Worklist, DayFigures]) -> None:
        worklist, day = loaded
        keep = self.current_item()
        self.worklist = worklist
        self.model.set_worklist(worklist)
        self.heading.setText(
            self.tr("今日工作清单  {}  {}").format(worklist.today.strftime("%Y-%m-%d"), weekday_name(worklist.today))
        )
        self.band.set_figures(day)
        self.progress.setRange(0, day.target)
        self.progress.setValue(day.done)
        for row, code in enumerate(self.model.group_codes()):
            group = self.model.index(row, 0)
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)  # a group's title and count are never cut
            self.tree.setExpanded(group, code == PLAN or self.model.rowCount(group) <= FOLDED_OVER)
        self.empty.setVisible(self.model.total() == 0)
        self.status.setText(self._message)
        self._message = ""
        self._reselect(keep)
        self._update_actions()
        self.figures_changed.emit(day)
        self.loaded.emit()

    def _reselect(self, previous: WorkItem | None) -> None:
        """The same item if still listed, else the first item of the plan (found in the
        model's lists, not by asking the view for each of a large book's rows)."""
        index = self.model.find(previous.key, previous.kind) if previous is not None else None
        if index is None and self.model.rowCount():
            index = self.model.index(0, 0, self.model.index(0, 0))
        if index is not None and index.isValid():
            self.tree.setExpanded(index.parent(), True)
            self.select_only(index)

    def select_only(self, index: QModelIndex) -> None:
        """Make ``index`` current and the whole selection: setCurrentIndex alone adds to the
        selection while Ctrl is down (the key of an action just taken)."""
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.selectionModel().setCurrentIndex(index, flags)

    # -- the current item --------------------------------------------------------------------
    def current_item(self) -> WorkItem | None:
        return self.model.item(self.tree.currentIndex())

    def selected_items(self) -> list[WorkItem]:
        """The selected items in list order (group rows left out), else the current item."""
        rows = sorted(self.tree.selectionModel().selectedRows(0), key=lambda i: (i.parent().row(), i.row()))
        found = {item.key: item for index in rows if (item := self.model.item(index)) is not None}
        current = self.current_item()
        return list(found.values()) or ([current] if current is not None else [])

    def _update_actions(self) -> None:
        items = self.selected_items()
        one = items[0] if len(items) == 1 else None
        has_client = one is not None and one.client_id is not None
        self.open_button.setEnabled(has_client)
        self.contact_button.setEnabled(any(item.client_id is not None for item in items))
        self.snooze_button.setEnabled(any(item.kind != "appointment" for item in items))
        self.dismiss_button.setEnabled(bool(items))
        self.outcome_button.setEnabled(one is not None and self._can_record_outcome(one))
        self.lost_button.setEnabled(has_client)
        self.summary.setText(self.tr("已选 {} 项").format(len(items)) if len(items) > 1 else "")

    def jump_to_kind(self, kind: str) -> None:
        """A count of the band clicked: open that kind's group (or its first item in the plan)."""
        codes = self.model.group_codes()
        if kind in codes:
            group = self.model.index(codes.index(kind), 0)
            self.tree.setExpanded(group, True)
            target = self.model.index(0, 0, group)
        else:
            target = next(
                (
                    self.model.index(row, 0, self.model.index(0, 0))
                    for row, item in enumerate(self.worklist.plan if self.worklist else [])
                    if item.kind == kind
                ),
                QModelIndex(),
            )
        if target.isValid():
            self.select_only(target)
            self.tree.scrollTo(target.parent(), QAbstractItemView.ScrollHint.PositionAtTop)
            self.tree.setFocus()

    def _activated(self, index) -> None:
        if self.model.item(index) is None:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        else:
            self.open_selected()

    def _context_menu(self, pos) -> None:
        if self.current_item() is None:
            return
        menu = QMenu(self)
        for button in self._buttons():
            if button is self.snooze_button:
                snooze = menu.addMenu(self.tr("推迟"))
                snooze.setEnabled(button.isEnabled())
                for action in self.snooze_menu.actions():
                    snooze.addAction(action)
            else:
                menu.addAction(button.text(), button.click).setEnabled(button.isEnabled())
        menu.popup(self.tree.viewport().mapToGlobal(pos))
