"""The reminder settings: their text forms (registered in services/settings/registry.py) and the engine's
:class:`ReminderSettings` built from them and from the tier table.

The list-like settings are kept as short texts ("30,7,1", "09:00,14:00") so that the plain
settings dialog can edit them in a line edit; their ``kind`` is a ``str`` subclass whose
constructor checks and normalises the text (raising ValueError, which the registry turns into a
ValidationError naming the setting). This module must not import services/settings/registry.py (that
module imports this one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rm_desktop.domain.tiers import Tier
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.storage.handle import VaultHandle

if TYPE_CHECKING:  # the engine's package (lunar tables, festivals) is not needed to read settings
    from rm_desktop.domain.reminders import ReminderSettings

MAX_OFFSET_DAYS = 366


class DayOffsets(str):
    """Distinct whole days before an event, largest first: " 7, 30,1 " → "30,7,1"."""

    def __new__(cls, value: object = "") -> DayOffsets:
        parts = [p for p in re.split(r"[,，;；\s]+", str(value).strip()) if p]
        days = sorted({int(p) for p in parts}, reverse=True)  # int() raises ValueError on junk
        if any(not 0 <= d <= MAX_OFFSET_DAYS for d in days):
            raise ValueError(value)
        return super().__new__(cls, ",".join(map(str, days)))

    def days(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.split(",") if p)


class ClockTimes(str):
    """Distinct times of day, earliest first: "14:00, 9:00" → "09:00,14:00"; empty = none."""

    def __new__(cls, value: object = "") -> ClockTimes:
        times = set()
        for part in (p for p in re.split(r"[,，;；\s]+", str(value).strip()) if p):
            match = re.fullmatch(r"(\d{1,2})[:：](\d{2})", part)
            if not match:
                raise ValueError(value)
            times.add(dt.time(int(match[1]), int(match[2])))  # raises ValueError for 25:00
        return super().__new__(cls, ",".join(f"{t:%H:%M}" for t in sorted(times)))

    def times(self) -> tuple[dt.time, ...]:
        return tuple(dt.time.fromisoformat(p) for p in self.split(",") if p)


class TierCode(str):
    """A tier code as typed; checked against the current tier table when it is used."""

    def __new__(cls, value: object = "") -> TierCode:
        return super().__new__(cls, str(value).strip())


DEFAULT_MATURITY_OFFSETS = "30,7,1"
DEFAULT_NOTIFY_TIMES = "09:00,14:00"
# The RM keeps clients from 理财客户 (20万) up; greetings go to those by default.
DEFAULT_GREETING_TIER = "priority"


def greeting_tier_codes(tiers: tuple[Tier, ...], min_code: str) -> frozenset[str]:
    """The chosen tier and every tier above it; an unknown or empty code means no greeting
    list (the festival reminder then says only "prepare greetings")."""
    codes = [tier.code for tier in tiers]
    if min_code not in codes:
        return frozenset()
    return frozenset(codes[codes.index(min_code) :])


def cadence_by_tier(tiers: tuple[Tier, ...]) -> dict[str, int]:
    return {tier.code: tier.cadence_days for tier in tiers if tier.cadence_days}


def load_reminder_settings(vault: VaultHandle) -> ReminderSettings:
    """The engine settings from the vault's registry and tier table."""
    from rm_desktop.domain.reminders import ReminderSettings

    values = {
        key: vault.settings.get(key)
        for key in (
            "reminder_maturity_offsets",
            "reminder_red_after_days",
            "reminder_festival_lead_days",
            "reminder_festival_min_tier",
        )
    }
    tiers = current_tiers(vault.settings)
    return ReminderSettings(
        maturity_offsets=DayOffsets(values["reminder_maturity_offsets"]).days(),
        cadence_days=cadence_by_tier(tiers),
        red_after_days=values["reminder_red_after_days"],
        festival_lead_days=values["reminder_festival_lead_days"],
        festival_greeting_tiers=greeting_tier_codes(tiers, values["reminder_festival_min_tier"]),
    )


def notify_times(vault: VaultHandle) -> tuple[dt.time, ...]:
    return ClockTimes(vault.settings.get("reminder_notify_times")).times()


def notify_client_names(vault: VaultHandle) -> bool:
    """Whether reminder notifications may name clients (off unless the user turned it on)."""
    return bool(vault.settings.get("reminder_notify_names"))
