"""Loading the reminder engine's facts from the vault: one narrow SQL query per kind of fact.

Rows are fetched with ``.all()`` (one driver fetchall) rather than iterated: iterating a result
fetches row by row, which cost 3x the scan itself on 20k clients. Birthdays and contact
cadence concern the whole book (a 100k-client book: one table scan), so
SQL keeps only the clients that can have a reminder in the window, the queries select only the
columns the engine needs and dates are read as their stored ISO text (``type_coerce`` skips
SQLAlchemy's per-value regex parsing; ``date.fromisoformat`` is a C call). Holdings and follow-ups are limited to the window in SQL; trashed clients and
their holdings, follow-ups, appointments and reminders are left out everywhere.
"""

from __future__ import annotations

import datetime as dt
from calendar import isleap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Select, String, and_, case, func, null, or_, select, true, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from rm_desktop.domain.reminders import (
    AppointmentFacts,
    ClientFacts,
    CustomReminderFacts,
    FollowUpFacts,
    HoldingFacts,
    ReminderSettings,
)
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_reminders import Appointment, CustomReminder, ReminderState

C = Client.__table__.c
_date = dt.date.fromisoformat


def _text(column):
    return type_coerce(column, String)


def _day(value: str | None) -> dt.date | None:
    # Dates are stored as "2026-03-01", date-times as "2026-03-01 09:00:00.000000".
    return _date(value[:10]) if value else None


