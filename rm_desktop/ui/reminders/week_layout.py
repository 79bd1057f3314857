"""Where things go in the calendar's week view, as plain arithmetic (no Qt, tested on its own).

Timed appointments are placed in an hour grid: overlapping ones side by side, each group of
appointments that overlap (directly or through one another) sharing its width equally.
Reminders without a time go into all-day lanes above the grid; a day with more than the lanes
hold shows as many as fit and one "+N" lane for the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

DAY_MINUTES = 24 * 60
# A block is never drawn shorter than this, so a 5-minute call still shows its time and title;
# overlaps are judged by the drawn extent so two such blocks never cover each other.
MIN_BLOCK_MINUTES = 30
FIRST_VISIBLE_HOUR = 8  # the grid opens scrolled to 08:00 (20:00 at the bottom on a laptop)


@dataclass(frozen=True)
class Column:
    """Where one timed block goes across its day: column ``index`` of ``count``."""

    index: int
    count: int


def minutes_of(when: dt.datetime | dt.time) -> int:
    return when.hour * 60 + when.minute


def drawn_span(start: int, end: int) -> tuple[int, int]:
    """The minutes a block covers on screen: within the day, at least :data:`MIN_BLOCK_MINUTES`."""
    start = min(max(start, 0), DAY_MINUTES - MIN_BLOCK_MINUTES)
    end = min(max(end, start + MIN_BLOCK_MINUTES), DAY_MINUTES)
    return start, end


def place_columns(spans: Sequence[tuple[int, int]]) -> list[Column]:
    """For one day's (start, end) minute spans, each one's column, in the order given.

    Spans are taken by start (longer first on a tie); each goes into the first column free at
    its start. A cluster ends where no span reaches past the next start, so an appointment that
    overlaps nothing keeps the full width.
    """
    drawn = [drawn_span(start, end) for start, end in spans]
    order = sorted(range(len(drawn)), key=lambda i: (drawn[i][0], -drawn[i][1]))
    result: list[Column | None] = [None] * len(drawn)
    cluster: list[int] = []
    column_ends: list[int] = []  # per column of the open cluster: where its last span ends
    cluster_end = -1

    def close() -> None:
        for i in cluster:
            column = result[i]
            assert column is not None
            result[i] = Column(column.index, len(column_ends))

    for i in order:
        start, end = drawn[i]
        if cluster and start >= cluster_end:
            close()
            cluster, column_ends, cluster_end = [], [], -1
        free = next((c for c, column_end in enumerate(column_ends) if column_end <= start), None)
        if free is None:
            free = len(column_ends)
            column_ends.append(end)
        else:
            column_ends[free] = end
        result[i] = Column(free, 0)
        cluster.append(i)
        cluster_end = max(cluster_end, end)
    close()
    return [column for column in result if column is not None]


@dataclass(frozen=True)
class Lanes:
    """The all-day area: ``rows`` lanes tall; per day, how many items show and how many are
    left to a "+N" lane (0: none)."""

    rows: int
    shown: tuple[int, ...]
    more: tuple[int, ...]


def all_day_lanes(counts: Sequence[int], capacity: int) -> Lanes:
    """Lanes for days holding ``counts`` items, at most ``capacity`` lanes (≥ 1) tall.

    A day that fits shows everything; one that does not shows ``capacity - 1`` items and a
    "+N" lane, so the "+N" always names at least two items (one more would have fitted).
    """
    capacity = max(capacity, 1)
    shown, more = [], []
    for count in counts:
        if count <= capacity:
            shown.append(count)
            more.append(0)
        else:
            shown.append(capacity - 1)
            more.append(count - (capacity - 1))
    rows = min(max(counts, default=0), capacity)
    return Lanes(rows, tuple(shown), tuple(more))


@dataclass(frozen=True)
class Grid:
    """The hour grid's geometry in pixels: a time gutter, then seven equal day columns."""

    gutter: float
    day_width: float
    hour_height: float

    def day_x(self, day: int) -> float:
        return self.gutter + day * self.day_width

    def y_of(self, minutes: int) -> float:
        return minutes * self.hour_height / 60

    def block(
        self, day: int, start: int, end: int, column: Column, gap: float = 2
    ) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a block: its share of the day column, a small gap around."""
        start, end = drawn_span(start, end)
        width = self.day_width / max(column.count, 1)
        x = self.day_x(day) + column.index * width
        return (x + gap / 2, self.y_of(start) + 1, max(width - gap, 1), max(self.y_of(end) - self.y_of(start) - 2, 1))

    def day_at(self, x: float) -> int | None:
        """The day column under ``x`` (None in the gutter or past Sunday)."""
        if x < self.gutter or self.day_width <= 0:
            return None
        day = int((x - self.gutter) // self.day_width)
        return day if 0 <= day < 7 else None

    def minutes_at(self, y: float, step: int = 30) -> int:
        """The time under ``y``, rounded down to ``step`` minutes (a new appointment's start)."""
        minutes = int(y * 60 / self.hour_height) if self.hour_height > 0 else 0
        return min(max(minutes // step * step, 0), DAY_MINUTES - step)
