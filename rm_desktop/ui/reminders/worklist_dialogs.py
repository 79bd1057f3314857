"""Dialogs of the worklist's own actions: record a maturity outcome, mark a client lost.

Like the reminder dialogs, each takes a ``submit`` callable that does the work through
services/worklist/outcomes; a UserError it raises shows in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from rm_desktop.ui.reminders.reminder_dialogs import _SubmitDialog


class OutcomeDialog(_SubmitDialog):
    """到期承接: how much stayed (the full amount by default), where it went, and why not all."""

    def __init__(
        self, title: str, amount: str, reasons: tuple[str, ...], submit: Callable, parent: QWidget | None = None
    ):
        super().__init__(self.tr("记录到期去向"), submit, parent)
        self.setMinimumWidth(420)
        self.kept = QLineEdit(amount)
        self.kept.setPlaceholderText(self.tr("元，也可写 50万；0 表示全部取出"))
        self.into = QLineEdit()
        self.into.setPlaceholderText(self.tr("留空表示原产品续作"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItem("")
        self.reason.addItems(list(reasons))
        self.field_labels = {"kept": self.tr("留存金额"), "reason": self.tr("原因")}
        heading = QLabel(title)
        heading.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("留存金额"), self.kept)
        form.addRow(self.tr("转入产品"), self.into)
        form.addRow(self.tr("未留存原因"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.kept.setFocus()

    def payload(self) -> dict[str, str]:
        return {"kept": self.kept.text().strip(), "into": self.into.text(), "reason": self.reason.currentText()}


class LostDialog(_SubmitDialog):
    """流失: one of the reasons of the setting, and a note."""

    def __init__(self, name: str, reasons: tuple[str, ...], submit: Callable, parent: QWidget | None = None):
        super().__init__(self.tr("标记客户流失"), submit, parent)
        self.setMinimumWidth(380)
        self.reason = QComboBox()
        self.reason.addItems(list(reasons))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("客户"), QLabel(name))
        form.addRow(self.tr("原因"), self.reason)
        form.addRow(self.tr("备注"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def payload(self) -> dict[str, str]:
        return {"reason": self.reason.currentText(), "note": self.note.text()}
