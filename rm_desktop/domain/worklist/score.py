"""The worklist's priority score, its one-line "why" and its order.

score = value × tier weight × kind weight × urgency × cadence factor, each factor shown by
``explain`` so that an RM (or a test) can redo the sum by hand:

- value: 1 + log2(1 + 万元 at stake) — the holding's amount for a maturity, else the client's
  AUM; each doubling of the money adds one point, so a 3,000万 client's birthday does not bury
  every other call, and a client without assets still counts 1.
- urgency: 1 on the due day, +0.1 a day late (at most 4 after 30 days); ahead of the due day
  1 / (1 + days ahead / 7): a week ahead 0.5, a T-30 notice ≈ 0.19 (it is not today's work).
- cadence factor: 30 / the client's agreed cadence in days, within [0.5, 2]; 1 without one.

Order: hard deadlines first (a maturity at T-1 or sooner, a 48-hour follow-up due, the
outcome of matured money), then the score, highest first; ties by due date, then client id
(items without a client last), then the key, so the order never depends on load order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal

from .model import Candidate, WorkItem, WorklistSettings

MAX_LATE_DAYS = 30
BASE_CADENCE_DAYS = 30


def value_points(amount: Decimal | None) -> float:
    wan = float(amount) / 10_000 if amount is not None and amount > 0 else 0.0
    return 1.0 + math.log2(1.0 + wan)


def urgency(due: dt.date, today: dt.date) -> float:
    late = (today - due).days
    if late >= 0:
        return 1.0 + min(late, MAX_LATE_DAYS) / 10
    return 1.0 / (1.0 + (-late) / 7)


def cadence_factor(cadence_days: int | None) -> float:
    if not cadence_days or cadence_days <= 0:
        return 1.0
    return min(2.0, max(0.5, BASE_CADENCE_DAYS / cadence_days))


def _factors(candidate: Candidate, today: dt.date, settings: WorklistSettings) -> tuple[float, ...]:
    client = candidate.client
    stake = candidate.stake if candidate.stake is not None else (client.aum if client else None)
    return (
        value_points(stake),
        settings.tier_weights.get((client.tier_code if client else None) or "", 1.0),
        settings.kind_weights.get(candidate.kind, 1.0),
        urgency(candidate.due, today),
        cadence_factor(client.cadence_days if client else None),
    )


def explain(candidate: Candidate, today: dt.date, settings: WorklistSettings) -> dict[str, float]:
    """Each factor of the score and the score itself."""
    factors = dict(
        zip(("value", "tier", "kind", "urgency", "cadence"), _factors(candidate, today, settings), strict=True)
    )
    factors["score"] = math.prod(factors.values())
    return factors


def score_item(candidate: Candidate, today: dt.date, settings: WorklistSettings) -> WorkItem:
    return WorkItem(candidate, round(math.prod(_factors(candidate, today, settings)), 4), today)


def order_key(item: WorkItem) -> tuple:
    # From the candidate's fields, not WorkItem's properties: a 100k book ranks ~64k items (issue 15).
    candidate = item.candidate
    client = candidate.client
    client_id = client.client_id if client is not None else None
    return (not candidate.hard, -item.score, candidate.due, client_id is None, client_id or 0, candidate.key)


def rank(candidates: Iterable[Candidate], today: dt.date, settings: WorklistSettings) -> list[WorkItem]:
    """Every candidate scored, in the worklist's order (see the module notes).

    The same factors as :func:`score_item`, each worked out once per client, kind and due day
    rather than once per item (a 100k book ranks ~64k items, most clients several times)."""
    by_client: dict[int, tuple[float, float, float]] = {}  # id(client) → (value, tier, cadence)
    by_kind: dict[str, float] = {}
    by_due: dict[dt.date, float] = {}
    tier_weights, kind_weights = settings.tier_weights, settings.kind_weights
    keyed: list[tuple] = []
    for c in candidates:
        client = c.client
        own = by_client.get(id(client))
        if own is None:
            if client is None:
                own = (value_points(None), tier_weights.get("", 1.0), cadence_factor(None))
            else:
                own = (
                    value_points(client.aum),
                    tier_weights.get(client.tier_code or "", 1.0),
                    cadence_factor(client.cadence_days),
                )
            by_client[id(client)] = own
        value, tier, cadence = own
        if c.stake is not None:
            value = value_points(c.stake)
        kind = by_kind.get(c.kind)
        if kind is None:
            kind = by_kind[c.kind] = kind_weights.get(c.kind, 1.0)
        late = by_due.get(c.due)
        if late is None:
            late = by_due[c.due] = urgency(c.due, today)
        score = round(value * tier * kind * late * cadence, 4)  # math.prod's order: the same float
        cid = client.client_id if client is not None else None
        # order_key's tuple made here (no call per item); the running count keeps equal keys in
        # their given order, as a stable sort would, and items are never compared
        keyed.append((not c.hard, -score, c.due, cid is None, cid or 0, c.key, len(keyed), WorkItem(c, score, today)))
    keyed.sort()
    return [entry[-1] for entry in keyed]


def plan_and_rest(items: list[WorkItem], capacity: int) -> tuple[list[WorkItem], list[WorkItem]]:
    """The day's plan (the first ``capacity`` items) and the rest."""
    return items[:capacity], items[capacity:]
