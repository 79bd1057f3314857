"""Copy to the clipboard, and clear it after a timeout if it still holds what we put there.

Clients' phone numbers and rendered scripts end up in WeChat and SMS; they should not stay on
the clipboard for the next program (or the next person at the PC) to paste. Anything the user
copied since then is left alone.

Clearing the clipboard does not clear Windows' clipboard history (Win+V) or the cloud
clipboard, which keep their own copy. So what we copy also carries the formats Windows reads
to leave content out of both (the "cloud clipboard and clipboard history formats" of the
Win32 clipboard documentation), as password managers such as KeePassXC do:
``ExcludeClipboardContentFromMonitorProcessing`` (any data: history, cloud sync and
clipboard monitors skip the content), and ``CanIncludeInClipboardHistory`` and
``CanUploadToCloudClipboard`` as a DWORD 0. On Windows Qt registers a MIME type
``application/x-qt-windows-mime;value="Name"`` as the clipboard format ``Name``
(QWindowsMimeConverter::registerMimeType); elsewhere they are extra formats nobody reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

from rm_desktop.services.audit import log as audit_log

if TYPE_CHECKING:
    from rm_desktop.services.vault.lifecycle import Vault

DWORD_ZERO = (0).to_bytes(4, "little")


def windows_format(name: str) -> str:
    """The MIME type Qt maps to the registered Windows clipboard format ``name``."""
    return f'application/x-qt-windows-mime;value="{name}"'


EXCLUDED_FROM_HISTORY = {
    windows_format("ExcludeClipboardContentFromMonitorProcessing"): DWORD_ZERO,
    windows_format("CanIncludeInClipboardHistory"): DWORD_ZERO,
    windows_format("CanUploadToCloudClipboard"): DWORD_ZERO,
}


def private_text(text: str) -> QMimeData:
    """``text`` as clipboard data that Windows keeps out of its history and cloud clipboard."""
    mime = QMimeData()
    mime.setText(text)
    for mime_type, value in EXCLUDED_FROM_HISTORY.items():
        mime.setData(mime_type, QByteArray(value))
    return mime


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None, seconds: int = 30):
        super().__init__(parent)
        self.seconds = seconds
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        self.audit_vault: Vault | None = None  # the unlocked vault: each copy is an audit entry

    def copy(self, text: str, kind: str = "text", client_id: int | None = None, client_name: str | None = None) -> None:
        """``kind`` (a field code: phone, script …) and the client go into the audit entry, never
        the text; the entry is written first, so a copy that cannot be logged does not happen."""
        if self.audit_vault is not None:
            client = None if client_id is None else audit_log.client_object(client_id, client_name)
            audit_log.record_now(self.audit_vault, "copy", object=client, counts={"fields": [kind]})
        QGuiApplication.clipboard().setMimeData(private_text(text))  # the clipboard takes ownership
        self._ours = text
        self._timer.start(self.seconds * 1000)

    def clear_if_ours(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._ours is not None and clipboard.text() == self._ours:
            clipboard.clear()
        self._ours = None
        self._timer.stop()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
