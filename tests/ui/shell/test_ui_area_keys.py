"""Issue 16: every navigation area has a key an RM can press (Ctrl + the number row, in nav
order: 1 … 9, 0, -, =), shown in the area's tooltip; "Ctrl+10" is no key at all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from rm_desktop.app import _feature_pages
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession

CTRL = Qt.KeyboardModifier.ControlModifier
NUMBER_ROW = [*(getattr(Qt.Key, f"Key_{n}") for n in (*range(1, 10), 0)), Qt.Key.Key_Minus, Qt.Key.Key_Equal]


@pytest.fixture
def unlocked(qtbot, vault_dir, vault):
    session = VaultSession(vault_dir)
    window = MainWindow(session, page_factory=_feature_pages)
    qtbot.addWidget(window)
    window.show()
    session.adopt(vault)
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    session.lock()


def test_each_area_is_reached_by_ctrl_and_the_number_row_in_nav_order(qtbot, unlocked):
    areas = list(unlocked.pages)
    assert len(areas) == 12 and areas[-1] == "settings"
    for row in reversed(range(len(areas))):  # from the far end, so no row is the current one already
        qtbot.keyClick(unlocked.windowHandle(), NUMBER_ROW[row], CTRL)
        assert unlocked.nav.currentRow() == row, f"Ctrl+{QKeySequence(NUMBER_ROW[row]).toString()} → {areas[row]}"
        assert unlocked.area.currentWidget() is unlocked.pages[areas[row]]


def test_each_area_tooltip_names_its_key(unlocked):
    shown = [unlocked.nav.item(row).toolTip() for row in range(unlocked.nav.count())]
    assert shown[0].endswith("Ctrl+1") and shown[8].endswith("Ctrl+9") and shown[9].endswith("Ctrl+0")
    assert shown[10].startswith(unlocked.nav.item(10).text()) and shown[10].endswith("Ctrl+-")
    assert shown[11].startswith(unlocked.nav.item(11).text()) and shown[11].endswith("Ctrl+=")
