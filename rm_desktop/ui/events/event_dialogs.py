"""The 活动 page's dialogs: a new event, and inviting clients (a client-list filter, an
insights segment, or clients chosen one by one). Both do their work through services/events
and keep a refused value in red under the form, the dialog open (nothing is stored then)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.events.model import MAX_CAPACITY, EventFields
from rm_desktop.domain.grades import RISK_GRADES
from rm_desktop.domain.insights.rfm import SEGMENTS
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.events import invites, store
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.client_line_picker import ClientPicker
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    themed(label, "color: $error;")
    label.hide()
    return label


class EventDialog(QDialog):
    """新建活动: name, time, place, seats, topic, note; the event once saved in ``record``."""

    def __init__(self, vault: Vault, now: dt.datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.record: store.EventRecord | None = None
        self.setWindowTitle(self.tr("新建活动"))
        self.setMinimumWidth(440)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：12月理财沙龙"))
        start = (now + dt.timedelta(days=14)).replace(hour=14, minute=0, second=0, microsecond=0)
        self.when = QDateTimeEdit(QDateTime(start.year, start.month, start.day, start.hour, start.minute, 0))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(15)
        self.topic = QLineEdit()
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("活动名称"), self.name)
        form.addRow(self.tr("时间"), self.when)
        form.addRow(self.tr("地点"), self.place)
        form.addRow(self.tr("名额"), self.capacity)
        form.addRow(self.tr("主题"), self.topic)
        form.addRow(self.tr("备注"), self.note)
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def fields(self) -> EventFields:
        return EventFields(
            self.name.text(),
            self.when.dateTime().toPython(),  # type: ignore[arg-type]  # a QDateTime gives a datetime
            self.place.text(),
            self.capacity.value(),
            self.topic.text(),
            self.note.text(),
        )

    def submit(self) -> None:
        try:
            self.record = store.add_event(self.vault, self.fields())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class InviteDialog(QDialog):
    """邀请客户: choose by the client list's filters, an insights segment, or one by one; the
    outcome (with the waiting-list warning) in ``result_value``."""

    def __init__(self, vault: Vault, event: store.EventRecord, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.target, self.today = vault, event, today
        self.result_value: invites.InviteResult | None = None
        self.setWindowTitle(self.tr("邀请客户"))
        self.setMinimumWidth(480)
        heading = QLabel(
            self.tr("“{}”：名额 {}，已邀请 {}。超出名额的客户列入候补名单。").format(
                event.name, event.capacity, event.invited
            )
        )
        heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._filter_tab(), self.tr("按客户筛选"))
        self.tabs.addTab(self._segment_tab(), self.tr("按经营洞察分组"))
        self.tabs.addTab(self._pick_tab(), self.tr("逐个选择"))
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.invite_button = buttons.addButton(self.tr("邀请"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.invite_button.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _filter_tab(self) -> QWidget:
        page = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、拼音或手机号（可留空）"))
        self.tier = QComboBox()
        self.tier.addItem(self.tr("全部层级"), None)
        for tier in current_tiers(self.vault.settings):
            self.tier.addItem(tier.name(), tier.code)
        self.grade = QComboBox()
        self.grade.addItem(self.tr("全部风险等级"), None)
        for grade in RISK_GRADES:
            self.grade.addItem(grade, grade)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText(self.tr("标签（可留空）"))
        form = QFormLayout(page)
        form.addRow(self.tr("搜索"), self.search)
        form.addRow(self.tr("层级"), self.tier)
        form.addRow(self.tr("风险等级"), self.grade)
        form.addRow(self.tr("标签"), self.tag)
        return page

    def _segment_tab(self) -> QWidget:
        page = QWidget()
        self.segment = QComboBox()
        self.segment.setEditable(True)  # any bar key of 经营洞察 (gap:fund, up:3m …) may be typed
        for segment in SEGMENTS:
            self.segment.addItem(segment.name(), f"rfm:{segment.code}")
        for tier in current_tiers(self.vault.settings):
            self.segment.addItem(self.tr("层级：{}").format(tier.name()), f"tier:{tier.code}")
        hint = QLabel(self.tr("经营洞察页上的任一分组都可以在这里选择或输入其键，例如 gap:fund。"))
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        form = QFormLayout(page)
        form.addRow(self.tr("分组"), self.segment)
        form.addRow(hint)
        return page

    def _pick_tab(self) -> QWidget:
        page = QWidget()
        self.picker = ClientPicker()
        self.picker.attach(self.vault)
        add = QPushButton(self.tr("加入名单"))
        add.clicked.connect(self.add_picked)
        self.picked = QListWidget()
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(add)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.picked)
        return page

    def add_picked(self) -> None:
        cid = self.picker.client_id
        if cid is None or cid in self.picked_ids():
            return
        item = QListWidgetItem(self.picker.edit.text())
        item.setData(Qt.ItemDataRole.UserRole, cid)
        self.picked.addItem(item)
        self.picker.set_client(None)

    def picked_ids(self) -> list[int]:
        items = (self.picked.item(i) for i in range(self.picked.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def _chooser(self) -> Callable[[], list[int]]:
        """The current tab's choice, read now (on the UI thread), to be run in the background."""
        tab, vault, today = self.tabs.currentIndex(), self.vault, self.today
        if tab == 0:
            query = ClientQuery(
                text=self.search.text().strip(),
                tiers=(self.tier.currentData(),) if self.tier.currentData() else (),
                risk_grades=(self.grade.currentData(),) if self.grade.currentData() else (),
                tags=(self.tag.text().strip(),) if self.tag.text().strip() else (),
                today=today,
            )
            return lambda: invites.clients_of_query(vault, query)
        if tab == 1:
            index = self.segment.currentIndex()
            key = self.segment.itemData(index) if self.segment.itemText(index) == self.segment.currentText() else None
            name = key or self.segment.currentText()
            return lambda: invites.clients_of_segment(vault, name, today)
        picked = self.picked_ids()
        return lambda: picked

    def submit(self) -> None:
        """Choose and invite off the UI thread: a whole-book segment reads every client."""
        choose = self._chooser()
        vault, event_id, empty = self.vault, self.target.id, self.tr("没有符合条件的客户")

        def work(_progress) -> invites.InviteResult:
            ids = choose()
            if not ids:
                raise UserError(empty)
            return invites.invite(vault, event_id, ids)

        def done(result: invites.InviteResult) -> None:
            self.result_value = result
            self.accept()

        def failed(exc: Exception) -> None:
            self.invite_button.setEnabled(True)
            self.error.setText(str(exc) if isinstance(exc, UserError) else type(exc).__name__)
            self.error.show()

        self.invite_button.setEnabled(False)
        run_task(self, self.tr("正在邀请"), work, done, on_error=failed, vault=vault)

    def done(self, code: int) -> None:
        self.picker.detach()
        super().done(code)
