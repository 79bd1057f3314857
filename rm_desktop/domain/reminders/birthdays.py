"""Birthday reminders, solar or lunar (农历), with milestone ages called out.

Rules (the material asks for birthday greetings and visits; it does not say how to count):
- Age is the completed age (周岁) reached on that birthday; 虚岁 is not used anywhere.
- Milestone ages (整寿, ``ReminderSettings.milestone_ages``: 30, 40, … 100) are named in the title.
- Solar: a 29 February birth is celebrated on 28 February in common years (the day before the
  missing date, so the greeting is never late).
- Lunar: the stored birth date is the solar date of birth; it is converted once to a lunar
  month/day. Each lunar year's birthday is that month/day; day 30 in a 29-day month falls back
  to day 29 (the month's last day). A birth in a leap month (闰月) is celebrated in the regular
  month of the same number, and only there, also in years that have that leap month again.
  The age is the difference of lunar years.

Speed: rather than converting every client's birthday for every year (even cached by
(month, day, year)), :class:`BirthdayIndex` converts each day of the window once and files it
under the (month, day) whose birthday it is; each client is then one dictionary look-up.
"""

from __future__ import annotations

from calendar import isleap
from collections import defaultdict
from datetime import date, timedelta

from rm_desktop.i18n import t

from .lunar import LunarDate, month_length, solar_to_lunar
from .model import (
    KIND_BIRTHDAY,
    SEVERITY_NORMAL,
    ClientFacts,
    Reminder,
    ReminderSettings,
    iso,
)


class BirthdayIndex:
    """Who has a birthday on which day of a window, built once per window.

    Walking the window's days once (a few hundred lunar conversions) and then looking each
    client up by (month, day) costs well under a microsecond a client, instead of converting
    every client's birthday for every year: a 100,000-client book stays fast.
    """

    def __init__(self, start: date, end: date):
        # (month, day) -> [(solar date, year of that birthday: solar or lunar year)]
        self.solar: dict[tuple[int, int], list[tuple[date, int]]] = defaultdict(list)
        self.lunar: dict[tuple[int, int], list[tuple[date, int]]] = defaultdict(list)
        day = start
        while day <= end:
            self.solar[(day.month, day.day)].append((day, day.year))
            if (day.month, day.day) == (2, 28) and not isleap(day.year):
                self.solar[(2, 29)].append((day, day.year))
            lunar = solar_to_lunar(day)
            if not lunar.leap:  # leap-month births are celebrated in the regular month
                self.lunar[(lunar.month, lunar.day)].append((day, lunar.year))
                if lunar.day == 29 and month_length(lunar.year, lunar.month) == 29:
                    self.lunar[(lunar.month, 30)].append((day, lunar.year))
            day += timedelta(days=1)

    def occurrences(self, birth: date, lunar: bool) -> list[tuple[date, int]]:
        """(solar date, age) of each birthday in the window, after the birth itself."""
        if lunar:
            born = solar_to_lunar(birth)
            found, base = self.lunar.get((born.month, born.day)), born.year
        else:
            found, base = self.solar.get((birth.month, birth.day)), birth.year
        if not found:  # most clients: one dictionary miss and done
            return []
        return [(when, year - base) for when, year in found if when > birth]


def birthday_occurrences(birth: date, lunar: bool, start: date, end: date) -> list[tuple[date, int]]:
    """(solar date, age) of each birthday within [start, end] (builds a one-off index)."""
    return BirthdayIndex(start, end).occurrences(birth, lunar)


def _title(name: str, age: int, lunar: LunarDate | None, milestone: bool) -> str:
    if lunar is None:
        if milestone:
            return t("{} 生日（{}岁整寿）", "{}: birthday ({}, milestone)").format(name, age)
        return t("{} 生日（{}岁）", "{}: birthday ({})").format(name, age)
    label = t(lunar.label_zh(), f"{'leap ' if lunar.leap else ''}{lunar.month}/{lunar.day}")
    if milestone:
        return t("{} 农历生日（{}，{}岁整寿）", "{}: lunar birthday ({}, {}, milestone)").format(name, label, age)
    return t("{} 农历生日（{}，{}岁）", "{}: lunar birthday ({}, {})").format(name, label, age)


def _detail(birth: date, when: date, age: int, lunar: LunarDate | None) -> str:
    text = t("出生日期 {}", "Born {}").format(birth.isoformat())
    if lunar is None and (birth.month, birth.day) == (2, 29) and when.day == 28:
        text += t("；2月29日出生，平年在2月28日", "; born on 29 Feb, celebrated on 28 Feb")
    if lunar is not None and lunar.day == 30 and month_length(lunar.year + age, lunar.month) == 29:
        text += t("；今年该农历月只有29天，提前到廿九", "; this lunar month has 29 days: the 29th")
    if lunar is not None and lunar.leap:
        text += t("；闰月出生，在同月序的正常月庆祝", "; born in a leap month: the regular month")
    return text


def birthday_reminders(client: ClientFacts, index: BirthdayIndex, settings: ReminderSettings) -> list[Reminder]:
    """Reminders on the day of each birthday in the index's window; none without a birth date."""
    if client.birth_date is None:
        return []
    found = index.occurrences(client.birth_date, client.lunar_birthday)
    if not found:
        return []
    lunar = solar_to_lunar(client.birth_date) if client.lunar_birthday else None
    reminders = []
    for when, age in found:
        reminders.append(
            Reminder(
                date=when,
                kind=KIND_BIRTHDAY,
                client_id=client.client_id,
                title=_title(client.name, age, lunar, age in settings.milestone_ages),
                detail=_detail(client.birth_date, when, age, lunar),
                key=f"{KIND_BIRTHDAY}:{client.client_id}:{iso(when)}",
                severity=SEVERITY_NORMAL,
                due=when,
                client_name=client.name,
            )
        )
    return reminders
