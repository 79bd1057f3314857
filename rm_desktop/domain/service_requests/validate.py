"""The rules of a complaint's life: what a new one needs, when a step may be recorded, what
closing it needs. Each refusal is a ValidationError naming the field (the CLI's) and the rule;
nothing is written by the caller until these pass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

from .model import CATEGORIES, CHANNELS, SATISFACTION_MAX, SATISFACTION_MIN, SEVERITIES, STEPS, TYPES, satisfaction_rule

DESCRIPTION_MAX = 5000
OUTCOME_MAX = 2000
MAX_DEADLINE_HOURS = 720


def _text(values: Mapping[str, Any], field: str, limit: int, *, required: bool) -> str | None:
    raw = values.get(field)
    value = str(raw).strip() if raw is not None else ""
    if not value:
        if required:
            raise ValidationError(field, t("不能为空", "is required"))
        return None
    if len(value) > limit:
        raise ValidationError(field, t("最多 {} 个字", "at most {} characters").format(limit))
    return value


def _when(raw: object, field: str) -> dt.datetime:
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=None, microsecond=0)
    text = str(raw or "").strip().replace("T", " ")
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        return dt.datetime.fromisoformat(text).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise ValidationError(
            field, t("时间格式应为 YYYY-MM-DD HH:MM：{}", "a time is YYYY-MM-DD HH:MM: {}").format(raw)
        ) from None


def _not_future(at: dt.datetime, now: dt.datetime, field: str) -> None:
    if at > now:
        raise ValidationError(field, t("时间在未来：{}", "the time is in the future: {}").format(at.isoformat(" ")))


def deadline_of(received_at: dt.datetime, hours: int) -> dt.datetime:
    """The follow-up deadline: ``hours`` (the setting, 48 by default) after receipt."""
    if not 1 <= hours <= MAX_DEADLINE_HOURS:
        raise ValidationError(
            "complaint_deadline_hours",
            t("应在 1 到 {} 小时之间", "must be between 1 and {} hours").format(MAX_DEADLINE_HOURS),
        )
    return received_at + dt.timedelta(hours=hours)


def parse_new(values: Mapping[str, Any], now: dt.datetime) -> dict[str, Any]:
    """A new complaint's fields, checked: type (default complaint), channel, category,
    severity (default low), description (required), received_at (default now, not future)."""
    out: dict[str, Any] = {
        "type": TYPES.parse(values.get("type") or "complaint", "type"),
        "channel": CHANNELS.parse(values.get("channel") or "", "channel"),
        "category": CATEGORIES.parse(values.get("category") or "", "category"),
        "severity": SEVERITIES.parse(values.get("severity") or "low", "severity"),
        "description": _text(values, "description", DESCRIPTION_MAX, required=True),
    }
    received = values.get("received_at")
    at = now.replace(microsecond=0) if received in (None, "") else _when(received, "received_at")
    _not_future(at, now, "received_at")
    out["received_at"] = at
    return out


def parse_step(step: object, at: object, received_at: dt.datetime, now: dt.datetime) -> tuple[str, dt.datetime]:
    """(step code, done at): the time defaults to now, is not before receipt nor in the future."""
    code = STEPS.parse(step, "step")
    when = now.replace(microsecond=0) if at in (None, "") else _when(at, "at")
    _not_future(when, now, "at")
    if when < received_at:
        raise ValidationError(
            "at", t("早于受理时间 {}", "before the time it was received, {}").format(received_at.isoformat(" "))
        )
    return code, when


def parse_close(outcome: object, satisfaction: object) -> tuple[str, int]:
    """Closing needs the outcome (text) and the client's satisfaction, a whole number 1–5."""
    text = _text({"outcome": outcome}, "outcome", OUTCOME_MAX, required=True)
    assert text is not None
    raw = str(satisfaction if satisfaction is not None else "").strip()
    if not raw:
        raise ValidationError("satisfaction", t("不能为空，", "is required and ") + satisfaction_rule())
    try:
        score = int(raw)
    except ValueError:
        raise ValidationError("satisfaction", satisfaction_rule() + f": {raw}") from None
    if not SATISFACTION_MIN <= score <= SATISFACTION_MAX:
        raise ValidationError("satisfaction", satisfaction_rule() + f": {score}")
    return text, score
