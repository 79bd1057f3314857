"""Parsers for the plain field values of the client file forms (text, dates, yes/no, numbers),
and the error that carries every refused field of one save at once.

Each parser takes what a form or the CLI hands over (a string, or an already typed value from
the GUI) and returns the stored value, ``None`` for an empty input, or raises
``ValidationError(field, reason)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.textnorm import fold_text
from rm_desktop.i18n import t

Parser = Callable[[Any, str], Any]


class ClientValidationError(UserError):
    """Every refused field of one save (``errors``: field → message); nothing was stored.

    ``str()`` is one line naming each field, for the CLI; the GUI shows each message beside
    its field."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(t("；", "; ").join(f"{field}: {message}" for field, message in self.errors.items()))


def collect(values: Mapping[str, Any], parsers: Mapping[str, Parser]) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse every given field; unknown fields and refused values land in the errors dict."""
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field, raw in values.items():
        parser = parsers.get(field)
        if parser is None:
            errors[field] = t("未知字段（可用：{}）", "unknown field (known: {})").format(", ".join(parsers))
            continue
        try:
            parsed[field] = parser(raw, field)
        except ValidationError as exc:
            errors[field] = exc.message
    return parsed, errors


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, (list, tuple)) and not raw)


def text(max_len: int, *, required: bool = False) -> Parser:
    """Free text as typed (no width folding: Chinese punctuation stays), stripped."""

    def parse(raw: Any, field: str) -> str | None:
        value = "" if raw is None else str(raw).strip()
        if not value:
            if required:
                raise ValidationError(field, t("不能为空", "is required"))
            return None
        if len(value) > max_len:
            raise ValidationError(
                field, t("最多 {} 个字，现有 {} 个", "at most {} characters; got {}").format(max_len, len(value))
            )
        return value

    return parse


_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
)


def parse_date(raw: Any, field: str) -> dt.date | None:
    """A date from a date, ISO text (2024-05-01), 2024/5/1, 20240501 or 2024年5月1日."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if is_empty(raw):
        return None
    value = fold_text(str(raw))
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                break
    raise ValidationError(
        field, t("不是有效的日期：“{}”（例如 2024-05-01）", 'not a valid date: "{}" (e.g. 2024-05-01)').format(raw)
    )


def parse_datetime(raw: Any, field: str) -> dt.datetime | None:
    """A local date and time from ISO text (2024-05-01T14:30, 2024-05-01 14:30) or a date
    (midnight); a time zone is converted to local time and dropped."""
    if isinstance(raw, dt.datetime):
        value = raw
    elif isinstance(raw, dt.date):
        return dt.datetime.combine(raw, dt.time())
    elif is_empty(raw):
        return None
    else:
        folded = fold_text(str(raw))
        try:
            value = dt.datetime.fromisoformat(folded)
        except ValueError:
            day = _try_date(folded)
            if day is None:
                raise ValidationError(
                    field,
                    t(
                        "不是有效的时间：“{}”（例如 2024-05-01T14:30）",
                        'not a valid date and time: "{}" (e.g. 2024-05-01T14:30)',
                    ).format(raw),
                ) from None
            return dt.datetime.combine(day, dt.time())
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def _try_date(value: str) -> dt.date | None:
    try:
        return parse_date(value, "")
    except ValidationError:
        return None


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


_LIST_SEPARATORS = re.compile(r"[,，;；、\n]+")


def split_list(raw: Any) -> list[str]:
    """Items of a comma-separated text (also ，;；、 and new lines) or of a list."""
    if is_empty(raw):
        return []
    items = raw if isinstance(raw, (list, tuple)) else _LIST_SEPARATORS.split(str(raw))
    return [str(item).strip() for item in items if str(item).strip()]


def is_before(first: dt.date | None, second: dt.date | None) -> bool:
    """True when both dates are known and ``first`` is before ``second``."""
    return first is not None and second is not None and first < second
