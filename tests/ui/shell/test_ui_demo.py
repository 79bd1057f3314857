"""A demo vault (rm-desktop --demo) says it is one on every page and keeps its password in
view for the whole session: the window title, a permanent status-bar label, and the lock screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rm_desktop import app
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession


@pytest.fixture
def demo_window(qtbot, tmp_path):
    session = VaultSession(tmp_path / "demo" / "vault")
    vault = app._demo_session(session, 5)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    session.adopt(vault)
    yield window, session.demo_password
    session.lock()


def test_every_page_says_demo_with_its_password(demo_window):
    window, password = demo_window
    assert password and "演示档案库" in window.windowTitle()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.statusBar().isVisible() and window.demo_label.isVisible()
        assert password in window.demo_label.text() and "演示" in window.demo_label.text()
    window.statusBar().showMessage("另一条消息", 6000)  # a passing message does not hide it
    assert window.demo_label.isVisible()


def test_the_lock_screen_keeps_the_demo_password_and_it_unlocks(qtbot, demo_window):
    window, password = demo_window
    window.lock()
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    assert page.demo_hint.isVisible() and password in page.demo_hint.text()
    assert window.demo_label.isVisible() and "演示档案库" in window.windowTitle()
    page.password.setText(password)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=10_000)
    assert window.demo_label.isVisible() and password in window.demo_label.text()
    window.lock()  # locked again: still there (reset() does not clear it)
    assert page.demo_hint.isVisible() and password in page.demo_hint.text()


def test_an_ordinary_vault_shows_no_demo_marks(qtbot, vault_dir):
    window = MainWindow(VaultSession(vault_dir))
    qtbot.addWidget(window)
    window.show()
    assert not window.demo_label.isVisible() and not window.unlock_page.demo_hint.isVisible()
    assert "演示" not in window.windowTitle()


def test_the_demo_has_a_made_up_rm_profile(demo_window):
    from rm_desktop.services.settings import profile

    window, _password = demo_window
    assert profile.load(window.session.vault.settings).missing == []  # its scripts read complete
