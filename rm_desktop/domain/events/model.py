"""An event's rules: its fields, the invitation statuses and their flow, seats and the waiting list.

Statuses: 已邀请 (invited) → 已确认 (confirmed) → 已出席 (attended) / 未出席 (no_show); an
invitee may also 婉拒 (declined) before the day. A client who turns up unannounced goes from
invited straight to attended. Attended and no-show may be swapped (a mis-click on the day),
nothing goes back to invited. Seats are held by invited, confirmed and attended invitees; an
invitation beyond the capacity is kept on the waiting list (候补) with a warning, not refused:
salons over-invite because some decline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

INVITED, CONFIRMED, DECLINED, ATTENDED, NO_SHOW = "invited", "confirmed", "declined", "attended", "no_show"
STATUSES = (INVITED, CONFIRMED, DECLINED, ATTENDED, NO_SHOW)
STATUS_LABELS = {
    INVITED: ("已邀请", "Invited"),
    CONFIRMED: ("已确认", "Confirmed"),
    DECLINED: ("婉拒", "Declined"),
    ATTENDED: ("已出席", "Attended"),
    NO_SHOW: ("未出席", "No-show"),
}
_ALIASES = {"邀请": INVITED, "确认": CONFIRMED, "出席": ATTENDED, "到场": ATTENDED, "缺席": NO_SHOW, "noshow": NO_SHOW}
FLOW = {
    INVITED: frozenset({CONFIRMED, DECLINED, ATTENDED, NO_SHOW}),
    CONFIRMED: frozenset({DECLINED, ATTENDED, NO_SHOW}),
    DECLINED: frozenset({CONFIRMED}),
    ATTENDED: frozenset({NO_SHOW}),
    NO_SHOW: frozenset({ATTENDED}),
}
HOLDS_SEAT = frozenset({INVITED, CONFIRMED, ATTENDED})
FOLLOW_UP_HOURS = 48  # the training material's follow-up within 48 hours of the salon
MAX_CAPACITY = 1000
MAX_NAME, MAX_PLACE, MAX_TOPIC, MAX_NOTE = 100, 200, 200, 2000


def status_label(status: str) -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return t(zh, en)


def parse_status(raw: object) -> str:
    """A status from its code or either label; ValidationError listing them otherwise."""
    text = str(raw or "").strip()
    folded = text.lower().replace("-", "_").replace(" ", "_")
    if folded in STATUSES:
        return folded
    for code, (zh, en) in STATUS_LABELS.items():
        if text in (zh, en) or folded == en.lower().replace("-", "_"):
            return code
    if text in _ALIASES or folded in _ALIASES:
        return _ALIASES.get(text) or _ALIASES[folded]
    raise ValidationError(
        "status",
        t("无法识别的状态“{}”，可选：{}", 'unknown status "{}"; one of: {}').format(
            text, " / ".join(f"{code}({status_label(code)})" for code in STATUSES)
        ),
    )


def check_move(before: str, after: str) -> None:
    """Refuse a status change the flow does not have (the same status is no change)."""
    if before != after and after not in FLOW.get(before, frozenset()):
        raise ValidationError(
            "status",
            t("不能从“{}”改为“{}”", 'cannot go from "{}" to "{}"').format(status_label(before), status_label(after)),
        )


@dataclass(frozen=True)
class EventFields:
    """An event as entered: checked by :func:`check_event`."""

    name: str
    starts_at: dt.datetime
    place: str = ""
    capacity: int = 15  # the training material's monthly salon of ~15 clients
    topic: str = ""
    note: str = ""


def _text(field: str, value: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(field, t("不能为空", "is required"))
    if len(value) > limit:
        raise ValidationError(field, t("最多 {} 个字", "at most {} characters").format(limit))
    return value


def check_event(fields: EventFields) -> EventFields:
    """The fields trimmed; ValidationError naming the field and the rule."""
    if not isinstance(fields.capacity, int) or not 1 <= fields.capacity <= MAX_CAPACITY:
        raise ValidationError(
            "capacity",
            t("名额应为 1 到 {} 之间的整数", "the capacity is a whole number from 1 to {}").format(MAX_CAPACITY),
        )
    return EventFields(
        _text("name", fields.name, MAX_NAME, required=True),
        fields.starts_at.replace(second=0, microsecond=0),
        _text("place", fields.place, MAX_PLACE),
        fields.capacity,
        _text("topic", fields.topic, MAX_TOPIC),
        _text("note", fields.note, MAX_NOTE),
    )


def seats_left(capacity: int, holding: int) -> int:
    """Seats still free with ``holding`` invitees holding one (never below 0)."""
    return max(0, capacity - holding)


def split_by_seats(capacity: int, holding: int, count: int) -> tuple[int, int]:
    """(invited on a seat, waiting list) for ``count`` new invitees."""
    free = min(count, seats_left(capacity, holding))
    return free, count - free


def follow_up_on(attended_at: dt.datetime) -> dt.date:
    """The day a salon's follow-up is due: within 48 hours of the event."""
    return (attended_at + dt.timedelta(hours=FOLLOW_UP_HOURS)).date()
