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
from typing import Any

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.insights import concentration, gaps, migration, rfm
from rm_desktop.domain.tiers import tier_for
from rm_desktop.domain.worklist.outcomes import MonthRetention
from rm_desktop.i18n import t
from rm_desktop.services.insights._facts import BookFacts, ClientFacts, read_facts
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
    return build(read_facts(vault, today, starts), tuple(retention_by_month(vault, RETENTION_MONTHS, today=today)))


def build(facts: BookFacts, retention: tuple[MonthRetention, ...] = ()) -> BookInsights:
    """The figures from the facts (no I/O)."""
    clients = facts.clients
    aum = {c.id: c.aum or Decimal(0) for c in clients}

    def bar(key: str, label: str, ids: list[int]) -> Bar:
        ordered = sorted(ids, key=lambda cid: (-aum[cid], cid))
        return Bar(key, label, tuple(ordered), sum((aum[cid] for cid in ordered), Decimal(0)))

    amounts = list(aum.values())
    top_ids = sorted(aum, key=lambda cid: (-aum[cid], cid))[: concentration.top_count(len(aum))]
    tier_of = {c.id: tier_for(c.aum, facts.tiers) for c in clients}
    by_tier: dict[str, list[int]] = defaultdict(list)
    for cid, tier in tier_of.items():
        by_tier[tier.code].append(cid)
    return BookInsights(
        today=facts.today,
        clients=len(clients),
        total_aum=sum(amounts, Decimal(0)),
        pareto_share=concentration.pareto_share(amounts),
        top=bar(TOP_KEY, t("前 20% 客户", "Top 20% of clients"), top_ids),
        lorenz=concentration.lorenz_points(amounts),
        tiers=tuple(bar(f"tier:{tier.code}", tier.name(), by_tier[tier.code]) for tier in facts.tiers),
        migrations=tuple(_migration(facts, months, bar) for months in migration.HORIZONS),
        rfm=_rfm(facts, bar),
        coverage=_coverage(facts, tier_of, bar),
        gaps=_gaps(facts, bar),
        retention=retention,
    )


def _migration(facts: BookFacts, months: int, bar) -> Migration:
    since = migration.months_before(facts.today, months)
    then = facts.aum_then[since]
    moved: dict[int, list[int]] = {migration.UP: [], migration.DOWN: [], migration.SAME: []}
    for client in facts.clients:
        if client.id in then:
            moved[migration.tier_move(then[client.id], client.aum, facts.tiers)].append(client.id)
    return Migration(
        months,
        since,
        bar(f"up:{months}m", t("{}个月升级", "Up in {} months").format(months), moved[migration.UP]),
        bar(f"down:{months}m", t("{}个月降级", "Down in {} months").format(months), moved[migration.DOWN]),
        len(moved[migration.SAME]),
        len(facts.clients) - sum(len(ids) for ids in moved.values()),
    )


def _recency(client: ClientFacts, today: dt.date) -> int | None:
    last = client.last_purchase or client.last_contact
    return None if last is None else max((today - last).days, 0)


def _rfm(facts: BookFacts, bar) -> tuple[Bar, ...]:
    inputs = [rfm.RfmInput(_recency(c, facts.today), c.purchases_12m, c.aum) for c in facts.clients]
    members: dict[str, list[int]] = defaultdict(list)
    for client, score in zip(facts.clients, rfm.rfm_scores(inputs), strict=True):
        members[score.segment.code].append(client.id)
    return tuple(bar(f"rfm:{s.code}", s.name(), members[s.code]) for s in rfm.SEGMENTS)


def _coverage(facts: BookFacts, tier_of, bar) -> tuple[Coverage, ...]:
    covered: dict[str, list[int]] = defaultdict(list)
    overdue: dict[str, list[int]] = defaultdict(list)
    for client in facts.clients:
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


def _gaps(facts: BookFacts, bar) -> tuple[Bar, ...]:
    members: dict[str, list[int]] = defaultdict(list)
    for client in facts.clients:
        for kind in gaps.product_gaps(client.risk_grade, client.risk_expires_on, client.held_types, facts.today):
            members[kind].append(client.id)
    return tuple(
        bar(f"gap:{kind}", f"{PRODUCT_TYPES.label(kind)} ({risk})", members[kind])
        for kind, risk in gaps.TYPICAL_RISK.items()
    )
