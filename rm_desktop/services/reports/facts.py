"""The records of a report's period, read set-based (a few queries per section, none per client).

Times in the vault are naive Asia/Shanghai times, so a period is the half-open range
[first day 00:00, the day after the last 00:00) of them. Trashed clients are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from rm_desktop.domain.events.model import ATTENDED
from rm_desktop.domain.sales.model import STAGES
from rm_desktop.domain.tiers import Tier
from rm_desktop.services.clients.choices import PRODUCT_TYPES
from rm_desktop.storage.models import Client, Contact, Holding
from rm_desktop.storage.models_complaints import ComplaintRow as ComplaintTable
from rm_desktop.storage.models_events import Event, EventInvitation
from rm_desktop.storage.models_sales import Opportunity, OpportunityHistory, Referral
from rm_desktop.storage.models_worklist import MaturityOutcome

C = Client.__table__.c
K = Contact.__table__.c
H = Holding.__table__.c
OP = Opportunity.__table__.c
OH = OpportunityHistory.__table__.c
R = Referral.__table__.c
Q = ComplaintTable.__table__.c
E = Event.__table__.c
EI = EventInvitation.__table__.c
MO = MaturityOutcome.__table__.c
LIVE = C.deleted_at.is_(None)
CALLBACK_WORDS = ("回电", "回复电话", "call back", "callback", "call-back")


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00): naive local times, as the vault stores them."""
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


def is_callback(*texts: str | None) -> bool:
    """A follow-up that promises a call-back: its next step or purpose says so."""
    folded = " ".join(x for x in texts if x).lower()
    return any(word in folded for word in CALLBACK_WORDS)


@dataclass(frozen=True)
class ContactRow:
    client_id: int
    name: str
    tier: str | None
    at: dt.datetime
    channel: str
    purpose: str | None


def contact_counts(conn: Connection, start: dt.date, end: dt.date, tiers: tuple[Tier, ...]) -> Counter[tuple[str, str]]:
    """Contacts by (channel, tier code), counted in SQL: a month has tens of thousands."""
    low, high = day_bounds(start, end)
    query = (
        select(K.channel, func.coalesce(C.tier, tiers[0].code), func.count())
        .join_from(Contact.__table__, Client.__table__, C.id == K.client_id)
        .where(K.at >= low, K.at < high, LIVE)
        .group_by(K.channel, C.tier)
    )
    found: Counter[tuple[str, str]] = Counter()
    for channel, tier, count in conn.execute(query):
        found[(channel, tier)] += count
    return found


def contacts(conn: Connection, start: dt.date, end: dt.date) -> list[ContactRow]:
    low, high = day_bounds(start, end)
    query = (
        select(K.client_id, C.name, C.tier, K.at, K.channel, K.purpose)
        .join_from(Contact.__table__, Client.__table__, C.id == K.client_id)
        .where(K.at >= low, K.at < high, LIVE)
        .order_by(K.at, K.id)
    )
    return [ContactRow(*row) for row in conn.execute(query)]


@dataclass(frozen=True)
class FollowUpRow:
    client_id: int
    name: str
    due: dt.date
    done: bool
    next_step: str | None
    purpose: str | None

    @property
    def callback(self) -> bool:
        return is_callback(self.next_step, self.purpose)


def follow_ups(conn: Connection, start: dt.date, end: dt.date) -> list[FollowUpRow]:
    query = (
        select(K.client_id, C.name, K.follow_up_date, K.follow_up_done, K.next_step, K.purpose)
        .join_from(Contact.__table__, Client.__table__, C.id == K.client_id)
        .where(K.follow_up_date >= start, K.follow_up_date <= end, LIVE)
        .order_by(K.follow_up_date, K.id)
    )
    return [
        FollowUpRow(cid, name, due, bool(done), step, purpose)
        for cid, name, due, done, step, purpose in conn.execute(query)
    ]


@dataclass(frozen=True)
class NewClientRow:
    client_id: int
    name: str
    aum: Decimal | None
    tier_name: str


def new_clients(conn: Connection, start: dt.date, end: dt.date, tiers: tuple[Tier, ...]) -> list[NewClientRow]:
    low, high = day_bounds(start, end)
    names = {tier.code: tier.name() for tier in tiers}
    query = select(C.id, C.name, C.aum, C.tier).where(C.created_at >= low, C.created_at < high, LIVE).order_by(C.id)
    return [
        NewClientRow(cid, name, aum, names.get(tier or "", tier or "")) for cid, name, aum, tier in conn.execute(query)
    ]


@dataclass(frozen=True)
class OpportunityRow:
    client_id: int
    name: str
    text: str
    amount: Decimal | None


def opportunities_opened(conn: Connection, start: dt.date, end: dt.date) -> list[OpportunityRow]:
    query = (
        select(OP.client_id, C.name, OP.product_name, OP.amount)
        .join_from(Opportunity.__table__, Client.__table__, C.id == OP.client_id)
        .where(OP.created_on >= start, OP.created_on <= end, LIVE)
        .order_by(OP.id)
    )
    return [OpportunityRow(cid, name, product, amount) for cid, name, product, amount in conn.execute(query)]


