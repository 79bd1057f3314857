"""RFM segmentation: quintile scores for Recency, Frequency and Monetary value, and the eight
named segments of the training material.

Inputs per client (services/insights gathers them):
  * recency: days since the last purchase (a holding's start date), or since the last contact
    for a client who never bought; None when there is neither (scores as the least recent);
  * frequency: purchases (holdings started) in the last 12 months;
  * monetary: AUM in 元 (None counts as 0).

**Scores.** Each measure is scored 1–5 by quintile of the book: a client's score is
``1 + floor(5 × b / n)`` where ``b`` is how many clients of the ``n`` are strictly worse on that
measure (longer ago / fewer purchases / less AUM). Equal values always get equal scores, so a
book where most clients bought nothing gives all of them the same F score.

**High / low.** A measure is *high* when its score is 3 or more, i.e. at least 40 % of the book
is strictly worse on it; otherwise *low*. The segments are then the usual eight:

  =====  =====  =====  ==============
  R      F      M      segment
  =====  =====  =====  ==============
  high   high   high   重要价值客户
  low    high   high   重要保持客户
  high   low    high   重要发展客户
  low    low    high   重要挽留客户
  high   high   low    一般价值客户
  low    high   low    一般保持客户
  high   low    low    一般发展客户
  low    low    low    一般挽留客户
  =====  =====  =====  ==============
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rm_desktop.i18n import t

HIGH_SCORE = 3  # a score at or above this is "high"
QUINTILES = 5


@dataclass(frozen=True)
class Segment:
    code: str
    name_zh: str
    name_en: str
    recency_high: bool
    frequency_high: bool
    monetary_high: bool

    def name(self) -> str:
        return t(self.name_zh, self.name_en)


SEGMENTS: tuple[Segment, ...] = (
    Segment("important_value", "重要价值客户", "Important value", True, True, True),
    Segment("important_keep", "重要保持客户", "Important to keep", False, True, True),
    Segment("important_develop", "重要发展客户", "Important to develop", True, False, True),
    Segment("important_retain", "重要挽留客户", "Important to win back", False, False, True),
    Segment("general_value", "一般价值客户", "General value", True, True, False),
    Segment("general_keep", "一般保持客户", "General to keep", False, True, False),
    Segment("general_develop", "一般发展客户", "General to develop", True, False, False),
    Segment("general_retain", "一般挽留客户", "General to win back", False, False, False),
)
_BY_FLAGS = {(s.recency_high, s.frequency_high, s.monetary_high): s for s in SEGMENTS}
_INDEX_BY_FLAGS = {flags: SEGMENTS.index(segment) for flags, segment in _BY_FLAGS.items()}


@dataclass(frozen=True)
class RfmInput:
    recency_days: int | None
    frequency: int
    monetary: Decimal | None


@dataclass(frozen=True)
class RfmScore:
    r: int
    f: int
    m: int

    @property
    def segment(self) -> Segment:
        return _BY_FLAGS[(self.r >= HIGH_SCORE, self.f >= HIGH_SCORE, self.m >= HIGH_SCORE)]


def quintile_scores(goodness: Sequence[float]) -> list[int]:
    """1–5 for each value, higher for better values (see the module's rule); ties share a score."""
    n = len(goodness)
    if not n:
        return []
    ordered = sorted(goodness)
    return [1 + (QUINTILES * bisect_left(ordered, value)) // n for value in goodness]


def _columns(
    recency_days: Sequence[int | None], frequency: Sequence[int], monetary: Sequence[Decimal | None]
) -> zip[tuple[int, int, int]]:
    # Goodness: larger is better. No purchase and no contact at all is the least recent.
    recency = [float("-inf") if days is None else -float(days) for days in recency_days]
    return zip(
        quintile_scores(recency),
        quintile_scores([float(n) for n in frequency]),
        quintile_scores([float(amount or 0) for amount in monetary]),
        strict=True,
    )


def rfm_scores(inputs: Sequence[RfmInput]) -> list[RfmScore]:
    """The scores of every client of a book, in the order given."""
    columns = _columns([i.recency_days for i in inputs], [i.frequency for i in inputs], [i.monetary for i in inputs])
    return [RfmScore(r, f, m) for r, f, m in columns]


def high_flags(goodness: Sequence[float], high: int = HIGH_SCORE) -> list[bool]:
    """For each value, whether its :func:`quintile_scores` score is ``high`` or more, without
    scoring it: ``1 + 5b // n >= high`` exactly when ``b``, the count of strictly worse values,
    is at least ``ceil((high - 1) n / 5)``, i.e. when the value is above the sorted book's
    entry just before that count. One sort and one C-level comparison per value (100k clients:
    a bisection and a score per value cost ~40 ms a measure; issue 15)."""
    n = len(goodness)
    reached = -(-(high - 1) * n // QUINTILES)  # ceil((high - 1) n / 5)
    if reached <= 0:
        return [True] * n
    cut = sorted(goodness)[reached - 1]
    return list(map(cut.__lt__, goodness))


def segment_indexes(
    recency_days: Sequence[int | None], frequency: Sequence[int], monetary: Sequence[Decimal | int | None]
) -> list[int]:
    """Each client's segment (:attr:`RfmScore.segment`) as its index in :data:`SEGMENTS`, from
    the three measures as columns, for a whole book without an input and a score object per
    client: only high/low matters for a segment (:func:`high_flags`). ``monetary`` may be whole
    fen (ints): only its order counts."""
    recency = [float("-inf") if days is None else -float(days) for days in recency_days]
    flags = zip(
        high_flags(recency),
        high_flags(list(map(float, frequency))),
        high_flags([float(amount or 0) for amount in monetary]),
        strict=True,
    )
    return list(map(_INDEX_BY_FLAGS.__getitem__, flags))


def rfm_segments(
    recency_days: Sequence[int | None], frequency: Sequence[int], monetary: Sequence[Decimal | int | None]
) -> list[Segment]:
    """Each client's segment (:func:`segment_indexes`)."""
    return list(map(SEGMENTS.__getitem__, segment_indexes(recency_days, frequency, monetary)))


def segment_by_name(text: str) -> Segment | None:
    """A segment by code or name, with or without the trailing 客户 (重要价值 = 重要价值客户)."""
    key = text.strip().lower()
    for segment in SEGMENTS:
        names = (segment.code, segment.name_zh, segment.name_zh.removesuffix("客户"), segment.name_en.lower())
        if key in names:
            return segment
    return None
