"""Loading the UI language: Qt's tr() with .qm files built from resources/i18n/*.ts.

Source strings are Chinese (the default language), so a missing English translation shows
Chinese rather than nothing. The choice is kept in QSettings (plaintext, but only the language).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from rm_desktop.i18n import set_language


def _resources_dir() -> Path:
    """``resources/`` of the source tree, or of the PyInstaller bundle (``sys._MEIPASS``: the
    ``_internal`` folder of the one-folder build, which is also what the installers install)."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[3] / "resources"


RESOURCES_DIR = _resources_dir()
I18N_DIR = RESOURCES_DIR / "i18n"
ICON_FILE = RESOURCES_DIR / "icons" / "rm-desktop.png"  # the window icon (app.py)
_installed: list[QTranslator] = []


class _Translator(QTranslator):
    """The app's catalogue, read with one fallback: pyside6-lupdate files the strings of a
    module-level helper (``QCoreApplication.translate("Unsaved", …)`` behind a ``tr()`` wrapper)
    and of a mixin's ``self.tr()`` under the empty context, while at run time they are asked for
    under the caller's context ("Unsaved", "WorklistPage"): a string that context lacks is looked
    up there. (Without it the snooze menu stayed Chinese in the English UI.)"""

    def translate(self, context, source, disambiguation=None, n=-1):
        found = super().translate(context, source, disambiguation, n)
        if not found and context:
            found = super().translate("", source, disambiguation, n)
        return found or None  # None: "not here", so Qt asks the next translator or keeps the source


# Strings of Qt 6's own dialogs that its zh_CN catalogue (written for Qt 5) lacks: the file
# dialog's type column moved from QFileIconProvider to QAbstractFileIconProvider.
_QT_ZH_GAPS = {
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
}
_MNEMONIC = re.compile(r"&(\w)")


class _QtChinese(QTranslator):
    """Qt's own catalogue (qtbase_zh_CN) with its gaps filled: a Qt 6 text that gained a shortcut
    key ("&Look in:", "Files of &type:") is looked up without it and given the key the Chinese
    way ("查找范围(&L)："), and the few strings of :data:`_QT_ZH_GAPS`. Without this the file
    dialog's labels and its type column stayed English in the Chinese UI."""

    def translate(self, context, source, disambiguation=None, n=-1):
        found = super().translate(context, source, disambiguation, n)
        if found:
            return found
        key = _MNEMONIC.search(source or "")
        if key:
            plain = super().translate(context, _MNEMONIC.sub(r"\1", source), disambiguation, n)
            if plain:
                colon = "：" if plain.endswith("：") else ""
                return f"{plain.removesuffix(colon)}(&{key.group(1).upper()}){colon}"
        return _QT_ZH_GAPS.get((context, source)) or None


def saved_language() -> str:
    return str(QSettings().value("ui/language", "zh_CN"))


def save_language(lang: str) -> None:
    QSettings().setValue("ui/language", lang)


def install(app: QCoreApplication, lang: str) -> None:
    """Switch both the Qt translators and the Qt-free layers' language."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    set_language(lang)
    if lang == "en":
        ours = _Translator(app)
        if ours.load(str(I18N_DIR / "rm_desktop_en.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        # Qt's own dialogs (buttons like OK/Cancel) in Chinese.
        qt = _QtChinese(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
