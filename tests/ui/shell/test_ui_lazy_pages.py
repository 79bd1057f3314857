"""Start-up (issue 19.1): pages are built when first shown, yet each behaves as before: built
and attached on first showing, reachable by key, and the backup at unlock and the day's
housekeeping still run, after the first paint."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from rm_desktop.app import _feature_pages
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets.tasks import jobs_for
from tests.conftest import PASSWORD
from tests.services.privacy import test_housekeeping_daily as daily

DAY = daily.DAY
clock, runs = daily.clock, daily.runs  # its fixtures: the audit log's clock, the days housekeeping ran


def open_window(qtbot, vault_dir, page_key="clients"):
    QSettings().setValue("window/page_key", page_key)
    window = MainWindow(VaultSession(vault_dir), page_factory=_feature_pages)
    qtbot.addWidget(window)
    window.show()
    return window


def backups(vault):
    return sorted(vault.paths.backups.glob("*.rmbak"))


def test_only_the_page_shown_is_built_and_others_attach_when_first_shown(qtbot, vault_dir, vault):
    window = open_window(qtbot, vault_dir)
    try:
        window.session.adopt(vault)
        built = [key for key in window.pages if window.pages.is_built(key)]
        assert built == ["clients"]  # 设置's vault page too waits for its showing (or the menus' Ctrl+B …)
        window.backup_action.trigger()  # the menu's backup builds it, attached to the open vault
        assert window.pages.is_built("settings") and window.vault_page.vault is vault
        assert window.area.currentWidget() is window.pages["clients"]
        assert window.pages["clients"].vault is vault

        window.nav.setCurrentRow(list(window.pages).index("plans"))
        plans = window.pages["plans"]
        assert window.pages.is_built("plans") and window.area.currentWidget() is plans
        assert plans.vault is vault  # attached at once: the vault was open when it was made
        # Each page stands at its own row of the stack, whatever order they were built in.
        for row, key in enumerate(window.pages):
            if window.pages.is_built(key):
                assert window.area.widget(row) is window.pages[key]
        window.session.lock()
        assert plans.vault is None and window.pages["clients"].vault is None
    finally:
        window.session.lock()


def test_the_page_is_remembered_by_its_key(qtbot, vault_dir, vault):
    vault.lock()
    window = open_window(qtbot, vault_dir, page_key="calendar")
    assert list(window.pages)[window.nav.currentRow()] == "calendar"
    window.nav.setCurrentRow(list(window.pages).index("scripts"))
    window.close()
    assert QSettings().value("window/page_key") == "scripts"


def test_the_backup_at_unlock_still_runs(qtbot, vault_dir, vault):
    window = open_window(qtbot, vault_dir)
    try:
        before = backups(vault)
        window.session.adopt(vault)
        qtbot.waitUntil(lambda: len(backups(vault)) == len(before) + 1, timeout=10_000)
    finally:
        window.session.lock()


def test_a_lock_before_the_deferred_backup_starts_none(qtbot, vault_dir, vault):
    window = open_window(qtbot, vault_dir)
    before = backups(vault)
    window.session.adopt(vault)
    window.session.lock()  # before the event loop ran: the backup was not started yet
    qtbot.wait(50)
    assert jobs_for(vault) == [] and backups(vault) == before


def test_after_first_paint_runs_once_the_area_has_painted(qtbot):
    from PySide6.QtWidgets import QLabel

    from rm_desktop.ui.shell.first_paint import AfterFirstPaint

    area, ran = QLabel("x"), []
    qtbot.addWidget(area)
    AfterFirstPaint(area, lambda: ran.append(area.isVisible()), fallback_ms=60_000)
    assert ran == []  # not before the area painted
    area.show()
    qtbot.waitUntil(lambda: ran == [True], timeout=5000)
    qtbot.wait(30)
    assert ran == [True]  # once


def test_after_first_paint_falls_back_or_is_cancelled(qtbot):
    from PySide6.QtWidgets import QLabel

    from rm_desktop.ui.shell.first_paint import AfterFirstPaint

    hidden, ran = QLabel("x"), []
    qtbot.addWidget(hidden)
    AfterFirstPaint(hidden, lambda: ran.append("fallback"), fallback_ms=20)  # never shown
    cancelled = AfterFirstPaint(hidden, lambda: ran.append("cancelled"), fallback_ms=20)
    cancelled.cancel()
    qtbot.waitUntil(lambda: ran == ["fallback"], timeout=5000)
    qtbot.wait(40)
    assert ran == ["fallback"]


def test_the_days_housekeeping_runs_after_the_first_paint(qtbot, vault_dir, vault, clock, runs):
    vault.lock()
    window = open_window(qtbot, vault_dir)
    at_unlocked: list[list] = []
    window.session.unlocked.connect(lambda _vault: at_unlocked.append(list(runs)))
    try:
        window._unlock(PASSWORD, False)
        qtbot.waitUntil(lambda: runs == [DAY.date()], timeout=10_000)
        assert at_unlocked == [[]]  # not in the unlock: after the paint, in the backup's worker
        assert not window.session.vault.housekeeping_due
    finally:
        window.session.lock()
