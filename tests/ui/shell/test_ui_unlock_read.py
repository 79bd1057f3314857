"""Start-up (issue 19.1): the client list's first page is read in the unlock thread (on a bare
sqlcipher3 connection, services/search/first_page.py) and the list shows it without a page query
on the UI thread; the rows, order and count are those the list reads for itself."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import event
from sqlalchemy.engine import Engine

from rm_desktop.app import _feature_pages
from rm_desktop.services.clients import demo
from rm_desktop.services.search.query import ClientQuery, search_page
from rm_desktop.ui.clients.client_table import RAW, Col
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession


@pytest.fixture
def ui_page_statements():
    """Every list page statement (its inner query names ``sort_key``) run on the UI thread."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if threading.current_thread() is threading.main_thread() and "sort_key" in statement:
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def shown_ids(model) -> list[int]:
    return [model.index(row, Col.NAME).data(RAW + 1) for row in range(model.rowCount())]


def test_the_list_shows_the_page_read_at_the_unlock(qtbot, vault_dir, vault, ui_page_statements):
    demo.fill(vault, 260)  # more than one page (200 rows)
    expected = search_page(vault, ClientQuery(), 0, 200)
    vault.lock()
    QSettings().setValue("window/page_key", "clients")
    window = MainWindow(VaultSession(vault_dir), page_factory=_feature_pages)
    qtbot.addWidget(window)
    seen = ui_page_statements
    seen.clear()  # (the expected page above was read on this thread)
    try:
        window.show()
        window.start()  # the keyring copy: unlocked in the background
        qtbot.waitUntil(lambda: window.session.vault is not None, timeout=10_000)
        model = window.pages["clients"].model
        assert model.total == 260 and model.rowCount() == 200
        assert shown_ids(model) == [row.id for row in expected.rows]
        assert seen == []  # the first page came from the unlock thread's read
        model.fetchMore()  # the list goes on from the read page's cursor, on the UI thread
        assert model.rowCount() == 260 and len(seen) == 1
        assert len(set(shown_ids(model))) == 260
    finally:
        window.session.lock()
