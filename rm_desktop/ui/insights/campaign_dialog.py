"""加入工作清单: a list of clients (a bar's, the client list's) as one worklist item each.

Title (the list's name + 回访 by default), day (today by default, never earlier) and a note;
the work is services/worklist/campaign (one transaction, clients with the same item open
skipped). The dialog stays open with the outcome and an undo (Ctrl+Z) that removes exactly
the items it made; a refused value shows in red under the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.services.reminders.appointments import MAX_TITLE
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.services.worklist import campaign
from rm_desktop.ui.widgets.tasks import run_task
from rm_desktop.ui.widgets.theme import themed


class CampaignDialog(QDialog):
    added = Signal(object)  # the CampaignResult
    undone = Signal(int)  # how many items the undo removed

    def __init__(
        self,
        vault: Vault,
        client_ids: Sequence[int],
        list_name: str,
        today: dt.date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.vault, self.client_ids, self.today = vault, tuple(client_ids), today
        self.result_value: campaign.CampaignResult | None = None
        self.setWindowTitle(self.tr("加入工作清单"))
        self.setMinimumWidth(460)
        heading = QLabel(self.tr("为“{}”的 {} 位客户各建一项待办。").format(list_name, len(self.client_ids)))
        heading.setWordWrap(True)
        self.title = QLineEdit(campaign.default_title(list_name))
        self.title.setMaxLength(MAX_TITLE)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(QDate(today.year, today.month, today.day))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("可选，例如：介绍新一期理财，邀请到网点面谈"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(72)
        hint = QLabel(self.tr("已有相同未完成事项的客户会跳过，不会重复添加；流失和回收站中的客户也会跳过。"))
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        themed(self.error, "color: $error;")
        self.error.hide()
        self.outcome = QLabel()  # what the last add or undo did
        self.outcome.setWordWrap(True)
        self.add_button = QPushButton(self.tr("加入工作清单"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.submit)
        self.undo_button = QPushButton(self.tr("撤销（Ctrl+Z）"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("日期"), self.date)
        form.addRow(self.tr("备注"), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.add_button.setEnabled(bool(self.client_ids))
        self.title.setFocus()
        self.title.selectAll()

    def chosen_date(self) -> dt.date:
        day = self.date.date()
        return dt.date(day.year(), day.month(), day.day())

    def _show_error(self, exc: Exception) -> None:
        self.error.setText(str(exc) or type(exc).__name__)
        self.error.show()

    def _add_failed(self, exc: Exception) -> None:
        self._show_error(exc)
        self.add_button.setEnabled(True)

    def _undo_failed(self, exc: Exception) -> None:
        self._show_error(exc)
        self.undo_button.show()

    def submit(self) -> None:
        if not self.add_button.isEnabled():
            return
        self.error.hide()
        self.add_button.setEnabled(False)  # one press is one add; the undo gives it back
        vault, ids, title, on = self.vault, self.client_ids, self.title.text(), self.chosen_date()
        note, today = self.note.toPlainText(), self.today
        run_task(
            self,
            self.tr("正在加入工作清单"),
            lambda _progress: campaign.add_to_worklist(vault, ids, title, on, note=note, today=today),
            self._added,
            on_error=self._add_failed,
            cancellable=False,  # one transaction: it is all or nothing in well under a second
            vault=vault,
        )

    def _added(self, result: campaign.CampaignResult) -> None:
        self.result_value = result
        self.outcome.setText(result.message() + (self.tr("。打开“今日工作清单”即可看到。") if result.created else ""))
        for field in (self.title, self.date, self.note):
            field.setEnabled(False)
        self.undo_button.setVisible(result.created > 0)
        if result.created:
            self.undo_button.setFocus()  # Ctrl+Z then reaches the undo, not a field's own
        self.added.emit(result)

    def undo(self) -> None:
        result = self.result_value
        if result is None or not self.undo_button.isVisible():
            return
        self.undo_button.hide()
        self.error.hide()
        vault = self.vault
        run_task(
            self,
            self.tr("正在撤销"),
            lambda _progress: campaign.undo_campaign(vault, result.undo),
            self._undone,
            on_error=self._undo_failed,
            cancellable=False,
            vault=vault,
        )

    def _undone(self, removed: int) -> None:
        self.result_value = None
        self.outcome.setText(self.tr("已撤销：从工作清单移除 {} 项").format(removed))
        for field in (self.title, self.date, self.note):
            field.setEnabled(True)
        self.add_button.setEnabled(True)
        self.undone.emit(removed)
