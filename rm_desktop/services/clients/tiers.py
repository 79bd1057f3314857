"""The tier table as a vault setting: normalising it, reading it, and re-tiering every client
when it changes (the ``tiers`` entry of services/settings/registry.py calls :func:`apply_tiers`)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import TYPE_CHECKING, Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.tiers import DEFAULT_TIERS, Tier, tiers_from_json, tiers_to_json

if TYPE_CHECKING:  # the SQL rules import SQLAlchemy when used: the command line's list reads tiers only
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

DEFAULT_TIERS_JSON = tiers_to_json(DEFAULT_TIERS)


def normalize_tiers(value: Any) -> list[dict]:
    """The stored form of a tier table given as Tier objects or JSON dicts; ValidationError
    (field ``tiers``) for a malformed or inconsistent table."""
    if isinstance(value, tuple) and value and all(isinstance(tier, Tier) for tier in value):
        value = tiers_to_json(value)
    return tiers_to_json(tiers_from_json(value))


def current_tiers(settings) -> tuple[Tier, ...]:
    return tiers_from_json(settings.get("tiers"))


# A client's tier and contact cadence, as the client list's rows and the client file read them
# (here rather than in records: the list's first page imports no client file; issue 19.1).
def tier_by_code(code: str | None, tiers: tuple[Tier, ...]) -> Tier | None:
    return next((tier for tier in tiers if tier.code == code), None)


def contact_due(
    last_contact_at: dt.datetime | None,
    cadence_days: int | None,
    tier: Tier | None,
    created_at: dt.datetime | None = None,
) -> dt.date | None:
    """The day the next contact falls due: the client's own cadence, else the tier's; None
    when neither sets one. A client never contacted is due one cadence after it was added, so
    one added a minute ago is not overdue (without a creation time: due from the start, date.min).
    The client list's overdue filter (services/search/sql.py) is the same rule in SQL."""
    cadence = cadence_days if cadence_days is not None else (tier.cadence_days if tier else None)
    if cadence is None:
        return None
    start = last_contact_at if last_contact_at is not None else created_at
    if start is None:
        return dt.date.min
    return start.date() + dt.timedelta(days=cadence)


def tier_case(tiers: tuple[Tier, ...]):
    """SQL for the tier code of ``clients.aum`` (None/no assets is the lowest tier), the same
    rule as domain.tiers.tier_for."""
    from sqlalchemy import case, literal

    from rm_desktop.storage.models import Client

    column = Client.__table__.c.aum  # the Money type binds the 元 thresholds as fen
    whens = [(column >= tier.min_aum, literal(tier.code)) for tier in reversed(tiers[1:])]
    return case(*whens, else_=literal(tiers[0].code)) if whens else literal(tiers[0].code)


def apply_tiers(session: Session, value: list[dict]) -> None:
    """Re-tier every client (trash included) inside the settings transaction."""
    from sqlalchemy import update

    from rm_desktop.storage.models import Client, table_of

    session.execute(update(table_of(Client)).values(tier=tier_case(tiers_from_json(value))))


@functools.lru_cache(maxsize=8)
def _parse(stored: str) -> tuple[Tier, ...]:
    return tiers_from_json(json.loads(stored))


def tiers_on(conn: Connection) -> tuple[Tier, ...]:
    """The tier table read on an open connection (the search's hot path: ~0.1 ms instead of a
    settings session); the parsed table is cached by its stored text."""
    stored = conn.exec_driver_sql("SELECT value FROM settings WHERE key = 'tiers'").scalar()
    if stored is None:
        return DEFAULT_TIERS
    try:
        return _parse(stored)
    except (ValueError, ValidationError):
        return DEFAULT_TIERS  # as Settings.get: a stored value that no longer fits
