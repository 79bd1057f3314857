"""Each bar's AUM is the sum of its members' AUM, to the fen and in the same form as a Decimal
sum (the figures add whole fen as integers: issue 15's 100k goal): clients without AUM or with
0 count as nothing, a bar of only those says 0, the order by AUM is the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.insights.migration import HORIZONS, months_before
from rm_desktop.domain.tiers import DEFAULT_TIERS, Tier, tier_for
from rm_desktop.services.insights import figures
from rm_desktop.services.insights._facts import BookFacts

TODAY = dt.date(2026, 6, 15)
AUMS = (None, "0.00", "0.01", "99999.99", "300000.00", "1234567.89", "6000000.00", None, "0.00", "50000.50")


def test_every_bar_sums_its_members_aum_as_decimals_would():
    expires = (TODAY + dt.timedelta(days=30)).isoformat()
    clients = [
        (cid, None if aum is None else int(Decimal(aum).scaleb(2)), "C3", expires, None, None)
        for cid, aum in enumerate(AUMS, start=1)
    ]
    then = {months_before(TODAY, m): {1: 100, 2: 50_000_000, 6: 10} for m in HORIZONS}
    found = figures.build(BookFacts(TODAY, DEFAULT_TIERS, clients, [], then))
    # a Decimal sum's terms: no AUM and 0.00 both as Decimal(0)
    aum = {cid: Decimal(amount or 0) or Decimal(0) for cid, amount in enumerate(AUMS, start=1)}
    bars = found.bars()
    assert any(bar.count and not bar.aum for bar in bars.values())  # a bar of clients without AUM
    for bar in bars.values():
        expected = sum((aum[cid] for cid in bar.client_ids), Decimal(0))
        assert (bar.key, str(bar.aum)) == (bar.key, str(expected))
    assert list(found.top.client_ids) == [7, 6]  # the top 20 %, AUM descending
    assert found.total_aum == sum(aum.values(), Decimal(0))


def test_tiers_follow_tier_for_when_a_floor_is_zero_and_for_a_book_in_no_order():
    """No AUM is the lowest tier while 0 reaches a second tier whose floor is 0 (tier_for); the
    clients arrive in no order and a holdings row of a trashed client (id 99) is ignored."""
    tiers = (
        Tier("low", "低", "Low", Decimal(0), "", "", 30),
        Tier("zero", "零", "Zero", Decimal(0), "", "", None),
        Tier("high", "高", "High", Decimal(100), "", "", 7),
    )
    amounts = {5: None, 3: 0, 9: 10_000, 1: 9_999, 7: None}  # fen
    clients = [(cid, fen, None, None, None, None) for cid, fen in amounts.items()]
    holdings = [(99, TODAY.isoformat(), 2, "fund"), (9, TODAY.isoformat(), 1, "deposit")]
    found = figures.build(BookFacts(TODAY, tiers, clients, holdings, {months_before(TODAY, m): {} for m in HORIZONS}))
    members = {bar.key: list(bar.client_ids) for bar in found.tiers}
    expected: dict[str, list[int]] = {f"tier:{tier.code}": [] for tier in tiers}
    for cid in sorted(amounts, key=lambda c: (-(amounts[c] or 0), c)):  # bar order
        fen = amounts[cid]
        expected[f"tier:{tier_for(None if fen is None else Decimal(fen) / 100, tiers).code}"].append(cid)
    assert members == expected == {"tier:low": [5, 7], "tier:zero": [1, 3], "tier:high": [9]}
    assert [c.overdue.client_ids for c in found.coverage] == [(5, 7), (), (9,)]  # no contact: overdue
