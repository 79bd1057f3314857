"""Copied client text leaves the clipboard after the timeout, unless the user copied something else."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from rm_desktop.ui.widgets.clipboard import ClipboardGuard


def test_clears_own_text_after_timeout(qtbot):
    guard = ClipboardGuard(seconds=0)
    guard._timer.setInterval(50)
    guard.copy("138****8000 王先生")
    guard._timer.start(50)
    assert QGuiApplication.clipboard().text() == "138****8000 王先生"
    qtbot.waitUntil(lambda: not guard.pending, timeout=2000)
    assert QGuiApplication.clipboard().text() == ""


def test_leaves_what_the_user_copied_since(qtbot):
    guard = ClipboardGuard(seconds=0)
    guard.copy("客户电话 13800138000")
    QGuiApplication.clipboard().setText("something the user copied")
    guard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == "something the user copied"
