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
import heapq
import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import overload

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
    """Every candidate scored, in the worklist's order (see the module notes)."""
    return Ranking(candidates, today, settings).all()


class Ranking:
    """The candidates scored, ordered only where the order is looked at (issue 19.4).

    The scores are :func:`score_item`'s; the tier, kind, cadence and urgency factors worked out
    once per tier, kind, cadence and due day (a handful of each), not per item. The page shows
    the day's plan and the rest by kind, the big groups folded: :meth:`top` finds the plan
    without sorting the ~64k items of a 100k book and :meth:`groups` sorts a group when it is
    first read. Every list is a slice of :meth:`all`'s order, made by the same key: the
    position in the input breaks the last ties, as a stable sort keeps equal keys."""

    def __init__(self, candidates: Iterable[Candidate], today: dt.date, settings: WorklistSettings):
        tier_weights, kind_weights = settings.tier_weights, settings.kind_weights
        by_tier: dict[str | None, float] = {}
        by_cadence: dict[int | None, float] = {}
        by_kind: dict[str, float] = {}
        by_due: dict[dt.date, float] = {}
        no_tier = tier_weights.get("", 1.0)
        self.today = today
        self._candidates = cands = list(candidates)
        # Plain columns, not lists of objects: a float and an int object each (~32 and ~36 bytes
        # with the list's slot) for each of a 100k book's ~64k items, held with the page.
        self._neg = array("d")  # -score of each candidate, the key's second part
        self._kinds: dict[str, array[int]] = {}  # kind → positions, in input order
        self._hard = array("l")
        self._soft = array("l")
        self._made: dict[int, WorkItem] = {}
        self._order: list[WorkItem] | None = None
        self._tops: dict[int, list[int]] = {}  # count → _top's positions
        neg, kinds, hard, soft = self._neg.append, self._kinds, self._hard.append, self._soft.append
        log2 = _log2
        # Subscripts under try rather than dict.get (a method call each): ~64k candidates at 100k,
        # five lookups each, and a miss (KeyError) only the first time a tier, kind or day is seen.
        for position, c in enumerate(cands):
            client, stake, kind_code, due = c.client, c.stake, c.kind, c.due
            if client is None:
                tier, cadence = no_tier, 1.0
            else:
                stake = client.aum if stake is None else stake
                code, days = client.tier_code, client.cadence_days
                try:
                    tier = by_tier[code]
                except KeyError:
                    tier = by_tier[code] = tier_weights.get(code or "", 1.0)
                try:
                    cadence = by_cadence[days]
                except KeyError:
                    cadence = by_cadence[days] = cadence_factor(days)
            try:
                kind = by_kind[kind_code]
            except KeyError:
                kind = by_kind[kind_code] = kind_weights.get(kind_code, 1.0)
            try:
                late = by_due[due]
            except KeyError:
                late = by_due[due] = urgency(due, today)
            # value_points, inlined; the factors in math.prod's order: the same float as score_item
            money = float(stake) if stake is not None else 0.0
            value = 1.0 + log2(1.0 + money / 10_000) if money > 0 else 1.0
            neg(-round(value * tier * kind * late * cadence, 4))
            (hard if c.hard else soft)(position)
            try:
                kinds[kind_code].append(position)
            except KeyError:
                kinds[kind_code] = array("l", (position,))

    def __len__(self) -> int:
        return len(self._candidates)

    def candidates(self) -> list[Candidate]:
        """Every candidate, in no particular order (for counts)."""
        return self._candidates

    def all(self) -> list[WorkItem]:
        """Every item in the worklist's order (sorted once, then kept)."""
        if self._order is None:
            self._order = self._sorted(range(len(self._candidates)))
        return self._order

    def top(self, count: int) -> list[WorkItem]:
        """The first ``count`` items of :meth:`all`, found without sorting the rest."""
        if self._order is not None:
            return self._order[:count]
        return self._sorted(self._top(count))

    def groups(self, count: int, kind_order: Iterable[str]) -> list[tuple[str, Sequence[WorkItem]]]:
        """The items after the first ``count`` by kind: ``kind_order`` first, then other kinds
        by their first item; empty kinds left out. Each group sorts itself when first read."""
        planned: dict[str, set[int]] = {}  # the plan's few positions by kind: only their groups are filtered
        for p in self._top(count):
            planned.setdefault(self._candidates[p].kind, set()).add(p)
        groups: dict[str, Sequence[int]] = dict.fromkeys(kind_order, ())
        for kind, positions in self._kinds.items():
            plan = planned.get(kind)
            groups[kind] = [p for p in positions if p not in plan] if plan else positions
        named = set(kind_order)
        extra = sorted(
            (k for k, p in groups.items() if p and k not in named), key=lambda k: min(map(self._key, groups[k]))
        )
        ordered = [k for k in kind_order if groups[k]] + extra
        return [(kind, _Group(self, groups[kind])) for kind in ordered]

    def _top(self, count: int) -> list[int]:
        """The positions of the first ``count`` items, in order: the few best scores of the hard
        items, then of the others, and any tied with the last of them, sorted by the full key.
        Found once per count: the plan and the groups both ask (two passes over ~64k at 100k)."""
        found = self._tops.get(count)
        if found is None:
            picked = list(_best(self._hard, count, self._neg))
            if len(picked) < count:
                picked += _best(self._soft, count - len(picked), self._neg)
            found = self._tops[count] = sorted(picked, key=self._key)[:count]
        return found

    def _key(self, position: int) -> tuple:
        c = self._candidates[position]
        cid = c.client.client_id if c.client is not None else None
        return (not c.hard, self._neg[position], c.due, cid is None, cid or 0, c.key, position)

    def _sorted(self, positions: Iterable[int]) -> list[WorkItem]:
        keyed = [self._key(p) for p in positions]
        keyed.sort()  # the keys are all different (the position last): items are never compared
        made, cands, neg, today = self._made, self._candidates, self._neg, self.today
        out = []
        for key in keyed:
            p = key[-1]
            item = made.get(p)
            if item is None:
                item = made[p] = WorkItem(cands[p], -neg[p], today)
            out.append(item)
        return out


def _best(positions: Sequence[int], count: int, neg: Sequence[float]) -> Sequence[int]:
    """The positions of the ``count`` highest scores, and any tied with the lowest of them
    (the full key then decides between them)."""
    if count <= 0:
        return []
    if len(positions) <= count:
        return positions
    cut = neg[heapq.nsmallest(count, positions, key=neg.__getitem__)[-1]]
    return [p for p in positions if neg[p] <= cut]


class _Group(Sequence[WorkItem]):
    """A group's items in the worklist's order, sorted when first read (a folded group of a
    100k book may never be)."""

    def __init__(self, ranking: Ranking, positions: Sequence[int]):
        self._ranking, self._positions = ranking, positions
        self._items: list[WorkItem] | None = None

    def _list(self) -> list[WorkItem]:
        if self._items is None:
            self._items = self._ranking._sorted(self._positions)
        return self._items

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> WorkItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[WorkItem]: ...
    def __getitem__(self, index: int | slice) -> WorkItem | list[WorkItem]:
        return self._list()[index]

    def __iter__(self) -> Iterator[WorkItem]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (list, _Group)) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list's equality, a list's hash


def plan_and_rest(items: list[WorkItem], capacity: int) -> tuple[list[WorkItem], list[WorkItem]]:
    """The day's plan (the first ``capacity`` items) and the rest."""
    return items[:capacity], items[capacity:]
