"""The error that carries every refused field of one save at once, the loop that parses a save
with it, and date-and-time values; the plain value parsers themselves (text, dates, yes/no,
numbers, lists) are the domain's (:mod:`rm_desktop.domain.field_values`), named here for the
client file services that use them.

Each parser takes what a form or the CLI hands over (a string, or an already typed value from
the GUI) and returns the stored value, ``None`` for an empty input, or raises
``ValidationError(field, reason)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.field_values import (
    Parser,
    integer,
    is_before,
    is_empty,
    parse_bool,
    parse_date,
    split_list,
    text,
)
from rm_desktop.domain.textnorm import fold_text, strip_invisible
from rm_desktop.i18n import t

__all__ = [
    "ClientValidationError",
    "Parser",
    "collect",
    "integer",
    "is_before",
    "is_empty",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "split_list",
    "text",
]


class ClientValidationError(UserError):
    """Every refused field of one save (``errors``: field → message); nothing was stored.

    ``str()`` is one line naming each field, for the CLI; the GUI shows each message beside
    its field."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(t("；", "; ").join(f"{field}: {message}" for field, message in self.errors.items()))


def collect(values: Mapping[str, Any], parsers: Mapping[str, Parser]) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse every given field; unknown fields and refused values land in the errors dict.

    Text is trimmed (and zero-width characters dropped) before its parser sees it, as the
    form's boxes and the import's cells are, so a CLI value with stray spaces is stored, or
    refused with a message quoting it, exactly as the same value typed in the form."""
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field, raw in values.items():
        parser = parsers.get(field)
        if parser is None:
            errors[field] = t("未知字段（可用：{}）", "unknown field (known: {})").format(", ".join(parsers))
            continue
        try:
            parsed[field] = parser(strip_invisible(raw).strip() if isinstance(raw, str) else raw, field)
        except ValidationError as exc:
            errors[field] = exc.message
    return parsed, errors


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
    if ":" in value:
        return None  # a time that fromisoformat could not read: never dropped silently
    try:
        return parse_date(value, "")
    except ValidationError:
        return None
