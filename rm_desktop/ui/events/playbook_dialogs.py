"""The playbooks tab's dialogs: editing a copy's steps (day offset, title, channel, 话术) and
starting a playbook for a client (start day, optionally for an event)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.playbooks.model import Playbook, Step
from rm_desktop.services.events import store
from rm_desktop.services.playbooks import library, runs
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.widgets.client_line_picker import ClientPicker
from rm_desktop.ui.widgets.theme import themed

OFFSET, TITLE, CHANNEL, SCRIPT = range(4)


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    themed(label, "color: $error;")
    label.hide()
    return label


class PlaybookEditDialog(QDialog):
    """编辑步骤 of an RM's own playbook; saved through services/playbooks/library."""

    def __init__(self, vault: Vault, playbook: Playbook, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.playbook = vault, playbook
        self.saved: Playbook | None = None
        self.setWindowTitle(self.tr("编辑流程模板"))
        self.resize(720, 420)
        self.name = QLineEdit(playbook.name)
        self.start_label = QLineEdit(playbook.start_label)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("第 0 天是"), self.start_label)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("天数"), self.tr("步骤"), self.tr("联系方式"), self.tr("话术")])
        self.table.horizontalHeader().setSectionResizeMode(SCRIPT, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        for step in playbook.steps:
            self.add_row(step)
        add = QPushButton(self.tr("添加步骤"))
        add.clicked.connect(lambda: self.add_row(Step(0, "", "phone")))
        remove = QPushButton(self.tr("删除选中步骤"))
        remove.clicked.connect(self.remove_row)
        hint = QLabel(self.tr("天数：相对第 0 天，负数为之前（例如 -7 即 T-7）。"))
        themed(hint, "color: $muted;")
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def add_row(self, step: Step) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, OFFSET, QTableWidgetItem(str(step.offset)))
        self.table.setItem(row, TITLE, QTableWidgetItem(step.title))
        channel = QComboBox()
        for choice in CHANNELS.choices:
            channel.addItem(choice.label(), choice.code)
        channel.setCurrentIndex(max(0, channel.findData(step.channel)))
        self.table.setCellWidget(row, CHANNEL, channel)
        self.table.setItem(row, SCRIPT, QTableWidgetItem(step.script))

    def remove_row(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def steps(self) -> list[Step]:
        found = []
        for row in range(self.table.rowCount()):
            raw = self._text(row, OFFSET).strip().replace("T", "").replace("+", "")
            try:
                offset = int(raw or "0")
            except ValueError:
                raise ValidationError(
                    f"steps[{row + 1}].offset", self.tr("天数须为整数：{}").format(self._text(row, OFFSET))
                ) from None
            channel = self.table.cellWidget(row, CHANNEL)
            code = channel.currentData() if isinstance(channel, QComboBox) else "phone"
            found.append(Step(offset, self._text(row, TITLE), code, self._text(row, SCRIPT)))
        return found

    def submit(self) -> None:
        try:
            self.saved = library.update_playbook(
                self.vault, self.playbook.ref, self.name.text(), self.start_label.text(), self.steps()
            )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class StartDialog(QDialog):
    """为客户启动: the client, day 0 (today by default, an event's day when one is chosen)."""

    def __init__(self, vault: Vault, playbook: Playbook, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.playbook, self.today = vault, playbook, today
        self.run: runs.RunRecord | None = None
        self.setWindowTitle(self.tr("为客户启动：{}").format(playbook.name))
        self.setMinimumWidth(460)
        self.client = ClientPicker()
        self.client.attach(vault)
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.event_box = QComboBox()
        self.event_box.addItem(self.tr("（不关联活动）"), None)
        for event in store.list_events(vault):
            self.event_box.addItem(f"{event.starts_at:%Y-%m-%d} {event.name}", event.id)
        self.event_box.currentIndexChanged.connect(self._event_chosen)
        form = QFormLayout()
        form.addRow(self.tr("客户"), self.client)
        form.addRow(self.tr("关联活动"), self.event_box)
        form.addRow(self.tr("第 0 天（{}）").format(playbook.start_label), self.start)
        hint = QLabel(self.tr("每个步骤按日期加入今日工作清单；已过去的步骤不加入。"))
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        start = buttons.addButton(self.tr("启动"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _event_chosen(self) -> None:
        event_id = self.event_box.currentData()
        for event in store.list_events(self.vault) if event_id else ():
            if event.id == event_id:
                day = event.starts_at.date()
                self.start.setDate(QDate(day.year, day.month, day.day))

    def submit(self) -> None:
        try:
            if self.client.client_id is None:
                raise ValidationError("client", self.tr("请选择客户"))
            self.run = runs.start_playbook(
                self.vault,
                self.playbook.ref,
                self.client.client_id,
                self.start.date().toPython(),  # type: ignore[arg-type]  # a QDate gives a date
                event_id=self.event_box.currentData(),
                today=self.today,
            )
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def done(self, code: int) -> None:
        self.client.detach()
        super().done(code)