def _not_indexed(column):
    """``+column``: nearly every client has ``deleted_at`` NULL; without this the planner may
    walk the whole book through ix_clients_deleted_at instead of one plain table scan."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def _live():
    return _not_indexed(C.deleted_at).is_(None)


class _Days(dict[str, dt.date]):
    """Stored date text → date, each distinct text parsed once: the ~14k maturities and ~22k
    follow-ups of a 100k book fall on a few hundred days."""

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = _date(text[:10])
        return day


@dataclass
class Facts:
    clients: list[ClientFacts] = field(default_factory=list)
    holdings: list[HoldingFacts] = field(default_factory=list)
    follow_ups: list[FollowUpFacts] = field(default_factory=list)
    appointments: list[AppointmentFacts] = field(default_factory=list)
    customs: list[CustomReminderFacts] = field(default_factory=list)


@dataclass(frozen=True)
class States:
    snoozed: dict[str, dt.date]
    shown_on: dict[str, dt.date]  # the snoozed reminders' own dates
    hidden: frozenset[str]  # dismissed or done


# A lunar birthday falls within a month of the birth's solar day in any year (checked for
# 20,000 births over eight years: at most 31 days, leap-month births included); with a margin.
LUNAR_DRIFT_DAYS = 45


def _month_day_ranges(start: dt.date, until: dt.date) -> list[tuple[str, str]] | None:
    """[start, until] as ranges of "MM-DD" text (two when it wraps past New Year's Eve); None
    when it covers a whole year. A window ending on 28 February of a common year reaches
    "02-29": such births are celebrated that day (the engine's rule)."""
    if (until - start).days >= 365:
        return None
    last = "02-29" if (until.month, until.day) == (2, 28) and not isleap(until.year) else f"{until:%m-%d}"
    if start.year == until.year:
        return [(f"{start:%m-%d}", last)]
    return [(f"{start:%m-%d}", "12-31"), ("01-01", last)]


def _month_day_in(month_day, ranges: list[tuple[str, str]] | None):
    if ranges is None:
        return true()
    return or_(*(month_day.between(low, high) for low, high in ranges))


def _birthday_in(start: dt.date, until: dt.date):
    drift = dt.timedelta(days=LUNAR_DRIFT_DAYS)
    month_day = func.substr(_text(C.birth_date), 6, 5)
    return and_(
        C.birth_date.is_not(None),
        or_(
            _month_day_in(month_day, _month_day_ranges(start, until)),
            and_(C.lunar_birthday.is_(True), _month_day_in(month_day, _month_day_ranges(start - drift, until + drift))),
        ),
    )


def _cadence_due_by(until: dt.date, cadence_by_tier: dict[str, int]):
    """The client's contact falls due by ``until``: the same rule as the engine's cadence
    (a positive client override, else the tier's cadence; never contacted = due now).

    For a tier's cadence the due day is compared as text with one bound date per tier ("last
    contact before until - cadence + 1 day"): date arithmetic for every client of a 100k book
    cost more than the scan itself. Only a client's own cadence is worked out per row."""
    last = _text(C.last_contact_at)
    own = func.date(func.substr(last, 1, 10), func.printf("+%d days", C.cadence_days)) <= until.isoformat()
    whens = [
        (C.tier == code, last < (until - dt.timedelta(days=days - 1)).isoformat())
        for code, days in cadence_by_tier.items()
    ]
    due = case((C.cadence_days > 0, own), *whens, else_=null())
    never = or_(C.cadence_days > 0, C.tier.in_(sorted(cadence_by_tier))) if cadence_by_tier else C.cadence_days > 0
    return or_(and_(C.last_contact_at.is_(None), never), due)


# The client columns the engine reads, in :func:`client_facts`' order.
CLIENT_COLUMNS = (
    C.id,
    C.name,
    C.tier,
    _text(C.birth_date),
    C.lunar_birthday,
    _text(C.last_contact_at),
    C.cadence_days,
    _text(C.risk_expires_on),
)


def clients_wanted(start: dt.date, until: dt.date, settings: ReminderSettings, reviews: Mapping[int, dt.date]):
    """The clients that may have a reminder shown within [start, until]: a birthday in the
    window, a contact due by its end, a risk assessment expiring by then (carried once expired)
    or a plan review (``reviews``: client id → earliest review date, due by ``until``). Dates
    are compared as their stored ISO text, so the condition binds only text and numbers."""
    risk_until = until + dt.timedelta(days=max(settings.risk_expiry_offsets, default=0))
    return or_(
        _birthday_in(start, until),
        _cadence_due_by(until, settings.cadence_days),
        _text(C.risk_expires_on) <= risk_until.isoformat(),
        *([C.id.in_(sorted(reviews))] if reviews else []),
    )


def client_facts(row, reviews: Mapping[int, dt.date], days: dict[str, dt.date] | None = None) -> ClientFacts:
    """A row of :data:`CLIENT_COLUMNS` (and maybe more columns after them) as the engine's facts;
    ``days`` (a :class:`_Days`) parses each distinct date text once."""
    cid, name, tier, birth, lunar, last, cadence, risk = row[:8]
    if days is None:
        days = _Days()
    return ClientFacts(
        cid,
        name,
        tier,
        days[birth] if birth else None,
        bool(lunar),
        days[last] if last else None,
        cadence,
        days[risk] if risk else None,
        reviews.get(cid),
    )


# Loads the clients the engine visits: load_clients, or a caller's scan that reads the book
# for itself too (the worklist: one scan of the clients, not two).
ClientLoader = Callable[[Connection, dt.date, dt.date, ReminderSettings, Mapping[int, dt.date]], list[ClientFacts]]


def load_clients(
    conn: Connection,
    start: dt.date,
    until: dt.date,
    settings: ReminderSettings,
    reviews: Mapping[int, dt.date] | None = None,
) -> list[ClientFacts]:
    """The clients :func:`clients_wanted` names; filtering in SQL keeps the engine from
    visiting the rest of a large book."""
    reviews = reviews or {}
    query = select(*CLIENT_COLUMNS).where(_live(), clients_wanted(start, until, settings, reviews))
    days = _Days()  # a 20k-client window's last contacts and expiries fall on a few hundred days
    return [client_facts(row, reviews, days) for row in driver_rows(conn, query)]


def driver_rows(conn: Connection, query: Select | str, params: dict[str, object] | None = None) -> list[tuple]:
    """The rows of ``query`` (a select, or SQL text with ``params``) through the driver's cursor,
    on ``conn``'s transaction: SQLAlchemy's Row objects cost more than the SQL itself for a 100k
    book (issue 15). Only for queries whose columns need no result processing and whose bound
    values are plain str/int/float (dates compared as their stored ISO text)."""
    values: dict[str, object] | list[object]
    if isinstance(query, str):
        sql, values = query, params or {}
    else:
        # render_postcompile: an IN list's values become plain positional parameters.
        compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        bound = compiled.construct_params()
        sql, values = str(compiled), [bound[name] for name in compiled.positiontup or ()]
        if any(not isinstance(v, (str, int, float)) for v in values):
            raise TypeError("driver_rows: only plain bound values (no date, no Decimal)")
    cursor = conn.connection.cursor()
    try:
        return cursor.execute(sql, values).fetchall()
    finally:
        cursor.close()


def plan_reviews_due(vault: VaultHandle, until: dt.date) -> dict[int, dt.date]:
    """Client id → the earliest review date of the client's plans under way, due by ``until``
    (services/plans decides which plans are under review)."""
    from rm_desktop.services.plans.store import plan_reviews  # the plans area; imported when used

    due: dict[int, dt.date] = {}
    for review in plan_reviews(vault):  # sorted by date: the first one per client is the earliest
        if review.next_review <= until:
            due.setdefault(review.client_id, review.next_review)
    return due


def count_tiers(conn: Connection, codes: frozenset[str]) -> int:
    """Live clients in the given tiers (the festival greeting list's size)."""
    if not codes:
        return 0
    return (
        conn.execute(
            select(func.count()).select_from(Client.__table__).where(_live(), C.tier.in_(sorted(codes)))
        ).scalar()
        or 0
    )


class ClientNames(Protocol):
    """The live clients' names, from a caller that scanned the book already (the worklist):
    holdings and follow-ups are then read without a join with the wide client rows."""

    def name_of(self, client_id: int) -> str | None: ...


class LiveNames:
    """Every live client's name from the narrowest index that holds them (name, deleted_at):
    the holdings and follow-ups are then named without a join, which looked up each one's
    wide client row (a 300k book's client rows outgrow the page cache)."""

    def __init__(self, conn: Connection):
        cursor = conn.connection.cursor()
        try:
            sql = "SELECT id, name FROM clients INDEXED BY ix_clients_name_search WHERE +deleted_at IS NULL"
            self._names: dict[int, str] = dict(cursor.execute(sql).fetchall())
        finally:
            cursor.close()

    def name_of(self, client_id: int) -> str | None:
        return self._names.get(client_id)


# Through the narrow indexes of revision 0013 (``INDEXED BY``: the planner would pick the older
# ix_holdings_maturing and fetch each row from the table). Bound values are ISO date text.
HOLDINGS_SQL = (
    "SELECT h.id, h.client_id, {name}, h.name, h.maturity_date, h.amount "
    "FROM holdings h INDEXED BY ix_holdings_held_maturities {join}"
    "WHERE h.status = 'holding' AND h.maturity_date >= ? AND h.maturity_date <= ? {live}"
    "ORDER BY h.maturity_date, h.client_id, h.id"
)
FOLLOW_UPS_SQL = (
    "SELECT k.id, k.client_id, {name}, k.follow_up_date, k.next_step, k.purpose "
    "FROM contacts k INDEXED BY ix_contacts_open_follow_ups {join}"
    "WHERE k.follow_up_done = 0 AND k.follow_up_date IS NOT NULL AND k.follow_up_date <= ? {live}"
    "ORDER BY k.follow_up_date, k.id"
)


_LIVE_C = "AND +c.deleted_at IS NULL "  # "+": see _not_indexed


def _rows(conn: Connection, sql: str, alias: str, names: ClientNames | None, *values: str) -> list[tuple]:
    """The rows of ``sql`` through the driver's cursor (SQLAlchemy's rows cost more than the SQL
    for a large book), the client's name third: from the join, or NULL when ``names`` will name
    them (:func:`_named`)."""
    if names is None:
        parts = {"name": "c.name", "join": f"JOIN clients c ON c.id = {alias}.client_id ", "live": _LIVE_C}
    else:
        parts = {"name": "NULL", "join": "", "live": ""}
    cursor = conn.connection.cursor()
    try:
        return cursor.execute(sql.format(**parts), values).fetchall()
    finally:
        cursor.close()


def _named(rows: list[tuple], names: ClientNames | None) -> list[tuple[tuple, str]]:
    """Each row with its client's name: the joined one, or from ``names`` (rows of clients it
    does not know, trashed ones, are left out)."""
    if names is None:
        return [(row, row[2]) for row in rows]
    name_of = names.name_of
    return [(row, name) for row in rows if (name := name_of(row[1])) is not None]


def load_holdings(
    conn: Connection, start: dt.date, until: dt.date, names: ClientNames | None = None
) -> list[HoldingFacts]:
    """Holdings still held that mature within [start, until]."""
    rows = _rows(conn, HOLDINGS_SQL, "h", names, start.isoformat(), until.isoformat())
    days = _Days()
    return [HoldingFacts(row[0], row[1], name, row[3], days[row[4]], row[5]) for row, name in _named(rows, names)]


def load_follow_ups(conn: Connection, until: dt.date, names: ClientNames | None = None) -> list[FollowUpFacts]:
    """Open follow-ups due by ``until`` (overdue ones included: they are carried until done)."""
    rows = _rows(conn, FOLLOW_UPS_SQL, "k", names, until.isoformat())
    days = _Days()
    return [
        FollowUpFacts(row[0], row[1], name, days[row[3]], row[4] or row[5] or "") for row, name in _named(rows, names)
    ]


def _scheduled_where(table, start_value, first_column):
    """Rows of a live client (or none) that may occur from ``start_value`` on: repeating
    ones, or single ones on or after it."""
    return and_(or_(table.c.client_id.is_(None), _live()), or_(table.c.rrule.is_not(None), first_column >= start_value))


def load_appointments(conn: Connection, start: dt.date, until: dt.date) -> list[AppointmentFacts]:
    A = Appointment.__table__
    query = (
        select(A.c.id, A.c.client_id, C.name, A.c.title, A.c.start, A.c.rrule, A.c.duration_minutes, A.c.location)
        .join_from(A, Client.__table__, C.id == A.c.client_id, isouter=True)
        .where(
            _scheduled_where(A, dt.datetime.combine(start, dt.time.min), A.c.start),
            A.c.start <= dt.datetime.combine(until, dt.time.max),
        )
    )
    return [
        AppointmentFacts(aid, cid, name or "", title, begin, rule, minutes or 60, location or "")
        for aid, cid, name, title, begin, rule, minutes, location in conn.execute(query).all()
    ]


def load_customs(conn: Connection, start: dt.date, until: dt.date) -> list[CustomReminderFacts]:
    """Repeating ones and single ones from ``start`` on, plus every older single one still
    open: a single custom reminder is carried until done or dismissed (the engine's rules)."""
    R = CustomReminder.__table__
    S = ReminderState.__table__.c
    # The state's key is the engine's custom key ("custom:<id>:<date>", the date as stored).
    single_key = "custom:" + type_coerce(R.c.id, String) + ":" + type_coerce(R.c.start, String)
    handled = select(S.key).where(S.key == single_key, or_(S.dismissed_at.is_not(None), S.done.is_(True))).exists()
    open_single = and_(R.c.rrule.is_(None), ~handled)
    query = (
        select(R.c.id, R.c.client_id, C.name, R.c.title, R.c.start, R.c.rrule, R.c.note)
        .join_from(R, Client.__table__, C.id == R.c.client_id, isouter=True)
        .where(or_(_scheduled_where(R, start, R.c.start), and_(or_(R.c.client_id.is_(None), _live()), open_single)))
        .where(R.c.start <= until)
    )
    return [
        CustomReminderFacts(rid, cid, name or "", title, first, rule, note or "")
        for rid, cid, name, title, first, rule, note in conn.execute(query).all()
    ]


def load_facts(
    conn: Connection,
    start: dt.date,
    until: dt.date,
    settings: ReminderSettings,
    reviews: Mapping[int, dt.date] | None = None,
    clients: ClientLoader = load_clients,
    names: Callable[[], ClientNames | None] = lambda: None,
) -> Facts:
    """Every fact the engine needs for reminders shown within [start, until]; holdings are read
    up to ``until`` + the largest maturity offset (a T-30 notice shows 30 days before).
    ``names`` (called once the clients are loaded) may give the live clients' names, else
    they are read (:class:`LiveNames`)."""
    max_offset = dt.timedelta(days=max(settings.maturity_offsets, default=0))
    loaded = clients(conn, start, until, settings, reviews or {})
    known = names() or LiveNames(conn)
    return Facts(
        clients=loaded,
        holdings=load_holdings(conn, start, until + max_offset, known),
        follow_ups=load_follow_ups(conn, until, known),
        appointments=load_appointments(conn, start, until),
        customs=load_customs(conn, start, until),
    )


def load_states(conn: Connection) -> States:
    S = ReminderState.__table__.c
    snoozed, shown, hidden = {}, {}, set()
    for key, until, shown_on, dismissed, done in conn.execute(
        select(S.key, S.snoozed_until, S.shown_on, S.dismissed_at, S.done)
    ):
        if dismissed is not None or done:
            hidden.add(key)
        elif until is not None:
            snoozed[key] = until
            if shown_on is not None:
                shown[key] = shown_on
    return States(snoozed, shown, frozenset(hidden))
