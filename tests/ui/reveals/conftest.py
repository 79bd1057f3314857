"""What the reveal tests share: the RM at the reason dialog, scripted (``answers``)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from rm_desktop.ui.reveals.reason_dialog import ReasonDialog


class Answers:
    """Stands in for the RM at the dialog: each exec() takes the next answer (a reason code, or
    None for Esc) and records that it was asked."""

    def __init__(self, monkeypatch):
        self.queue: list[str | None] = []
        self.asked = 0
        answers = self

        def exec_(dialog: ReasonDialog) -> int:
            answers.asked += 1
            code = answers.queue.pop(0) if answers.queue else None
            if code is None:
                dialog.reject()
                return QDialog.DialogCode.Rejected
            dialog.radios[code].setChecked(True)
            dialog._ok()
            return dialog.result()

        monkeypatch.setattr(ReasonDialog, "exec", exec_)


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)
