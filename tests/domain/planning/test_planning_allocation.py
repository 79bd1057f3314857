"""Asset classes, holdings mapping, allocation drift, and the default life-cycle allocations."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.planning import (
    PRODUCT_TYPES,
    AssetClass,
    LifeStage,
    RiskGrade,
    allocation_drift,
    amounts_by_class,
    asset_class_for,
    default_allocation_note,
    default_allocation_table,
    default_target_allocation,
    product_type_label,
)
from rm_desktop.domain.planning.allocation import apportion
from rm_desktop.i18n import set_language

CASH, FIXED, EQUITY, ALT, INS = list(AssetClass)


def test_labels_in_both_languages():
    assert [c.label for c in AssetClass] == ["现金类", "固定收益", "权益类", "另类/贵金属", "保险保障"]
    assert product_type_label("wealth") == "理财产品"
    assert LifeStage.GROWTH.label == "家庭成长期"
    assert RiskGrade.C3.label == "C3 平衡型"
    set_language("en")
    assert EQUITY.label == "Equity"
    assert LifeStage.RETIREMENT.label == "Retirement"


def test_every_product_type_maps_to_an_asset_class():
    assert PRODUCT_TYPES == ("deposit", "wealth", "fund", "insurance", "bond", "metal", "other")
    assert [asset_class_for(code) for code in PRODUCT_TYPES] == [CASH, FIXED, EQUITY, INS, FIXED, ALT, ALT]
    with pytest.raises(ValidationError) as err:
        asset_class_for("stock")
    assert err.value.field == "product_type" and "stock" in err.value.message


def test_amounts_by_class_sums_holdings():
    held = amounts_by_class([("deposit", D("100000")), ("bond", 20000), ("wealth", D("30000.50")), ("metal", 5000)])
    assert held == {CASH: D("100000"), FIXED: D("50000.50"), EQUITY: 0, ALT: D("5000"), INS: 0}
    with pytest.raises(ValidationError):
        amounts_by_class([("deposit", -1)])


def test_drift_by_hand():
    target = {CASH: 20, FIXED: 30, EQUITY: 40, ALT: 5, INS: 5}
    rows = allocation_drift(target, {CASH: 50000, FIXED: 30000, EQUITY: 20000})
    assert [r.asset_class for r in rows] == list(AssetClass)
    assert [r.current_pct for r in rows] == [D(50), D(30), D(20), 0, 0]
    assert [r.drift_pct for r in rows] == [D(30), 0, D(-20), D(-5), D(-5)]
    assert [r.amount_to_rebalance for r in rows] == [D(-30000), 0, D(20000), D(5000), D(5000)]


def test_drift_accepts_codes_as_keys_and_splits_thirds_exactly():
    rows = allocation_drift(
        {"cash": D("33.34"), "fixed_income": D("33.33"), "equity": D("33.33")},
        {"cash": 100, "fixed_income": 100, "equity": 100},
    )
    assert [r.current_pct for r in rows[:3]] == [D("33.34"), D("33.33"), D("33.33")]
    assert all(r.drift_pct == 0 for r in rows)
    # 33.34% of 300 is 100.02: the percentages match, the cents still differ.
    assert [r.amount_to_rebalance for r in rows[:3]] == [D("0.02"), D("-0.01"), D("-0.01")]


def test_drift_with_no_holdings_shows_the_target_only():
    rows = allocation_drift({CASH: 100}, {})
    assert rows[0].current_pct == 0 and rows[0].drift_pct == D(-100) and rows[0].amount_to_rebalance == 0


@pytest.mark.parametrize(
    "target, current, field, text",
    [
        ({CASH: 50, EQUITY: 45}, {}, "target_allocation", "95"),
        ({CASH: 110, EQUITY: -10}, {}, "target_allocation.cash", "110"),
        ({"gold": 100}, {}, "target_allocation", "gold"),
        ({CASH: 100}, {EQUITY: -5}, "current_amounts.equity", "-5"),
    ],
)
def test_drift_refuses_bad_input(target, current, field, text):
    with pytest.raises(ValidationError) as err:
        allocation_drift(target, current)
    assert err.value.field == field and text in err.value.message


def test_apportion_hands_leftovers_to_the_largest_remainders():
    assert apportion(D(100), [D(1), D(1), D(1)], D("0.01")) == [D("33.34"), D("33.33"), D("33.33")]
    assert apportion(D(10), [D(1), D(2), D(3)], D(1)) == [D(2), D(3), D(5)]  # 1.67, 3.33, 5: 1.67 gets it


weights = st.decimals(min_value=0, max_value=1000, places=2)
money = st.decimals(min_value=0, max_value=100_000_000, places=2)


@settings(max_examples=200)
@given(target_weights=st.lists(weights, min_size=5, max_size=5), amounts=st.lists(money, min_size=5, max_size=5))
def test_drift_rows_sum_to_zero(target_weights, amounts):
    assume(sum(target_weights) > 0 and sum(amounts) > 0)
    classes = list(AssetClass)
    target = dict(zip(classes, apportion(D(100), target_weights, D("0.01")), strict=False))
    rows = allocation_drift(target, dict(zip(classes, amounts, strict=False)))
    assert sum(r.current_pct for r in rows) == 100
    assert sum(r.drift_pct for r in rows) == 0
    assert sum(r.amount_to_rebalance for r in rows) == 0
    for row, amount in zip(rows, amounts, strict=False):  # each class lands within a cent of its exact target
        exact = row.target_pct * sum(amounts) / 100
        assert abs(amount + row.amount_to_rebalance - exact) < D("0.01")


def test_default_allocations_are_whole_percent_and_total_100():
    table = default_allocation_table()
    assert len(table) == 25
    for allocation in table.values():
        assert sum(allocation.values()) == 100
        assert all(v >= 0 and v == int(v) for v in allocation.values())


def test_default_allocations_follow_their_rules():
    for stage in LifeStage:
        equity = [default_target_allocation(stage, grade)[EQUITY] for grade in RiskGrade]
        assert equity[0] == 0  # C1 holds no equity
        assert equity == sorted(equity)  # more tolerance, no less equity
    for grade in RiskGrade:
        single = default_target_allocation(LifeStage.SINGLE, grade)
        retired = default_target_allocation(LifeStage.RETIREMENT, grade)
        assert retired[EQUITY] + retired[ALT] <= 30  # the retirement cap on risk assets
        assert retired[EQUITY] <= single[EQUITY] and retired[CASH] > single[CASH]
    assert default_target_allocation("growth", "C3") == {CASH: 10, FIXED: 45, EQUITY: 23, ALT: 7, INS: 15}


def test_risk_grade_suitability_and_note():
    assert RiskGrade.C3.allows(3) and not RiskGrade.C3.allows(4)
    assert RiskGrade.C1.level == 1
    assert "默认建议" in default_allocation_note()
