"""Small dialogs of the reminder actions: log a contact, dismiss with a reason, snooze to a date.

Each dialog takes a ``submit`` callable that does the work through the services; a UserError
it raises is shown in the dialog, which stays open so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import default_follow_up
from rm_desktop.services.clients.choices import CHANNELS
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.ui.widgets.theme import themed


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class _SubmitDialog(QDialog):
    """OK runs ``submit``; its UserError shows under the form and the dialog stays open."""

    def __init__(self, title: str, submit: Callable, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.error = QLabel()
        self.error.setWordWrap(True)
        themed(self.error, "color: $error;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.result_value: Any = None  # what submit returned
        self.field_labels: dict[str, str] = {}  # service field name -> the label shown in this dialog

    def payload(self):
        raise NotImplementedError

    def try_accept(self) -> None:
        try:
            self.result_value = self._submit(self.payload())
        except ClientValidationError as exc:
            self.show_error(
                "\n".join(
                    self.tr("{}：{}").format(self.field_labels.get(field, field), message)
                    for field, message in exc.errors.items()
                )
            )
            return
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class LogContactDialog(_SubmitDialog):
    """Channel, content and an optional next follow-up date (proposed by the 48-hour rule)."""

    def __init__(self, client_name: str, submit: Callable, now: dt.datetime, parent: QWidget | None = None):
        super().__init__(self.tr("记录联系"), submit, parent)
        self.now = now
        self.setMinimumWidth(420)
        self.channel = QComboBox()
        for choice in CHANNELS.choices:
            self.channel.addItem(choice.label(), choice.code)
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("联系内容和结果，例如：电话回访，客户同意到期后续投。"))
        self.content.setTabChangesFocus(True)
        self.follow = QCheckBox(self.tr("下次跟进"))
        self.follow_date = QDateEdit()
        self.follow_date.setCalendarPopup(True)
        self.follow_date.setDisplayFormat("yyyy-MM-dd")
        self.follow_date.setMinimumDate(qdate(now.date()))
        self.follow_date.setDate(qdate(now.date() + dt.timedelta(days=7)))
        self.follow.toggled.connect(self.follow_date.setEnabled)
        self._follow_touched = False
        self.follow.clicked.connect(lambda: setattr(self, "_follow_touched", True))
        self.channel.currentIndexChanged.connect(self._propose_follow_up)

        self.field_labels = {
            "channel": self.tr("方式"),
            "content": self.tr("内容"),
            "follow_up_date": self.tr("下次跟进"),
        }
        form = QFormLayout()
        form.addRow(self.tr("客户"), QLabel(client_name))
        form.addRow(self.tr("方式"), self.channel)
        form.addRow(self.tr("内容"), self.content)
        row = QHBoxLayout()
        row.addWidget(self.follow)
        row.addWidget(self.follow_date, 1)
        form.addRow(row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._propose_follow_up()
        self.content.setFocus()

    def _propose_follow_up(self) -> None:
        """Visits and branch meetings call for a follow-up within 48 hours (the branch rule)."""
        if self._follow_touched:
            return
        proposed = default_follow_up(self.now, self.channel.currentData() or "")
        self.follow.setChecked(proposed is not None)
        self.follow_date.setEnabled(proposed is not None)
        if proposed is not None:
            self.follow_date.setDate(qdate(proposed))

    def payload(self) -> dict:
        values = {"channel": self.channel.currentData(), "content": self.content.toPlainText().strip()}
        if self.follow.isChecked():
            values["follow_up_date"] = pydate(self.follow_date.date()).isoformat()
        return values


class DismissDialog(_SubmitDialog):
    def __init__(self, title: str, submit: Callable, parent: QWidget | None = None):
        super().__init__(self.tr("忽略提醒"), submit, parent)
        self.setMinimumWidth(380)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([self.tr("已处理"), self.tr("不再适用"), self.tr("客户不希望被联系"), self.tr("重复提醒")])
        self.reason.setCurrentIndex(0)
        heading = QLabel(title)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        form = QFormLayout()
        form.addRow(self.tr("原因"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def payload(self) -> str:
        return self.reason.currentText()


class SnoozeDateDialog(QDialog):
    """Pick the day to show the reminder again (tomorrow at the earliest, a year at most)."""

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("推迟到…"))
        self.calendar = QCalendarWidget()
        self.calendar.setMinimumDate(qdate(today + dt.timedelta(days=1)))
        self.calendar.setMaximumDate(qdate(today + dt.timedelta(days=366)))
        self.calendar.setSelectedDate(qdate(today + dt.timedelta(days=1)))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(lambda _d: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons, alignment=Qt.AlignmentFlag.AlignRight)

    def chosen(self) -> dt.date:
        return pydate(self.calendar.selectedDate())