@dataclass(frozen=True)
class MoveRow:
    client_id: int
    name: str
    text: str
    amount: Decimal | None
    to_stage: str


def moves(conn: Connection, start: dt.date, end: dt.date) -> list[MoveRow]:
    """Stage changes in the period (an opportunity's creation is not a move)."""
    low, high = day_bounds(start, end)
    query = (
        select(OP.client_id, C.name, OP.product_name, OP.amount, OH.from_stage, OH.to_stage)
        .join_from(OpportunityHistory.__table__, Opportunity.__table__, OP.id == OH.opportunity_id)
        .join(Client.__table__, C.id == OP.client_id)
        .where(OH.at >= low, OH.at < high, OH.from_stage.is_not(None), LIVE)
        .order_by(OH.at, OH.id)
    )
    return [
        MoveRow(cid, name, f"{product} · {STAGES.label(old)} → {STAGES.label(new)}", amount, new)
        for cid, name, product, amount, old, new in conn.execute(query)
    ]


@dataclass(frozen=True)
class MaturityRow:
    client_id: int
    name: str
    product: str
    amount: Decimal | None  # the amount when the outcome was recorded, else the holding's
    outcome: str | None


def maturities(conn: Connection, start: dt.date, end: dt.date) -> list[MaturityRow]:
    query = (
        select(H.client_id, C.name, H.product_type, H.name, H.amount, MO.matured, MO.outcome)
        .join_from(Holding.__table__, Client.__table__, C.id == H.client_id)
        .join(MaturityOutcome.__table__, MO.holding_id == H.id, isouter=True)
        .where(H.maturity_date >= start, H.maturity_date <= end, LIVE)
        .order_by(H.maturity_date, H.id)
    )
    return [
        MaturityRow(
            cid,
            name,
            f"{PRODUCT_TYPES.label(kind)} · {product}",
            matured if outcome and matured is not None else amount,
            outcome,
        )
        for cid, name, kind, product, amount, matured, outcome in conn.execute(query)
    ]


@dataclass(frozen=True)
class ComplaintRow:
    client_id: int
    name: str
    type: str
    category: str
    received_at: dt.datetime
    closed_at: dt.datetime | None


def complaints(conn: Connection, start: dt.date, end: dt.date) -> tuple[list[ComplaintRow], list[ComplaintRow]]:
    """(opened in the period, closed in the period)."""
    low, high = day_bounds(start, end)
    base = select(Q.client_id, C.name, Q.type, Q.category, Q.received_at, Q.closed_at).join_from(
        ComplaintTable.__table__, Client.__table__, C.id == Q.client_id
    )
    opened = conn.execute(base.where(Q.received_at >= low, Q.received_at < high, LIVE).order_by(Q.id))
    found_opened = [ComplaintRow(*row) for row in opened]
    closed = conn.execute(base.where(Q.closed_at >= low, Q.closed_at < high, LIVE).order_by(Q.id))
    return found_opened, [ComplaintRow(*row) for row in closed]


@dataclass(frozen=True)
class EventRow:
    event_id: int
    name: str
    attendees: tuple[tuple[int, str, str], ...]  # (client id, client name, event name)


def events(conn: Connection, start: dt.date, end: dt.date) -> list[EventRow]:
    low, high = day_bounds(start, end)
    held = conn.execute(
        select(E.id, E.name).where(E.starts_at >= low, E.starts_at < high).order_by(E.starts_at, E.id)
    ).all()
    if not held:
        return []
    came: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    names = dict(held)
    query = (
        select(EI.event_id, EI.client_id, C.name)
        .join_from(EventInvitation.__table__, Client.__table__, C.id == EI.client_id)
        .where(EI.event_id.in_(names), EI.status == ATTENDED, LIVE)
        .order_by(EI.event_id, EI.id)
    )
    for event_id, cid, name in conn.execute(query):
        came[event_id].append((cid, name, names[event_id]))
    return [EventRow(eid, name, tuple(came[eid])) for eid, name in held]


@dataclass(frozen=True)
class ReferralRow:
    client_id: int
    name: str
    source: str  # "client" or "staff"
    referrer: str


def referrals(conn: Connection, start: dt.date, end: dt.date) -> list[ReferralRow]:
    referrer = Client.__table__.alias("referrer")
    query = (
        select(R.client_id, C.name, R.referrer_client_id, referrer.c.name, R.referrer_role, R.referrer_name)
        .join_from(Referral.__table__, Client.__table__, C.id == R.client_id)
        .join(referrer, referrer.c.id == R.referrer_client_id, isouter=True)
        .where(R.referred_on >= start, R.referred_on <= end, LIVE)
        .order_by(R.referred_on, R.id)
    )
    return [
        ReferralRow(
            cid,
            name,
            "client" if by_client is not None else "staff",
            by_name or " ".join(x for x in (role, staff) if x),
        )
        for cid, name, by_client, by_name, role, staff in conn.execute(query)
    ]
