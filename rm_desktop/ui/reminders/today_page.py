"""今日: what is due (overdue, today, the next 7 days, grouped by kind) and today's appointments.

Actions on the selected reminder: open the client (Enter), log a contact (Ctrl+R), snooze
(Ctrl+D: 1 day, 3 days, a week or a date) and dismiss with a reason (Delete). Everything goes
through services.reminder_actions; the view is reloaded in the background (Page.run_load) after
each action and whenever the page is shown again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.reminders import KIND_APPOINTMENT, Reminder
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.reminders.today import TodayView, today_view
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.reminders.list_actions import EntryActions, add_shortcuts, item_tree, popup_menu_of, snooze_menu
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog
from rm_desktop.ui.reminders.reminder_lists import AppointmentListModel
from rm_desktop.ui.reminders.reminder_style import CLIENT_ID_ROLE, RED, YELLOW, overlay, shown_title, weekday_name
from rm_desktop.ui.reminders.today_tree import Col, TodayTreeModel
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.privacy import Privacy
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.theme import foreground, themed

FOLDED_OVER = 15  # overdue groups longer than this start folded …
FOLDED_OVER_TODAY = 60  # … and any group longer than this (its count shows on the group row)


class TodayPage(EntryActions, Page):
    open_client = Signal(int)
    loaded = Signal()  # after each (re)load; tests and the notifier listen
    # Page: loaded at each showing (the first after an unlock, or contacts logged on other pages /
    # a new day since); a late result of an older load is ignored.
    load_on_show = "each"

    def __init__(
        self, privacy: Privacy, parent: QWidget | None = None, *, clock: Callable[[], dt.datetime] = dt.datetime.now
    ):
        super().__init__(parent)
        self.vault = None
        self.privacy = privacy
        self.clock = clock
        self.view: TodayView | None = None
        self._message = ""  # said in the status line once the reload after an action is shown

        self.heading = QLabel()
        set_role(self.heading, "title")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("重新计算提醒（F5）"))
        self.refresh_button.clicked.connect(self.reload)

        self.model = TodayTreeModel(privacy, self)
        self.tree = item_tree(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(Col.TITLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Col.TITLE, 380)
        header.resizeSection(Col.DATE, 80)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.empty = overlay(self.tree)
        self.empty.setText(
            self.tr(
                "今天没有需要处理的提醒。\n客户生日、产品到期、定期联系和跟进会自动出现在这里；在“日历”页可以新建约见。"
            )
        )

        self.open_button = QPushButton(self.tr("打开客户"))
        self.contact_button = QPushButton(self.tr("记录联系…"))
        self.snooze_button = QPushButton(self.tr("推迟"))
        self.snooze_menu = snooze_menu(self, self.snooze_days, self.snooze_to_date)
        self.snooze_button.setMenu(self.snooze_menu)
        self.dismiss_button = QPushButton(self.tr("忽略…"))
        self.open_button.clicked.connect(self.open_selected)
        self.contact_button.clicked.connect(self.log_contact)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.open_button.setToolTip(self.tr("打开客户档案（Enter）"))
        self.contact_button.setToolTip(self.tr("记录一次联系并完成这条提醒（Ctrl+R）"))
        self.snooze_button.setToolTip(self.tr("推迟这条提醒（Ctrl+D）"))
        self.dismiss_button.setToolTip(self.tr("不再提醒，并写明原因（Delete）"))

        self.appointments = AppointmentListModel(privacy, self)
        self.appointment_list = QListView()
        self.appointment_list.setModel(self.appointments)
        self.appointment_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.appointment_list.activated.connect(self._appointment_activated)
        self.no_appointments = overlay(self.appointment_list)
        self.no_appointments.setText(self.tr("今天没有约见。\n在“日历”页选中一天即可新建约见。"))
        self.status = QLabel()
        themed(self.status, "color: $muted;")

        self._layout()
        self._shortcuts()
        self._update_actions()

    # -- layout and keys ---------------------------------------------------------------------
    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for widget in (self.open_button, self.contact_button, self.snooze_button, self.dismiss_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.tree, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("今日约见"))
        set_role(title, "strong")
        right_layout.addWidget(title)
        right_layout.addWidget(self.appointment_list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([720, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _shortcuts(self) -> None:
        add_shortcuts(
            self,
            (
                (QKeySequence("Ctrl+R"), self.log_contact),
                (QKeySequence("Ctrl+D"), partial(popup_menu_of, self.snooze_button)),
                (QKeySequence(Qt.Key.Key_Delete), self.dismiss),
                (QKeySequence.StandardKey.Refresh, self.reload),
            ),
        )

    # -- vault life cycle --------------------------------------------------------------------
    def load(self) -> None:
        self.reload()

    def detach(self) -> None:
        super().detach()
        self.view = None
        self.model.clear()
        self.appointments.clear()
        self.heading.clear()
        self.summary.clear()
        self.status.clear()
        self._update_actions()

    def reload(self) -> None:
        """Recompute in the background; the result is shown if still wanted when it arrives."""
        if self.vault is None:
            return
        today = self.today()
        self.status.setText(self.tr("正在计算提醒…"))
        self.run_load(self.tr("今日提醒"), lambda vault: today_view(vault, today), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("提醒计算失败：{}").format(str(exc) or type(exc).__name__))

    def _show(self, view: TodayView) -> None:
        keep = self.current_reminder()
        self.view = view
        self.model.set_view(view)
        self.appointments.set_rows(view.appointments)
        self._expand()
        self.heading.setText(self.tr("{}  {}").format(view.today.strftime("%Y-%m-%d"), weekday_name(view.today)))
        counts = view.counts()
        self.summary.setText(
            self.tr(
                "<span style='color:{}'>逾期 <b>{}</b></span> · <span style='color:{}'>"
                "今天 <b>{}</b></span> · 提前准备 <b>{}</b> · 约见 <b>{}</b>"
            ).format(
                foreground(RED).name(),
                counts["overdue"],
                foreground(YELLOW).name(),
                counts["today"],
                counts["upcoming"],
                counts["appointments"],
            )
        )
        self.status.setText(self._message)
        self._message = ""
        self.empty.setVisible(self.model.total() == 0)
        self.no_appointments.setVisible(not view.appointments)
        self._reselect(keep)
        self._update_actions()
        self.loaded.emit()

    def _groups(self):
        for section in range(self.model.rowCount()):
            section_index = self.model.index(section, 0)
            for group in range(self.model.rowCount(section_index)):
                yield self.model.section_codes()[section], self.model.index(group, 0, section_index)

    def _expand(self) -> None:
        """Sections open; a long overdue group stays folded (its count shows) so that today's
        items are in sight without scrolling past weeks of backlog, and any very long group
        too (hundreds of rows are read by opening the group, and laying them all out would
        double the time to show the page)."""
        for section in range(self.model.rowCount()):
            self.tree.expand(self.model.index(section, 0))
        for code, group in self._groups():
            limit = FOLDED_OVER if code == "overdue" else FOLDED_OVER_TODAY
            self.tree.setExpanded(group, self.model.rowCount(group) <= limit)

    def _reselect(self, previous: Reminder | None) -> None:
        """Keep the cursor where it was (on the same reminder, else the first one in sight)."""
        first_group: QModelIndex | None = None
        first_item: QModelIndex | None = None
        for _code, group in self._groups():
            # The group's kind, not its first row: reading a row sorts a folded group.
            if previous is not None and previous.kind == self.model.group_kind(group):
                for row in range(self.model.rowCount(group)):
                    index = self.model.index(row, 0, group)
                    shown = self.model.reminder(index)
                    if shown is not None and shown.key == previous.key:
                        self.tree.expand(group)
                        self.tree.setCurrentIndex(index)
                        return
            if first_group is None:
                first_group = group
            if first_item is None and self.tree.isExpanded(group):
                first_item = self.model.index(0, 0, group)
        target = first_item if first_item is not None else first_group
        if target is not None:
            self.tree.setCurrentIndex(target)

    # -- the selected reminder ---------------------------------------------------------------
    def current_reminder(self) -> Reminder | None:
        return self.model.reminder(self.tree.currentIndex())

    def current_entry(self) -> Reminder | None:
        return self.current_reminder()

    def snooze_entry(self, vault: Vault, key: str, until: dt.date) -> None:
        reminder_actions.snooze(vault, key, until, today=self.today())

    def _update_actions(self) -> None:
        reminder = self.current_reminder()
        has_client = reminder is not None and reminder.client_id is not None
        self.open_button.setEnabled(has_client)
        self.contact_button.setEnabled(has_client)
        self.snooze_button.setEnabled(reminder is not None and reminder.kind != KIND_APPOINTMENT)
        self.dismiss_button.setEnabled(reminder is not None)

    def _activated(self, index) -> None:
        if self.model.reminder(index) is None:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        else:
            self.open_selected()

    def _appointment_activated(self, index) -> None:
        client_id = index.data(CLIENT_ID_ROLE)
        if client_id is not None:
            self.open_client.emit(client_id)

    def _context_menu(self, pos) -> None:
        if self.current_reminder() is None:
            return
        menu = QMenu(self)
        for button in (self.open_button, self.contact_button, self.dismiss_button):
            menu.addAction(button.text(), button.click).setEnabled(button.isEnabled())
        snooze = menu.addMenu(self.tr("推迟"))
        snooze.setEnabled(self.snooze_button.isEnabled())
        for action in self.snooze_menu.actions():
            snooze.addAction(action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def log_contact(self) -> None:
        reminder = self.current_reminder()
        if self.vault is None or reminder is None or reminder.client_id is None:
            return
        vault, now = self.vault, self.clock().replace(microsecond=0)
        name = shown_title(reminder, self.privacy.client_present)
        dialog = LogContactDialog(
            name, lambda values: reminder_actions.log_contact(vault, reminder.key, values, now=now), now, self
        )
        if dialog.exec() == LogContactDialog.DialogCode.Accepted:
            self._done(self.tr("已记录联系。"))

    def dismiss(self) -> None:
        reminder = self.current_reminder()
        if self.vault is None or reminder is None:
            return
        vault = self.vault
        dialog = DismissDialog(
            shown_title(reminder, self.privacy.client_present),
            lambda reason: reminder_actions.dismiss(vault, reminder.key, reason),
            self,
        )
        if dialog.exec() == DismissDialog.DialogCode.Accepted:
            self._done(self.tr("已忽略。"))
