"""Scale check run by hand: RM_REMINDERS_SCALE=1 python -m pytest tests/test_reminders_scale.py -s

100,000 clients (a fifth with lunar birthdays), 50,000 holdings, a 90-day window. It prints CPU
times and their ratio to a baseline measured in the same run (building as many bare Reminder
values), and asserts only on results, never on timings: the machines here are shared.
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, timedelta

import pytest

from rm_desktop.domain.reminders import (
    ClientFacts,
    HoldingFacts,
    Reminder,
    ReminderSettings,
    compute_reminders,
)
from rm_desktop.domain.reminders.lunar import _months_of_year, solar_to_lunar

pytestmark = pytest.mark.skipif(not os.environ.get("RM_REMINDERS_SCALE"), reason="run by hand")
TODAY = date(2026, 3, 1)


def _book(rng: random.Random) -> tuple[list[ClientFacts], list[HoldingFacts]]:
    clients = [
        ClientFacts(
            client_id=i,
            name=f"客户{i}",
            tier_code=rng.choice(["T1", "T2", "T3", "T4", "T5"]),
            birth_date=date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65)),
            lunar_birthday=rng.random() < 0.2,
            last_contact=TODAY - timedelta(days=rng.randrange(200)) if rng.random() < 0.9 else None,
        )
        for i in range(100_000)
    ]
    holdings = [
        HoldingFacts(i, i * 2, f"客户{i * 2}", "理财", TODAY + timedelta(days=rng.randrange(365)))
        for i in range(50_000)
    ]
    return clients, holdings


def _cpu(action):
    started = time.process_time()
    result = action()
    return result, time.process_time() - started


def _baseline(count: int) -> float:
    def build():
        return [Reminder(TODAY, "custom", i, f"{i} 生日", "", f"k:{i}", "normal", TODAY) for i in range(count)]

    return _cpu(build)[1]


def test_100k_clients_over_90_days():
    clients, holdings = _book(random.Random(20260301))
    birthdays_only = ReminderSettings(festivals_enabled=False)
    everything = ReminderSettings(cadence_days={"T3": 30, "T4": 30, "T5": 30})
    solar_to_lunar.cache_clear()
    _months_of_year.cache_clear()
    runs = [
        ("birthdays, cold lunar caches", lambda: compute_reminders(TODAY, 90, clients, settings=birthdays_only)),
        ("birthdays, warm caches", lambda: compute_reminders(TODAY, 90, clients, settings=birthdays_only)),
        (
            "everything (cadence, maturities…)",
            lambda: compute_reminders(TODAY, 90, clients, holdings, settings=everything),
        ),
    ]
    for label, action in runs:
        found, seconds = _cpu(action)
        base = _baseline(len(found))
        print(
            f"\n{label}: {len(found)} reminders, {seconds:.2f} s CPU, {seconds / base:.1f}x building "
            f"{len(found)} bare reminders ({base:.2f} s)"
        )
    kinds = {r.kind for r in found}
    assert {"birthday", "cadence", "maturity", "festival"} <= kinds
    assert len({r.key for r in found}) == len(found)
    birthdays = sum(r.kind == "birthday" for r in found)
    assert 20_000 < birthdays < 32_000  # about 97 of 365 days
