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
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.insights import concentration, gaps, migration, rfm
from rm_desktop.domain.money import from_cents
from rm_desktop.domain.worklist.outcomes import MonthRetention
from rm_desktop.i18n import t
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.insights._facts import BookFacts, ClientFacts, read_facts
from rm_desktop.services.worklist.retention import retention_by_month
from rm_desktop.storage.handle import VaultHandle

TOP_KEY = "top20"
_PURCHASES, _AUM = attrgetter("purchases_12m"), attrgetter("aum")
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


def book_insights(vault: VaultHandle, today: dt.date | None = None) -> BookInsights:
    today = today or dt.date.today()
    starts = tuple(migration.months_before(today, months) for months in migration.HORIZONS)
    with gc_paused():  # a few objects per client of the book, all alive until the end: services/batch
        return build(read_facts(vault, today, starts), tuple(retention_by_month(vault, RETENTION_MONTHS, today=today)))


def build(facts: BookFacts, retention: tuple[MonthRetention, ...] = ()) -> BookInsights:
    """The figures from the facts (no I/O).

    The clients are put in bar order (AUM descending, then id) once; every pass below walks them
    in that order, so each bar's members arrive ordered and no bar is sorted again (the 100k goal
    of issue 15: 48 keyed sorts of up to 100k ids cost more than the SQL)."""
    aum = {c.id: c.aum or Decimal(0) for c in facts.clients}
    # Whole fen as ints: summing Decimals over the book for each of ~46 bars, and sorting by
    # them, cost more than the SQL (100k clients: ~1 s of Decimal additions).
    fen = {cid: int(value.scaleb(2)) for cid, value in aum.items()}
    # Two stable sorts (by id, then by AUM descending) are cheaper than one on (-aum, id) tuples;
    # the second by positions keyed on a list (a C call per client, not a lambda's).
    by_id = sorted(facts.clients, key=attrgetter("id"))
    negative = [-fen[c.id] for c in by_id]
    clients = list(map(by_id.__getitem__, sorted(range(len(by_id)), key=negative.__getitem__)))
    fens = [-negative for negative in sorted(negative)]  # the clients' fen in bar order

    def bar(key: str, label: str, ordered: list[int]) -> Bar:
        total = sum(map(fen.__getitem__, ordered))
        # As a Decimal sum from Decimal(0) would be: 0 while no member holds any AUM (never negative).
        return Bar(key, label, tuple(ordered), from_cents(total) if total else Decimal(0))

    amounts = list(aum.values())
    top_ids = [c.id for c in clients[: concentration.top_count(len(aum))]]
    rank_fen = migration.ranks_above(facts.tiers, 100)  # the snapshots' AUM is in fen, never None
    # Ranked from the same fen (int comparisons, not Decimal ones); no AUM is the lowest tier (tier_for).
    rank_now = {c.id: 0 if c.aum is None else rank_fen(fen[c.id]) for c in clients}
    tier_of = {cid: facts.tiers[rank] for cid, rank in rank_now.items()}
    by_tier: dict[str, list[int]] = defaultdict(list)
    for cid, tier in tier_of.items():
        by_tier[tier.code].append(cid)
    return BookInsights(
        today=facts.today,
        clients=len(clients),
        total_aum=sum(amounts, Decimal(0)),
        # Shares from the whole fen, already ordered: the same ratios as from the Decimals
        # (issue 15: two sorts of 100k Decimals and 100k Decimal additions)
        pareto_share=concentration.pareto_share(fens),
        top=bar(TOP_KEY, t("前 20% 客户", "Top 20% of clients"), top_ids),
        lorenz=concentration.lorenz_points(fens),
        tiers=tuple(bar(f"tier:{tier.code}", tier.name(), by_tier[tier.code]) for tier in facts.tiers),
        migrations=tuple(_migration(facts, clients, months, rank_fen, rank_now, bar) for months in migration.HORIZONS),
        rfm=_rfm(facts, clients, bar),
        coverage=_coverage(facts, clients, tier_of, bar),
        gaps=_gaps(facts, clients, bar),
        retention=retention,
    )


