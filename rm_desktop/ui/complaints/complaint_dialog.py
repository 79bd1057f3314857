"""One complaint's handling (处理): what the client said, the deadline (red once missed) and the
fixed steps as a checklist with the time each was done; 结案 opens the close form.

Ticking a step records it at the time in its field (now by default, editable to the minute for
a step done earlier); unticking removes it again (the undo of a wrong tick). A closed
complaint shows its outcome and satisfaction and its checklist read-only.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.service_requests import STEPS
from rm_desktop.services.complaints import store
from rm_desktop.services.complaints.records import ComplaintRecord
from rm_desktop.services.vault.lifecycle import Vault
from rm_desktop.ui.complaints.complaint_form import Clock, CloseComplaintDialog, _now
from rm_desktop.ui.widgets.theme import themed

STAMP = "yyyy-MM-dd HH:mm"


def qt_stamp(when: dt.datetime) -> QDateTime:
    return QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))


class ComplaintDialog(QDialog):
    changed = Signal()  # a step or the close was saved: lists reload

    def __init__(self, vault: Vault, complaint: ComplaintRecord, parent=None, *, clock: Clock = _now):
        super().__init__(parent)
        self.vault, self.complaint, self.clock = vault, complaint, clock
        self.setWindowTitle(self.tr("处理投诉"))
        self.setMinimumWidth(620)
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.deadline = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        themed(self.text, "padding: 6px; border: 1px solid $border; border-radius: 4px;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        themed(self.error, "color: $error;")
        self.error.hide()
        self.checks: dict[str, QCheckBox] = {}
        self.times: dict[str, QDateTimeEdit] = {}
        self.notes: dict[str, QLineEdit] = {}
        steps = QGroupBox(self.tr("处理步骤"))
        grid = QGridLayout(steps)
        for row, choice in enumerate(STEPS.choices):
            check = QCheckBox(f"{row + 1}. {choice.label()}")
            when = QDateTimeEdit()
            when.setDisplayFormat(STAMP)
            when.setCalendarPopup(True)
            note = QLineEdit()
            note.setPlaceholderText(self.tr("备注（可选）"))
            check.toggled.connect(lambda on, code=choice.code: self._tick(code, on))
            grid.addWidget(check, row, 0)
            grid.addWidget(when, row, 1)
            grid.addWidget(note, row, 2)
            self.checks[choice.code], self.times[choice.code], self.notes[choice.code] = check, when, note
        grid.setColumnStretch(2, 1)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = QPushButton(self.tr("结案…"))
        self.close_button.clicked.connect(self.close_complaint)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        for widget in (self.head, self.deadline, self.text, steps, self.outcome, self.error, buttons):
            layout.addWidget(widget)
        self._show(complaint)

    def _show(self, c: ComplaintRecord) -> None:
        self.complaint = c
        now = self.clock()
        self.head.setText(
            f"<b>{c.client_name}</b> · {c.type_label} · {c.category_label} · {c.severity_label} · {c.channel_label}"
            + " · "
            + self.tr("受理 {}").format(f"{c.received_at:%Y-%m-%d %H:%M}")
        )
        if c.overdue(now):
            self.deadline.setText(self.tr("回访已逾期：截止 {}").format(f"{c.deadline_at:%Y-%m-%d %H:%M}"))
            themed(self.deadline, "color: $error; font-weight: bold;")
        else:
            self.deadline.setText(self.tr("回访截止：{}").format(f"{c.deadline_at:%Y-%m-%d %H:%M}"))
            themed(self.deadline, "color: $muted;")
        self.text.setText(c.description)
        stamp = qt_stamp(now)
        for code, check in self.checks.items():
            done = c.step(code)
            check.blockSignals(True)
            check.setChecked(done is not None)
            check.blockSignals(False)
            self.times[code].setDateTime(qt_stamp(done.done_at) if done else stamp)
            self.notes[code].setText(done.note or "" if done else self.notes[code].text())
            for widget in (check, self.times[code], self.notes[code]):
                widget.setEnabled(c.is_open)
        self.close_button.setEnabled(c.is_open)
        if c.is_open:
            self.outcome.hide()
        else:
            self.outcome.setText(
                self.tr("已于 {} 结案：{}（满意度 {}/5）").format(
                    f"{c.closed_at:%Y-%m-%d %H:%M}" if c.closed_at else "", c.outcome, c.satisfaction
                )
            )
            self.outcome.show()

    def _tick(self, code: str, on: bool) -> None:
        try:
            if on:
                at = self.times[code].dateTime().toPython()
                saved = store.mark_step(
                    self.vault, self.complaint.id, code, now=self.clock(), at=at, note=self.notes[code].text()
                )
            else:
                saved = store.undo_step(self.vault, self.complaint.id, code, now=self.clock())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self._show(self.complaint)  # the tick goes back: nothing was saved
            return
        self.error.hide()
        self._show(saved)
        self.changed.emit()

    def close_complaint(self) -> None:
        dialog = CloseComplaintDialog(self.vault, self.complaint, self, clock=self.clock)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._show(dialog.saved)
            self.changed.emit()
