"""One window per vault: a second window (its own VaultSession on the same folder) is told the
vault is open elsewhere, by the keyring unlock at start and by the password, and opens once the
first one has locked."""

from __future__ import annotations

import os

import pytest

from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.IniFormat)


@pytest.fixture
def windows(qtbot, vault, vault_dir):
    vault.lock()
    made = []
    for _ in range(2):
        session = VaultSession(vault_dir)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
    yield made
    for window in made:
        window.session.lock()


def _settled(qtbot, window):
    qtbot.waitUntil(lambda: not window.unlock_page.busy, timeout=5000)


def test_a_second_window_on_the_same_vault_says_it_is_open_elsewhere(qtbot, windows):
    first, second = windows
    first.start()  # the keyring copy of the key: opens at once
    _settled(qtbot, first)
    assert first.session.vault is not None and first.stack.currentIndex() == 1

    for attempt in (second.start, lambda: second._unlock(PASSWORD, False)):
        attempt()
        _settled(qtbot, second)
        error = second.unlock_page.error
        assert error.isVisible()
        assert "档案库已在 RM Desktop 窗口中打开" in error.text() and f"进程 {os.getpid()}" in error.text()
        assert "意外错误" not in error.text()
        assert second.session.vault is None and second.stack.currentIndex() == 0

    first.lock()  # the first window lets go: the second one opens
    second._unlock(PASSWORD, False)
    _settled(qtbot, second)
    assert second.session.vault is not None and second.stack.currentIndex() == 1
