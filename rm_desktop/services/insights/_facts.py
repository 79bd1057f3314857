"""What the insights read from the vault: set-based SQL, a fixed number of statements whatever
the size of the book (no query per client), through the raw driver cursor, kept as the driver's
rows (tuples); and those rows as :class:`Columns` (one list per fact), for figures.build's
C-level passes (map, zip, compress) instead of an object and a Python turn per client (issue 15:
at 100k each Python turn per client costs ~10–30 ms, and the figures need dozens of them; 100k
ClientFacts objects with their parsing cost more than the SQL).

The columns are in id order, the order the holdings and snapshot queries group by, so looking a
client up in those answers walks memory in sequence (in another order each look-up is a cache
miss: ~3x slower at 100k). The bars list their clients in *bar order* (AUM descending, then id):
a figure is a column of small codes, put in bar order by :meth:`Columns.in_bar_order` and split
into positions there. Days are ordinals (date.toordinal), each distinct stored day parsed once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import is_, itemgetter
from typing import Any

from rm_desktop.domain.insights import migration
from rm_desktop.domain.tiers import Tier
from rm_desktop.i18n import language
from rm_desktop.services.clients.tiers import tiers_on
from rm_desktop.storage.handle import VaultHandle

# From the narrow ix_clients_day_facts (revision 0013), in no particular order (figures.build
# orders the clients itself): "+" keeps the planner off the deleted_at index's row look-ups.
# The last contact is a timestamp: its day only (a few hundred distinct days, each parsed once).
CLIENTS_SQL = (
    "SELECT id, aum, risk_grade, risk_expires_on, substr(last_contact_at, 1, 10), cadence_days "
    "FROM clients WHERE +deleted_at IS NULL"
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
# The pairs only, so that dict() takes them in C (a comprehension over 100k rows: ~15 ms more).
SNAPSHOT_SQL = (
    'SELECT client_id, aum FROM (SELECT client_id, aum, MAX("on") FROM aum_snapshots WHERE "on" <= :since '
    "GROUP BY client_id)"
)

# A row of CLIENTS_SQL: id, AUM in fen (None: not known), risk grade, risk expiry ("YYYY-MM-DD"),
# the day of the last contact, the client's own cadence in days.
ClientRow = tuple[int, int | None, str | None, str | None, str | None, int | None]
# A row of HOLDINGS_SQL: client id, last purchase up to today, purchases in the 12 months, the
# types held now joined by "," (None: none).
HoldingRow = tuple[int, str | None, int | None, str | None]


@dataclass(frozen=True)
class BookFacts:
    today: dt.date
    tiers: tuple[Tier, ...]
    clients: list[ClientRow]  # the live clients (trash excluded)
    holdings: list[HoldingRow]  # per client with holdings, trashed clients' included
    # start date → client → AUM in fen at that date (fen: 100k clients × 3 dates are only
    # compared with the tier floors, never shown)
    aum_then: dict[dt.date, dict[int, int]]


def year_before(today: dt.date) -> dt.date:
    return today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today - dt.timedelta(366)


@dataclass(frozen=True, eq=False)
class Stamp:
    """The vault as one driver connection saw it just before the figures were read (outside any
    transaction): ``PRAGMA data_version`` changes when any *other* connection commits, another
    process's included, and ``total_changes()`` counts this connection's own writes, so the two
    unchanged on the same connection mean nothing was committed since. The connection object is
    held (it cannot be weakly referenced): no later connection can pass for it by its id."""

    connection: Any
    data_version: int
    own_changes: int
    today: dt.date
    language: str  # the bars' labels are made in it

    def holds(self, now: Stamp) -> bool:
        """Whether figures read at this stamp are still those of ``now`` (False whenever ``now``
        was taken on another connection: the two counters compare only on one)."""
        return self.connection is now.connection and (
            self.data_version,
            self.own_changes,
            self.today,
            self.language,
        ) == (now.data_version, now.own_changes, now.today, now.language)


def stamp(driver_connection: Any, today: dt.date) -> Stamp:
    cursor = driver_connection.cursor()
    [(version,)] = cursor.execute("PRAGMA data_version").fetchall()
    [(changes,)] = cursor.execute("SELECT total_changes()").fetchall()
    return Stamp(driver_connection, version, changes, today, language())


def read_facts(
    vault: VaultHandle, today: dt.date, since: tuple[dt.date, ...], previous: Stamp | None = None
) -> tuple[Stamp, BookFacts | None]:
    """The live clients, their purchases and held types, and their AUM at each date of
    ``since``, with the stamp taken before reading them; None for the facts when ``previous``
    still holds (nothing committed since it was taken: the figures built then stand)."""
    params = {"today": today.isoformat(), "year_ago": year_before(today).isoformat()}
    with vault.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None  # a checked-out connection has its driver connection
        now = stamp(driver, today)  # before the first statement of the connection's transaction
        if previous is not None and previous.holds(now):
            return now, None
        tiers = tiers_on(conn)
        cursor = driver.cursor()
        clients = cursor.execute(CLIENTS_SQL).fetchall()
        holdings = cursor.execute(HOLDINGS_SQL, params).fetchall()
        aum_then = {start: dict(cursor.execute(SNAPSHOT_SQL, {"since": start.isoformat()})) for start in since}
    return now, BookFacts(today, tiers, clients, holdings, aum_then)


class _Ordinals(dict):
    """Stored day text → date.toordinal(), each distinct text parsed once (a 100k book's ~280k
    days are a few thousand distinct ones); None or "" → None."""

    def __init__(self) -> None:
        super().__init__({None: None, "": None})

    def __missing__(self, text: str) -> int:
        day = self[text] = dt.date.fromisoformat(text[:10]).toordinal()
        return day


@dataclass(frozen=True)
class Columns:
    ids: list[int]
    fens: list[int]  # AUM in whole fen, 0 without
    ranks: list[int]  # the index in facts.tiers of the tier of today's AUM (none: the lowest)
    grades: list[str | None]
    expires: list[int | None]  # the risk assessment's expiry (ordinal)
    contacts: list[int | None]  # the last contact's day (ordinal)
    cadences: list[int | None]  # the client's own cadence in days (> 0), else None
    purchases: list[int | None]  # the last purchase up to today (ordinal)
    bought: list[int]  # purchases in the last 12 months
    held: list[str | None]  # the types held now, joined by "," (order not fixed)
    order: list[int]  # the positions above in bar order
    bar_ids: list[int]  # ids in bar order
    bar_fens: list[int]  # fens in bar order

    def in_bar_order(self, column: list[Any]) -> list[Any]:
        """A column put in bar order (cheap for small codes: ints up to 256, bools, None, which
        Python shares)."""
        return list(map(column.__getitem__, self.order))


def columns(facts: BookFacts) -> Columns:
    if not facts.clients:
        return Columns(*([] for _ in range(13)))
    rows = sorted(facts.clients, key=itemgetter(0))
    ids, aums, grades, expires, contacts, cadences = map(list, zip(*rows, strict=True))
    fens = [aum or 0 for aum in aums]
    ranks = list(map(migration.ranks_above(facts.tiers, 100), fens))
    for index in compress(count(), map(is_, aums, repeat(None))):
        ranks[index] = 0  # no AUM is the lowest tier (tier_for), whatever the floors say of 0
    days = _Ordinals()
    last: dict[int, int | None] = {}
    bought: dict[int, int] = {}
    held: dict[int, str | None] = {}
    if facts.holdings:
        h_ids, h_last, h_count, h_types = zip(*facts.holdings, strict=True)
        last = dict(zip(h_ids, map(days.__getitem__, h_last), strict=True))
        bought = dict(zip(h_ids, h_count, strict=True))
        held = dict(zip(h_ids, h_types, strict=True))
    # AUM descending; a stable sort, so equal AUM stays in id order (reverse keeps it stable).
    order = sorted(range(len(ids)), key=fens.__getitem__, reverse=True)
    return Columns(
        ids=ids,
        fens=fens,
        ranks=ranks,
        grades=grades,
        expires=list(map(days.__getitem__, expires)),
        contacts=list(map(days.__getitem__, contacts)),
        cadences=[c if c and c > 0 else None for c in cadences],
        purchases=list(map(last.get, ids)),
        bought=[n or 0 for n in map(bought.get, ids)],
        held=list(map(held.get, ids)),
        order=order,
        bar_ids=list(map(ids.__getitem__, order)),
        bar_fens=list(map(fens.__getitem__, order)),
    )
