"""The worklist's facts from the vault, each one set-based query (never one per client).

- the book: one read of the live clients' columns a context needs, the clients whose risk
  assessment expired or whose last contact is older than the factor × their cadence (flagged
  in SQL) and the reminder engine's clients (reminders/facts.load_clients);
- churn: the AUM ~lookback days ago (the latest snapshot on
  or before that day, a GROUP BY over the snapshots) compared with the AUM in SQL, so only
  clients whose drop reaches the threshold come back; outcomes that kept less than matured;
- holdings matured within the outcome window without a recorded outcome (到期承接 prompts);
- the worklist's own item states and the lost clients.

Dates are read as their stored ISO text (as services/reminders does) and trashed clients are
left out everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Integer, String, case, func, null, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from rm_desktop.domain.money import from_cents
from rm_desktop.domain.reminders import ClientFacts, HoldingFacts, ReminderSettings
from rm_desktop.domain.tiers import Tier
from rm_desktop.domain.worklist import ChurnSettings, ClientContext
from rm_desktop.domain.worklist.items import HoldingContext
from rm_desktop.services.reminders.facts import driver_rows, load_clients
from rm_desktop.storage.models import Client, Holding
from rm_desktop.storage.models_worklist import LostClient, MaturityOutcome, WorklistState

C = Client.__table__.c
H = Holding.__table__.c
# SQLite: with max() the bare column "aum" comes from the row holding the maximum. Answered
# from the covering index ix_aum_snapshots_client_on alone (revision 0008).
AUM_AGO_SQL = 'SELECT client_id, max("on"), aum FROM aum_snapshots WHERE "on" <= :cut GROUP BY client_id'
# The same figures, only for the live clients whose AUM is now down by at least :percent: the
# comparison in SQL, each grouped row meeting its client by primary key (issue 19.4: at 100k
# 14k rows come back instead of 100k, and no 100k-entry dict of AUMs is built to compare).
AUM_DROP_SQL = (
    'SELECT s.client_id, s.d, s.aum FROM (SELECT client_id, max("on") AS d, aum FROM aum_snapshots '
    'WHERE "on" <= :cut GROUP BY client_id) AS s JOIN clients AS c ON c.id = s.client_id '
    "WHERE +c.deleted_at IS NULL AND c.aum IS NOT NULL AND s.aum > 0 AND (s.aum - c.aum) * 100 >= :percent * s.aum"
)


_date = dt.date.fromisoformat


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _text(column):
    return type_coerce(column, String)


def _live():
    """``+clients.deleted_at IS NULL``: nearly every client is live, and without the ``+`` the
    planner walks the book through ix_clients_deleted_at (a lookup per client) instead of one
    plain scan, or drives a join from the clients instead of from the few rows wanted."""
    return UnaryExpression(C.deleted_at, operator=custom_op("+"), type_=C.deleted_at.type).is_(None)


def _cadence(tiers: tuple[Tier, ...]):
    """The agreed cadence in SQL: the client's own, else the tier's (None without either)."""
    whens = [(C.tier == tier.code, tier.cadence_days) for tier in tiers if tier.cadence_days]
    return case((C.cadence_days > 0, C.cadence_days), *whens, else_=null())


def _quiet(tiers: tuple[Tier, ...], today: dt.date, factor: float):
    """No contact for more than factor × the agreed cadence (the no-contact rule's SQL filter).
    Whole days since the last contact exceed the limit exactly when the last contact is before
    today - floor(limit) days: for a tier's cadence one bound date, compared as text; only a
    client's own cadence is worked out per row (date arithmetic for each of a 100k book's
    clients cost more than the scan)."""
    last = _text(C.last_contact_at)
    since = func.julianday(today.isoformat()) - func.julianday(func.substr(last, 1, 10))
    whens = [
        (C.tier == tier.code, last < (today - dt.timedelta(days=math.floor(tier.cadence_days * factor))).isoformat())
        for tier in tiers
        if tier.cadence_days
    ]
    return case((C.cadence_days > 0, since > C.cadence_days * factor), *whens, else_=null())


# A book row: id, name, tier, last contact (text), AUM (fen), the agreed cadence (:data:`_BOOK_COLUMNS`).
_LAST, _AUM, _CADENCE = 3, 4, 5


class _Made(dict[int, "ClientContext | None"]):
    """The book's contexts by client id, each made from its row on its first lookup (None for
    an id not in the book). It holds the rows, never the book: a cycle would outlive the build
    (services/batch freezes what a paused computation leaves, so a garbage cycle waits)."""

    def __init__(self, rows: dict[int, tuple], names: dict[str, str], codes: tuple[str, ...] = ()):
        super().__init__()
        self._rows, self._names, self._codes = rows, names, codes
        self._days: dict[str, dt.date] = {}  # last-contact day text → date: a few hundred days for 100k clients

    def __missing__(self, client_id: int) -> ClientContext | None:
        row = self._rows.get(client_id)
        made = None
        if row is not None:
            aum, tier, last = row[_AUM], row[2], row[_LAST]
            if tier.__class__ is int:  # a configured tier, by its place (:func:`_book_columns`)
                tier = self._codes[tier]
            contact = None
            if last:
                day = last[:10]
                try:
                    contact = self._days[day]
                except KeyError:
                    contact = self._days[day] = _date(day)
            made = ClientContext(
                client_id,
                row[1],
                tier,
                self._names.get(tier, ""),  # None is no tier code: ""
                None if aum is None else from_cents(aum),
                contact,
                row[_CADENCE],
            )
        self[client_id] = made
        return made


class Book:
    """The live clients' columns the rules read, from one read of the book; a client's
    :class:`ClientContext` is built only when an item needs it (a 100k book has tens of
    thousands of items, not 100k). AUM stays raw fen until then. ``due_clients`` are the
    reminder engine's facts of the clients it visits (read with the book, in its transaction)."""

    def __init__(
        self,
        rows: dict[int, tuple],
        names: dict[str, str],
        due_clients: list[ClientFacts],
        flagged: dict[int, str | None],
        codes: tuple[str, ...] = (),
    ):
        self._rows = rows
        self._risk = flagged  # the flagged clients' risk expiry (text)
        self._names = names
        self._made = _Made(rows, names, codes)
        # The client's context (None for an id not in the book): a dict's own lookup, so that the
        # ~76k lookups of a 100k book's items cost no Python call once a context is made. ``get``
        # too: the book is the worklist's lookup of contexts (domain/worklist/items.Contexts).
        self.context: Callable[[int], ClientContext | None] = self._made.__getitem__
        self.get = self.context
        self.flagged = list(flagged)  # quiet or assessment expired, in the book's order
        self.due_clients = due_clients

    def __contains__(self, client_id: object) -> bool:
        return client_id in self._rows

    def name_of(self, client_id: int) -> str | None:
        """The live client's name (reminders/facts.ClientNames: no join with the client rows)."""
        row = self._rows.get(client_id)
        return row[1] if row is not None else None

    def aum_fen(self, client_id: int) -> int | None:
        """The live client's AUM in fen (None without one)."""
        row = self._rows.get(client_id)
        return row[_AUM] if row is not None else None

    def risk_expires_on(self, client_id: int) -> dt.date | None:
        """A flagged client's risk expiry (the churn rules read it for those only)."""
        return _day(self._risk.get(client_id))


