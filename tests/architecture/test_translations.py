"""Every UI string has an English translation, and the .ts matches the sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from rm_desktop.ui.widgets import qt_i18n
from tools import i18n


def test_ts_file_is_complete():
    missing = [source for (_ctx, source), text in i18n.messages().items() if text is None]
    assert missing == [], "add these to resources/i18n/glossary_en.json, then `python tools/i18n.py update`"


def test_ts_file_is_in_sync_with_sources(tmp_path):
    copy = tmp_path / "check.ts"
    shutil.copy(i18n.TS, copy)
    i18n.lupdate(copy)
    assert set(i18n.messages(copy)) == set(i18n.messages()), "run `python tools/i18n.py update`"


def test_english_translator_loads(qapp, tmp_path, monkeypatch):
    # Build the .qm from the committed .ts (as `make` does) into a temp folder.
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(i18n.TS), "-qm", str(tmp_path / "rm_desktop_en.qm")], check=True)
    monkeypatch.setattr(qt_i18n, "I18N_DIR", tmp_path)
    try:
        qt_i18n.install(qapp, "en")
        assert QCoreApplication.translate("UnlockPage", "解锁") == "Unlock"
    finally:
        qt_i18n.install(qapp, "zh_CN")
    assert QCoreApplication.translate("UnlockPage", "解锁") == "解锁"