def _migration(facts: BookFacts, clients: list[ClientFacts], months: int, rank_fen, rank_now, bar) -> Migration:
    since = migration.months_before(facts.today, months)
    then = facts.aum_then[since]
    up: list[int] = []
    down: list[int] = []
    same = 0
    get = then.get  # bound once: 3 × 100k turns of this loop, migration.move's rule inlined
    for cid, after in rank_now.items():  # made in bar order (build)
        before = get(cid)
        if before is not None:
            before = rank_fen(before)
            if after > before:
                up.append(cid)
            elif after < before:
                down.append(cid)
            else:
                same += 1
    return Migration(
        months,
        since,
        bar(f"up:{months}m", t("{}个月升级", "Up in {} months").format(months), up),
        bar(f"down:{months}m", t("{}个月降级", "Down in {} months").format(months), down),
        same,
        len(clients) - len(up) - len(down) - same,
    )


def _rfm(facts: BookFacts, clients: list[ClientFacts], bar) -> tuple[Bar, ...]:
    today = facts.today
    # Recency: days since the last purchase, else the last contact (none: None), in one
    # comprehension (a helper call per client of a 100k book cost more than the rule)
    recency = [
        None if (last := c.last_purchase or c.last_contact) is None else max((today - last).days, 0) for c in clients
    ]
    found = rfm.rfm_segments(recency, list(map(_PURCHASES, clients)), list(map(_AUM, clients)))
    members: dict[str, list[int]] = defaultdict(list)
    for client, segment in zip(clients, found, strict=True):
        members[segment.code].append(client.id)
    return tuple(bar(f"rfm:{s.code}", s.name(), members[s.code]) for s in rfm.SEGMENTS)


def _coverage(facts: BookFacts, clients: list[ClientFacts], tier_of, bar) -> tuple[Coverage, ...]:
    covered: dict[str, list[int]] = defaultdict(list)
    overdue: dict[str, list[int]] = defaultdict(list)
    for client in clients:
        tier = tier_of[client.id]
        cadence = client.cadence_days or tier.cadence_days
        if cadence is None:
            continue
        late = client.last_contact is None or client.last_contact + dt.timedelta(days=cadence) < facts.today
        (overdue if late else covered)[tier.code].append(client.id)
    return tuple(
        Coverage(
            tier.code,
            tier.name(),
            tier.cadence_days,
            bar(
                f"covered:{tier.code}",
                t("{} 已按周期联系", "{}: contacted in cadence").format(tier.name()),
                covered[tier.code],
            ),
            bar(
                f"overdue:{tier.code}",
                t("{} 逾期未联系", "{}: contact overdue").format(tier.name()),
                overdue[tier.code],
            ),
        )
        for tier in facts.tiers
    )


def _gaps(facts: BookFacts, clients: list[ClientFacts], bar) -> tuple[Bar, ...]:
    members: dict[str, list[int]] = defaultdict(list)
    today = facts.today
    # A client's gaps depend on the expiry date only through "still valid today": computed once
    # per (grade, valid, held types), a handful of combinations in a whole book.
    known: dict[tuple[str | None, bool, frozenset[str]], tuple[str, ...]] = {}
    for client in clients:
        expires = client.risk_expires_on
        valid = expires is not None and expires >= today
        key = (client.risk_grade, valid, client.held_types)
        found = known.get(key)
        if found is None:
            found = known[key] = gaps.product_gaps(key[0], today if valid else None, key[2], today)
        for kind in found:
            members[kind].append(client.id)
    return tuple(
        bar(f"gap:{kind}", f"{PRODUCT_TYPES.label(kind)} ({risk})", members[kind])
        for kind, risk in gaps.TYPICAL_RISK.items()
    )
