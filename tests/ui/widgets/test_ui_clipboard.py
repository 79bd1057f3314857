"""Copied client text leaves the clipboard after the timeout, unless the user copied something else,
and is marked for Windows to keep it out of its clipboard history and cloud clipboard."""

from __future__ import annotations

import gc

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


def test_copied_text_is_kept_out_of_windows_clipboard_history_and_cloud(qtbot):
    guard = ClipboardGuard()
    guard.copy("13912345678")
    gc.collect()  # the clipboard owns the QMimeData, not a Python reference
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "13912345678"
    zero_dword = b"\x00\x00\x00\x00"  # DWORD 0, little-endian
    for name in (
        "ExcludeClipboardContentFromMonitorProcessing",
        "CanIncludeInClipboardHistory",
        "CanUploadToCloudClipboard",
    ):
        mime_type = f'application/x-qt-windows-mime;value="{name}"'  # Qt registers it as the format `name`
        assert mime.hasFormat(mime_type), mime.formats()
        assert bytes(mime.data(mime_type)) == zero_dword, name
    guard.clear_if_ours()
    assert QGuiApplication.clipboard().text() == ""
