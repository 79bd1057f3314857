"""The GUI shell driven through real widgets offscreen: first run, unlock, lock, idle lock."""

from __future__ import annotations

import functools
import logging
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from rm_desktop.domain.errors import VaultLocked
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.vault.first_run import FirstRunDialog
from rm_desktop.ui.widgets.tasks import jobs_for, run_task
from tests.conftest import FAST_KDF, PASSWORD


def _started(qtbot, window):
    """start() opens with the keyring key in the background; wait until it has settled."""
    window.start()
    qtbot.waitUntil(lambda: not window.unlock_page.busy, timeout=5000)


def test_first_run_creates_vault_and_checks_passwords(qtbot, vault_dir):
    dialog = FirstRunDialog(vault_dir, create=functools.partial(vs.create_vault, kdf=FAST_KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.error.isVisible() and "至少" in dialog.error.text()
    assert not vault_dir.exists()
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "不一致" in dialog.error.text()
    dialog.confirm.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.Accepted, timeout=5000)
    assert dialog.vault is not None
    assert (vault_dir / "vault.header").exists()
    assert dialog.password.text() == dialog.confirm.text() == ""  # not kept in the dialog (issue 13.7)
    dialog.vault.lock()


def test_keyring_unlock_at_start(qtbot, window, vault):
    vault.lock()
    _started(qtbot, window)
    assert window.stack.currentIndex() == 1 and window.session.vault is not None


def test_unlock_page_wrong_then_right_password(qtbot, window, vault, memory_keyring):
    vault.lock()
    memory_keyring.store.clear()
    _started(qtbot, window)
    page = window.unlock_page
    assert window.stack.currentIndex() == 0
    qtbot.keyClicks(page.password, "wrong password")
    qtbot.keyClick(page.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=5000)
    assert "主密码不正确" in page.error.text() and page.unlock_button.isEnabled()
    assert window.session.vault is None
    page.password.clear()
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=5000)
    assert window.session.vault is not None
    assert page.password.text() == ""  # the master password does not stay in the widget (issue 13.7)


def test_ctrl_l_locks_and_drops_key(qtbot, window, vault, monkeypatch):
    from rm_desktop.ui.shell import session as session_module

    overwritten: list[int] = []
    monkeypatch.setattr(session_module, "overwrite_free_memory", lambda: overwritten.append(1))
    vault.lock()
    _started(qtbot, window)
    opened = window.session.vault
    window.lock_action.trigger()
    assert overwritten == [1]  # freed client strings zeroed after the lock (test_core_dump)
    assert window.stack.currentIndex() == 0
    assert window.session.vault is None and opened.locked and bytes(opened._key) == b"\0" * 32
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert not window.backup_action.isEnabled()


def test_idle_lock(qtbot, window, vault):
    vault.lock()
    _started(qtbot, window)
    window.idle.set_minutes(0.002)  # ~120 ms
    window.idle.start()
    qtbot.waitUntil(lambda: window.session.vault is None, timeout=3000)
    assert window.stack.currentIndex() == 0


def test_activity_postpones_idle_lock(qtbot, window, vault):
    vault.lock()
    _started(qtbot, window)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.start()
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(window.nav, Qt.Key_Shift)
    assert window.session.vault is not None  # 600 ms of activity, still open
    qtbot.waitUntil(lambda: window.session.vault is None, timeout=3000)


def test_damaged_database_offers_latest_backup(qtbot, window, vault, vault_dir, monkeypatch):
    vs.backup_now(vault)
    vault.lock()
    for sidecar in ("vault.db-wal", "vault.db-shm"):
        (vault_dir / sidecar).unlink(missing_ok=True)
    (vault_dir / "vault.db").write_bytes(b"garbage" * 1000)
    _started(qtbot, window)
    page = window.unlock_page
    # The keyring key no longer opens the file: stale key or damage, the password tells which.
    assert window.stack.currentIndex() == 0 and not page.restore_button.isVisible()
    page.password.setText(PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.restore_button.isVisible(), timeout=5000)
    assert "vault.db" in page.error.text()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_k: asked.append(args[2]) or QMessageBox.Yes)
    qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.session.vault is not None, timeout=5000)  # restored, reopened from the keyring
    assert len(asked) == 1 and "当前数据会先另存为一份备份" in asked[0]  # the plan, confirmed first


def test_settings_dialog_saves_vault_settings(qtbot, window, vault):
    from rm_desktop.ui.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(vault, window)
    qtbot.addWidget(dialog)
    dialog.editors["idle_lock_minutes"].setValue(25)
    dialog.editors["backups_kept"].setValue(4)
    dialog._save()
    assert vault.settings.get("idle_lock_minutes") == 25 and vault.settings.get("backups_kept") == 4


# -- unlock off the UI thread, lock after the vault's jobs ----------------------------------------
def _gated(fn, threads: list, gate: threading.Event):
    """``fn`` that first notes its thread and waits for ``gate`` (bounded: a build that ran it on
    the UI thread would block there, then fail the asserts instead of hanging)."""

    def run(*args, **kwargs):
        threads.append(threading.current_thread())
        gate.wait(5)
        return fn(*args, **kwargs)

    return run


