"""Value types of the reminder engine: what goes in (facts) and what comes out (Reminder).

The engine is pure: callers load facts from storage, pass "today" explicitly and get back plain
frozen :class:`Reminder` values. Nothing here reads the clock or the database, so the Today page,
the CLI and the tests see exactly the same results for the same inputs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, datetime

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

KIND_BIRTHDAY = "birthday"
KIND_MATURITY = "maturity"
KIND_CADENCE = "cadence"
KIND_FESTIVAL = "festival"
KIND_PLAN_REVIEW = "plan_review"
KIND_RISK_EXPIRY = "risk_expiry"
KIND_FOLLOW_UP = "follow_up"
KIND_APPOINTMENT = "appointment"
KIND_CUSTOM = "custom"

# Order within one day on the Today page: promises to a client and fixed-time meetings first,
# money events next, relationship care last. Sorting uses this rank, not the kind's spelling.
KINDS: tuple[str, ...] = (
    KIND_FOLLOW_UP,
    KIND_APPOINTMENT,
    KIND_MATURITY,
    KIND_RISK_EXPIRY,
    KIND_CADENCE,
    KIND_PLAN_REVIEW,
    KIND_BIRTHDAY,
    KIND_FESTIVAL,
    KIND_CUSTOM,
)
KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
# Each rank as one character for Reminder.sort_key ("0", "1", …; unknown kinds after them).
_RANK_MARKS = {kind: chr(ord("0") + rank) for kind, rank in KIND_RANK.items()}
_LAST_MARK = chr(ord("0") + len(KINDS))

# Dates as ISO text and day counts as timedeltas, each made once and then looked up: a 100k
# book's Today page and worklist write ~100k keys and details from a few hundred distinct days
# (``date.isoformat`` and ``timedelta(days=n)`` cost ~10x a dictionary look-up; issue 19.4).
# Bounded: cleared when it holds more than _REMEMBERED entries (a long-running app moves on).
_ISO: dict[date, str] = {}
_SPANS: dict[int, dt.timedelta] = {}
_REMEMBERED = 50_000


def iso(day: date) -> str:
    """``day.isoformat()``, remembered."""
    try:
        return _ISO[day]
    except KeyError:
        if len(_ISO) >= _REMEMBERED:
            _ISO.clear()
        text = _ISO[day] = day.isoformat()
        return text


def span(days: int) -> dt.timedelta:
    """``timedelta(days=days)``, remembered."""
    try:
        return _SPANS[days]
    except KeyError:
        if len(_SPANS) >= _REMEMBERED:
            _SPANS.clear()
        made = _SPANS[days] = dt.timedelta(days=days)
        return made


SEVERITY_NORMAL = "normal"
SEVERITY_WARNING = "warning"  # yellow: due now, or a dated event already passed
SEVERITY_OVERDUE = "overdue"  # red: late beyond the settings' threshold
SEVERITY_RANK = {SEVERITY_NORMAL: 0, SEVERITY_WARNING: 1, SEVERITY_OVERDUE: 2}


# Not frozen=True: a frozen dataclass's __init__ sets each field through object.__setattr__
# (~3× the cost); a 100k book makes tens of thousands of these per worklist (issue 19.4).
# Treated as immutable all the same; unsafe_hash keeps the frozen type's hash.
@dataclass(slots=True, unsafe_hash=True)
class Reminder:
    """One line of the RM's day. ``date`` is when to show it, ``due`` the underlying event date.

    ``key`` is stable across days for the same event (it names the event, not the day it is
    shown), so a snooze or a dismissal stored under it keeps applying. ``client_name`` is kept
    apart from ``title`` so that exports can swap the name for initials.
    """

    date: date
    kind: str
    client_id: int | None
    title: str
    detail: str
    key: str
    severity: str
    due: dt.date  # `date` is the field above here, not the type
    ref_id: int | None = None
    client_name: str = ""

    def sort_key(self) -> str:
        """(date, kind's rank, title) as one string, which orders exactly as that tuple: the ISO
        date is always 10 characters and the rank one, so each part starts where the last ended.
        One string comparison per step instead of a tuple's (the date's a rich comparison): a
        100k book's Today page sorts ~68k reminders (issue 19.4: the sort took ~0.15 s)."""
        return f"{iso(self.date)}{_RANK_MARKS.get(self.kind, _LAST_MARK)}{self.title}"


