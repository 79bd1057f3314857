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
    # float() before the comparison: a Decimal > 0 costs more than the float's (a 100k book
    # scores ~64k items); a positive amount too small for a float gives 1.0 either way.
    money = float(amount) if amount is not None else 0.0
    return 1.0 + _log2(1.0 + money / 10_000) if money > 0 else 1.0


_log2 = math.log2


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

    The same factors as :func:`score_item`; the tier, kind, cadence and urgency factors worked
    out once per tier, kind, cadence and due day (a handful of each), not per item: a 100k book
    ranks ~64k items of ~60k clients, so a cache per client saved nothing (issue 19.4)."""
    tier_weights, kind_weights = settings.tier_weights, settings.kind_weights
    by_tier: dict[str | None, float] = {}
    by_cadence: dict[int | None, float] = {}
    by_kind: dict[str, float] = {}
    by_due: dict[dt.date, float] = {}
    no_tier = tier_weights.get("", 1.0)
    keyed: list[tuple] = []
    append = keyed.append
    for c in candidates:
        client, stake = c.client, c.stake
        if client is None:
            tier, cadence, cid = no_tier, 1.0, None
        else:
            stake = client.aum if stake is None else stake
            # (each factor is above 0: parse_weights refuses 0, so ``or`` means "not worked out yet")
            code, days = client.tier_code, client.cadence_days
            tier = by_tier.get(code) or by_tier.setdefault(code, tier_weights.get(code or "", 1.0))
            cadence = by_cadence.get(days) or by_cadence.setdefault(days, cadence_factor(days))
            cid = client.client_id
        kind = by_kind.get(c.kind) or by_kind.setdefault(c.kind, kind_weights.get(c.kind, 1.0))
        due = c.due
        late = by_due.get(due) or by_due.setdefault(due, urgency(due, today))
        score = round(value_points(stake) * tier * kind * late * cadence, 4)  # math.prod's order: the same float
        # order_key's tuple made here (no call per item); the running count keeps equal keys in
        # their given order, as a stable sort would, and items are never compared
        append((not c.hard, -score, due, cid is None, cid or 0, c.key, len(keyed), WorkItem(c, score, today)))
    keyed.sort()
    return [entry[-1] for entry in keyed]


def plan_and_rest(items: list[WorkItem], capacity: int) -> tuple[list[WorkItem], list[WorkItem]]:
    """The day's plan (the first ``capacity`` items) and the rest."""
    return items[:capacity], items[capacity:]
