"""Issue 16: the navigation reads well in English. 活动 is "Event" elsewhere (one event, the
contact channel) but the area is "Events"; 商机 is "Opportunities", 服务 "Service": the nav
titles are translated in the window's own context (resources/i18n/glossary, "MainWindow|…")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rm_desktop.app import _feature_pages
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets import qt_i18n
from tools import i18n


@pytest.fixture
def english(qapp, tmp_path, monkeypatch):
    """English from the committed .ts, built into a temp folder as `make` builds it."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(i18n.TS), "-qm", str(tmp_path / "rm_desktop_en.qm")], check=True)
    monkeypatch.setattr(qt_i18n, "I18N_DIR", tmp_path)
    qt_i18n.install(qapp, "en")
    yield
    qt_i18n.install(qapp, "zh_CN")


def test_the_new_areas_read_as_areas_in_english(qtbot, english, vault_dir):
    window = MainWindow(VaultSession(vault_dir), page_factory=_feature_pages)
    qtbot.addWidget(window)
    titles = dict(zip(window.pages, (window.nav.item(r).text() for r in range(window.nav.count())), strict=True))
    assert (titles["sales"], titles["events"], titles["service"]) == ("Opportunities", "Events", "Service")
    assert titles["clients"] == "Clients" and titles["settings"] == "Settings"
    widest = max(window.nav.fontMetrics().horizontalAdvance(text) for text in titles.values())
    assert window.nav.width() >= widest + 48  # no title cut


def test_the_events_page_tab_reads_events_too(qtbot, english):
    from rm_desktop.ui.events.events_page import EventsPage

    page = EventsPage()
    qtbot.addWidget(page)
    page.show_event()  # none chosen: the heading names the tab
    assert page.tabs.tabText(0) == "Events" and page.heading.text() == "Events"
