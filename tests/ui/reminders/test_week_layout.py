"""The week view's layout arithmetic, without Qt: overlap columns, all-day overflow, geometry."""

from __future__ import annotations

from rm_desktop.ui.reminders.week_layout import (
    DAY_MINUTES,
    MIN_BLOCK_MINUTES,
    Column,
    Grid,
    all_day_lanes,
    drawn_span,
    place_columns,
)


def h(hour: float) -> int:
    return int(hour * 60)


def test_an_appointment_alone_keeps_the_full_width():
    assert place_columns([(h(9), h(10)), (h(14), h(15))]) == [Column(0, 1), Column(0, 1)]


def test_overlapping_appointments_go_side_by_side_in_the_order_given():
    # 9–11 and 10–12 overlap; 11–12 starts where the first ends: it reuses column 0.
    spans = [(h(10), h(12)), (h(9), h(11)), (h(11), h(12))]
    assert place_columns(spans) == [Column(1, 2), Column(0, 2), Column(0, 2)]


def test_a_chain_of_overlaps_shares_one_width_and_the_next_cluster_starts_fresh():
    spans = [(h(9), h(10)), (h(9.5), h(11)), (h(10.5), h(12)), (h(13), h(14))]
    columns = place_columns(spans)
    assert [c.count for c in columns[:3]] == [2, 2, 2]  # 9–10 and 10:30–12 share column 0
    assert columns[0].index == columns[2].index != columns[1].index
    assert columns[3] == Column(0, 1)


def test_three_at_once_get_three_columns():
    columns = place_columns([(h(14), h(15))] * 3)
    assert sorted(c.index for c in columns) == [0, 1, 2] and {c.count for c in columns} == {3}


def test_short_appointments_are_judged_by_their_drawn_height():
    # Two 5-minute calls 10 minutes apart would overlap once drawn 30 minutes tall.
    columns = place_columns([(h(9), h(9) + 5), (h(9) + 10, h(9) + 15)])
    assert {c.count for c in columns} == {2}
    assert drawn_span(h(9), h(9) + 5) == (h(9), h(9) + MIN_BLOCK_MINUTES)
    assert drawn_span(DAY_MINUTES - 5, DAY_MINUTES + 60)[1] == DAY_MINUTES  # clipped at midnight


def test_no_spans_no_columns():
    assert place_columns([]) == []


def test_all_day_lanes_overflow_into_a_more_lane():
    lanes = all_day_lanes([0, 2, 3, 7], capacity=3)
    assert lanes.rows == 3
    assert lanes.shown == (0, 2, 3, 2) and lanes.more == (0, 0, 0, 5)
    # "+N" always hides at least two: the lane it takes could have held one.
    assert all(more == 0 or more >= 2 for more in all_day_lanes([4, 5], 3).more)


def test_all_day_lanes_are_as_tall_as_the_fullest_day():
    assert all_day_lanes([1, 0, 1], capacity=4).rows == 1
    assert all_day_lanes([], capacity=4).rows == 0
    assert all_day_lanes([3], capacity=0) == all_day_lanes([3], capacity=1)


def test_grid_geometry_and_hit_testing():
    grid = Grid(gutter=50, day_width=100, hour_height=40)
    x, y, width, height = grid.block(2, h(14), h(15), Column(1, 2))
    assert 300 < x < 350 and y == 14 * 40 + 1 and width < 50 and height == 40 - 2
    assert grid.day_at(x) == 2 and grid.day_at(10) is None and grid.day_at(50 + 7 * 100) is None
    assert grid.minutes_at(y + 5) == h(14) and grid.minutes_at(-5) == 0
    assert grid.minutes_at(10_000) == DAY_MINUTES - 30
