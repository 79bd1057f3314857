"""Start-up (issue 19.1): the keyring unlock begins before the window is built (app.main) and the
window's start() takes that very unlock: one unlock, run in its own thread, its failures handled
as the window's own; an unlock no window took is locked again."""

from __future__ import annotations

import threading

import keyring
import pytest
from PySide6.QtCore import QSettings

from rm_desktop import app as rm_app
from rm_desktop.security.keystore import SERVICE
from rm_desktop.services.clients import demo
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.shell import session as session_module
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession


class Unlocks(list):
    """The thread of every unlock (the list): the full one (vs.unlock) and the early one's first
    step on the bare driver (session.open_for_window), and the vaults they opened."""

    vaults: list


@pytest.fixture
def unlocks(monkeypatch):
    seen = Unlocks()
    seen.vaults = []

    def counted(real):
        def call(*args, **kwargs):
            seen.append(threading.current_thread().name)
            seen.vaults.append(real(*args, **kwargs))
            return seen.vaults[-1]

        return call

    monkeypatch.setattr(vs, "unlock", counted(vs.unlock))
    monkeypatch.setattr(session_module, "open_for_window", counted(session_module.open_for_window))
    return seen


def open_window(qtbot, session):
    QSettings().setValue("window/page_key", "clients")
    window = MainWindow(session, page_factory=rm_app._feature_pages)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_takes_the_unlock_begun_before_it(qtbot, vault_dir, vault, unlocks):
    vault.lock()
    session = VaultSession(vault_dir)
    session.begin_keyring_open()  # as app.main does, before the window exists
    window = open_window(qtbot, session)
    try:
        window.start()
        qtbot.waitUntil(lambda: session.vault is not None, timeout=10_000)
        assert unlocks == ["rm-early-unlock"]  # one unlock, the early one
        assert window.pages["clients"].vault is session.vault
    finally:
        session.lock()
    assert not session.vault


def test_no_key_in_the_keyring_asks_for_the_password(qtbot, vault_dir, vault, unlocks):
    keyring.delete_password(SERVICE, vault.header.vault_id)
    vault.lock()
    session = VaultSession(vault_dir)
    session.begin_keyring_open()
    window = open_window(qtbot, session)
    window.start()
    qtbot.waitUntil(lambda: window._opening is None, timeout=10_000)
    assert session.vault is None and unlocks == ["rm-early-unlock"]
    assert window.stack.currentWidget() is window.unlock_page and window.unlock_page.password.isVisible()


def test_an_unlock_no_window_took_is_locked(vault_dir, vault, unlocks):
    vault.lock()
    session = VaultSession(vault_dir)
    session.begin_keyring_open()
    session.discard_early_open()
    assert len(unlocks.vaults) == 1 and unlocks.vaults[0].locked  # waited for, then locked


def test_app_main_begins_the_unlock_for_an_existing_vault_and_locks_it_untaken(vault_dir, vault, monkeypatch, unlocks):
    vault.lock()
    begun: list[object] = []

    def window(_app, _args, session, *, logged, on_window):
        begun.append(session._early)
        return 0  # the window never starts: main must lock what the early unlock opened

    monkeypatch.setattr(rm_app, "_run_window", window)
    assert rm_app.main(["--vault", str(vault_dir)]) == 0
    assert begun and begun[0] is not None
    assert unlocks == ["rm-early-unlock"] and unlocks.vaults[0].locked


def test_app_main_begins_no_unlock_without_a_vault(tmp_path, monkeypatch):
    begun: list[object] = []
    monkeypatch.setattr(
        rm_app, "_run_window", lambda _a, _b, session, *, logged, on_window: begun.append(session._early) or 0
    )
    assert rm_app.main(["--vault", str(tmp_path / "none")]) == 0
    assert begun == [None]


def test_an_unlock_done_before_the_window_shows_the_list_at_its_first_paint(qtbot, vault_dir, vault, monkeypatch):
    """The list's first page read with the early unlock (the read a new list asks for), the
    unlock taken before show(): the window's first paint is the list with its rows, the lock
    screen is never painted, and no page is read again for it."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    import rm_desktop.ui.clients.client_table as client_table
    from rm_desktop.services.search import first_page
    from rm_desktop.ui.clients.clients_page import first_page_at_start

    reads: list[str] = []
    real = first_page.read_first_page
    monkeypatch.setattr(
        first_page, "read_first_page", lambda *a: reads.append(threading.current_thread().name) or real(*a)
    )
    monkeypatch.setattr(client_table, "read_first_page", first_page.read_first_page)
    demo.fill(vault, 30)
    vault.lock()
    session = VaultSession(vault_dir)
    QSettings().setValue("window/page_key", "clients")
    session.begin_keyring_open(read=first_page_at_start())
    while not session.early_open_done():
        qtbot.wait(10)
    window = MainWindow(session, page_factory=rm_app._feature_pages)
    qtbot.addWidget(window)
    painted: list[QObject] = []

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.window() is window:
                painted.append(obj)
            return False

    watcher = Paints()
    QApplication.instance().installEventFilter(watcher)
    try:
        window.start()
        # Taken at once: the list shows the page read on the bare driver; the full vault comes
        # after the first paint (ui/shell/preview.py), the window held busy until then.
        model = window.pages["clients"].model
        assert session.vault is None and window.stack.currentIndex() == 1
        assert (model.rowCount(), model.total) == (30, 30)
        shown = [model.row_at(i) for i in range(30)]
        assert QApplication.overrideCursor() is not None
        window.show()
        qtbot.waitUntil(lambda: bool(painted), timeout=10_000)
        assert not any(w is window.unlock_page or window.unlock_page.isAncestorOf(w) for w in painted)
        qtbot.waitUntil(lambda: session.vault is not None, timeout=10_000)
        assert window.pages["clients"].vault is session.vault and model.vault is session.vault
        assert [model.row_at(i) for i in range(30)] == shown  # the same rows, not read again
        assert reads == ["rm-early-unlock"]
        assert QApplication.overrideCursor() is None and window._preview is None
    finally:
        QApplication.instance().removeEventFilter(watcher)
        session.lock()
