"""Reminders from things the RM scheduled: appointments and custom reminders, maybe repeating.

Each occurrence within the window is one reminder keyed by its own date (and time, for
appointments), so snoozing or dismissing one occurrence leaves the others alone. A stored
rule that no longer passes :mod:`.recurrence`'s checks (rules are checked when the user saves
them, so only a damaged record) degrades to the single first occurrence rather than hiding
the appointment.
"""

from __future__ import annotations

from datetime import date, datetime

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

from .model import (
    KIND_APPOINTMENT,
    KIND_CUSTOM,
    SEVERITY_NORMAL,
    AppointmentFacts,
    CustomReminderFacts,
    Reminder,
)
from .recurrence import occurrences


def _expand(rule: str | None, first: date | datetime, start: date, end: date) -> list[datetime]:
    try:
        return occurrences(rule, first, start, end)
    except ValidationError:
        return occurrences(None, first, start, end)


def _with_client(name: str, title: str) -> str:
    return t("{}：{}", "{}: {}").format(name, title) if name else title


def appointment_reminders(appointment: AppointmentFacts, start: date, end: date) -> list[Reminder]:
    reminders = []
    for when in _expand(appointment.rrule, appointment.start, start, end):
        reminders.append(
            Reminder(
                date=when.date(),
                kind=KIND_APPOINTMENT,
                client_id=appointment.client_id,
                title=f"{when:%H:%M} " + _with_client(appointment.client_name, appointment.title),
                detail=appointment.location,
                key=f"{KIND_APPOINTMENT}:{appointment.appointment_id}:{when:%Y-%m-%dT%H:%M}",
                severity=SEVERITY_NORMAL,
                due=when.date(),
                ref_id=appointment.appointment_id,
                client_name=appointment.client_name,
            )
        )
    return reminders


def is_single(custom: CustomReminderFacts) -> bool:
    """A custom reminder without a repeat rule: a task that stays overdue until handled."""
    return custom.rrule is None or not custom.rrule.strip()


def custom_reminders(custom: CustomReminderFacts, start: date, end: date) -> list[Reminder]:
    # A single custom reminder is carried like a follow-up (the look-back does not apply): a
    # campaign's "call these clients" item must not vanish a week after its date undone. Its
    # key is its own date, so done or dismissed still hides it for good.
    if is_single(custom):
        start = min(start, custom.start)
    reminders = []
    for when in _expand(custom.rrule, custom.start, start, end):
        reminders.append(
            Reminder(
                date=when.date(),
                kind=KIND_CUSTOM,
                client_id=custom.client_id,
                title=_with_client(custom.client_name, custom.title),
                detail=custom.note,
                key=f"{KIND_CUSTOM}:{custom.reminder_id}:{when.date().isoformat()}",
                severity=SEVERITY_NORMAL,
                due=when.date(),
                ref_id=custom.reminder_id,
                client_name=custom.client_name,
            )
        )
    return reminders
