"""rank()'s fast path (each factor worked out once per client, kind and due day) against the
reference path, each candidate scored alone by score_item and sorted by order_key: the same
items, scores, order and reasons on a seeded book of shared clients, stakes, ties and items
without a client. And the reminder engine's unsorted list (the worklist's input) holds the
same reminders as its sorted one."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from rm_desktop.domain.reminders import ClientFacts, HoldingFacts, ReminderSettings, compute_reminders
from rm_desktop.domain.worklist import Candidate, ClientContext, WorklistSettings, rank
from rm_desktop.domain.worklist.score import order_key, score_item

TODAY = dt.date(2026, 12, 2)
KINDS = ("cadence", "follow_up", "maturity", "birthday", "churn", "custom", "unknown_kind")
TIERS = (None, "basic", "private", "wealth", "bank_own")


def _book(seed: int, size: int = 3000) -> list[Candidate]:
    rng = random.Random(seed)
    clients: list[ClientContext | None] = [None]
    for cid in range(1, size // 4):
        aum = None if rng.random() < 0.1 else Decimal(rng.choice((0, 1, 5000, 300_000, 2_500_000, 31_000_000)))
        cadence = rng.choice((None, 0, 7, 30, 90, 365))
        last = None if rng.random() < 0.2 else TODAY - dt.timedelta(days=rng.randrange(400))
        clients.append(ClientContext(cid, f"客户{cid}", rng.choice(TIERS), "层级", aum, last, cadence))
    out = []
    for n in range(size):
        kind = rng.choice(KINDS)
        stake = Decimal(rng.choice((100_000, 500_000))) if kind == "maturity" and rng.random() < 0.7 else None
        out.append(
            Candidate(
                key=f"{kind}:{n}",
                kind=kind,
                client=rng.choice(clients),
                due=TODAY + dt.timedelta(days=rng.randrange(-40, 31)),
                head_zh="到期 {amount}" if stake is not None else "事项",
                head_en="matures {amount}" if stake is not None else "item",
                amounts={"amount": stake} if stake is not None else {},
                stake=stake,
                hard=rng.random() < 0.05,
            )
        )
    return out


def test_rank_equals_the_reference_path_item_by_item():
    settings = WorklistSettings(tier_weights={"private": 2.0, "basic": 0.5}, kind_weights={"follow_up": 3.0})
    for seed in (1, 2, 3):
        candidates = _book(seed)
        reference = sorted((score_item(c, TODAY, settings) for c in candidates), key=order_key)
        fast = rank(candidates, TODAY, settings)
        assert [(i.key, i.score, i.why()) for i in fast] == [(i.key, i.score, i.why()) for i in reference]
        assert len({i.score for i in fast}) > 50  # a varied book, not one score for all


def test_the_engines_unsorted_list_has_the_same_reminders():
    rng = random.Random(7)
    clients = [
        ClientFacts(c, f"客户{c}", "basic", last_contact=TODAY - dt.timedelta(days=rng.randrange(200)))
        for c in range(200)
    ]
    holdings = [
        HoldingFacts(h, h % 200, f"客户{h % 200}", "理财", TODAY + dt.timedelta(days=rng.randrange(-7, 31)))
        for h in range(300)
    ]
    settings = ReminderSettings(cadence_days={"basic": 30})
    args = (TODAY, 7, clients, holdings, (), (), settings)
    ordered, loose = compute_reminders(*args), compute_reminders(*args, ordered=False)
    assert len(ordered) > 100 and ordered != loose
    assert sorted(loose, key=lambda r: r.key) == sorted(ordered, key=lambda r: r.key)