def tier_names(tiers: tuple[Tier, ...]) -> dict[str, str]:
    return {tier.code: tier.name() for tier in tiers}


@dataclass(frozen=True)
class DueWindow:
    """What the reminder engine asks of its clients (reminders/facts.ClientLoader's arguments)."""

    start: dt.date
    until: dt.date
    settings: ReminderSettings
    reviews: Mapping[int, dt.date]


def tier_codes(tiers: tuple[Tier, ...]) -> tuple[str, ...]:
    """The configured tiers' codes, each once, in their order (a book row's tier is a place in it)."""
    return tuple(dict.fromkeys(tier.code for tier in tiers))


def _book_columns(tiers: tuple[Tier, ...]) -> tuple:
    """What a context needs of every live client: id, name, tier, last contact's day, AUM in fen
    and the agreed cadence (the birth date, lunar flag and risk expiry are read only for the
    clients that need them: the engine's and the flagged ones). A configured tier comes as its
    place in :func:`tier_codes` (a small int, one shared object) and any other code as its text:
    a 100k book's rows otherwise held 100k copies of a handful of codes during the build
    (~5 MB of its peak, issue 19.4); the day is the text's first 10 characters, as a context reads it."""
    codes = tier_codes(tiers)
    tier = case({code: place for place, code in enumerate(codes)}, value=C.tier, else_=C.tier) if codes else C.tier
    last = func.substr(_text(C.last_contact_at), 1, 10)
    return (C.id, C.name, tier, last, type_coerce(C.aum, Integer), _cadence(tiers))


