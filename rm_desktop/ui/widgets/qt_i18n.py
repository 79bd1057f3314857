"""Loading the UI language: Qt's tr() with .qm files built from resources/i18n/*.ts.

Source strings are Chinese (the default language), so a missing English translation shows
Chinese rather than nothing. The choice is kept in QSettings (plaintext, but only the language).
"""

from __future__ import annotations

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
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
