"""Reminder.sort_key is one string (issue 19.4: faster to sort) that must order exactly as the
tuple (date, kind's rank, title) it stands for, and model.iso / model.span must give what
``isoformat`` and ``timedelta`` give."""

from __future__ import annotations

import datetime as dt
import random

from rm_desktop.domain.reminders.model import KIND_RANK, KINDS, SEVERITY_NORMAL, Reminder, iso, span


def _reference(r: Reminder) -> tuple[dt.date, int, str]:
    return (r.date, KIND_RANK.get(r.kind, len(KINDS)), r.title)


def test_the_string_key_orders_as_the_tuple_of_date_rank_and_title():
    rng = random.Random(19)
    kinds = [*KINDS, "churn", "zzz"]  # two kinds the engine does not rank: after the others
    titles = ["", "张三 生日", "张三 生日（40岁）", "张三", "李四：跟进", "A", "a", "Ω", "张三\x00", "9"]
    days = [dt.date(1999, 12, 31), dt.date(2000, 1, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 10), dt.date(9999, 1, 1)]
    reminders = [
        Reminder(rng.choice(days), rng.choice(kinds), n, rng.choice(titles), "", f"k{n}", SEVERITY_NORMAL, days[0])
        for n in range(3000)
    ]
    assert sorted(reminders, key=Reminder.sort_key) == sorted(reminders, key=_reference)


def test_iso_and_span_are_isoformat_and_timedelta():
    for day in (dt.date(1, 1, 1), dt.date(2026, 2, 28), dt.date(9999, 12, 31)):
        assert iso(day) == day.isoformat() and iso(day) == day.isoformat()  # made, then remembered
    for days in (0, 1, 30, -7, 3660):
        assert span(days) == dt.timedelta(days=days) and span(days) == dt.timedelta(days=days)