def test_unlock_runs_off_the_ui_thread_with_a_busy_indicator(qtbot, window, vault, memory_keyring, monkeypatch):
    vault.lock()
    memory_keyring.store.clear()
    _started(qtbot, window)
    page, session = window.unlock_page, window.session
    threads, gate = [], threading.Event()
    monkeypatch.setattr(session, "open_with_password", _gated(session.open_with_password, threads, gate))
    page.password.setText(PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.LeftButton)
    # The click has returned while the vault is still opening in a worker: the UI thread is free.
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] is not threading.main_thread()
    assert page.busy_bar.isVisible() and page.busy_label.isVisible()
    assert not page.unlock_button.isEnabled() and not page.password.isEnabled()
    assert window.stack.currentIndex() == 0 and session.vault is None
    qtbot.wait(50)  # events keep flowing meanwhile
    gate.set()
    qtbot.waitUntil(lambda: session.vault is not None, timeout=5000)
    assert window.stack.currentIndex() == 1 and len(threads) == 1
    assert not page.busy_bar.isVisibleTo(page)


def test_closing_the_window_during_an_unlock_leaves_no_vault_open(qtbot, window, vault, memory_keyring, monkeypatch):
    vault.lock()
    memory_keyring.store.clear()
    _started(qtbot, window)
    session, opened, threads, gate = window.session, [], [], threading.Event()

    def open_and_note(password, remember):
        opened.append(vs.unlock(session.root, password, remember=remember, backup=False))
        return opened[-1]

    monkeypatch.setattr(session, "open_with_password", _gated(open_and_note, threads, gate))
    window.unlock_page.password.setText(PASSWORD)
    qtbot.mouseClick(window.unlock_page.unlock_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    release = threading.Timer(0.05, gate.set)  # the worker finishes while close() waits for it
    release.start()
    window.close()
    release.join()
    assert len(opened) == 1 and opened[0].locked and session.vault is None


def test_keyring_unlock_at_start_runs_off_the_ui_thread(qtbot, window, vault, monkeypatch):
    vault.lock()
    threads, gate = [], threading.Event()
    session = window.session
    monkeypatch.setattr(session, "open_with_keyring", _gated(session.open_with_keyring, threads, gate))
    window.start()
    assert window.unlock_page.busy and session.vault is None
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] is not threading.main_thread()
    gate.set()
    qtbot.waitUntil(lambda: session.vault is not None, timeout=5000)
    assert window.stack.currentIndex() == 1


def test_first_run_creates_the_vault_off_the_ui_thread(qtbot, vault_dir):
    threads, gate = [], threading.Event()
    dialog = FirstRunDialog(vault_dir, create=_gated(functools.partial(vs.create_vault, kdf=FAST_KDF), threads, gate))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] is not threading.main_thread()
    assert dialog.busy_bar.isVisible() and not dialog.ok_button.isEnabled()
    dialog.reject()  # Esc while creating: the dialog waits for the vault instead
    assert dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.Accepted, timeout=5000)
    assert dialog.vault is not None and not dialog.vault.locked
    dialog.vault.lock()


def test_lock_cancels_the_vaults_jobs_and_waits_for_them(qtbot, window, vault):
    session = window.session
    session.adopt(vault)
    running, seen, order, delivered = threading.Event(), [], [], []

    def long_job(progress):
        running.set()
        for step in range(500):  # ~5 s unless cancelled
            if not progress(step, 500):
                seen.append(("cancelled", vault.locked))  # told to stop while the vault is still open
                return "stopped"
            threading.Event().wait(0.01)
        seen.append(("ran out", vault.locked))
        return "finished"

    job = run_task(window, "t", long_job, delivered.append, modal=False, vault=vault)
    assert job in jobs_for(vault)
    assert running.wait(5)
    session.locked.connect(lambda: order.append(("pages let go", list(seen))))
    window.lock_action.trigger()
    # lock() returned after the job had ended, and the pages were told only then.
    assert seen == [("cancelled", False)]
    assert order == [("pages let go", [("cancelled", False)])]
    assert vault.locked and session.vault is None and window.stack.currentIndex() == 0
    assert not job.running and jobs_for(vault) == []
    qtbot.wait(20)
    assert delivered == []  # a job the lock stopped delivers nothing to the detached pages


def test_a_job_still_running_after_the_lock_ends_quietly(qtbot, window, vault, monkeypatch, caplog):
    session = window.session
    session.adopt(vault)
    session.lock_wait_seconds = 0.2  # this job ignores Cancel: the lock waits only so long
    boxes, errors, got = [], [], []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *args, **kwargs: boxes.append(args)))
    started, gate = threading.Event(), threading.Event()

    def stubborn(_progress):
        started.set()
        gate.wait(5)
        try:
            return vault.settings.get("rm_name")  # the vault has locked meanwhile
        except VaultLocked as exc:
            got.append(exc)
            raise

    job = run_task(window, "t", stubborn, on_error=errors.append, modal=False, vault=vault)
    assert started.wait(5)
    caplog.set_level(logging.INFO, logger="rm_desktop.ui.widgets.tasks")
    window.lock()
    assert vault.locked and session.vault is None
    gate.set()
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert len(got) == 1 and str(got[0]) == "档案库已锁定。"
    assert boxes == [] and errors == []  # no "unexpected error" box, no error callback
    assert "VaultLocked" in caplog.text


def test_a_vault_locked_error_is_quiet_even_without_the_vault_argument(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    boxes, errors = [], []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *args, **kwargs: boxes.append(args)))

    def touch_locked(_progress):
        raise VaultLocked()

    job = run_task(parent, "t", touch_locked, on_error=errors.append, modal=False)
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert boxes == [] and errors == []