@dataclass(slots=True, unsafe_hash=True)  # see Reminder
class ClientFacts:
    """What the engine needs to know about one client; ``tier_code`` keys the cadence table."""

    client_id: int
    name: str
    tier_code: str | None = None
    birth_date: date | None = None
    lunar_birthday: bool = False
    last_contact: date | None = None
    cadence_override_days: int | None = None
    risk_expires_on: date | None = None
    plan_review_on: date | None = None


@dataclass(slots=True, unsafe_hash=True)  # see Reminder
class HoldingFacts:
    holding_id: int
    client_id: int
    client_name: str
    product_name: str
    maturity_date: date
    amount_fen: int | None = None  # the worklist's stake (the reminders do not show it)


@dataclass(slots=True, unsafe_hash=True)  # see Reminder
class FollowUpFacts:
    """An open follow-up (next step of a contact). Done follow-ups are not passed in."""

    contact_id: int
    client_id: int
    client_name: str
    due: date
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class AppointmentFacts:
    """A meeting at a local (Asia/Shanghai, naive) time, optionally repeating by an RRULE text."""

    appointment_id: int
    client_id: int | None
    client_name: str
    title: str
    start: datetime
    rrule: str | None = None
    duration_minutes: int = 60
    location: str = ""


@dataclass(frozen=True, slots=True)
class CustomReminderFacts:
    """A reminder the RM typed in: a date, optionally repeating by an RRULE text."""

    reminder_id: int
    client_id: int | None
    client_name: str
    title: str
    start: date
    rrule: str | None = None
    note: str = ""


def _check_days(name: str, value: int, minimum: int = 0) -> None:
    if not isinstance(value, int) or value < minimum:
        raise ValidationError(
            name, t("应为不小于 {} 的整数天数", "must be a whole number of days ≥ {}").format(minimum)
        )


@dataclass(frozen=True)
class ReminderSettings:
    """Tunable rules; defaults follow the branch material (48-hour follow-up, monthly contact).

    ``cadence_days`` maps a tier code to its contact cadence in days; tiers not listed (and
    clients without a tier) get no cadence reminder unless the client has an override.

    Red threshold: a cadence or plan-review item is yellow from its due day and turns red once
    it is late by more than ``red_after_days`` days, or by more than half its cadence when that
    is shorter (a weekly cadence goes red after 3 days late, a monthly one after 7). Open
    follow-ups and expired risk assessments are red as soon as they are late.
    """

    maturity_offsets: tuple[int, ...] = (30, 7, 1)
    cadence_days: dict[str, int] = field(default_factory=dict)
    red_after_days: int = 7
    festivals_enabled: bool = True
    festival_lead_days: int = 3
    festival_greeting_tiers: frozenset[str] = frozenset()
    risk_expiry_offsets: tuple[int, ...] = (30, 7)
    follow_up_hours_meeting: int = 48
    follow_up_hours_complaint: int = 48
    milestone_ages: tuple[int, ...] = (30, 40, 50, 60, 70, 80, 90, 100)

    def __post_init__(self) -> None:
        for offset in self.maturity_offsets:
            _check_days("maturity_offsets", offset)
        for offset in self.risk_expiry_offsets:
            _check_days("risk_expiry_offsets", offset)
        for code, days in self.cadence_days.items():
            _check_days(f"cadence_days[{code}]", days, 1)
        _check_days("red_after_days", self.red_after_days, 1)
        _check_days("festival_lead_days", self.festival_lead_days)
        _check_days("follow_up_hours_meeting", self.follow_up_hours_meeting, 1)
        _check_days("follow_up_hours_complaint", self.follow_up_hours_complaint, 1)


def red_threshold(settings: ReminderSettings, cadence_days: int | None = None) -> int:
    """Days late after which an item turns red (see :class:`ReminderSettings`)."""
    if cadence_days is None:
        return settings.red_after_days
    return min(settings.red_after_days, max(1, cadence_days // 2))


def lateness_severity(due: date, today: date, threshold: int) -> str:
    """Normal before ``due``, yellow from the due day, red once late by more than ``threshold``."""
    late = (today - due).days
    if late < 0:
        return SEVERITY_NORMAL
    return SEVERITY_OVERDUE if late > threshold else SEVERITY_WARNING
