"""Follow-ups (跟进): the next step promised after a contact, and the 48-hour rule.

The branch rule: follow up within 48 hours after a meeting (a visit or a branch meeting) or a
complaint. :func:`default_follow_up` proposes that date when a contact is logged; the stored
follow-up then comes back here as :class:`FollowUpFacts` until it is marked done. Hours are
calendar hours (the material does not speak of working days), counted from the contact time.

An open follow-up is yellow on its day and red as soon as it is late: it is a promise made to
the client, so it is never dropped while open, however old.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rm_desktop.i18n import t

from .model import (
    KIND_FOLLOW_UP,
    SEVERITY_NORMAL,
    SEVERITY_OVERDUE,
    SEVERITY_WARNING,
    FollowUpFacts,
    Reminder,
    ReminderSettings,
    iso,
)

# Channel or purpose codes (and their Chinese labels) that trigger the 48-hour rule.
MEETING_CODES = frozenset({"visit", "branch_meeting", "meeting", "拜访", "上门拜访", "面谈", "网点面谈", "会面"})
COMPLAINT_CODES = frozenset({"complaint", "投诉"})


def _code(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def default_follow_up(
    contact_at: datetime, channel_or_purpose: str, settings: ReminderSettings | None = None
) -> date | None:
    """The follow-up date a contact calls for, or None when the rule does not apply."""
    settings = settings or ReminderSettings()
    code = _code(channel_or_purpose)
    if code in COMPLAINT_CODES:
        hours = settings.follow_up_hours_complaint
    elif code in MEETING_CODES:
        hours = settings.follow_up_hours_meeting
    else:
        return None
    return (contact_at + timedelta(hours=hours)).date()


def follow_up_reminder(follow_up: FollowUpFacts, today: date, texts: bool = True) -> Reminder:
    """``texts=False`` leaves the title empty (the worklist words its items itself)."""
    late = (today - follow_up.due).days
    if late > 0:
        severity = SEVERITY_OVERDUE
        title = (
            t("{} 跟进已逾期{}天", "{}: follow-up {} days late").format(follow_up.client_name, late) if texts else ""
        )
    else:
        severity = SEVERITY_WARNING if late == 0 else SEVERITY_NORMAL
        title = t("{} 跟进", "{}: follow-up").format(follow_up.client_name) if texts else ""
    # By position (date, kind, client, title, detail, key, severity, due, ref): ~21k at 100k.
    return Reminder(
        follow_up.due,
        KIND_FOLLOW_UP,
        follow_up.client_id,
        title,
        follow_up.purpose,
        f"{KIND_FOLLOW_UP}:{follow_up.contact_id}:{iso(follow_up.due)}",
        severity,
        follow_up.due,
        follow_up.contact_id,
        follow_up.client_name,
    )
