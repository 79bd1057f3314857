"""Export reminders and appointments to an iCalendar (.ics) file for a phone or Outlook.

- Reminders become all-day events (``DTSTART;VALUE=DATE``) with a display alarm at 09:00 of
  the day; appointments become timed events in Asia/Shanghai (a VTIMEZONE is included, fixed
  at UTC+8: China has had no daylight saving since 1991, so no tz database is needed), with
  an alarm 15 minutes before.
- Repeat rules are written only in forms every common calendar expands as the app does
  (:func:`portable_rule`). Two kinds of rule are read differently by the programs: BYSETPOS
  (Thunderbird's ical.js ignores it on most shapes, ical.js issues #960 and #1039, and would show
  ``BYMONTHDAY=28,29,30;BYSETPOS=-1`` up to three times a month), and a day some months lack
  (``BYMONTHDAY=30``, ``5FR``: RFC 5545 skips those months, Outlook takes the month's last day or
  week). The app's month-end rule "the 30th, or the month's last day" has no other RFC form, so
  such an appointment is written as one plain event per occurrence within the exported window
  (not RDATEs: Outlook refuses an RDATE without a matching EXDATE). "Yearly on 29 February" does
  have one: ``BYMONTH=2;BYMONTHDAY=-1``. DTSTART is the rule's first occurrence, as the app counts
  it (dateutil skips a DTSTART the rule does not match; RFC 5545 counts it).
- UIDs derive from the reminder key (or the appointment id), so importing a newer export
  updates the same events instead of duplicating them.
- Privacy mode (for calendars that sync to a phone or a cloud): client names are replaced by
  pinyin initials (王小明 → W.X.M., surname readings from :mod:`rm_desktop.domain.pinyin`) and
  descriptions and locations are left out. A name written differently inside a free-text
  title (王总) cannot be recognised and stays.
- The file is written atomically (:func:`rm_desktop.storage.atomic.atomic_write_bytes`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard, vRecur

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.pinyin import client_initials
from rm_desktop.domain.reminders.model import KIND_APPOINTMENT, AppointmentFacts, Reminder
from rm_desktop.domain.reminders.recurrence import RepeatRule, occurrences, parse_repeat_rule, parse_rrule
from rm_desktop.i18n import t
from rm_desktop.storage.atomic import atomic_write_bytes

TZID = "Asia/Shanghai"
ALL_DAY_ALARM = timedelta(hours=9)  # relative to the day's start: 09:00
TIMED_ALARM = timedelta(minutes=-15)
EXPORT_YEARS = 1  # the window of export_ics when none is given: a year from the stamp
# The fewest and the most days each month has (February: 28 or 29).
_MONTH_DAYS = {m: (28 if m == 2 else d, d) for m, d in enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1)}


def _masked(text: str, name: str, privacy: bool) -> str:
    if not privacy or not name:
        return text
    return text.replace(name, client_initials(name))


def _timezone() -> Timezone:
    zone = Timezone()
    zone.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(hours=8))
    standard.add("tzoffsetto", timedelta(hours=8))
    standard.add("tzname", "CST")
    zone.add_component(standard)
    return zone


def _alarm(summary: str, trigger: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", trigger)
    return alarm


def _reminder_event(reminder: Reminder, privacy: bool, stamp: datetime) -> Event:
    summary = _masked(reminder.title, reminder.client_name, privacy)
    event = Event()
    event.add("uid", reminder.key.replace(":", "-") + "@rm-desktop")
    event.add("dtstamp", stamp)
    event.add("dtstart", reminder.date)
    event.add("dtend", reminder.date + timedelta(days=1))
    event.add("summary", summary)
    if reminder.detail and not privacy:
        event.add("description", reminder.detail)
    event.add("categories", [reminder.kind])
    event.add("transp", "TRANSPARENT")  # a reminder does not make the day busy
    event.add_component(_alarm(summary, ALL_DAY_ALARM))
    return event


def portable_rule(rule: RepeatRule) -> RepeatRule | None:
    """``rule`` in a form every common calendar program expands the same way, or None if it
    has none (see the module notes): no BYSETPOS, no day that some of the rule's months lack."""
    if (
        rule.freq == "YEARLY"
        and rule.bysetpos == (-1,)
        and len(rule.bymonth) == 1
        and not rule.byday
        and rule.bymonthday
        and rule.bymonthday == tuple(range(28, rule.bymonthday[-1] + 1))
    ):
        # The app's "day d or the month's last day" in one month: d if it always exists, the
        # last day (-1) if no year's month is longer than d (29 February: the last of February).
        fewest, most = _MONTH_DAYS[rule.bymonth[0]]
        day = rule.bymonthday[-1]
        if day <= fewest or day >= most:
            rule = replace(rule, bymonthday=(day if day <= fewest else -1,), bysetpos=())
    if rule.bysetpos:
        return None
    fewest = min(_MONTH_DAYS[m][0] for m in rule.bymonth or _MONTH_DAYS)
    if any(abs(day) > fewest for day in rule.bymonthday):
        return None
    in_month = rule.freq == "MONTHLY" or bool(rule.bymonth)
    if any(n is not None and (abs(n) >= 5 if in_month else True) for n, _ in rule.byday):
        return None  # a fifth weekday some months lack; a week of the year Outlook cannot hold
    return rule