def load_book(
    conn: Connection, today: dt.date, tiers: tuple[Tier, ...], settings: ChurnSettings, due: DueWindow | None = None
) -> Book:
    """One read of every live client's columns for the contexts; SQL names those with an expired
    risk assessment or no contact beyond factor × their cadence (the churn rules then check
    them in full) and, with ``due``, gives the reminder engine's clients
    (reminders/facts.load_clients), which become ``Book.due_clients``.

    The two conditions are WHERE clauses (which stop at the first term that decides) of their
    own queries over the covering index ix_clients_day_facts, not columns worked out in full
    for every row of the book, and those queries bring the few columns only their clients need
    (issue 19.4: a 100k book's scan of every condition and column took ~290 ms)."""
    rows = {row[0]: row for row in driver_rows(conn, select(*_book_columns(tiers)).where(_live()))}
    flag = or_(_text(C.risk_expires_on) < today.isoformat(), _quiet(tiers, today, settings.no_contact_factor))
    risk = dict(driver_rows(conn, select(C.id, _text(C.risk_expires_on)).where(_live(), flag)))
    due_clients = load_clients(conn, due.start, due.until, due.settings, due.reviews) if due is not None else []
    # In the book's order (as the scan found them); a client added since the scan is left out.
    flagged = {cid: risk[cid] for cid in rows if cid in risk} if risk else {}
    return Book(rows, tier_names(tiers), [c for c in due_clients if c.client_id in rows], flagged, tier_codes(tiers))


def load_aum_drops(
    conn: Connection, today: dt.date, settings: ChurnSettings, book: Book
) -> dict[int, tuple[dt.date, Decimal]]:
    """Client id → (date, AUM) of the figure ``lookback_days`` ago, for the live clients whose
    AUM is now down by at least the threshold against it (:func:`load_aum_ago`, :func:`aum_drops`)."""
    return aum_drops(load_aum_ago(conn, today, settings), today, settings, book)


def load_aum_ago(conn: Connection, today: dt.date, settings: ChurnSettings) -> list[tuple]:
    """(client id, day, AUM in fen) of each client's latest snapshot ``lookback_days`` ago, for
    the live clients whose AUM is now down by at least the threshold against it (one GROUP BY
    over the snapshots, compared in SQL: :data:`AUM_DROP_SQL`; :func:`aum_drops` checks again)."""
    cut = (today - dt.timedelta(days=settings.lookback_days)).isoformat()
    return driver_rows(conn, AUM_DROP_SQL, {"cut": cut, "percent": settings.aum_drop_percent})


def aum_drops(rows: list[tuple], today: dt.date, settings: ChurnSettings, book: Book) -> dict[int, tuple]:
    """Client id → (date, AUM) of the rows of :func:`load_aum_ago` whose client is in the book.
    The drop itself was compared in SQL, in whole fen, and the rule
    (domain/worklist/churn.aum_drop_signal) checks it again against the client's context: no
    third comparison here (issue 19.4: ~14k rows at 100k)."""
    days: dict[str, dt.date] = {}  # the snapshots' days: a few distinct ones for ~14k rows at 100k
    found = {}
    for cid, day, before in rows:
        if cid in book:
            on = days.get(day) if day else today
            if on is None:
                on = days[day] = _date(day[:10])
            found[cid] = (on, from_cents(before))
    return found


