"""Festival greetings (节日问候): the festival dates of a year and the reminders before them.

Dates: 元旦 1 Jan and 国庆 1 Oct are fixed; 春节 (lunar 1/1), 元宵 (lunar 1/15), 端午 (lunar 5/5)
and 中秋 (lunar 8/15) come from lunar_python; 清明 is the day of the solar term 清明 (JieQi).
One calendar source computes them all for any year; the tests check the public-holiday ones
against ``holidays.China`` (zh_CN names), which only knows the years it has official data for
and has no 元宵.

Each festival gives one reminder with no client, ``festival_lead_days`` before the day, to
prepare greetings; :func:`greeting_list` picks the clients to greet from a set of tiers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Solar

from rm_desktop.i18n import t

from .lunar import lunar_to_solar
from .model import KIND_FESTIVAL, SEVERITY_NORMAL, ClientFacts, Reminder, ReminderSettings

# code: (Chinese name, English name)
FESTIVAL_NAMES: dict[str, tuple[str, str]] = {
    "new_year": ("元旦", "New Year's Day"),
    "spring": ("春节", "Spring Festival"),
    "lantern": ("元宵节", "Lantern Festival"),
    "qingming": ("清明节", "Qingming Festival"),
    "dragon_boat": ("端午节", "Dragon Boat Festival"),
    "mid_autumn": ("中秋节", "Mid-Autumn Festival"),
    "national_day": ("国庆节", "National Day"),
}
_LUNAR_FESTIVALS = {"spring": (1, 1), "lantern": (1, 15), "dragon_boat": (5, 5), "mid_autumn": (8, 15)}


@dataclass(frozen=True, slots=True)
class Festival:
    code: str
    date: date

    @property
    def name(self) -> str:
        zh, en = FESTIVAL_NAMES[self.code]
        return t(zh, en)


def _qingming(year: int) -> date:
    # The JieQi table of the lunar year that starts in this solar year holds this year's 清明.
    term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())


@lru_cache(maxsize=64)
def festival_dates(year: int) -> tuple[Festival, ...]:
    """The seven festivals of a solar year, in date order."""
    found = [Festival("new_year", date(year, 1, 1)), Festival("national_day", date(year, 10, 1))]
    found.append(Festival("qingming", _qingming(year)))
    for code, (month, day) in _LUNAR_FESTIVALS.items():
        when = lunar_to_solar(year, month, day)
        assert when is not None  # regular months always exist
        found.append(Festival(code, when))
    return tuple(sorted(found, key=lambda f: f.date))


def greeting_list(clients: Iterable[ClientFacts], min_tier_codes: Collection[str]) -> list[ClientFacts]:
    """Clients whose tier is in ``min_tier_codes``, in the given order.

    The caller passes the chosen tier and every tier above it: tier order is a setting owned by
    the tier table, not by this engine.
    """
    wanted = set(min_tier_codes)
    return [c for c in clients if c.tier_code is not None and c.tier_code in wanted]


def festival_reminders(
    start: date, end: date, settings: ReminderSettings, greeting_count: int | None = None
) -> list[Reminder]:
    """One reminder per festival whose show date (festival - lead days) is within [start, end]."""
    if not settings.festivals_enabled:
        return []
    lead = timedelta(days=settings.festival_lead_days)
    reminders = []
    # The lead can pull next year's 元旦 into this December.
    for year in range(start.year, (end + lead).year + 1):
        for festival in festival_dates(year):
            shown = festival.date - lead
            if not start <= shown <= end:
                continue
            detail = t("准备节日问候", "Prepare festival greetings")
            if greeting_count is not None:
                detail = t("问候名单：{}位客户", "Greeting list: {} clients").format(greeting_count)
            reminders.append(
                Reminder(
                    date=shown,
                    kind=KIND_FESTIVAL,
                    client_id=None,
                    title=t("{}（{}月{}日）", "{} ({}/{})").format(
                        festival.name, festival.date.month, festival.date.day
                    ),
                    detail=detail,
                    key=f"{KIND_FESTIVAL}:{festival.code}:{year}",
                    severity=SEVERITY_NORMAL,
                    due=festival.date,
                )
            )
    return reminders
