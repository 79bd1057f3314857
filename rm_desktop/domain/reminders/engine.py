"""The RM's day: every reminder due, from facts loaded by the caller and an explicit "today".

Window rules:
- Carried kinds stay until resolved, however old: cadence (until a contact is logged), open
  follow-ups (until marked done), plan review (until the date is moved), an expired risk
  assessment (until re-assessed), a single (non-repeating) custom reminder (until done or
  dismissed). Their ``date`` may be before today: that is "overdue".
- Dated events (birthdays, maturities, festivals, repeating custom reminders, risk notices) are shown
  from ``today - overdue_lookback_days`` so that one falling on a weekend or a holiday is still
  seen on the next working day (a belated greeting, a call about matured money); a passed one
  is at least yellow. Snoozing such an event further than the look-back lets it lapse, so the
  UI should offer short snoozes. Appointments are shown from today only: a past meeting is
  over, not pending.
- Everything up to ``today + days`` is included.

One bad record must never break the Today page: a record that raises is skipped and logged
by id only (never by name: logs are plaintext).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from .birthdays import BirthdayIndex, birthday_reminders
from .cadence import cadence_reminder
from .clientdates import plan_review_reminder, risk_expiry_reminders
from .festivals import festival_reminders, greeting_list
from .followups import follow_up_reminder
from .maturities import maturity_reminders
from .model import (
    SEVERITY_NORMAL,
    SEVERITY_WARNING,
    AppointmentFacts,
    ClientFacts,
    CustomReminderFacts,
    FollowUpFacts,
    HoldingFacts,
    Reminder,
    ReminderSettings,
)
from .scheduled import appointment_reminders, custom_reminders

log = logging.getLogger(__name__)
DEFAULT_LOOKBACK_DAYS = 7
T = TypeVar("T")


def _each(records: Iterable[T], make: Callable[[T], list[Reminder]], out: list[Reminder]) -> None:
    for record in records:
        try:
            made = make(record)
        except Exception as exc:  # noqa: BLE001 - one bad record must not hide the others
            ident = next(
                (
                    getattr(record, a)
                    for a in ("client_id", "holding_id", "contact_id", "appointment_id", "reminder_id")
                    if hasattr(record, a)
                ),
                None,
            )
            log.warning("reminder skipped for %s %s: %s", type(record).__name__, ident, type(exc).__name__)
            continue
        out.extend(made)


def _warned(r: Reminder) -> Reminder:
    # The constructor itself, not dataclasses.replace (5x slower: thousands a day in a 100k book).
    return Reminder(
        r.date, r.kind, r.client_id, r.title, r.detail, r.key, SEVERITY_WARNING, r.due, r.ref_id, r.client_name
    )


def compute_reminders(
    today: date,
    days: int,
    clients: Iterable[ClientFacts] = (),
    holdings: Iterable[HoldingFacts] = (),
    follow_ups: Iterable[FollowUpFacts] = (),
    appointments: Iterable[AppointmentFacts] = (),
    settings: ReminderSettings | None = None,
    *,
    customs: Iterable[CustomReminderFacts] = (),
    overdue_lookback_days: int = DEFAULT_LOOKBACK_DAYS,
    ordered: bool = True,
    texts: bool = True,
) -> list[Reminder]:
    """Reminders dated up to ``today + days`` (and overdue ones), sorted by (date, kind, title);
    ``ordered=False`` leaves them unsorted for a caller that orders them its own way (the
    worklist ranks them: sorting a 100k book's reminders first is wasted). ``texts=False``
    leaves the title and detail of the cadence, follow-up and maturity reminders empty: the
    worklist words its items itself, and a 100k book has ~50k of these."""
    settings = settings or ReminderSettings()
    end = today + timedelta(days=max(days, 0))
    start = today - timedelta(days=max(overdue_lookback_days, 0))
    clients = list(clients)
    birthdays = BirthdayIndex(start, end)
    out: list[Reminder] = []

    def per_client(c: ClientFacts) -> list[Reminder]:
        # The None checks skip calls for empty fields: this runs once per client of the book.
        made = birthday_reminders(c, birthdays, settings) if c.birth_date is not None else []
        if c.risk_expires_on is not None:
            made += risk_expiry_reminders(c, today, start, end, settings)
        cadence = cadence_reminder(c, today, end, settings, texts)
        if cadence is not None:
            made.append(cadence)
        if c.plan_review_on is not None:
            review = plan_review_reminder(c, today, end, settings)
            if review is not None:
                made.append(review)
        return made

    _each(clients, per_client, out)
    _each(holdings, lambda h: maturity_reminders(h, start, end, settings, texts), out)
    _each(follow_ups, lambda f: [follow_up_reminder(f, today, texts)] if f.due <= end else [], out)
    _each(appointments, lambda a: appointment_reminders(a, today, end), out)
    _each(customs, lambda c: custom_reminders(c, start, end), out)
    greeting = None
    if settings.festival_greeting_tiers:
        greeting = len(greeting_list(clients, settings.festival_greeting_tiers))
    # Greetings prepared for a festival that is over are moot: keep only coming festivals.
    out += [r for r in festival_reminders(start, end, settings, greeting) if r.due >= today]
    # A passed dated event the RM has not acted on is at least yellow.
    out = [_warned(r) if r.date < today and r.severity == SEVERITY_NORMAL else r for r in out]
    if ordered:
        out.sort(key=Reminder.sort_key)
    return out


def apply_snoozes(
    reminders: Sequence[Reminder],
    snoozed: Mapping[str, date],
    dismissed: Iterable[str],
    *,
    until: date | None = None,
    ordered: bool = True,
    moved: dict[int, str] | None = None,
) -> list[Reminder]:
    """Move snoozed reminders to their snooze date and drop dismissed ones, then re-sort
    (unless ``ordered=False``, as :func:`compute_reminders`).

    ``until`` (usually ``today + days``) drops reminders snoozed beyond the shown window.
    ``moved`` (with ``ordered=False``) is given id(moved reminder) → its sort key before the
    move: what the re-sort's ties follow (:mod:`.groups` sorts later, alike).
    """
    gone = set(dismissed)
    result = []
    for reminder in reminders:
        if reminder.key in gone:
            continue
        if reminder.key in snoozed:
            before = reminder
            reminder = replace(reminder, date=snoozed[reminder.key])
            if until is not None and reminder.date > until:
                continue
            if moved is not None:  # kept in the result, so the id stays its own
                moved[id(reminder)] = before.sort_key()
        elif until is not None and reminder.date > until:
            continue
        result.append(reminder)
    if ordered:
        result.sort(key=Reminder.sort_key)
    return result
