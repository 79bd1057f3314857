"""The worklist's facts from the vault, each one set-based query (never one per client).

- client contexts for the clients that have items, in chunks of ids (a 100k book's due list
  may name tens of thousands of clients; SQLite's bound-parameter limit is kept);
- churn: the clients whose risk assessment expired or whose last contact is older than the
  factor × their cadence, filtered in SQL; the AUM ~lookback days ago (the latest snapshot on
  or before that day, a GROUP BY over the snapshots) compared with the AUM in SQL, so only
  clients whose drop reaches the threshold come back; outcomes that kept less than matured;
- holdings matured within the outcome window without a recorded outcome (到期承接 prompts);
- the worklist's own item states and the lost clients.

Dates are read as their stored ISO text (as services/reminders does) and trashed clients are
left out everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import String, and_, case, func, null, or_, select, text, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from rm_desktop.domain.money import from_cents
from rm_desktop.domain.tiers import Tier
from rm_desktop.domain.worklist import ChurnSettings, ClientContext
from rm_desktop.domain.worklist.items import HoldingContext
from rm_desktop.storage.models import Client, Holding
from rm_desktop.storage.models_worklist import LostClient, MaturityOutcome, WorklistState

C = Client.__table__.c
H = Holding.__table__.c
CHUNK = 900


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


def _context_columns(tiers: tuple[Tier, ...]):
    return (C.id, C.name, C.tier, C.aum, _text(C.last_contact_at), _cadence(tiers), _text(C.risk_expires_on))


@dataclass(frozen=True)
class ClientRow:
    context: ClientContext
    risk_expires_on: dt.date | None


def _rows(conn: Connection, query, names: dict[str, str]) -> list[ClientRow]:
    found = []
    for cid, name, tier, aum, last, cadence, risk in conn.execute(query).all():
        found.append(
            ClientRow(ClientContext(cid, name, tier, names.get(tier or "", ""), aum, _day(last), cadence), _day(risk))
        )
    return found


def tier_names(tiers: tuple[Tier, ...]) -> dict[str, str]:
    return {tier.code: tier.name() for tier in tiers}


def load_clients(conn: Connection, ids: Iterable[int], tiers: tuple[Tier, ...]) -> dict[int, ClientRow]:
    """The live clients of ``ids``, by id."""
    wanted = sorted(set(ids))
    names = tier_names(tiers)
    found: dict[int, ClientRow] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(*_context_columns(tiers)).where(C.id.in_(wanted[start : start + CHUNK]), _live())
        for row in _rows(conn, query, names):
            found[row.context.client_id] = row
    return found


def load_churn_clients(
    conn: Connection, today: dt.date, tiers: tuple[Tier, ...], settings: ChurnSettings
) -> list[ClientRow]:
    """Clients with an expired risk assessment or no contact beyond factor × cadence."""
    cadence = _cadence(tiers)
    since = func.julianday(today.isoformat()) - func.julianday(func.substr(_text(C.last_contact_at), 1, 10))
    quiet = and_(cadence.is_not(None), C.last_contact_at.is_not(None), since > cadence * settings.no_contact_factor)
    query = select(*_context_columns(tiers)).where(_live(), or_(C.risk_expires_on < today, quiet))
    return _rows(conn, query, tier_names(tiers))


def load_aum_drops(conn: Connection, today: dt.date, settings: ChurnSettings) -> dict[int, tuple[dt.date, Decimal]]:
    """Client id → (date, AUM) of the figure ``lookback_days`` ago, for the clients whose AUM
    is now down by at least the threshold against it. Money is stored in whole fen."""
    cut = (today - dt.timedelta(days=settings.lookback_days)).isoformat()
    # SQLite: with max() the bare column "aum" comes from the row holding the maximum.
    rows = conn.execute(
        text(
            "SELECT b.client_id, b.day, b.aum FROM ("
            ' SELECT client_id, max("on") AS day, aum FROM aum_snapshots WHERE "on" <= :cut GROUP BY client_id'
            ") AS b JOIN clients AS c ON c.id = b.client_id"
            " WHERE +c.deleted_at IS NULL AND c.aum IS NOT NULL AND b.aum > 0"
            " AND (b.aum - c.aum) * 100 >= :percent * b.aum"
        ),
        {"cut": cut, "percent": settings.aum_drop_percent},
    ).all()
    return {cid: (_day(day) or today, from_cents(aum)) for cid, day, aum in rows}


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
    query = (
        select(H.client_id, H.id, H.name, H.amount, _text(H.maturity_date))
        .join_from(Holding.__table__, Client.__table__, C.id == H.client_id)
        .join(MaturityOutcome.__table__, O.holding_id == H.id, isouter=True)
        .join(LostClient.__table__, L.client_id == H.client_id, isouter=True)
        .where(
            H.maturity_date >= today - dt.timedelta(days=days),
            H.maturity_date < today,
            H.status != "redeemed",
            O.holding_id.is_(None),
            L.client_id.is_(None),
            _live(),
        )
    )
    return [
        (cid, HoldingContext(hid, name, amount, dt.date.fromisoformat(mature[:10])))
        for cid, hid, name, amount, mature in conn.execute(query).all()
    ]


def load_holdings(conn: Connection, ids: Iterable[int]) -> dict[int, HoldingContext]:
    wanted = sorted(set(ids))
    found: dict[int, HoldingContext] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(H.id, H.name, H.amount, _text(H.maturity_date)).where(H.id.in_(wanted[start : start + CHUNK]))
        for hid, name, amount, mature in conn.execute(query).all():
            found[hid] = HoldingContext(hid, name, amount, dt.date.fromisoformat(mature[:10]))
    return found


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
