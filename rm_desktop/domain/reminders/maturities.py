"""Maturity reminders for held products (到期产品): a call before the money comes free.

Each maturity gives one reminder per offset of ``ReminderSettings.maturity_offsets`` (default
T-30, T-7, T-1) plus one on the day itself (T-0), each shown on ``maturity - offset``. T-1 and
T-0 are yellow: the reinvestment conversation cannot wait any longer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from rm_desktop.i18n import t

from .model import (
    KIND_MATURITY,
    SEVERITY_NORMAL,
    SEVERITY_WARNING,
    HoldingFacts,
    Reminder,
    ReminderSettings,
    iso,
    span,
)


def staged_offsets(event: date, offsets: Iterable[int], start: date, end: date) -> tuple[int, ...]:
    """Offsets (T-n, always including T-0) whose show date ``event - n`` is within [start, end],
    nearest stage last."""
    return _staged(event, tuple(offsets), start, end)


@lru_cache(maxsize=4096)
def _staged(event: date, offsets: tuple[int, ...], start: date, end: date) -> tuple[int, ...]:
    # Cached: a 100k book's ~14k maturing holdings fall on a few hundred distinct days.
    if event < start or event - timedelta(days=max(offsets, default=0)) > end:
        return ()  # the common case in a large book: nothing near the window
    return tuple(sorted({n for n in (*offsets, 0) if start <= event - timedelta(days=n) <= end}, reverse=True))


def _when(offset: int) -> str:
    if offset == 0:
        return t("今天到期", "matures today")
    if offset == 1:
        return t("明天到期", "matures tomorrow")
    return t("{}天后到期", "matures in {} days").format(offset)


def maturity_reminders(
    holding: HoldingFacts, start: date, end: date, settings: ReminderSettings, texts: bool = True
) -> list[Reminder]:
    """The staged reminders of one holding whose show date is within [start, end];
    ``texts=False`` leaves the title and detail empty (the worklist words its items itself)."""
    maturity = holding.maturity_date
    offsets = settings.maturity_offsets
    stages = _staged(maturity, offsets if type(offsets) is tuple else tuple(offsets), start, end)
    if not stages:  # most holdings of a large book: nothing near the window
        return []
    # Once per holding, not per stage (a 100k book's Today page: ~17k holdings, ~40k notices).
    day = iso(maturity)
    client_id, holding_id, name = holding.client_id, holding.holding_id, holding.client_name
    if texts:
        title_of = t("{} {}（{}）", "{}: {} ({})").format
        detail_of = t("到期日 {}（T-{}）", "Maturity {} (T-{})").format
    reminders = []
    for offset in stages:
        title = detail = ""
        if texts:
            title = title_of(name, holding.product_name, _when(offset))
            detail = detail_of(day, offset)
        reminders.append(
            Reminder(
                maturity - span(offset),
                KIND_MATURITY,
                client_id,
                title,
                detail,
                f"{KIND_MATURITY}:{holding_id}:{day}:T-{offset}",
                SEVERITY_WARNING if offset <= 1 else SEVERITY_NORMAL,
                maturity,
                holding_id,
                name,
            )
        )
    return reminders
