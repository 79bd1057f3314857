"""Issue 14.14: every exported repeat rule expands, in two independent .ics readers, to exactly
the app's own occurrences (domain/reminders/recurrence.occurrences) over a two-year window.

The readers: icalendar + recurring-ical-events, and vobject (its rruleset). Thunderbird's ical.js
and Outlook cannot run here, so the file is also checked for the rule parts they read differently
(BYSETPOS; a BYMONTHDAY or fifth weekday that some months lack): none may be written.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar

from rm_desktop.domain.reminders import AppointmentFacts
from rm_desktop.domain.reminders.recurrence import occurrences, parse_repeat_rule
from rm_desktop.io.ics import export_ics, portable_rule

STAMP = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
# 2027 has a 28-day February and 2028 a 29-day one: both short-month cases are inside.
LOW, HIGH = date(2027, 1, 1), date(2028, 12, 31)

# (start, rule): every shape the app exports.
SHAPES = [
    (datetime(2026, 11, 3, 9, 0), "FREQ=DAILY;INTERVAL=3"),
    (datetime(2026, 11, 4, 14, 30), "FREQ=WEEKLY"),
    (datetime(2026, 11, 2, 10, 0), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
    *((datetime(2026, 12, day, 9, 30), "FREQ=MONTHLY") for day in (1, 15, 28, 29, 30, 31)),
    (datetime(2026, 10, 30, 16, 0), "FREQ=MONTHLY;INTERVAL=2"),  # Oct, Dec, Feb (28th), Apr, …
    (datetime(2026, 12, 31, 9, 0), "FREQ=MONTHLY;BYMONTHDAY=-1"),
    (datetime(2024, 2, 29, 10, 0), "FREQ=YEARLY"),  # 29 February, or the 28th
    (datetime(2026, 5, 31, 10, 0), "FREQ=YEARLY"),
    (datetime(2026, 12, 29, 9, 0), "FREQ=MONTHLY;UNTIL=20280415"),  # an end date
    (datetime(2026, 12, 30, 9, 0), "FREQ=MONTHLY;COUNT=7"),  # a count that takes in February's 28th
    (datetime(2026, 12, 3, 9, 0), "FREQ=WEEKLY;COUNT=40;BYDAY=TU,FR"),
    (datetime(2026, 12, 5, 9, 0), "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),  # last workday
    (datetime(2026, 12, 1, 9, 0), "FREQ=MONTHLY;BYDAY=5FR"),  # a fifth Friday some months lack
    (datetime(2026, 12, 1, 9, 0), "FREQ=MONTHLY;BYDAY=-1FR"),
    (datetime(2027, 1, 5, 11, 0), "FREQ=MONTHLY;BYMONTHDAY=10"),  # the start is not on the rule
]


def _appointments() -> list[AppointmentFacts]:
    return [
        AppointmentFacts(k, None, "", f"约见 {k}", start, rule, duration_minutes=30)
        for k, (start, rule) in enumerate(SHAPES, 1)
    ]


def _app_lists() -> dict[int, list[datetime]]:
    return {a.appointment_id: occurrences(a.rrule, a.start, LOW, HIGH) for a in _appointments()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("ics") / "rm.ics"
    export_ics([], _appointments(), path, stamp=STAMP, window=(LOW, HIGH))
    return path.read_bytes()


def _appointment_id(uid: str) -> int:
    match = re.fullmatch(r"appointment-(\d+)(-\d{4}-\d\d-\d\dT\d\d-\d\d)?@rm-desktop", uid)
    assert match, uid
    return int(match[1])


def _local(when: datetime) -> datetime:
    assert when.utcoffset() == timedelta(hours=8), when  # Asia/Shanghai, from the VTIMEZONE
    return when.replace(tzinfo=None)


def _grouped(pairs) -> dict[int, list[datetime]]:
    found: dict[int, list[datetime]] = {}
    for uid, when in pairs:
        found.setdefault(_appointment_id(uid), []).append(_local(when))
    return {key: sorted(values) for key, values in found.items()}


def _by_recurring_ical_events(data: bytes) -> dict[int, list[datetime]]:
    calendar = Calendar.from_ical(data)
    events = recurring_ical_events.of(calendar).between(LOW, HIGH + timedelta(days=1))
    return _grouped((str(e["uid"]), e["dtstart"].dt) for e in events)


def _by_vobject(data: bytes) -> dict[int, list[datetime]]:
    calendar = vobject.readOne(data.decode("utf-8"))
    pairs = []
    for event in calendar.vevent_list:
        uid, start = event.uid.value, event.dtstart.value
        dates = event.getrruleset(addRDate=True) if hasattr(event, "rrule") else [start]
        low = datetime.combine(LOW, datetime.min.time(), start.tzinfo)
        high = datetime.combine(HIGH, datetime.max.time(), start.tzinfo)
        for when in dates:
            if when > high:
                break
            if when >= low:
                pairs.append((uid, when))
    return _grouped(pairs)


def _expected() -> dict[int, list[datetime]]:
    return {key: dates for key, dates in _app_lists().items() if dates}


@pytest.mark.parametrize("reader", [_by_recurring_ical_events, _by_vobject], ids=["recurring-ical-events", "vobject"])
def test_readers_expand_every_rule_as_the_app_does(exported, reader):
    found = reader(exported)
    expected = _expected()
    for key, (start, rule) in enumerate(SHAPES, 1):
        assert found.get(key, []) == expected.get(key, []), f"{rule} from {start}"
    # the month-end cases are really in the window: February 2027's 28th and 2028's 29th
    assert datetime(2027, 2, 28, 9, 30) in expected[SHAPES.index((datetime(2026, 12, 29, 9, 30), "FREQ=MONTHLY")) + 1]
    assert datetime(2028, 2, 29, 10, 0) in expected[SHAPES.index((datetime(2024, 2, 29, 10, 0), "FREQ=YEARLY")) + 1]


def test_no_rule_part_that_calendar_programs_read_differently(exported):
    rules = [line for line in exported.decode("utf-8").splitlines() if line.startswith("RRULE:")]
    assert rules and "BYSETPOS" not in exported.decode("utf-8")
    for line in rules:
        days = re.search(r"BYMONTHDAY=([-\d,]+)", line)
        if days:
            assert all(abs(int(d)) <= 28 or d == "-1" for d in days[1].split(",")), line
        assert not re.search(r"BYDAY=[^;]*[+-]?5[A-Z]{2}", line), line
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" in rules  # 29 February or the 28th


def test_portable_rules_stay_one_repeating_event(exported):
    calendar = Calendar.from_ical(exported)
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    daily = f"appointment-{SHAPES.index((datetime(2026, 11, 3, 9, 0), 'FREQ=DAILY;INTERVAL=3')) + 1}@rm-desktop"
    assert uids.count(daily) == 1
    # the 30th of every month is written one occurrence at a time, each with its own UID
    thirtieth = SHAPES.index((datetime(2026, 12, 30, 9, 30), "FREQ=MONTHLY")) + 1
    own = [u for u in uids if u.startswith(f"appointment-{thirtieth}-")]
    assert len(own) == len(set(own)) == 24


@pytest.mark.parametrize(
    ("start", "rule", "portable"),
    [
        (datetime(2026, 1, 30), "FREQ=MONTHLY", None),
        (datetime(2026, 1, 31), "FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        (datetime(2024, 2, 29), "FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"),
        (datetime(2026, 4, 30), "FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30"),
        (datetime(2026, 1, 15), "FREQ=MONTHLY;BYMONTHDAY=15,31", None),
        (datetime(2026, 1, 1), "FREQ=YEARLY;BYDAY=20MO", None),
        (datetime(2026, 1, 1), "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
    ],
)
def test_portable_rule(start, rule, portable):
    found = portable_rule(parse_repeat_rule(rule, start))
    assert (found.text() if found else None) == portable
