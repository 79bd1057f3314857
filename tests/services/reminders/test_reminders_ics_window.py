"""The calendar export of the vault (issue 14.14): a month-end appointment written one occurrence
at a time covers exactly the chosen window, each occurrence once, no BYSETPOS in the file."""

from __future__ import annotations

import datetime as dt

import recurring_ical_events
from icalendar import Calendar

from rm_desktop.domain.reminders import occurrences
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders import compute as reminders

TODAY = dt.date(2026, 12, 1)
START, END = dt.date(2027, 1, 1), dt.date(2027, 6, 30)


def test_month_end_appointment_is_exported_over_the_window(vault, tmp_path):
    first = dt.datetime(2026, 11, 30, 10, 0)
    record = appointments.add_appointment(vault, first, "季度回访", rrule="FREQ=MONTHLY")
    weekly = appointments.add_appointment(vault, dt.datetime(2026, 12, 7, 9, 0), "周会", rrule="FREQ=WEEKLY")
    path = tmp_path / "rm.ics"
    reminders.export_calendar(vault, path, START, END, today=TODAY)
    data = path.read_bytes()
    assert b"BYSETPOS" not in data
    found = recurring_ical_events.of(Calendar.from_ical(data)).between(START, END + dt.timedelta(days=1))
    starts = sorted(e["dtstart"].dt.replace(tzinfo=None) for e in found if f"-{record.id}-" in str(e["uid"]))
    # 30 Jan, 28 Feb (the month's last day), 30 Mar, 30 Apr, 30 May, 30 Jun: the app's own list
    assert starts == occurrences("FREQ=MONTHLY", first, START, END) and dt.datetime(2027, 2, 28, 10) in starts
    uids = [str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert len([u for u in uids if u.startswith(f"appointment-{record.id}-")]) == len(starts) == 6  # none outside
    assert (
        uids.count(f"appointment-{weekly.id}@rm-desktop") == 1
    )  # a rule every program reads alike stays one repeating event
