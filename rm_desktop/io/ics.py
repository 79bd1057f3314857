"""Export reminders and appointments to an iCalendar (.ics) file for a phone or Outlook.

- Reminders become all-day events (``DTSTART;VALUE=DATE``) with a display alarm at 09:00 of
  the day; appointments become timed events in Asia/Shanghai (a VTIMEZONE is included, fixed
  at UTC+8: China has had no daylight saving since 1991, so no tz database is needed), with
  their repeat rule in the checked month-end form and an alarm 15 minutes before.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneStandard, vRecur

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.pinyin import client_initials
from rm_desktop.domain.reminders.model import KIND_APPOINTMENT, AppointmentFacts, Reminder
from rm_desktop.domain.reminders.recurrence import normalize_rrule
from rm_desktop.i18n import t
from rm_desktop.storage.atomic import atomic_write_bytes

TZID = "Asia/Shanghai"
ALL_DAY_ALARM = timedelta(hours=9)  # relative to the day's start: 09:00
TIMED_ALARM = timedelta(minutes=-15)


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


def _appointment_event(appointment: AppointmentFacts, privacy: bool, stamp: datetime) -> Event:
    name = appointment.client_name
    title = _masked(appointment.title, name, privacy)
    if name:
        who = client_initials(name) if privacy else name
        title = t("{}：{}", "{}: {}").format(who, title)
    event = Event()
    event.add("uid", f"appointment-{appointment.appointment_id}@rm-desktop")
    event.add("dtstamp", stamp)
    # Naive local times with a TZID parameter, matching the VTIMEZONE above.
    event.add("dtstart", appointment.start, parameters={"TZID": TZID})
    end = appointment.start + timedelta(minutes=max(appointment.duration_minutes, 1))
    event.add("dtend", end, parameters={"TZID": TZID})
    event.add("summary", title)
    if appointment.location and not privacy:
        event.add("location", appointment.location)
    if appointment.rrule:
        try:
            event.add("rrule", vRecur.from_ical(normalize_rrule(appointment.rrule, appointment.start)))
        except ValidationError:
            pass  # a damaged stored rule: export the first occurrence only, as the engine does
    event.add_component(_alarm(title, TIMED_ALARM))
    return event


def export_ics(
    reminders: Iterable[Reminder],
    appointments: Iterable[AppointmentFacts],
    path: str | os.PathLike[str],
    privacy: bool = False,
    *,
    stamp: datetime | None = None,
    calendar_name: str | None = None,
) -> int:
    """Write the calendar file; returns the number of events written.

    Appointment reminders whose appointment is exported as a timed event are not repeated as
    all-day events. ``stamp`` (DTSTAMP) defaults to now in UTC.
    """
    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//RM Desktop//Reminders//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name or t("客户经理提醒", "RM reminders"))
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(_timezone())
    appointments = list(appointments)
    exported_ids = {a.appointment_id for a in appointments}
    count = 0
    for appointment in appointments:
        calendar.add_component(_appointment_event(appointment, privacy, stamp))
        count += 1
    for reminder in reminders:
        if reminder.kind == KIND_APPOINTMENT and reminder.ref_id in exported_ids:
            continue
        calendar.add_component(_reminder_event(reminder, privacy, stamp))
        count += 1
    atomic_write_bytes(Path(path), calendar.to_ical())
    return count
