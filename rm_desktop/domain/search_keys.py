"""The search keys of a client: pinyin readings of the name, and one fragment form for phones,
IDs and customer numbers. Pure functions, shared by every writer of clients (services, demo,
import) and frozen-in-time users such as migration 0002."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rm_desktop.domain.pinyin import name_search_keys
from rm_desktop.domain.textnorm import fold_text

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


def fragment_form(text: str) -> str:
    """Upper-case letters and digits only: how phones, IDs and customer numbers are compared,
    so that 0755-1234, 138 0013 and c-001 find 075512345678, 13800138000 and C001."""
    if text.isascii():  # nearly every stored value: no width folding needed
        return text.upper() if text.isalnum() else _NOT_ALNUM.sub("", text.upper())
    return _NOT_ALNUM.sub("", fold_text(text).upper())


def digits_text(phones: Iterable[str], id_number: str | None, customer_no: str | None) -> str:
    tokens = [fragment_form(v) for v in (*phones, id_number or "", customer_no or "")]
    return " ".join(dict.fromkeys(tok for tok in tokens if tok))


def search_columns(name: str, phones: Iterable[str], id_number: str | None, customer_no: str | None) -> dict[str, str]:
    full, initials = name_search_keys(name or "")
    return {
        "name_pinyin": full,
        "name_initials": initials,
        "search_digits": digits_text(phones, id_number, customer_no),
    }
