"""The formula escape of exported text cells, and its inverse for the importer.

A user may re-save one of our workbooks as CSV in Excel/WPS, where a string starting with
``= + - @`` (or tab/CR, or their full-width forms, which Chinese Excel accepts in formulas)
becomes a live formula again (CSV injection). Following OWASP, such strings get a leading
apostrophe; :func:`unescape_text` removes exactly that one, so export → import returns every
string unchanged. Strings that already start with apostrophes before a trigger get one more,
and plain signed numbers ("-5", "+85291234567") are left alone: they cannot hold a formula.

Its own module, without openpyxl: the importer needs the inverse only, and importing openpyxl
(through :mod:`xlsx_safe`, the writer) cost ~0.12 s of every first import in a process.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ESCAPE = "'"
_PLAIN_NUMBER = re.compile(r"[+\-]?\d[\d ]*(\.\d+)?")


def _needs_escape(text: str) -> bool:
    core = text.lstrip(ESCAPE)
    return core.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(core)


def escape_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet could read it as a formula."""
    return ESCAPE + text if _needs_escape(text) else text


def unescape_text(text: str) -> str:
    """Inverse of :func:`escape_text` (for any string: ``unescape_text(escape_text(s)) == s``)."""
    if text.startswith(ESCAPE) and _needs_escape(text[1:]):
        return text[1:]
    return text
