"""Parsers for plain field values (text, dates, yes/no, whole numbers, lists), the one rule set
every entry point uses: the GUI forms, the CLI, and the spreadsheet import after its cell
pre-step (io/cells, io/rows turn floats, Excel serials and our export's escapes into the text or
value these parsers take).

Each parser takes what a form, the CLI or that pre-step hands over (a string, or an already
typed value) and returns the stored value, ``None`` for an empty input, or raises
``ValidationError(field, reason)``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.textnorm import fold_text, strip_controls, strip_invisible
from rm_desktop.i18n import t

Parser = Callable[[Any, str], Any]


# (from, until, day): the local day and the clock span it covers, as today() last read it.
_TODAY: tuple[float, float, dt.date] = (0.0, 0.0, dt.date.min)


def today() -> dt.date:
    """``datetime.date.today()`` without its local-time conversion on every call (~1 µs, twice
    per row of an import: the birth date and the ID's are checked against today). The day is
    kept with the span of clock time it covers, local midnight to midnight (DST included), and
    read again once the clock is outside it."""
    global _TODAY
    now = time.time()
    start, until, day = _TODAY
    if start <= now < until:
        return day
    day = dt.date.fromtimestamp(now)
    following = day + dt.timedelta(days=1)
    start = time.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1))
    until = time.mktime((following.year, following.month, following.day, 0, 0, 0, 0, 0, -1))
    if start <= now < until:  # a zone whose midnight falls in a DST gap: not kept
        _TODAY = (start, until, day)
    return day


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, (list, tuple)) and not raw)


def optional(parser: Parser) -> Parser:
    """``parser`` for a non-empty value, None for an empty one."""
    return lambda raw, field: None if is_empty(raw) else parser(raw, field)


def required_message() -> str:
    return t("不能为空", "is required")


def too_long_message(max_len: int, length: int) -> str:
    return t("最多 {} 个字，现有 {} 个", "at most {} characters; got {}").format(max_len, length)


def text(max_len: int, *, required: bool = False) -> Parser:
    """Free text as typed (no width folding: Chinese punctuation stays), stripped, without
    zero-width or control characters (pasted from chat apps and web pages, never meant; a
    spreadsheet cannot hold them either, so a value survives the archive round trip). Tab and
    new lines stay."""

    def parse(raw: Any, field: str) -> str | None:
        value = strip_controls(strip_invisible("" if raw is None else str(raw))).strip()
        if not value:
            if required:
                raise ValidationError(field, required_message())
            return None
        if len(value) > max_len:
            raise ValidationError(field, too_long_message(max_len, len(value)))
        return value

    return parse


# 1985-03-07, 1985/3/7, 1985.03.07, 1985年3月7日 (or 号), 19850307; spaces between the parts and a
# trailing time (a datetime pasted as text) are allowed. Day-first and two-digit-year forms
# (07/03/1985, 85-3-7) are refused: they are ambiguous.
_DATE_TEXT = re.compile(
    r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?|(\d{2})(\d{2}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)


def parse_date_text(raw: str, field: str) -> dt.date:
    """The date a text names; ValidationError for anything else (the empty text included)."""
    value = fold_text(raw)
    match = _DATE_TEXT.fullmatch(value)
    if match:
        year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(field, t("日期“{}”不存在", 'the date "{}" does not exist').format(value)) from None
    raise ValidationError(
        field,
        t(
            "无法识别的日期“{}”（请用 1985-03-07 或 1985年3月7日 这样的写法）",
            'unrecognised date "{}" (write it as 1985-03-07 or 1985年3月7日)',
        ).format(value),
    )


def parse_date(raw: Any, field: str) -> dt.date | None:
    """A date from a date or a text (:func:`parse_date_text`); None when empty."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if is_empty(raw):
        return None
    return parse_date_text(str(raw), field)


_TRUE = {"1", "true", "yes", "y", "on", "是", "对", "农历"}
_FALSE = {"0", "false", "no", "n", "off", "否", "不是", "公历"}


def parse_bool(raw: Any, field: str) -> bool:
    if isinstance(raw, bool):
        return raw
    if is_empty(raw):
        return False
    word = fold_text(str(raw)).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValidationError(field, t("应为 true/false（是/否）：“{}”", 'expected true or false: "{}"').format(raw))


def integer(minimum: int, maximum: int) -> Parser:
    def parse(raw: Any, field: str) -> int | None:
        if is_empty(raw):
            return None
        try:
            value = raw if isinstance(raw, int) and not isinstance(raw, bool) else int(fold_text(str(raw)))
        except ValueError:
            raise ValidationError(field, t("应为整数：“{}”", 'expected a whole number: "{}"').format(raw)) from None
        if not minimum <= value <= maximum:
            raise ValidationError(field, t("应在 {} 到 {} 之间", "must be between {} and {}").format(minimum, maximum))
        return value

    return parse


LIST_SEPARATORS = re.compile(r"[,，;；、\n]+")


def split_list(raw: Any) -> list[str]:
    """Items of a comma-separated text (also ，;；、 and new lines) or of a list."""
    if is_empty(raw):
        return []
    items = raw if isinstance(raw, (list, tuple)) else LIST_SEPARATORS.split(str(raw))
    return [str(item).strip() for item in items if str(item).strip()]


def is_before(first: dt.date | None, second: dt.date | None) -> bool:
    """True when both dates are known and ``first`` is before ``second``."""
    return first is not None and second is not None and first < second
