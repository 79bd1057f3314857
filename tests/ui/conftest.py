"""What the GUI tests share: scripted answers to QMessageBox.question and pages shown and
attached to the test vault."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def answers(monkeypatch):
    """QMessageBox.question patched (tests/conftest.py refuses a real one): each call pops the
    next answer from the queue and records its title; an unexpected question fails the test."""
    queue: list = []
    asked: list[str] = []

    def question(_parent, title, *_args, **_kwargs):
        asked.append(title)
        assert queue, f"unexpected question: {title}"
        return queue.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return queue, asked


@pytest.fixture
def attached(qtbot, vault):
    """``attached(page)`` shows the page and attaches it to the test vault; each is detached at
    the end, before the vault closes."""
    pages: list = []

    def attach(widget):
        qtbot.addWidget(widget)
        widget.show()
        widget.attach(vault)
        pages.append(widget)
        return widget

    yield attach
    for widget in reversed(pages):
        widget.detach()
