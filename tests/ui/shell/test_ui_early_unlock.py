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
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession


class Unlocks(list):
    """The thread of every vs.unlock call (the list) and the vaults they opened."""

    vaults: list[vs.Vault]


@pytest.fixture
def unlocks(monkeypatch):
    seen = Unlocks()
    seen.vaults = []
    real = vs.unlock

    def counted(*args, **kwargs):
        seen.append(threading.current_thread().name)
        seen.vaults.append(real(*args, **kwargs))
        return seen.vaults[-1]

    monkeypatch.setattr(vs, "unlock", counted)
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

    def window(_app, _args, session, *, logged):
        begun.append(session._early)
        return 0  # the window never starts: main must lock what the early unlock opened

    monkeypatch.setattr(rm_app, "_run_window", window)
    assert rm_app.main(["--vault", str(vault_dir)]) == 0
    assert begun and begun[0] is not None
    assert unlocks == ["rm-early-unlock"] and unlocks.vaults[0].locked


def test_app_main_begins_no_unlock_without_a_vault(tmp_path, monkeypatch):
    begun: list[object] = []
    monkeypatch.setattr(rm_app, "_run_window", lambda _a, _b, session, *, logged: begun.append(session._early) or 0)
    assert rm_app.main(["--vault", str(tmp_path / "none")]) == 0
    assert begun == [None]
