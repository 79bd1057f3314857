"""Small text helpers shared by the field normalisers (IDs, phones, amounts, grades).

Values arrive typed by hand, pasted from chat apps or read from spreadsheets, so the same few
clean-ups recur: full-width characters from Chinese input methods, spaces inside numbers,
Excel's text-forcing apostrophe, and numbers that a spreadsheet stored as floats. Masking for
display lives here too because IDs and phones share it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

# Zero-width characters survive copy-paste from web pages and chat apps and are invisible.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"\s+")
# Control characters are never part of a value: ESC and BEL pasted from a terminal or smuggled in
# a list would drive the terminal when the CLI prints the value back (colours, a cleared screen,
# a bell), and are invisible in the form. C0 except tab, LF and CR (whitespace the callers fold
# or keep), DEL and C1 go; NEL (U+0085, a C1 line break) becomes a space. A whole ANSI escape
# sequence goes, not only its ESC, so no "[31m" is left in a name.
_CONTROLS: dict[int, str | None] = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROLS |= dict.fromkeys(range(0x80, 0xA0)) | {0x85: " "}
_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")


def strip_controls(text: str) -> str:
    """``text`` without control characters or terminal escape sequences (tab, LF, CR kept)."""
    return _ANSI_ESCAPE.sub("", text).translate(_CONTROLS)


# Unified ideographs only (most Chinese names, addresses without numbers): NFKC leaves them as
# they are (only the compatibility ideographs U+F900–U+FAFF decompose).
PLAIN_HAN = re.compile("[\u4e00-\u9fff]+")


def fold_text(raw: str) -> str:
    """Drop invisible and control characters, NFKC-fold (full-width digits, letters and
    punctuation to half-width), strip, and drop leading apostrophes (Excel's "store as text" marker).

    Folding its own result changes nothing, so a folded value shown again in a form and saved
    stays as it is: invisible characters go before NFKC (which they could otherwise keep from
    composing), and every leading apostrophe goes, not just one."""
    if raw.__class__ is str and ((raw.isascii() and raw.isalnum()) or PLAIN_HAN.fullmatch(raw)):
        return raw  # ASCII letters and digits, or unified ideographs: nothing to drop or fold
    return _fold(raw)


def _fold(raw: str) -> str:
    """:func:`fold_text` the whole way (what its shortcut must agree with)."""
    text = unicodedata.normalize("NFKC", strip_controls(raw).translate(_INVISIBLE)).strip()
    while text.startswith("'"):
        text = text[1:].strip()
    return text


def strip_invisible(text: str) -> str:
    """``text`` without zero-width characters (nothing else changed)."""
    return text.translate(_INVISIBLE)


def remove_spaces(text: str) -> str:
    return _SPACES.sub("", text)


def spreadsheet_integer(value: int | float, field: str) -> str:
    """Digits of a whole number that a spreadsheet stored as int/float.

    Refuses bools, NaN/inf, fractions and floats past 2**53 (those no longer hold every digit).
    The float is read through repr(), never through its binary value, so 1.38e10 stays exact.
    """
    if isinstance(value, bool):
        raise ValidationError(field, t("不是有效的值：{}", "not a valid value: {}").format(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(field, t("不是有效的数字", "not a valid number"))
        exact = Decimal(repr(value))
        if exact != exact.to_integral_value():
            raise ValidationError(
                field,
                t(
                    "表格把该值存成了带小数的数字（{}），请把该列设为文本后重新导入",
                    "the spreadsheet stored this value as a fraction ({}); format the column as text and import again",
                ).format(value),
            )
        if abs(value) >= 2**53:
            raise ValidationError(field, lost_digits_message(repr(value)))
        return str(int(exact))
    return str(int(value))


def lost_digits_message(shown: str) -> str:
    """Why a long number read from a spreadsheet cannot be trusted."""
    return t(
        "表格把该值存成了数字（{}），超过15位的数字会丢失末尾几位，无法还原；请把该列设为文本并重新录入原值",
        "the spreadsheet stored this value as a number ({}); numbers longer than 15 digits "
        "lose their last digits and cannot be recovered: format the column as text and "
        "enter the original value again",
    ).format(shown)


def mask_middle(text: str, head: int, tail: int, *, max_shown_ratio: float = 0.5) -> str:
    """Replace the middle of ``text`` with ``*`` of the same length.

    ``head``/``tail`` characters stay visible, shrunk evenly so that at most
    ``max_shown_ratio`` of the text is revealed (very short values end up fully masked).
    """
    length = len(text)
    budget = int(length * max_shown_ratio)
    while head + tail > budget:
        if head >= tail and head > 0:
            head -= 1
        elif tail > 0:
            tail -= 1
    return text[:head] + "*" * (length - head - tail) + text[length - tail :]
