"""The worklist's lazy order (domain/worklist/score.Ranking, issue 19.4) against the
straightforward one: every candidate scored alone by score_item, the whole list sorted by
order_key, then cut into the plan and the rest by kind. The plan found without sorting, each
group sorted when read and the whole list must be those lists item for item, on books with
many ties (few scores, few due days, shared clients), hard items fewer or more than the plan,
and kinds outside the page's order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.worklist import Candidate, ClientContext, Ranking, WorklistSettings
from rm_desktop.domain.worklist.score import order_key, score_item

TODAY = dt.date(2026, 12, 2)
ORDER = ("follow_up", "maturity", "churn", "cadence")  # "birthday" and "odd" are not named: last
KINDS = (*ORDER, "birthday", "odd")
SETTINGS = WorklistSettings(tier_weights={"private": 2.0}, kind_weights={"follow_up": 3.0, "odd": 0.5})

clients = st.one_of(
    st.none(),
    st.builds(
        ClientContext,
        st.integers(1, 6),
        st.just("客户"),
        st.sampled_from((None, "private", "basic")),
        st.just(""),
        st.sampled_from((None, Decimal(0), Decimal(300_000), Decimal(2_500_000))),
        st.none(),
        st.sampled_from((None, 30, 90)),
    ),
)
candidate = st.tuples(
    st.sampled_from(KINDS),
    clients,
    st.integers(-3, 3),  # due days: few, so that scores and dates tie
    st.booleans(),
    st.sampled_from((None, Decimal(100_000))),
)


def _candidates(rows) -> list[Candidate]:
    return [
        Candidate(
            f"{kind}:{n % 7}", kind, client, TODAY + dt.timedelta(days=days), "事项", "item", hard=hard, stake=stake
        )
        for n, (kind, client, days, hard, stake) in enumerate(rows)
    ]


def _reference(candidates: list[Candidate], capacity: int):
    ranked = sorted((score_item(c, TODAY, SETTINGS) for c in candidates), key=order_key)  # stable: input order last
    plan, rest = ranked[:capacity], ranked[capacity:]
    groups: dict[str, list] = {kind: [] for kind in ORDER}
    for item in rest:
        groups.setdefault(item.kind, []).append(item)
    return ranked, plan, [(kind, items) for kind, items in groups.items() if items]


def _seen(items) -> list[tuple]:
    return [(i.key, i.kind, i.score, i.due, i.client_id) for i in items]


@settings(max_examples=300, deadline=None)
@given(st.lists(candidate, max_size=60), st.integers(1, 12))
def test_the_plan_and_the_groups_are_the_full_order_cut(rows, capacity):
    candidates = _candidates(rows)
    ranked, plan, groups = _reference(candidates, capacity)
    lazy = Ranking(candidates, TODAY, SETTINGS)
    assert _seen(lazy.top(capacity)) == _seen(plan)
    found = lazy.groups(capacity, ORDER)
    assert [(kind, len(items)) for kind, items in found] == [(kind, len(items)) for kind, items in groups]
    assert [(kind, _seen(items)) for kind, items in found] == [(kind, _seen(items)) for kind, items in groups]
    assert _seen(lazy.all()) == _seen(ranked)
    assert lazy.top(capacity) == lazy.all()[:capacity]  # and once sorted, the same slice


def test_a_group_is_sorted_only_when_read():
    candidates = _candidates([(KINDS[n % len(KINDS)], None, n % 5 - 2, n % 9 == 0, None) for n in range(200)])
    lazy = Ranking(candidates, TODAY, SETTINGS)
    plan = lazy.top(8)
    groups = dict(lazy.groups(8, ORDER))
    assert len(plan) == 8 and lazy._order is None and all(g._items is None for g in groups.values())
    first = groups["churn"][0]
    assert groups["churn"]._items is not None and groups["cadence"]._items is None
    assert first is next(i for i in lazy.all() if i.kind == "churn" and i not in plan)  # one item per candidate
