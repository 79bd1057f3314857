"""Language choice for the Qt-free layers.

The GUI translates its own strings through Qt's tr() and .qm files. Services, domain rules and
the command line produce messages too (validation errors, CLI output); they carry both texts
inline through :func:`t` so that the Qt-free layers need no translation machinery of their own.
Chinese (zh_CN) is the default; English is the second language.
"""

from __future__ import annotations

import os

SUPPORTED = ("zh_CN", "en")
_language = "zh_CN"


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in SUPPORTED else "zh_CN"


def language() -> str:
    return _language


def t(zh: str, en: str) -> str:
    """Return the text for the current language. Both texts may carry ``{}`` fields for format()."""
    return en if _language == "en" else zh


def clauses(parts) -> str:
    """Clauses joined as each language writes them: "a；b" in Chinese, "a; b" in English (a
    full-width "；" left in an English sentence reads as a stray character)."""
    return t("；", "; ").join(parts)


def language_from_env() -> str:
    """RM_DESKTOP_LANG overrides; otherwise Chinese, whatever the system locale says."""
    value = os.environ.get("RM_DESKTOP_LANG", "zh_CN")
    return "en" if value.lower().startswith("en") else "zh_CN"
