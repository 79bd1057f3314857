"""The figures of the insights page (经营洞察) and of ``insights --json``, computed in one pass
over facts read by set-based SQL (:mod:`._facts`). Every bar carries the ids of the clients
behind it, so a click (or ``insights --segment``) lists exactly those clients.

Rules, all with an injected ``today``:
  * 二八: the share of AUM held by the top 20 % of clients (domain.insights.concentration).
  * Tiers: clients and AUM per tier of the tier setting, by each client's AUM (domain.tiers).
  * Migration over 3/6/12 months: the tier of the AUM snapshot nearest before the start against
    the tier of today's AUM; a client with no snapshot that old is counted as "no history".
  * RFM: domain.insights.rfm (recency from the last purchase, else the last contact).
  * Coverage: a client has a cadence (their own, else their tier's); *covered* means contacted
    within it as of today (last contact + cadence ≥ today: the same rule as the reminders and
    the client list's "overdue" filter), *overdue* the others, never-contacted included. Tiers
    without a cadence are listed with no share.
  * Product gaps: domain.insights.gaps, per product type.
  * Retention (到期承接) per month: services/worklist/retention, the one function for that figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import compress
from typing import Any

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.insights import concentration, gaps, migration, rfm
from rm_desktop.domain.money import from_cents
from rm_desktop.domain.worklist.outcomes import MonthRetention
from rm_desktop.i18n import t
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.insights._facts import BookFacts, Columns, Stamp, columns, read_facts
from rm_desktop.services.worklist.retention import retention_by_month
from rm_desktop.storage.handle import VaultHandle

TOP_KEY = "top20"
RETENTION_MONTHS = 12


@dataclass(frozen=True)
class Bar:
    """One bar or segment: a stable key (``tier:wealth``, ``rfm:important_value`` …), its label,
    the clients behind it (AUM descending) and their AUM."""

    key: str
    label: str
    client_ids: tuple[int, ...]
    aum: Decimal

    @property
    def count(self) -> int:
        return len(self.client_ids)

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "count": self.count, "aum": str(self.aum)}


@dataclass(frozen=True)
class Migration:
    months: int
    since: dt.date
    up: Bar
    down: Bar
    same: int
    no_history: int


@dataclass(frozen=True)
class Coverage:
    tier_code: str
    label: str
    cadence_days: int | None
    covered: Bar
    overdue: Bar

    @property
    def share(self) -> Decimal | None:
        total = self.covered.count + self.overdue.count
        return Decimal(self.covered.count) / total if total else None


@dataclass(frozen=True)
class BookInsights:
    today: dt.date
    clients: int
    total_aum: Decimal
    pareto_share: Decimal | None
    top: Bar  # the top 20 % by AUM
    lorenz: list[tuple[float, float]]
    tiers: tuple[Bar, ...]
    migrations: tuple[Migration, ...]
    rfm: tuple[Bar, ...]
    coverage: tuple[Coverage, ...]
    gaps: tuple[Bar, ...]
    retention: tuple[MonthRetention, ...] = ()  # oldest month first
    # What the vault was when these were read (._facts.Stamp): book_insights hands them back
    # unchanged while it still holds; None for figures built from facts given directly.
    stamp: Stamp | None = field(default=None, compare=False, repr=False)

    def bars(self) -> dict[str, Bar]:
        """Every clickable bar by key."""
        found = [self.top, *self.tiers, *self.rfm, *self.gaps]
        for move in self.migrations:
            found += [move.up, move.down]
        for cover in self.coverage:
            found += [cover.covered, cover.overdue]
        return {bar.key: bar for bar in found}

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "clients": self.clients,
            "total_aum": str(self.total_aum),
            "pareto": {
                "top_share": None if self.pareto_share is None else round(float(self.pareto_share), 4),
                "top_clients": self.top.count,
                "top_aum": str(self.top.aum),
            },
            "tiers": [bar.as_json() for bar in self.tiers],
            "migration": [
                {
                    "months": m.months,
                    "since": m.since.isoformat(),
                    "up": m.up.as_json(),
                    "down": m.down.as_json(),
                    "same": m.same,
                    "no_history": m.no_history,
                }
                for m in self.migrations
            ],
            "rfm": [bar.as_json() for bar in self.rfm],
            "coverage": [
                {
                    "tier": c.tier_code,
                    "label": c.label,
                    "cadence_days": c.cadence_days,
                    "covered": c.covered.count,
                    "overdue": c.overdue.count,
                    "share": None if c.share is None else round(float(c.share), 4),
                }
                for c in self.coverage
            ],
            "product_gaps": [bar.as_json() for bar in self.gaps],
            "retention": [month.as_dict() for month in self.retention],
        }


def book_insights(
    vault: VaultHandle, today: dt.date | None = None, previous: BookInsights | None = None
) -> BookInsights:
    """The figures as of ``today``; ``previous`` itself when nothing was committed to the vault
    since it was read, on the same day and in the same language (the page shown again)."""
    today = today or dt.date.today()
    starts = tuple(migration.months_before(today, months) for months in migration.HORIZONS)
    with gc_paused():  # a few objects per client of the book, all alive until the end: services/batch
        # The stamp is taken before any of the reads, retention's included: a commit after it
        # shows at the next call, so the figures handed back are never older than the vault.
        now, facts = read_facts(vault, today, starts, None if previous is None else previous.stamp)
        if facts is None:
            assert previous is not None
            return previous
        found = build(facts, tuple(retention_by_month(vault, RETENTION_MONTHS, today=today)))
        return replace(found, stamp=now)


def build(facts: BookFacts, retention: tuple[MonthRetention, ...] = ()) -> BookInsights:
    """The figures from the facts (no I/O).

    The clients become columns (._facts.columns); each figure is a column of small codes (a tier's
    rank, a segment, covered or not …) put in bar order (AUM descending, then id) and split into
    the positions of each bar, so each bar's members arrive ordered, no bar is sorted again and
    no pass makes an object per client (the 100k goal of issue 15). AUM is added up in whole fen
    (ints): ~46 Decimal sums over the book cost more than the SQL."""
    cols = columns(facts)
    ids, fens = cols.bar_ids, cols.bar_fens

    def picked(key: str, label: str, members: tuple[int, ...], total: int) -> Bar:
        # As a Decimal sum from Decimal(0) would be: 0 while no member holds any AUM (never negative).
        return Bar(key, label, members, from_cents(total) if total else Decimal(0))

    def at(key: str, label: str, positions: list[int]) -> Bar:
        return picked(key, label, tuple(map(ids.__getitem__, positions)), sum(map(fens.__getitem__, positions)))

    def masked(key: str, label: str, mask: list[bool]) -> Bar:
        return picked(key, label, tuple(compress(ids, mask)), sum(compress(fens, mask)))

    def groups(codes: list[Any]) -> defaultdict[Any, list[int]]:
        return _positions(cols.in_bar_order(codes))

    top = concentration.top_count(len(ids))
    by_tier = groups(cols.ranks)
    everyone = sum(fens)
    return BookInsights(
        today=facts.today,
        clients=len(ids),
        total_aum=from_cents(everyone) if everyone else Decimal(0),
        # Shares from the whole fen, already ordered: the same ratios as from the Decimals
        pareto_share=concentration.pareto_share(fens),
        top=picked(TOP_KEY, t("前 20% 客户", "Top 20% of clients"), tuple(ids[:top]), sum(fens[:top])),
        lorenz=concentration.lorenz_points(fens),
        tiers=tuple(at(f"tier:{tier.code}", tier.name(), by_tier[rank]) for rank, tier in enumerate(facts.tiers)),
        migrations=tuple(_migration(facts, cols, months, groups, at) for months in migration.HORIZONS),
        rfm=_rfm(facts, cols, groups, at),
        coverage=_coverage(facts, cols, groups, at),
        gaps=_gaps(facts, cols, masked),
        retention=retention,
    )


def _positions(codes: list[Any]) -> defaultdict[Any, list[int]]:
    """Code → the positions holding it, ascending (one pass for all the groups)."""
    found: defaultdict[Any, list[int]] = defaultdict(list)
    for position, code in enumerate(codes):
        found[code].append(position)
    return found


def _migration(facts: BookFacts, cols: Columns, months: int, groups, at) -> Migration:
    since = migration.months_before(facts.today, months)
    then = facts.aum_then[since]
    rank_fen = migration.ranks_above(facts.tiers, 100)  # the snapshots' AUM is in fen, never None
    before = dict(zip(then, map(rank_fen, then.values()), strict=True))
    # migration.move's rule inlined (UP 1, SAME 0, DOWN -1); None: no snapshot that old
    moves = groups(
        [
            None if was is None else (now > was) - (now < was)
            for now, was in zip(cols.ranks, map(before.get, cols.ids), strict=True)
        ]
    )
    return Migration(
        months,
        since,
        at(f"up:{months}m", t("{}个月升级", "Up in {} months").format(months), moves[migration.UP]),
        at(f"down:{months}m", t("{}个月降级", "Down in {} months").format(months), moves[migration.DOWN]),
        len(moves[migration.SAME]),
        len(moves[None]),
    )


def _rfm(facts: BookFacts, cols: Columns, groups, at) -> tuple[Bar, ...]:
    today = facts.today.toordinal()
    # Recency: days since the last purchase, else the last contact (none: None)
    recency = [
        None if (last := bought or contact) is None else max(today - last, 0)
        for bought, contact in zip(cols.purchases, cols.contacts, strict=True)
    ]
    members = groups(rfm.segment_indexes(recency, cols.bought, cols.fens))
    return tuple(at(f"rfm:{s.code}", s.name(), members[n]) for n, s in enumerate(rfm.SEGMENTS))


def _coverage(facts: BookFacts, cols: Columns, groups, at) -> tuple[Coverage, ...]:
    today = facts.today.toordinal()
    tier_cadence = [tier.cadence_days for tier in facts.tiers]
    # Per client 2 × tier rank + 1 if contacted within their cadence (their own, else their
    # tier's), or None without a cadence: small ints, which Python shares (._facts.Columns).
    states = groups(
        [
            None
            if (cadence := own or tier_cadence[rank]) is None
            else 2 * rank + (contact is not None and contact + cadence >= today)
            for own, rank, contact in zip(cols.cadences, cols.ranks, cols.contacts, strict=True)
        ]
    )
    return tuple(
        Coverage(
            tier.code,
            tier.name(),
            tier.cadence_days,
            at(
                f"covered:{tier.code}",
                t("{} 已按周期联系", "{}: contacted in cadence").format(tier.name()),
                states[2 * rank + 1],
            ),
            at(
                f"overdue:{tier.code}",
                t("{} 逾期未联系", "{}: contact overdue").format(tier.name()),
                states[2 * rank],
            ),
        )
        for rank, tier in enumerate(facts.tiers)
    )


def _gaps(facts: BookFacts, cols: Columns, masked) -> tuple[Bar, ...]:
    today = facts.today
    day = today.toordinal()
    # A client's gaps depend on the expiry date only through "still valid today": computed once
    # per (grade, valid, held types), a handful of combinations in a whole book, each numbered.
    valid = [expires is not None and expires >= day for expires in cols.expires]
    keys = list(zip(cols.grades, valid, cols.held, strict=True))
    number = {key: n for n, key in enumerate(set(keys))}
    found = [
        gaps.product_gaps(grade, today if ok else None, held.split(",") if held else (), today)
        for grade, ok, held in number
    ]
    numbers = cols.in_bar_order(list(map(number.__getitem__, keys)))
    return tuple(
        masked(
            f"gap:{kind}",
            f"{PRODUCT_TYPES.label(kind)} ({risk})",
            list(map(frozenset(n for n, kinds in enumerate(found) if kind in kinds).__contains__, numbers)),
        )
        for kind, risk in gaps.TYPICAL_RISK.items()
    )
