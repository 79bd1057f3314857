"""流程模板: the playbooks (built-in and the RM's own) with their steps; 复制 makes an editable
copy, 编辑步骤 changes a copy, 为客户启动… dates its steps onto the worklist. Below, the started
playbooks' open steps: 完成并记录往来 does the selected one and logs its contact (as 记录往来 on
the worklist item does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.playbooks.model import Playbook
from rm_desktop.services.playbooks import library, runs, steps
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.events.playbook_dialogs import PlaybookEditDialog, StartDialog
from rm_desktop.ui.widgets.theme import themed


class PlaybooksTab(QWidget):
    def __init__(self, now: Callable[[], dt.datetime], announce: Callable[[str], None], parent: QWidget | None = None):
        """``now`` is the page's clock (tests fake it); ``announce`` says a result in the status bar."""
        super().__init__(parent)
        self.now, self.announce = now, announce
        self.vault: Vault | None = None
        self.playbooks: list[Playbook] = []
        self.names = QListWidget()
        self.names.currentRowChanged.connect(lambda _row: self.show_playbook())
        self.steps = QTableWidget(0, 4)
        self.steps.setHorizontalHeaderLabels([self.tr("天数"), self.tr("步骤"), self.tr("联系方式"), self.tr("话术")])
        self.steps.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.steps.verticalHeader().hide()
        self.steps.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.about = QLabel()
        self.about.setWordWrap(True)
        themed(self.about, "color: $muted;")
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.clicked.connect(self.copy)
        self.edit_button = QPushButton(self.tr("编辑步骤…"))
        self.edit_button.clicked.connect(self.edit)
        self.start_button = QPushButton(self.tr("为客户启动…"))
        self.start_button.clicked.connect(self.start)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("撤销启动（Ctrl+Z）"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self._undo: Callable[[], int] | None = None  # takes back the last start (the page's Ctrl+Z)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.undo_button)
        row = QHBoxLayout()
        for button in (self.copy_button, self.edit_button, self.start_button):
            row.addWidget(button)
        row.addStretch(1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.about)
        column.addLayout(row)
        column.addWidget(self.steps, 1)
        column.addLayout(notice_row)
        split = QSplitter()
        split.addWidget(self.names)
        split.addWidget(right)
        split.setSizes([260, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 3)
        layout.addWidget(self._open_section(), 2)

    def _open_section(self) -> QWidget:
        self.open_steps: list[steps.OpenStep] = []
        self.open_table = QTableWidget(0, 5)
        self.open_table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("客户"), self.tr("流程"), self.tr("步骤"), self.tr("联系方式")]
        )
        self.open_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.open_table.verticalHeader().hide()
        self.open_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.open_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.done_button = QPushButton(self.tr("完成并记录往来"))
        self.done_button.clicked.connect(self.complete)
        self.open_empty = QLabel(self.tr("还没有进行中的流程：选择一个模板，点“为客户启动…”。"))
        themed(self.open_empty, "color: $muted;")
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("进行中的步骤")))
        heading.addWidget(self.open_empty)
        heading.addStretch(1)
        heading.addWidget(self.done_button)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(heading)
        column.addWidget(self.open_table)
        return box

    def reload_open(self) -> None:
        self.open_steps = steps.open_steps(self.vault) if self.vault is not None else []
        self.open_table.setRowCount(0)
        for step in self.open_steps:
            row = self.open_table.rowCount()
            self.open_table.insertRow(row)
            texts = (step.due_on.isoformat(), step.client_name, step.playbook, step.title, CHANNELS.label(step.channel))
            for column, text in enumerate(texts):
                self.open_table.setItem(row, column, QTableWidgetItem(text))
        self.open_table.resizeColumnsToContents()
        self.open_empty.setVisible(not self.open_steps)
        self.done_button.setEnabled(bool(self.open_steps))

    def complete(self) -> None:
        row = self.open_table.currentRow()
        if self.vault is None or not 0 <= row < len(self.open_steps):
            self.say(self.tr("请先选择一个步骤"), warn=True)
            return
        self.offer_undo(None)  # a step done is history: the start is no longer taken back
        try:
            text = steps.complete_step(self.vault, self.open_steps[row].id, now=self.now())
        except UserError as exc:
            self.say(str(exc), warn=True)
            return
        self.reload_open()
        self.say(text)

    def attach(self, vault: Vault) -> None:
        self.vault = vault
        self.reload()

    def detach(self) -> None:
        self.offer_undo(None)
        self.vault = None
        self.open_steps = []
        self.open_table.setRowCount(0)
        self.playbooks = []
        self.names.clear()
        self.steps.setRowCount(0)

    def reload(self, select: str | None = None) -> None:
        if self.vault is None:
            return
        shown = self.current()
        current = select or (shown.ref if shown else None)
        self.playbooks = library.list_playbooks(self.vault)
        self.names.blockSignals(True)
        self.names.clear()
        for playbook in self.playbooks:
            self.names.addItem(playbook.name + (self.tr("（内置）") if playbook.builtin else ""))
        self.names.blockSignals(False)
        refs = [p.ref for p in self.playbooks]
        self.names.setCurrentRow(refs.index(current) if current in refs else 0)
        self.show_playbook()
        self.reload_open()

    def current(self) -> Playbook | None:
        row = self.names.currentRow()
        return self.playbooks[row] if 0 <= row < len(self.playbooks) else None

    def show_playbook(self) -> None:
        playbook = self.current()
        self.steps.setRowCount(0)
        self.edit_button.setEnabled(playbook is not None and not playbook.builtin)
        self.copy_button.setEnabled(playbook is not None)
        self.start_button.setEnabled(playbook is not None)
        if playbook is None:
            self.about.clear()
            return
        if playbook.builtin:
            about = self.tr("第 0 天：{}。内置模板不能修改：点“复制”后编辑副本。")
        else:
            about = self.tr("第 0 天：{}。")
        self.about.setText(about.format(playbook.start_label))
        for step in playbook.steps:
            row = self.steps.rowCount()
            self.steps.insertRow(row)
            for column, text in enumerate((step.offset_label(), step.title, CHANNELS.label(step.channel), step.script)):
                self.steps.setItem(row, column, QTableWidgetItem(text))
        self.steps.resizeColumnsToContents()

    def say(self, text: str, warn: bool = False) -> None:
        self.notice.setText(text)
        themed(self.notice, "color: $error;" if warn else "")
        self.announce(text)

    def copy(self) -> None:
        playbook = self.current()
        if self.vault is None or playbook is None:
            return
        try:
            made = library.copy_playbook(self.vault, playbook.ref)
        except UserError as exc:
            self.say(str(exc), warn=True)
            return
        self.reload(select=made.ref)
        self.say(self.tr("已复制为“{}”，可以编辑步骤").format(made.name))

    def edit(self) -> None:
        playbook = self.current()
        if self.vault is None or playbook is None or playbook.builtin:
            return
        dialog = PlaybookEditDialog(self.vault, playbook, self)
        if dialog.exec() and dialog.saved is not None:
            self.reload(select=dialog.saved.ref)
            self.say(self.tr("已保存“{}”").format(dialog.saved.name))

    def start(self) -> None:
        playbook = self.current()
        if self.vault is None or playbook is None:
            return
        today: dt.date = self.now().date()
        dialog = StartDialog(self.vault, playbook, today, self)
        if dialog.exec() and dialog.run is not None:
            run_id, vault = dialog.run.id, self.vault
            self.reload_open()
            self.say(dialog.run.message())
            self.offer_undo(lambda: runs.undo_start(vault, run_id))

    def offer_undo(self, undo_it: Callable[[], int] | None) -> None:
        self._undo = undo_it
        self.undo_button.setVisible(undo_it is not None)

    def undo(self) -> None:
        if self._undo is None or self.vault is None:
            return
        try:
            removed = self._undo()
        except UserError as exc:
            self.say(str(exc), warn=True)
            return
        self.offer_undo(None)
        self.reload_open()
        self.say(self.tr("已撤销启动：移除 {} 个步骤").format(removed))
