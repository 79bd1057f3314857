"""What the GUI tests share: QSettings kept in the test's own folder, scripted answers to
QMessageBox.question, pages shown and attached to the test vault, and a main window on the test
vault's folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path) -> Path:
    """Every GUI test reads and writes QSettings (window sizes, last folders, remembered filters)
    in its own folder: each starts from the defaults, and the user's own settings stay untouched.
    Returns the folder (a test can look at what was stored)."""
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return folder


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


@pytest.fixture
def window(qtbot, vault_dir):
    """The main window, shown, on the test vault's folder (the lock screen until a test unlocks
    it); its session is locked at the end."""
    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    session = VaultSession(vault_dir)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    yield w
    session.lock()


@pytest.fixture
def purposes_asked(monkeypatch) -> list[str]:
    """The exports' purpose dialog (issue 18.3, modal) answered with the kind's default; the kinds
    asked are recorded for the tests to check. tests/ui/reports and tests/ui/privacy use it for
    every test (their exports always ask)."""
    from rm_desktop.services.export_controls.purposes import default_control
    from rm_desktop.ui.export_controls import purpose_dialog

    asked: list[str] = []

    def answer(_parent, kind, _fields=(), *, what=""):
        asked.append(kind)
        return default_control(kind)

    monkeypatch.setattr(purpose_dialog, "ask_purpose", answer)
    return asked
