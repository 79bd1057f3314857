"""Festival dates (checked against lunar_python and holidays.China) and festival reminders."""

from __future__ import annotations

from datetime import date

import holidays
import pytest
from lunar_python import Lunar

from rm_desktop.domain.reminders import ClientFacts, ReminderSettings, festival_dates, greeting_list
from rm_desktop.domain.reminders.festivals import festival_reminders
from rm_desktop.i18n import set_language


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def by_code(year: int) -> dict[str, date]:
    return {f.code: f.date for f in festival_dates(year)}


def test_2026_dates():
    assert by_code(2026) == {
        "new_year": date(2026, 1, 1),
        "spring": date(2026, 2, 17),
        "lantern": date(2026, 3, 3),
        "qingming": date(2026, 4, 5),
        "dragon_boat": date(2026, 6, 19),
        "mid_autumn": date(2026, 9, 25),
        "national_day": date(2026, 10, 1),
    }


def test_2027_dates():
    assert by_code(2027) == {
        "new_year": date(2027, 1, 1),
        "spring": date(2027, 2, 6),
        "lantern": date(2027, 2, 20),
        "qingming": date(2027, 4, 5),
        "dragon_boat": date(2027, 6, 9),
        "mid_autumn": date(2027, 9, 15),
        "national_day": date(2027, 10, 1),
    }


@pytest.mark.parametrize("year", [2026, 2027, 2031])
def test_lunar_festivals_match_lunar_python(year):
    dates = by_code(year)
    for code, (month, day) in {
        "spring": (1, 1),
        "lantern": (1, 15),
        "dragon_boat": (5, 5),
        "mid_autumn": (8, 15),
    }.items():
        solar = Lunar.fromYmd(year, month, day).getSolar()
        assert dates[code] == date(solar.getYear(), solar.getMonth(), solar.getDay()), code


@pytest.mark.parametrize("year", range(2021, 2031))
def test_public_holiday_festivals_match_holidays_china(year):
    official = holidays.China(years=year, language="zh_CN")
    dates = by_code(year)
    for code, name in {
        "new_year": "元旦",
        "spring": "春节",
        "qingming": "清明节",
        "dragon_boat": "端午节",
        "mid_autumn": "中秋节",
        "national_day": "国庆节",
    }.items():
        # the first day carrying the name; later days are the rest of the break or 补假
        first = min(d for d, n in official.items() if name in n.split("; ") or n.startswith(name))
        assert dates[code] == first, (code, year)


def test_festivals_are_sorted_and_named():
    festivals = festival_dates(2026)
    assert [f.date for f in festivals] == sorted(f.date for f in festivals)
    assert [f.name for f in festivals][:3] == ["元旦", "春节", "元宵节"]
    set_language("en")
    assert festivals[1].name == "Spring Festival"


def test_reminder_three_days_before_with_greeting_count():
    settings = ReminderSettings()
    [spring] = festival_reminders(date(2026, 2, 14), date(2026, 2, 14), settings, greeting_count=12)
    assert (spring.date, spring.due, spring.client_id) == (date(2026, 2, 14), date(2026, 2, 17), None)
    assert spring.key == "festival:spring:2026"
    assert spring.title == "春节（2月17日）"
    assert spring.detail == "问候名单：12位客户"


def test_next_years_new_year_shows_in_december():
    five_days = ReminderSettings(festival_lead_days=5)
    reminders = festival_reminders(date(2026, 12, 20), date(2026, 12, 31), five_days)
    assert [(r.key, r.date) for r in reminders] == [("festival:new_year:2027", date(2026, 12, 27))]


def test_festivals_can_be_switched_off():
    off = ReminderSettings(festivals_enabled=False)
    assert festival_reminders(date(2026, 1, 1), date(2026, 12, 31), off) == []
    assert len(festival_reminders(date(2026, 1, 1), date(2026, 12, 31), ReminderSettings())) == 7


def test_greeting_list_keeps_chosen_tiers_in_order():
    clients = [
        ClientFacts(1, "甲", "T5"),
        ClientFacts(2, "乙", "T3"),
        ClientFacts(3, "丙", None),
        ClientFacts(4, "丁", "T4"),
    ]
    assert [c.client_id for c in greeting_list(clients, {"T4", "T5"})] == [1, 4]
    assert greeting_list(clients, set()) == []
