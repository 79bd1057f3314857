"""File dialogs that start in the user's Documents folder and then where the last one of the same
kind ended.

Qt's static QFileDialog functions start in the working directory when given no folder: for the
installed exe, its install folder. Every file dialog of the GUI goes through these helpers
instead (tests/ui/widgets/test_ui_file_dialogs.py checks that no other module calls QFileDialog).

The last folder per kind (:data:`KINDS`) is kept in QSettings, which is plaintext on disk and
holds window state only: the folder is stored, never the file name, which can carry a client's
name (``张三_理财规划书_V2.pdf``).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QDir, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

SETTINGS_GROUP = "file_dialogs"
# What a dialog is for; each remembers its own last folder.
IMPORT = "import"  # spreadsheets to import clients from
EXPORT = "export"  # archive and client list exports
HANDOVER = "handover"  # encrypted handover files, both ways
PDF = "pdf"  # plan PDFs
SCRIPTS = "scripts"  # script library import / export
SMS = "sms"  # SMS platform sheets
REJECTS = "rejects"  # rejected import rows
VAULT = "vault"  # where the vault lives (first run)
BACKUP = "backup"  # backup folders and files
ICS = "ics"  # calendar files
KINDS = (IMPORT, EXPORT, HANDOVER, PDF, SCRIPTS, SMS, REJECTS, VAULT, BACKUP, ICS)


def documents_folder() -> str:
    """The user's Documents folder (on Windows wherever it is redirected, OneDrive included)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or QDir.homePath()


def _key(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(kind)
    return f"{SETTINGS_GROUP}/{kind}"


def start_folder(kind: str) -> str:
    """Where a dialog of ``kind`` starts: the last folder used for it, if it still exists, else Documents."""
    remembered = QSettings().value(_key(kind))
    if isinstance(remembered, str) and remembered and os.path.isdir(remembered):
        return remembered
    return documents_folder()


def remember_folder(kind: str, folder: str) -> None:
    """Keep ``folder`` (a folder, never a file's path) as where the next dialog of ``kind`` starts."""
    QSettings().setValue(_key(kind), QDir.toNativeSeparators(os.path.abspath(folder)))


def _in_start_folder(kind: str, name: str) -> str:
    folder = start_folder(kind)
    return os.path.join(folder, os.path.basename(name)) if name else folder


def get_open_path(parent: QWidget | None, kind: str, caption: str, filters: str = "") -> str:
    """An existing file to read, or "" when cancelled."""
    path, _chosen = QFileDialog.getOpenFileName(parent, caption, start_folder(kind), filters)
    if path:
        remember_folder(kind, os.path.dirname(path))
    return path


def get_save_path(
    parent: QWidget | None, kind: str, caption: str, suggested_name: str = "", filters: str = ""
) -> tuple[str, str]:
    """(path to write, the filter chosen), or ("", "") when cancelled. ``suggested_name`` is a
    bare file name: it may name a client, so it is offered, never remembered."""
    path, chosen = QFileDialog.getSaveFileName(parent, caption, _in_start_folder(kind, suggested_name), filters)
    if not path:
        return "", ""
    remember_folder(kind, os.path.dirname(path))
    return path, chosen


def get_folder(parent: QWidget | None, kind: str, caption: str, start: str | None = None) -> str:
    """An existing folder, or "" when cancelled; starts in ``start`` when that exists."""
    first = start if start and os.path.isdir(start) else start_folder(kind)
    folder = QFileDialog.getExistingDirectory(parent, caption, first)
    if folder:
        remember_folder(kind, folder)
    return folder
