"""Start-up (issue 19.1): the client list's first page painted on the vault opened on the bare
driver, the full vault attached after that paint (ui/shell/preview.py). Meanwhile no input
reaches the window; a failed full open, a closed window or a schema upgrade leave nothing held."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from rm_desktop import app as rm_app
from rm_desktop.services.clients import demo
from rm_desktop.services.vault import driver_vault
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage import vault_lock
from rm_desktop.ui.clients.clients_page import first_page_at_start
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession


def started(qtbot, vault_dir, *, show: bool = True) -> MainWindow:
    """A window on 客户 whose early unlock (with the list's first read) finished before start()."""
    QSettings().setValue("window/page_key", "clients")
    session = VaultSession(vault_dir)
    session.begin_keyring_open(read=first_page_at_start())
    while not session.early_open_done():
        qtbot.wait(10)
    window = MainWindow(session, page_factory=rm_app._feature_pages)
    qtbot.addWidget(window)
    window.start()
    if show:
        window.show()
    return window


def actions(vault) -> list[str]:
    with vault.engine.connect() as conn:  # in the order written
        return [row[0] for row in conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY seq")]


def test_input_before_the_full_vault_is_held_and_the_same_rows_stay(qtbot, vault_dir, vault):
    demo.fill(vault, 40)
    vault.lock()
    window = started(qtbot, vault_dir, show=False)
    page = window.pages["clients"]
    assert window._preview is not None and window.session.vault is None
    shown = [page.model.row_at(i).id for i in range(page.model.rowCount())]
    qtbot.keyClicks(page.list.search, "zz")  # typed before the attach: held back, not searched
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # nor a lock
    assert page.list.search.text() == ""
    window.show()
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=10_000)
    try:
        assert page.vault is window.session.vault and page.model.query.text == ""
        assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == shown
        qtbot.keyClicks(page.list.search, "a")  # input flows again
        assert page.list.search.text() == "a"
        assert QApplication.overrideCursor() is None
        assert actions(window.session.vault) == ["lock", "unlock"]  # (the fixture's lock) once, by the full vault
    finally:
        window.session.lock()


def test_a_window_closed_before_the_full_vault_leaves_nothing_held(qtbot, vault_dir, vault):
    vault.lock()
    window = started(qtbot, vault_dir, show=False)
    assert window._preview is not None
    window.close()  # before its first paint: the full vault was never opened
    assert window._preview is None and QApplication.overrideCursor() is None
    again = vs.unlock(vault_dir, None, backup=False, owner=True)  # the window's hold was let go
    try:
        assert actions(again) == ["lock", "unlock"]  # the window's preview wrote nothing
    finally:
        again.lock()


def test_a_failed_full_open_shows_the_lock_screen_with_nothing_held(qtbot, vault_dir, vault, monkeypatch):
    demo.fill(vault, 5)
    vault.lock()

    def broken(_opened):
        raise vs.NeedPassword("请输入主密码。")

    monkeypatch.setattr(vs, "unlock_from_driver", broken)
    window = started(qtbot, vault_dir)
    qtbot.waitUntil(lambda: window._preview is None, timeout=10_000)
    assert window.session.vault is None and window.stack.currentWidget() is window.unlock_page
    assert window.pages["clients"].model.rowCount() == 0  # no rows left on show
    assert QApplication.overrideCursor() is None
    vault_lock.hold_owner(vault_dir).release()  # nothing holds the vault any more


def test_a_schema_upgrade_takes_the_full_unlock_in_the_early_thread(qtbot, vault_dir, vault, monkeypatch):
    vault.lock()
    monkeypatch.setattr(driver_vault, "_schema_current", lambda _conn: False)
    threads: list[str] = []
    real = vs.unlock
    monkeypatch.setattr(vs, "unlock", lambda *a, **k: threads.append(threading.current_thread().name) or real(*a, **k))
    window = started(qtbot, vault_dir)
    try:
        assert window._preview is None and window.session.vault is not None  # no preview: as before
        assert threads == ["rm-early-unlock"]
    finally:
        window.session.lock()


def test_an_early_unlock_still_running_at_start_is_previewed_once_done(qtbot, vault_dir, vault, monkeypatch):
    """A slow keyring (a real desktop's backend discovery): start() finds the early unlock still
    running, shows the lock screen's moving bar, and takes the outcome on the UI thread once it
    is there: the list is previewed, not opened in a worker that loads the engine first."""
    from rm_desktop.ui.shell import session as session_module

    demo.fill(vault, 5)
    vault.lock()
    gate = threading.Event()
    real = session_module.open_for_window
    monkeypatch.setattr(session_module, "open_for_window", lambda *a: gate.wait(10) and real(*a))
    previews: list[int] = []
    from rm_desktop.ui.clients.clients_page import ClientsPage

    real_preview = ClientsPage.preview
    monkeypatch.setattr(ClientsPage, "preview", lambda self, *a: previews.append(1) or real_preview(self, *a))
    QSettings().setValue("window/page_key", "clients")
    session = VaultSession(vault_dir)
    session.begin_keyring_open(read=first_page_at_start())
    window = MainWindow(session, page_factory=rm_app._feature_pages)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert session.early_open_pending() and window.stack.currentWidget() is window.unlock_page
    gate.set()
    qtbot.waitUntil(lambda: session.vault is not None, timeout=10_000)
    try:
        assert previews == [1] and window.pages["clients"].model.total == 5
    finally:
        session.lock()


def test_no_application_wide_filter_before_the_full_vault(qtbot, vault_dir, vault, monkeypatch):
    """An application-wide Python filter before the first paint cost the start ~35 ms
    (ui/shell/first_paint.py): the hold and the paint hook watch the window's own widgets, and
    the idle watcher's filter comes with the unlock (the full vault attached)."""
    installed: list[tuple[str, bool]] = []
    real = QApplication.installEventFilter

    def install(app, watcher):
        installed.append((type(watcher).__name__, window.session.vault is not None if window else False))
        real(app, watcher)

    window = None
    monkeypatch.setattr(QApplication, "installEventFilter", install)
    demo.fill(vault, 5)
    vault.lock()
    window = started(qtbot, vault_dir)
    assert window._preview is not None
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=10_000)
    try:
        assert installed == [("IdleWatcher", True)]
        window.session.lock()
        assert window.idle.active is False
    finally:
        window.session.lock()


def test_a_widget_added_to_the_window_during_the_hold_is_held_too(qtbot, vault_dir, vault):
    from PySide6.QtWidgets import QLineEdit, QWidget

    vault.lock()
    window = started(qtbot, vault_dir, show=False)
    assert window._preview is not None
    box = QWidget(window.pages["clients"])
    late = QLineEdit(box)
    box.ensurePolished()  # what its first showing does: the window's hold learns of it
    qtbot.keyClicks(late, "zz")
    assert late.text() == ""
    window.show()
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=10_000)
    try:
        qtbot.keyClicks(late, "a")
        assert late.text() == "a"
    finally:
        window.session.lock()