def load_not_kept(
    conn: Connection, today: dt.date, settings: ChurnSettings
) -> list[tuple[int, int, Decimal, Decimal, dt.date]]:
    """(client id, holding id, matured, kept, recorded on) of outcomes that kept less."""
    O = MaturityOutcome.__table__.c  # noqa: E741 - the table's columns, as C and H
    since = dt.datetime.combine(today - dt.timedelta(days=settings.lookback_days), dt.time.min)
    query = (
        select(H.client_id, O.holding_id, O.matured, O.kept, _text(O.recorded_at))
        .join_from(MaturityOutcome.__table__, Holding.__table__, H.id == O.holding_id)
        .join(Client.__table__, C.id == H.client_id)
        .where(O.recorded_at >= since, O.matured.is_not(None), O.kept < O.matured, _live())
    )
    return [(cid, hid, matured, kept, _day(at) or today) for cid, hid, matured, kept, at in conn.execute(query).all()]


def load_pending_outcomes(conn: Connection, today: dt.date, days: int) -> list[tuple[int, HoldingContext]]:
    """(client id, holding) of holdings matured within the last ``days`` days (before today)
    whose outcome is not recorded, of live clients not marked lost; redeemed ones left out."""
    O = MaturityOutcome.__table__.c  # noqa: E741
    L = LostClient.__table__.c
    maturity = _text(H.maturity_date)  # compared and read as the stored ISO text
    query = (
        select(H.client_id, H.id, H.name, type_coerce(H.amount, Integer), maturity)
        .join_from(Holding.__table__, Client.__table__, C.id == H.client_id)
        .join(MaturityOutcome.__table__, O.holding_id == H.id, isouter=True)
        .join(LostClient.__table__, L.client_id == H.client_id, isouter=True)
        .where(
            maturity >= (today - dt.timedelta(days=days)).isoformat(),
            maturity < today.isoformat(),
            H.status != "redeemed",
            O.holding_id.is_(None),
            L.client_id.is_(None),
            _live(),
        )
    )
    # Through the driver, the amount in fen (~4k prompts at 100k: SQLAlchemy's rows cost more)
    return [
        (cid, HoldingContext(hid, name, from_cents(fen) if fen is not None else None, _date(mature[:10])))
        for cid, hid, name, fen, mature in driver_rows(conn, query)
    ]


def load_holdings(conn: Connection, ids: Iterable[int]) -> dict[int, HoldingContext]:
    """The holdings of ``ids`` in one statement (the ids as one JSON array: no 900-id chunks,
    each compiled anew; a 100k book's maturities are ~14k holdings)."""
    rows = driver_rows(
        conn,
        "SELECT id, name, amount, maturity_date FROM holdings WHERE id IN (SELECT value FROM json_each(:ids))",
        {"ids": json.dumps(sorted(set(ids)))},
    )
    return {
        hid: HoldingContext(
            hid, name, from_cents(amount) if amount is not None else None, dt.date.fromisoformat(mature[:10])
        )
        for hid, name, amount, mature in rows
    }


def holding_contexts(held: Iterable[HoldingFacts], ids: Collection[int]) -> dict[int, HoldingContext]:
    """The maturing holdings ``ids`` from the reminder engine's own facts (their amount came
    with them through the covering index: no second query by id)."""
    return {
        h.holding_id: HoldingContext(
            h.holding_id,
            h.product_name,
            from_cents(h.amount_fen) if h.amount_fen is not None else None,
            h.maturity_date,
        )
        for h in held
        if h.holding_id in ids
    }


@dataclass(frozen=True)
class States:
    hidden: frozenset[str]  # dismissed
    snoozed: dict[str, dt.date]
    done_today: int


def load_states(conn: Connection, today: dt.date) -> States:
    S = WorklistState.__table__.c
    hidden, snoozed, done = set(), {}, 0
    for key, until, dismissed, done_on in conn.execute(select(S.key, S.snoozed_until, S.dismissed_at, S.done_on)).all():
        if dismissed is not None:
            hidden.add(key)
        elif until is not None and until > today:
            snoozed[key] = until
        done += done_on == today
    return States(frozenset(hidden), snoozed, done)


def load_lost(conn: Connection) -> frozenset[int]:
    return frozenset(conn.execute(select(LostClient.__table__.c.client_id)).scalars().all())