def _appointment_event(
    appointment: AppointmentFacts,
    privacy: bool,
    stamp: datetime,
    start: datetime | None = None,
    rule: RepeatRule | None = None,
    *,
    occurrence: bool = False,
) -> Event:
    """One VEVENT: the appointment's series (``rule``) from ``start``, or (``occurrence``) one
    occurrence of a series written one at a time."""
    name = appointment.client_name
    title = _masked(appointment.title, name, privacy)
    if name:
        who = client_initials(name) if privacy else name
        title = t("{}：{}", "{}: {}").format(who, title)
    start = start or appointment.start
    event = Event()
    if occurrence:
        # One occurrence of a series: the same UID as its all-day reminder (appointment:<id>:<time>).
        event.add("uid", f"appointment-{appointment.appointment_id}-{start:%Y-%m-%dT%H-%M}@rm-desktop")
    else:
        event.add("uid", f"appointment-{appointment.appointment_id}@rm-desktop")
    event.add("dtstamp", stamp)
    # Naive local times with a TZID parameter, matching the VTIMEZONE above.
    event.add("dtstart", start, parameters={"TZID": TZID})
    end = start + timedelta(minutes=max(appointment.duration_minutes, 1))
    event.add("dtend", end, parameters={"TZID": TZID})
    event.add("summary", title)
    if appointment.location and not privacy:
        event.add("location", appointment.location)
    if rule is not None:
        event.add("rrule", vRecur.from_ical(rule.text()))
    event.add_component(_alarm(title, TIMED_ALARM))
    return event


def _appointment_events(
    appointment: AppointmentFacts, privacy: bool, stamp: datetime, window: tuple[date, date]
) -> list[Event]:
    """The appointment as one repeating event where its rule is portable, else one event per
    occurrence within ``window`` (the app's own expansion, recurrence.occurrences)."""
    if not appointment.rrule:
        return [_appointment_event(appointment, privacy, stamp)]
    try:
        rule = parse_repeat_rule(appointment.rrule, appointment.start)
        first = next(iter(parse_rrule(appointment.rrule, appointment.start)))
    except ValidationError:
        # A damaged stored rule: the first occurrence only, as the reminder engine does.
        return [_appointment_event(appointment, privacy, stamp)]
    portable = portable_rule(rule)
    if portable is not None:
        return [_appointment_event(appointment, privacy, stamp, first, portable)]
    low, high = window
    days = (high - low).days + 1  # a supported rule has at most one occurrence a day
    found = occurrences(appointment.rrule, appointment.start, low, high, cap=max(days, 1))
    return [_appointment_event(appointment, privacy, stamp, when, occurrence=True) for when in found]


def _add(calendar: Calendar, event: Any, mark: tuple[str, str] | None) -> None:
    if mark is not None:
        event.add("x-rm-export-id", mark[1])
    calendar.add_component(event)


def export_ics(
    reminders: Iterable[Reminder],
    appointments: Iterable[AppointmentFacts],
    path: str | os.PathLike[str],
    privacy: bool = False,
    *,
    stamp: datetime | None = None,
    calendar_name: str | None = None,
    window: tuple[date, date] | None = None,
    mark: tuple[str, str] | None = None,
) -> int:
    """Write the calendar file; returns the number of events written.

    ``mark``: the export's (visible, hidden) watermark (services/export_controls): the visible
    line as the calendar's description (X-WR-CALDESC), the hidden register id as X-RM-EXPORT-ID
    on the calendar and on every event (an event copied into another calendar keeps it).

    Appointment reminders whose appointment is exported as a timed event are not repeated as
    all-day events. ``stamp`` (DTSTAMP) defaults to now in UTC. ``window`` (first and last day)
    bounds the appointments written one occurrence at a time; by default a year from the stamp.
    """
    stamp = stamp or datetime.now(UTC)
    if window is None:
        first_day = stamp.astimezone(UTC).date()
        window = (first_day, first_day.replace(year=first_day.year + EXPORT_YEARS, day=min(first_day.day, 28)))
    calendar = Calendar()
    calendar.add("prodid", "-//RM Desktop//Reminders//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name or t("客户经理提醒", "RM reminders"))
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(_timezone())
    if mark is not None:
        calendar.add("x-wr-caldesc", mark[0])
        calendar.add("x-rm-export-id", mark[1])
    appointments = list(appointments)
    exported_ids = {a.appointment_id for a in appointments}
    count = 0
    for appointment in appointments:
        for event in _appointment_events(appointment, privacy, stamp, window):
            _add(calendar, event, mark)
            count += 1
    for reminder in reminders:
        if reminder.kind == KIND_APPOINTMENT and reminder.ref_id in exported_ids:
            continue
        _add(calendar, _reminder_event(reminder, privacy, stamp), mark)
        count += 1
    atomic_write_bytes(Path(path), calendar.to_ical())
    return count
