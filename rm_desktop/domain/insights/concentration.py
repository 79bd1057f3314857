"""Concentration of assets (二八): how much of the book the top 20 % of clients hold, and the
Lorenz curve behind that number."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate

TOP_SHARE = Decimal("0.2")


def top_count(clients: int, share: Decimal = TOP_SHARE) -> int:
    """How many clients "the top 20 %" is: rounded up, so a book of 3 has a top of 1."""
    return math.ceil(clients * share) if clients else 0


def pareto_share(amounts: Sequence[Decimal | int], share: Decimal = TOP_SHARE) -> Decimal | None:
    """The fraction (0–1) of the total held by the largest ``share`` of ``amounts``; None when
    there is nothing to share (no clients, or no assets at all). ``amounts`` may be whole fen
    (ints): the same ratio, and ints sort faster than Decimals (services/insights)."""
    # Summed from int 0, not Decimal(0): whole fen add as ints (100k Decimal additions cost
    # ~30 ms), Decimals to the same Decimal, exponent included; Decimal() then makes it one.
    total = Decimal(sum(amounts))
    if not amounts or total <= 0:
        return None
    top = sorted(amounts, reverse=True)[: top_count(len(amounts), share)]
    return Decimal(sum(top)) / total


def lorenz_points(amounts: Sequence[Decimal | int], points: int = 50) -> list[tuple[float, float]]:
    """(share of clients, share of assets) from (0, 0) to (1, 1), clients in ascending order of
    assets, at most ``points`` + 1 points (a chart needs the shape, not 100k vertices). Empty
    when there is nothing to share."""
    total = Decimal(sum(amounts))  # (as in pareto_share)
    if not amounts or total <= 0:
        return []
    ordered = sorted(amounts)
    n = len(ordered)
    cumulative = list(accumulate(ordered, initial=0))  # no Python turn per client (whole fen: int sums)
    steps = sorted({round(k * n / points) for k in range(points + 1)} | {0, n})
    return [(k / n, float(cumulative[k] / total)) for k in steps]
