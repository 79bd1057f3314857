"""活动: salons and events. The events list on the left; the chosen event's invitees and
statuses on the right with 邀请客户…, 邀请话术… and the status buttons (已确认, 已出席,
未出席, 婉拒) for the selected invitees; the result (attendees, opportunities, amount won)
above them. The 流程模板 tab lists, copies, edits and starts playbooks (playbooks_tab).

Attending logs the 活动 contact and its 48-hour follow-up (services/events/attendance);
an invitation beyond the capacity goes on the waiting list and says so in the notice line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.events.model import ATTENDED, CONFIRMED, DECLINED, NO_SHOW
from rm_desktop.services.events import attendance, invites, results, store, undo
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.events.event_dialogs import EventDialog, InviteDialog
from rm_desktop.ui.events.event_models import EventsModel, InviteesModel
from rm_desktop.ui.events.invitations_dialog import InvitationsDialog
from rm_desktop.ui.events.playbooks_tab import PlaybooksTab
from rm_desktop.ui.widgets import icons
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.pages import Page
from rm_desktop.ui.widgets.style import set_role
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed

NEW_KEYS = "Ctrl+Shift+N"  # 新建活动


def _table(model, stretch: int) -> QTableView:
    """A read-only row table; column ``stretch`` takes the width the others leave."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class EventsPage(Page):
    status_message = Signal(str)

    def __init__(self, clipboard: ClipboardGuard | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.clipboard = clipboard or ClipboardGuard(self)
        self.now: Callable[[], dt.datetime] = dt.datetime.now  # tests set a fake clock
        self.events = EventsModel(self)
        self.invitees = InviteesModel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._events_tab(), self.tr("活动"))
        self.playbooks = PlaybooksTab(lambda: self.now(), self.status_message.emit, self)
        self.tabs.addTab(self.playbooks, self.tr("流程模板"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # -- layout ---------------------------------------------------------------------------------

    def _events_tab(self) -> QWidget:
        self.new_button = QPushButton(self.tr("新建活动（Ctrl+Shift+N）"))
        icons.bind(self.new_button, "new")
        self.new_button.clicked.connect(self.new_event)
        # As on 商机 and 服务: Ctrl+N is the window's 记录往来, and two owners of one key fire neither.
        # The page's own shortcut is live only while the page is shown.
        QShortcut(QKeySequence(NEW_KEYS), self, self.new_event)
        self.event_list = _table(self.events, 1)
        self.event_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.event_list.selectionModel().currentRowChanged.connect(lambda *_: self.show_event())
        self.empty = QLabel(self.tr("还没有活动。点“新建活动”，填写时间、地点和名额，再邀请客户。"))
        self.empty.setWordWrap(True)
        themed(self.empty, "color: $muted;")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.event_list, 1)
        column.addWidget(self.empty)

        self.heading = QLabel()
        set_role(self.heading, "title")
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("撤销（Ctrl+Z）"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self._undo: Callable[[], int] | None = None  # takes back the last invitation or status change
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.undo_button)
        self.invite_button = QPushButton(self.tr("邀请客户…"))
        self.invite_button.clicked.connect(self.invite)
        self.render_button = QPushButton(self.tr("邀请话术…"))
        self.render_button.clicked.connect(self.render_invitations)
        self.status_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.invite_button)
        row.addWidget(self.render_button)
        row.addStretch(1)
        for status, text in (
            (CONFIRMED, self.tr("已确认")),
            (ATTENDED, self.tr("已出席")),
            (NO_SHOW, self.tr("未出席")),
            (DECLINED, self.tr("婉拒")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=status: self.mark(s))
            self.status_buttons[status] = button
            row.addWidget(button)
        self.invitee_list = _table(self.invitees, 0)
        self.invitee_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.hint = QLabel(self.tr("选中客户（可多选）后点状态按钮；出席会记录一条“活动”往来和 48 小时内的回访。"))
        self.hint.setWordWrap(True)
        themed(self.hint, "color: $muted;")
        right = QWidget()
        detail = QVBoxLayout(right)
        detail.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.details, self.result):
            detail.addWidget(widget)
        detail.addLayout(notice_row)
        detail.addLayout(row)
        detail.addWidget(self.invitee_list, 1)
        detail.addWidget(self.hint)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([420, 700])
        return split

    # -- attach / load --------------------------------------------------------------------------

    def attach(self, vault: Vault) -> None:
        super().attach(vault)
        self.playbooks.attach(vault)
        self.reload()

    def detach(self) -> None:
        self.offer_undo(None)  # an undo kept over a lock would write to the next vault
        self.playbooks.detach()
        self.events.set_rows([])
        self.invitees.set_rows([])
        super().detach()

    def reload(self, select: int | None = None) -> None:
        if self.vault is None:
            return
        current = select if select is not None else self.current_event_id()
        self.events.set_rows(store.list_events(self.vault))
        self.empty.setVisible(not self.events.rows)
        ids = [e.id for e in self.events.rows]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        if row >= 0:
            self.event_list.selectRow(row)
        self.show_event()

    def current_event(self) -> store.EventRecord | None:
        index = self.event_list.currentIndex()
        return self.events.rows[index.row()] if index.isValid() and index.row() < len(self.events.rows) else None

    def current_event_id(self) -> int | None:
        event = self.current_event()
        return event.id if event else None

    def show_event(self) -> None:
        event = self.current_event()
        for widget in (self.invite_button, self.render_button, *self.status_buttons.values()):
            widget.setEnabled(event is not None and self.vault is not None)
        if event is None or self.vault is None:
            self.heading.setText(self.tr("活动"))
            self.details.setText(self.tr("在左边选择一个活动，或新建一个。"))
            self.result.clear()
            self.invitees.set_rows([])
            return
        self.heading.setText(event.name)
        parts = [event.starts_at.strftime("%Y-%m-%d %H:%M"), event.place, event.topic]
        seats = self.tr("名额 {}，已占 {}，候补 {}").format(event.capacity, event.seats_taken, event.waitlisted)
        self.details.setText(" · ".join(p for p in parts if p) + " · " + seats)
        self.result.setText(results.event_result(self.vault, event.id).message())
        self.invitees.set_rows(store.list_invitations(self.vault, event.id))

    def offer_undo(self, undo_it: Callable[[], int] | None) -> None:
        self._undo = undo_it
        self.undo_button.setVisible(undo_it is not None)

    def undo(self) -> None:
        if self.tabs.currentWidget() is self.playbooks:
            self.playbooks.undo()
            return
        if self._undo is None or self.vault is None:
            return
        undo_it, self._undo = self._undo, None
        try:
            count = undo_it()
        except UserError as exc:
            self.say(str(exc), warn=True)
            return
        self.offer_undo(None)
        self.reload()
        self.say(self.tr("已撤销：{} 位客户恢复原状").format(count))

    def say(self, text: str, warn: bool = False) -> None:
        self.notice.setText(text)
        themed(self.notice, "color: $error;" if warn else "")
        self.status_message.emit(text)

    # -- actions ----------------------------------------------------------------------------------

    def new_event(self) -> None:
        if self.vault is None:
            return
        dialog = EventDialog(self.vault, self.now(), self)
        if dialog.exec() and dialog.record is not None:
            self.reload(select=dialog.record.id)
            self.say(self.tr("已新建活动：{}").format(dialog.record.name))

    def invite(self) -> None:
        event = self.current_event()
        if self.vault is None or event is None:
            return
        dialog = InviteDialog(self.vault, event, self.now().date(), self)
        if dialog.exec() and dialog.result_value is not None:
            made, vault = dialog.result_value, self.vault
            self.reload()
            self.say(made.message(), warn=made.over_capacity)
            self.offer_undo(lambda: undo.undo_invite(vault, made))

    def selected_client_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.invitee_list.selectionModel().selectedRows()})
        return [self.invitees.rows[r].client_id for r in rows if r < len(self.invitees.rows)]

    def mark(self, status: str) -> None:
        event = self.current_event()
        ids = self.selected_client_ids()
        if self.vault is None or event is None:
            return
        if not ids:
            self.say(self.tr("请先在名单中选择客户"), warn=True)
            return
        try:
            done = attendance.set_status(self.vault, event.id, ids, status, now=self.now())
        except UserError as exc:
            self.say(str(exc), warn=True)
            return
        vault, now = self.vault, self.now()
        self.reload()
        self.say(done.message())
        self.offer_undo(lambda: undo.undo_status(vault, done, now=now) if done.changed else 0)

    def render_invitations(self) -> None:
        event = self.current_event()
        vault = self.vault
        if vault is None or event is None:
            return
        now = self.now()  # (the page's clock: do-not-disturb hours are checked at it)

        def work(progress):
            return invites.render_invitations(vault, event.id, today=now.date(), now=now, progress=progress)

        def show(rendered) -> None:
            self.invitations_dialog = InvitationsDialog(rendered, self.clipboard, event.name, self)
            self.invitations_dialog.open()
            if rendered.skipped.total:  # invitees without marketing consent (services/consent)
                self.say(rendered.skipped.message(), warn=True)

        run_task(self, self.tr("正在生成邀请话术"), work, show, vault=vault)
