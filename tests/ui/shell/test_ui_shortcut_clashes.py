"""Issue 16: no key has two live owners. When two enabled actions or shortcuts own one key at
the same time Qt fires neither (an "ambiguous" shortcut), so every page of the main window is
walked, every key any action or shortcut of the window owns is pressed there, and Qt's own
shortcut map says whether it found one owner or several. Then each page's 新建 (Ctrl+Shift+N)
opens that page's own dialog, while Ctrl+N stays the window's 记录往来 everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from rm_desktop.app import _feature_pages
from rm_desktop.ui.clients.contact_dialog import ContactDialog
from rm_desktop.ui.complaints.complaint_form import NewComplaintDialog
from rm_desktop.ui.events.event_dialogs import EventDialog
from rm_desktop.ui.sales.opportunity_dialog import OpportunityDialog
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession

TEXT = QKeySequence.SequenceFormat.PortableText


class ShortcutSpy(QObject):
    """On the application: each shortcut Qt dispatches, with its ambiguity, recorded and
    swallowed (nothing is triggered), and the key presses no shortcut took swallowed too."""

    def __init__(self):
        super().__init__()
        self.events: list[tuple[str, bool]] = []

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Shortcut:
            self.events.append((event.key().toString(TEXT), event.isAmbiguous()))
            return True
        return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


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


def _owned_keys(window: QWidget) -> dict[str, list[str]]:
    """Every single-chord key an action or shortcut of the window owns → who owns it."""
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            owners.setdefault(keys.toString(TEXT), []).append(f"QAction {action.text()!r} of {action.parent()}")
    for shortcut in window.findChildren(QShortcut):
        for keys in shortcut.keys():  # noqa: SIM118 - QShortcut.keys(): its key sequences
            owners.setdefault(keys.toString(TEXT), []).append(f"QShortcut of {shortcut.parent()}")
    return {keys: who for keys, who in owners.items() if keys and "," not in keys.replace("Ctrl+,", "")}


def _press(qtbot, window: QWidget, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def _show(qtbot, window: MainWindow, row: int) -> QWidget:
    window.nav.setCurrentRow(row)
    page = window.area.currentWidget()
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return page


def _focus_inside(page: QWidget) -> None:
    """Focus on the page's first focusable widget: its focus-bound shortcuts are live too."""
    for child in page.findChildren(QWidget):
        if child.isVisible() and child.isEnabled() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            child.setFocus(Qt.FocusReason.TabFocusReason)
            return


def test_no_key_has_two_live_owners_on_any_page(qtbot, unlocked):
    spy = ShortcutSpy()
    app = QApplication.instance()
    clashes: list[str] = []
    app.installEventFilter(spy)
    try:
        for row, key in enumerate(unlocked.pages):
            page = _show(qtbot, unlocked, row)
            owners = _owned_keys(unlocked)  # pages built by now have their own
            for focused in (False, True):
                if focused:
                    _focus_inside(page)
                for keys in sorted(owners):
                    spy.events.clear()
                    _press(qtbot, unlocked, keys)
                    if any(ambiguous for _k, ambiguous in spy.events):
                        where = "focus in the page" if focused else "page shown"
                        clashes.append(f"{key} ({where}): {keys} → {owners[keys]}")
    finally:
        app.removeEventFilter(spy)
    assert not clashes, "\n".join(clashes)
    assert len(owners) > 10  # the walk pressed the window's keys, not none


NEW_DIALOGS = {"sales": OpportunityDialog, "events": EventDialog, "service": NewComplaintDialog}


def test_ctrl_shift_n_opens_each_pages_own_new_dialog_and_ctrl_n_the_contact(qtbot, unlocked, monkeypatch):
    opened: list[str] = []
    for cls in (*NEW_DIALOGS.values(), ContactDialog):
        monkeypatch.setattr(cls, "exec", lambda self: opened.append(type(self).__name__) or 0)
    keys = list(unlocked.pages)
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for key, dialog in NEW_DIALOGS.items():
        row = keys.index(key)
        # As an RM gets there: the area's key, then the page's 新建.
        qtbot.keyClick(
            unlocked.windowHandle(),
            (Qt.Key.Key_1 + row) if row < 9 else Qt.Key.Key_0,
            Qt.KeyboardModifier.ControlModifier,
        )
        assert unlocked.area.currentWidget() is unlocked.pages[key]
        opened.clear()
        qtbot.keyClick(unlocked.windowHandle(), Qt.Key.Key_N, shift)
        assert opened == [dialog.__name__], key
        opened.clear()
        qtbot.keyClick(unlocked.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert opened == ["ContactDialog"], key
