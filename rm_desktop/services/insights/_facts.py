"""What the insights read from the vault: set-based SQL, a fixed number of statements whatever
the size of the book (no query per client), through the raw driver cursor (the ORM's row
objects would cost more than the SQL for 100k clients)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from rm_desktop.domain.tiers import Tier
from rm_desktop.services.clients.tiers import tiers_on
from rm_desktop.storage.handle import VaultHandle

# From the narrow ix_clients_day_facts (revision 0013), in no particular order (figures.build
# orders the clients itself): "+" keeps the planner off the deleted_at index's row look-ups.
CLIENTS_SQL = (
    "SELECT id, aum, risk_grade, risk_expires_on, last_contact_at, cadence_days FROM clients WHERE +deleted_at IS NULL"
)
# Per client: last purchase up to today, purchases in the 12 months, the product types held now.
HOLDINGS_SQL = (
    "SELECT client_id, MAX(CASE WHEN start_date <= :today THEN start_date END), "
    "SUM(CASE WHEN start_date > :year_ago AND start_date <= :today THEN 1 ELSE 0 END), "
    "GROUP_CONCAT(DISTINCT CASE WHEN status = 'holding' THEN product_type END) "
    "FROM holdings GROUP BY client_id"
)
# SQLite returns the bare column (aum) from the row holding MAX("on"): the snapshot nearest
# before the start, one row per client. Future-dated snapshots are never before a past start.
_CENT = Decimal(1).scaleb(-2)  # fen × 0.01 = from_cents(fen), exponent included
SNAPSHOT_SQL = 'SELECT client_id, aum, MAX("on") FROM aum_snapshots WHERE "on" <= :since GROUP BY client_id'


@dataclass(slots=True)
class ClientFacts:
    id: int
    aum: Decimal | None
    risk_grade: str | None
    risk_expires_on: dt.date | None
    last_contact: dt.date | None
    cadence_days: int | None
    last_purchase: dt.date | None = None
    purchases_12m: int = 0
    held_types: frozenset[str] = frozenset()  # immutable: one shared empty set is safe


@dataclass(frozen=True)
class BookFacts:
    today: dt.date
    tiers: tuple[Tier, ...]
    clients: list[ClientFacts]
    # start date → client → AUM in fen at that date (fen: 100k clients × 3 dates are only
    # compared with the tier floors, never shown)
    aum_then: dict[dt.date, dict[int, int]]


class _Days(dict):
    """Stored day text (its first 10 characters) → date, each parsed once: a 100k book's
    ~280k dates are a few thousand days (parsing each cost ~60 ms; issue 15)."""

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = dt.date.fromisoformat(text)
        return day

    def of(self, text: str | None) -> dt.date | None:
        return self[text[:10]] if text else None


def read_facts(vault: VaultHandle, today: dt.date, since: tuple[dt.date, ...]) -> BookFacts:
    """The live clients (trash excluded), their purchases and held types, and their AUM at each
    date of ``since``."""
    year_ago = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today - dt.timedelta(366)
    days = _Days()
    _date = days.of
    with vault.engine.connect() as conn:
        tiers = tiers_on(conn)
        cursor = conn.connection.cursor()
        clients = [
            ClientFacts(
                cid,
                None if aum is None else Decimal(aum) * _CENT,  # from_cents: the same Decimal, cheaper
                grade,
                _date(expires),
                _date(contact),
                cadence if cadence and cadence > 0 else None,
            )
            for cid, aum, grade, expires, contact, cadence in cursor.execute(CLIENTS_SQL)
        ]
        by_id = {c.id: c for c in clients}
        params = {"today": today.isoformat(), "year_ago": year_ago.isoformat()}
        for cid, last, count, types in cursor.execute(HOLDINGS_SQL, params):
            client = by_id.get(cid)
            if client is not None:  # holdings of a client in the trash
                client.last_purchase = _date(last)
                client.purchases_12m = count or 0
                client.held_types = frozenset(types.split(",")) if types else frozenset()
        aum_then = {
            start: {cid: aum for cid, aum, _on in cursor.execute(SNAPSHOT_SQL, {"since": start.isoformat()})}
            for start in since
        }
    return BookFacts(today, tiers, clients, aum_then)
