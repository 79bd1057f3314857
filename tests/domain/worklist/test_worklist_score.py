"""The worklist score by hand: factors, the top-N order, hard deadlines first, ties, the "why",
refused weights, and one item per maturing holding."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.reminders import KIND_MATURITY, ClientFacts, HoldingFacts, ReminderSettings, compute_reminders
from rm_desktop.domain.worklist import Candidate, ClientContext, WorklistSettings, explain, plan_and_rest, rank
from rm_desktop.domain.worklist.items import HoldingContext, outcome_candidate, reminder_candidates
from rm_desktop.domain.worklist.model import parse_weights
from rm_desktop.i18n import set_language

TODAY = dt.date(2026, 6, 15)
SETTINGS = WorklistSettings(
    capacity=2,
    kind_weights={"cadence": 1.0, "birthday": 1.0, "follow_up": 1.0},
    tier_weights={"private": 2.0},
)


def client(cid: int, wan: int | None, tier: str | None = None, cadence: int | None = None) -> ClientContext:
    aum = Decimal(wan * 10_000) if wan is not None else None
    return ClientContext(
        cid, f"客户{cid}", tier, "私行客户" if tier == "private" else "", aum, TODAY - dt.timedelta(days=41), cadence
    )


def item(cid: int, wan: int | None, due_days: int, kind: str = "cadence", **kw) -> Candidate:
    tier = kw.pop("tier", None)
    cadence = kw.pop("cadence", None)
    return Candidate(
        f"{kind}:{cid}:{due_days}",
        kind,
        client(cid, wan, tier, cadence),
        TODAY + dt.timedelta(days=due_days),
        "x",
        "x",
        **kw,
    )


def test_factors_are_the_documented_ones():
    # 31万 → 1 + log2(32) = 6; private ×2; 10 days late → 2; cadence 15 days → 30/15 = 2
    factors = explain(item(1, 31, -10, tier="private", cadence=15), TODAY, SETTINGS)
    assert factors == {"value": 6.0, "tier": 2.0, "kind": 1.0, "urgency": 2.0, "cadence": 2.0, "score": 48.0}
    # no assets: value 1; a week ahead: urgency 1/2; no cadence: 1
    assert explain(item(2, None, 7), TODAY, SETTINGS)["score"] == 0.5


def test_top_n_matches_a_hand_computed_ranking():
    a = item(1, 3, 0)  # 1 + log2(4) = 3, today: 3
    b = item(2, 7, -10)  # 4 × 2 = 8
    c = item(3, 1, 0, tier="private")  # 2 × 2 = 4
    d = item(4, 15, 7)  # 5 × 0.5 = 2.5
    e = item(5, 0, -30)  # 1 × 4 = 4, due earlier than c: before it in a tie
    ranked = rank([a, b, c, d, e], TODAY, SETTINGS)
    assert [(i.client_id, i.score) for i in ranked] == [(2, 8.0), (5, 4.0), (3, 4.0), (1, 3.0), (4, 2.5)]
    plan, rest = plan_and_rest(ranked, SETTINGS.capacity)
    assert [i.client_id for i in plan] == [2, 5] and [i.client_id for i in rest] == [3, 1, 4]


def test_hard_deadlines_come_first_and_ties_go_by_due_date_then_client():
    small_hard = item(9, 0, 0, kind="follow_up", hard=True)
    big = item(1, 1000, 0)
    tie_late_client = item(8, 1, 0)
    tie_early_client = item(7, 1, 0)
    ranked = rank([tie_late_client, big, small_hard, tie_early_client], TODAY, SETTINGS)
    assert [i.client_id for i in ranked] == [9, 1, 7, 8]
    # the input order does not matter
    assert [i.key for i in rank([tie_early_client, small_hard, tie_late_client, big], TODAY, SETTINGS)] == [
        i.key for i in ranked
    ]


def test_empty_book_gives_an_empty_plan():
    assert plan_and_rest(rank([], TODAY, SETTINGS), 8) == ([], [])


@pytest.mark.parametrize("text", ["private:0", "private:-1", "cadence:abc", "private"])
def test_zero_negative_and_junk_weights_are_refused(text):
    with pytest.raises(ValidationError) as refused:
        parse_weights(text, "worklist_tier_weights")
    assert refused.value.field == "worklist_tier_weights"
    with pytest.raises(ValidationError):
        WorklistSettings(tier_weights={"private": 0.0})


def test_maturity_is_one_item_at_its_nearest_stage_and_the_why_hides_amounts():
    set_language("zh_CN")
    maturity = TODAY + dt.timedelta(days=1)
    facts = HoldingFacts(5, 1, "客户1", "稳利 90 天", maturity)
    reminders = compute_reminders(TODAY, 0, holdings=[facts], settings=ReminderSettings(), overdue_lookback_days=60)
    assert len([r for r in reminders if r.kind == KIND_MATURITY]) == 3  # T-30, T-7, T-1 all shown by today
    holdings = {5: HoldingContext(5, "稳利 90 天", Decimal(500_000), maturity)}
    [candidate] = reminder_candidates(reminders, TODAY, {1: client(1, 300, "private")}, holdings)
    assert candidate.stage == 1 and candidate.hard
    [scored] = rank([candidate], TODAY, SETTINGS)
    assert scored.why() == "到期 50万 T-1（稳利 90 天） · 私行客户 · 上次联系 41 天前"
    assert "50" not in scored.why(hidden="••••")
    set_language("en")
    assert scored.why() == "matures 500k T-1 (稳利 90 天) · 私行客户 · last contact 41 days ago"
    set_language("zh_CN")


def test_a_t30_notice_is_low_urgency_and_a_passed_maturity_becomes_the_outcome_prompt():
    far = TODAY + dt.timedelta(days=30)
    reminders = compute_reminders(TODAY, 0, holdings=[HoldingFacts(6, 1, "客户1", "定期", far)])
    [candidate] = reminder_candidates(reminders, TODAY, {}, {})
    assert candidate.stage == 30 and not candidate.hard
    assert math.isclose(explain(candidate, TODAY, SETTINGS)["urgency"], 1 / (1 + 30 / 7))
    passed = TODAY - dt.timedelta(days=2)
    old = compute_reminders(TODAY, 0, holdings=[HoldingFacts(7, 1, "客户1", "定期", passed)])
    assert old and reminder_candidates(old, TODAY, {}, {}) == []
    prompt = outcome_candidate(HoldingContext(7, "定期{x}", None, passed), None, TODAY)
    assert prompt.hard and "定期{x}" in rank([prompt], TODAY, SETTINGS)[0].why()


def test_clients_without_assets_grade_or_tier_still_rank():
    bare = Candidate("cadence:1:never", "cadence", ClientContext(1, "无名"), TODAY, "例行", "regular")
    [scored] = rank([bare], TODAY, WorklistSettings())
    assert scored.score == 1.0 and scored.why() == "例行 · 从未联系"
    facts = ClientFacts(1, "无名", None)
    assert compute_reminders(TODAY, 0, clients=[facts]) == []  # nothing due without a cadence
