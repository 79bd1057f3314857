"""Filters for installer/rm_desktop.spec's TOC lists, kept here so tests can import them (a spec
file only runs inside PyInstaller).

PyInstaller writes a TOC entry's destination with the build machine's separator, and the Qt hooks
put PySide6's own translations in a different folder per platform (``qt_rel_dir`` in
PyInstaller.utils.hooks.qt): ``PySide6/Qt/translations/…`` on Linux and macOS,
``PySide6\\translations\\…`` on Windows. The filters compare path parts, so both forms match.
"""

from __future__ import annotations

import re

_PARTS = re.compile(r"[\\/]+")


def is_qt_catalogue(dest: str) -> bool:
    """True for a .qm file in PySide6's translations folder (either layout, either separator)."""
    parts = [part.lower() for part in _PARTS.split(dest) if part]
    if len(parts) < 3 or parts[0] != "pyside6" or not parts[-1].endswith(".qm"):
        return False
    folder = parts[1:-1]
    return folder in (["translations"], ["qt", "translations"])


def keep_qt_catalogue(dest: str) -> bool:
    """Qt's own catalogues for every language take 7 MB; the UI is Chinese or English, and English
    needs none (Qt's source strings are English): keep only the Chinese ones (``*_zh_*.qm``)."""
    return not is_qt_catalogue(dest) or "_zh_" in _PARTS.split(dest)[-1]


def chinese_qt_catalogues_only(toc):
    """A TOC (entries whose first item is the destination name) without the other languages'
    Qt catalogues."""
    return [entry for entry in toc if keep_qt_catalogue(entry[0])]
