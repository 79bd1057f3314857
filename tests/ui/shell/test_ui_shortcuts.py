"""Menu shortcuts work on Windows (issue 20.13): QKeySequence.StandardKey.Quit and Preferences
bind nothing there (nor offscreen), so Ctrl+Q and Ctrl+, are bound explicitly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyleOptionMenuItem

from rm_desktop.ui.shell.main_window import MainWindow, key_sequences
from rm_desktop.ui.shell.session import VaultSession

NO_SHORTCUT = {"更改主密码…", "关于"}  # opened from the menu only


@pytest.fixture
def window(qtbot, vault_dir):
    w = MainWindow(VaultSession(vault_dir))
    qtbot.addWidget(w)
    return w


def _menu_actions(window: MainWindow) -> dict[str, tuple[QMenu, QAction]]:
    found = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.isSeparator():
                found[action.text()] = (menu, action)
    return found


def _keys(action: QAction) -> list[str]:
    return [key.toString(QKeySequence.SequenceFormat.PortableText) for key in action.shortcuts()]


def test_the_standard_keys_this_relies_on_bind_nothing_here(qapp):
    """What the test stands on: offscreen, like Windows, Quit and Preferences have no binding."""
    assert QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) == []
    assert QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) == []


def test_every_menu_action_has_a_shortcut_and_the_readme_keys_work(window):
    actions = _menu_actions(window)
    assert set(actions) >= {"立即备份", "锁定", "退出", "记录往来…", "客户在场", "首选项…"} | NO_SHORTCUT
    for text, (_menu, action) in actions.items():
        if text not in NO_SHORTCUT:
            assert action.shortcuts(), f"{text} has no shortcut"
    assert "Ctrl+Q" in _keys(actions["退出"][1])
    assert "Ctrl+," in _keys(actions["首选项…"][1])
    assert "Ctrl+N" in _keys(actions["记录往来…"][1])
    for _menu, action in actions.values():  # no key bound twice in the menus
        assert len(set(_keys(action))) == len(_keys(action))


def test_the_menus_show_the_shortcut_text(window):
    for text, (menu, action) in _menu_actions(window).items():
        if text in NO_SHORTCUT:
            continue
        option = QStyleOptionMenuItem()
        menu.initStyleOption(option, action)
        shown = option.text.split("\t")
        assert len(shown) == 2 and shown[1] == action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert shown[1], text
    quit_option = QStyleOptionMenuItem()
    menu, action = _menu_actions(window)["退出"]
    menu.initStyleOption(quit_option, action)
    assert quit_option.text.endswith("\tCtrl+Q")


def test_key_sequences_puts_the_explicit_key_first_and_keeps_each_once(qapp):
    new = key_sequences(QKeySequence.StandardKey.New, "Ctrl+N")
    assert new[0] == QKeySequence("Ctrl+N") and new.count(QKeySequence("Ctrl+N")) == 1
    assert key_sequences(QKeySequence.StandardKey.Quit, "Ctrl+Q") == [QKeySequence("Ctrl+Q")]


def test_ctrl_comma_opens_the_preferences(qtbot, vault_dir, vault, monkeypatch):
    opened = []
    monkeypatch.setattr(MainWindow, "open_settings", lambda self: opened.append(True))
    session = VaultSession(vault_dir)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    session.adopt(vault)
    w.activateWindow()
    qtbot.waitActive(w)
    qtbot.keyClick(w.windowHandle(), Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]
    session.lock()
