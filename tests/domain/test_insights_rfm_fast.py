"""rfm_segments' fast path (high/low from one cut per measure, no score per client) gives each
client the segment its quintile scores give (rfm_scores, the reference): on random columns
with many ties, None recencies and no AUM, and for every threshold of high_flags."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.insights import rfm

_days = st.one_of(st.none(), st.integers(0, 40))  # few distinct values: ties everywhere
_money = st.one_of(st.none(), st.sampled_from([Decimal(0), Decimal("0.01"), Decimal(5000), Decimal("123456.78")]))
_books = st.lists(st.tuples(_days, st.integers(0, 4), _money), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_books)
def test_segments_equal_the_scores_segments(book):
    inputs = [rfm.RfmInput(days, count, money) for days, count, money in book]
    expected = [score.segment for score in rfm.rfm_scores(inputs)]
    found = rfm.rfm_segments(
        [i.recency_days for i in inputs], [i.frequency for i in inputs], [i.monetary for i in inputs]
    )
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([float("-inf"), -3.0, 0.0, 0.5, 2.0, 7.0]), max_size=40), st.integers(1, 6))
def test_high_flags_equal_score_at_least(values, high):
    assert rfm.high_flags(values, high) == [score >= high for score in rfm.quintile_scores(values)]


def test_a_hand_computed_book():
    # 5 clients: b (strictly worse) = 0..4, scores 1..5; high (>= 3) from b >= 2
    assert rfm.high_flags([10.0, 20.0, 30.0, 40.0, 50.0]) == [False, False, True, True, True]
    assert rfm.high_flags([0.0, 0.0, 0.0, 7.0, 9.0]) == [False, False, False, True, True]
    assert rfm.high_flags([]) == []
