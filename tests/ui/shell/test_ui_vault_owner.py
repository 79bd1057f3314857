"""One window per vault: a second window (its own VaultSession on the same folder) is told the
vault is open elsewhere, by the keyring unlock at start and by the password, and opens once the
first one has locked."""

from __future__ import annotations

import os

import pytest

from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from tests.conftest import PASSWORD


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


def test_the_second_window_brings_the_first_one_forward(qtbot, windows, monkeypatch, vault_dir):
    first, second = windows
    first.start()
    _settled(qtbot, first)
    raised = []
    monkeypatch.setattr(first, "raise_", lambda: raised.append(True))
    first.showMinimized()

    second.start()
    _settled(qtbot, second)
    assert "已将该窗口显示在前面" in second.unlock_page.error.text()
    qtbot.waitUntil(lambda: raised == [True], timeout=5000)  # the watcher saw the request
    assert not first.isMinimized()
    assert not (vault_dir / "locks" / "forward-request").exists()  # taken: one request, one raise

    first.lock()  # a locked window no longer answers: it owns nothing to bring forward
    from rm_desktop.storage import vault_lock

    assert vault_lock.request_forward(vault_dir)
    qtbot.wait(300)
    assert raised == [True]
