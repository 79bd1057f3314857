"""Calendar export: parsed back with icalendar; privacy mode; stable UIDs; atomic write."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from rm_desktop.domain.pinyin import client_initials
from rm_desktop.domain.reminders import (
    AppointmentFacts,
    ClientFacts,
    HoldingFacts,
    ReminderSettings,
    compute_reminders,
)
from rm_desktop.i18n import set_language
from rm_desktop.io.ics import export_ics

STAMP = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


@pytest.fixture
def data():
    today = date(2026, 3, 1)
    clients = [ClientFacts(42, "王小明", "A", birth_date=date(1966, 3, 5), last_contact=date(2026, 2, 20))]
    holdings = [HoldingFacts(17, 42, "王小明", "稳健理财", date(2026, 3, 8))]
    appointments = [
        AppointmentFacts(
            4,
            42,
            "王小明",
            "和王小明谈资产配置",
            datetime(2026, 1, 31, 14, 30),
            "FREQ=MONTHLY",
            duration_minutes=45,
            location="客户家中：幸福路8号",
        )
    ]
    settings = ReminderSettings(cadence_days={"A": 30}, festivals_enabled=False)
    reminders = compute_reminders(
        today, 31, clients, holdings, appointments=appointments, settings=settings, overdue_lookback_days=0
    )
    return reminders, appointments


def events(path):
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def test_round_trip(tmp_path, data):
    reminders, appointments = data
    path = tmp_path / "rm.ics"
    count = export_ics(reminders, appointments, path, stamp=STAMP)
    non_appointment = [r for r in reminders if r.kind != "appointment"]
    assert count == len(non_appointment) + 1
    parsed = events(path)
    assert len(parsed) == count
    by_uid = {str(e["uid"]): e for e in parsed}

    birthday = by_uid["birthday-42-2026-03-05@rm-desktop"]
    assert birthday["dtstart"].dt == date(2026, 3, 5)  # all-day: a date, not a datetime
    assert birthday["dtend"].dt == date(2026, 3, 6)
    assert str(birthday["summary"]) == "王小明 生日（60岁整寿）"
    [alarm] = birthday.walk("VALARM")
    assert alarm["trigger"].dt == timedelta(hours=9) and str(alarm["action"]) == "DISPLAY"

    meeting = by_uid["appointment-4@rm-desktop"]
    start = meeting["dtstart"].dt
    assert start.replace(tzinfo=None) == datetime(2026, 1, 31, 14, 30)
    assert start.utcoffset() == timedelta(hours=8)
    assert meeting["dtend"].dt - start == timedelta(minutes=45)
    assert meeting["rrule"].to_ical() == b"FREQ=MONTHLY;BYMONTHDAY=-1"
    assert str(meeting["location"]) == "客户家中：幸福路8号"
    assert meeting.walk("VALARM")[0]["trigger"].dt == timedelta(minutes=-15)
    calendar = Calendar.from_ical(path.read_bytes())
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert "maturity-17-2026-03-08-T-7@rm-desktop" in by_uid


def test_uids_are_stable_between_exports(tmp_path, data):
    reminders, appointments = data
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_ics(reminders, appointments, first, stamp=STAMP)
    export_ics(list(reversed(reminders)), appointments, second, stamp=STAMP + timedelta(days=1))
    assert sorted(str(e["uid"]) for e in events(first)) == sorted(str(e["uid"]) for e in events(second))


def test_privacy_mode_writes_initials_only(tmp_path, data):
    reminders, appointments = data
    path = tmp_path / "private.ics"
    export_ics(reminders, appointments, path, privacy=True, stamp=STAMP)
    text = path.read_bytes().decode("utf-8")
    assert "王小明" not in text
    assert "幸福路" not in text  # locations and descriptions are left out
    summaries = {str(e["summary"]) for e in events(path)}
    assert "W.X.M. 生日（60岁整寿）" in summaries
    assert "W.X.M.：和W.X.M.谈资产配置" in summaries
    assert all("description" not in e for e in events(path))


def test_initials():
    assert client_initials("王小明") == "W.X.M."
    assert client_initials("单田芳") == "S.T.F."  # surname reading, not dan
    assert client_initials("John Smith") == "J.S."
    assert client_initials("") == "?"


def test_write_is_atomic_and_replaces(tmp_path, data):
    reminders, _appointments = data
    path = tmp_path / "rm.ics"
    path.write_text("old")
    export_ics(reminders, [], path, stamp=STAMP)
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["rm.ics"]  # no temporary file left
    # appointment reminders are written as all-day events when their appointment is not exported
    assert any(str(e["uid"]).startswith("appointment-4-") for e in events(path))
    with pytest.raises(FileNotFoundError):
        export_ics(reminders, [], tmp_path / "missing" / "rm.ics", stamp=STAMP)
    assert [p.name for p in tmp_path.iterdir()] == ["rm.ics"]
