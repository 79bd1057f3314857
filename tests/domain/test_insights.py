"""domain.insights: concentration, RFM segments, tier moves and product gaps on hand-made books."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import pairwise

import pytest

from rm_desktop.domain.insights import concentration, gaps, migration, rfm
from rm_desktop.domain.tiers import DEFAULT_TIERS

TODAY = dt.date(2026, 6, 15)
D = Decimal


def test_pareto_share_of_a_hand_made_book():
    # 10 clients: the top 2 (20 %) hold 800 of 1,000.
    book = [D(500), D(300), *[D(25)] * 8]
    assert concentration.top_count(len(book)) == 2
    assert concentration.pareto_share(book) == D("0.8")


def test_pareto_share_rounds_the_top_up_and_has_none_for_an_empty_book():
    assert concentration.top_count(3) == 1
    assert concentration.pareto_share([D(1), D(1), D(2)]) == D("0.5")
    assert concentration.pareto_share([]) is None
    assert concentration.pareto_share([D(0), D(0)]) is None
    assert concentration.lorenz_points([]) == []


def test_lorenz_curve_runs_from_origin_to_one_and_never_falls():
    points = concentration.lorenz_points([D(500), D(300), *[D(25)] * 8], points=10)
    assert points[0] == (0.0, 0.0) and points[-1] == (1.0, 1.0)
    assert (0.8, 0.2) in [(round(x, 6), round(y, 6)) for x, y in points]  # bottom 80 % hold 20 %
    assert all(b[1] >= a[1] and b[0] > a[0] for a, b in pairwise(points))
    assert len(concentration.lorenz_points([D(k) for k in range(1000)], points=50)) == 51


def test_quintile_scores_give_ties_one_score():
    assert rfm.quintile_scores([1, 2, 3, 4, 5]) == [1, 2, 3, 4, 5]
    assert rfm.quintile_scores([0, 0, 0, 7, 9]) == [1, 1, 1, 4, 5]
    assert rfm.quintile_scores([]) == []


def test_rfm_segments_of_a_constructed_book():
    # Ten clients, value rank k = 0…9 on each measure as chosen; high = at least 40 % worse.
    book = [rfm.RfmInput(recency_days=100 - k, frequency=k, monetary=D(k)) for k in range(10)]
    segments = [score.segment.code for score in rfm.rfm_scores(book)]
    assert segments[:4] == ["general_retain"] * 4  # worst 40 % on all three
    assert segments[4:] == ["important_value"] * 6
    mixed = [
        rfm.RfmInput(1, 0, D(900)),  # recent, rare, rich → 重要发展
        rfm.RfmInput(400, 5, D(900)),  # long ago, frequent, rich → 重要保持
        rfm.RfmInput(400, 0, D(900)),  # long ago, rare, rich → 重要挽留
        rfm.RfmInput(1, 5, D(1)),  # recent, frequent, poor → 一般价值
        rfm.RfmInput(None, 0, None),  # nothing at all → 一般挽留
    ]
    names = [score.segment.name_zh for score in rfm.rfm_scores(mixed)]
    assert names == ["重要发展客户", "重要保持客户", "重要挽留客户", "一般价值客户", "一般挽留客户"]


def test_segment_names_are_found_with_or_without_the_suffix():
    assert rfm.segment_by_name("重要价值").code == "important_value"
    assert rfm.segment_by_name("重要挽留客户").code == "important_retain"
    assert rfm.segment_by_name("general_keep").name_zh == "一般保持客户"
    assert rfm.segment_by_name("nonsense") is None
    assert len({(s.recency_high, s.frequency_high, s.monetary_high) for s in rfm.SEGMENTS}) == 8


def test_an_r4_product_is_never_a_gap_for_a_c2_client():
    valid = TODAY + dt.timedelta(days=30)
    found = gaps.product_gaps("C2", valid, (), TODAY)
    assert found and all(gaps.level(gaps.TYPICAL_RISK[kind]) <= 2 for kind in found)
    assert "fund" not in found and "metal" not in found  # R4, R3
    assert "fund" in gaps.product_gaps("C4", valid, (), TODAY)


def test_held_types_are_not_gaps():
    valid = TODAY + dt.timedelta(days=1)
    assert gaps.product_gaps("C5", valid, ("deposit", "fund"), TODAY) == ("bond", "wealth", "insurance", "metal")


@pytest.mark.parametrize(
    ("grade", "expires"),
    [("C5", TODAY - dt.timedelta(days=1)), ("C5", None), (None, TODAY + dt.timedelta(days=9)), ("X9", TODAY)],
)
def test_no_gaps_while_the_assessment_is_expired_or_missing(grade, expires):
    assert gaps.product_gaps(grade, expires, (), TODAY) == ()


def test_assessment_expiring_today_is_still_valid():
    assert gaps.product_gaps("C1", TODAY, (), TODAY) == ("deposit", "bond")


def test_months_before_clamps_to_the_end_of_the_month():
    assert migration.months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert migration.months_before(dt.date(2026, 1, 15), 12) == dt.date(2025, 1, 15)
    assert migration.months_before(dt.date(2026, 2, 10), 6) == dt.date(2025, 8, 10)


def test_tier_moves_by_rank():
    assert migration.tier_move(D(100_000), D(600_000), DEFAULT_TIERS) == migration.UP
    assert migration.tier_move(D(600_000), D(100_000), DEFAULT_TIERS) == migration.DOWN
    assert migration.tier_move(D(600_000), D(700_000), DEFAULT_TIERS) == migration.SAME
    assert migration.tier_move(D(600_000), None, DEFAULT_TIERS) == migration.DOWN


def test_tier_ranker_agrees_with_tier_for_at_every_floor():
    # The insights rank 100k clients by bisection (issue 15 perf): it must give tier_for's tier,
    # at, just below and just above each floor, in 元 and in fen, and for unordered floors too.
    from dataclasses import replace

    from rm_desktop.domain.tiers import tier_for

    unordered = (DEFAULT_TIERS[0], DEFAULT_TIERS[2], DEFAULT_TIERS[1], *DEFAULT_TIERS[3:])
    for tiers in (DEFAULT_TIERS, unordered, (replace(DEFAULT_TIERS[0], min_aum=D(10)), *DEFAULT_TIERS[1:])):
        rank, rank_fen = migration.tier_ranker(tiers), migration.tier_ranker(tiers, 100)
        amounts = [None, D(-1), D(0)] + [t.min_aum + d for t in tiers for d in (D("-0.01"), D(0), D("0.01"))]
        for aum in amounts:
            expected = tiers.index(tier_for(aum, tiers))
            assert rank(aum) == expected, (aum, tiers)
            assert rank_fen(None if aum is None else int(aum * 100)) == expected, aum
            if aum is not None:
                assert migration.ranks_above(tiers, 100)(int(aum * 100)) == expected, aum


def test_rfm_segments_by_column_are_the_scores_segments():
    book = [
        rfm.RfmInput(r, f, D(m)) for r, f, m in [(3, 5, 900), (400, 0, 10), (None, 0, 0), (30, 2, 500), (90, 1, 50)]
    ]
    columns = [i.recency_days for i in book], [i.frequency for i in book], [i.monetary for i in book]
    assert rfm.rfm_segments(*columns) == [score.segment for score in rfm.rfm_scores(book)]
