"""validate_plan_numbers: every impossible or missing number, per field, never raising."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.planning import (
    AssetClass,
    Chapter,
    EducationInputs,
    Goal,
    GoalTerm,
    Problem,
    RecommendedProduct,
    RetirementInputs,
    RiskGrade,
    retirement_projection,
    validate_plan_numbers,
)
from rm_desktop.i18n import set_language

TODAY = date(2025, 6, 1)
GOOD_RETIREMENT = RetirementInputs(35, 60, 85, D("200000"), D("3000"), D("0.05"), D("6000"), D("0.03"), D("0.03"))
GOOD_EDUCATION = EducationInputs("小明", 5, 18, 4, D("40000"), D("0.05"), D("50000"), D("0.04"))


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def test_a_sound_plan_has_no_problems():
    problems = validate_plan_numbers(
        today=TODAY,
        goals=[Goal("购房首付", D("500000"), date(2028, 6, 1), 1, D("100000"))],
        retirement=GOOD_RETIREMENT,
        education=[GOOD_EDUCATION],
        target_allocation={
            AssetClass.CASH: 10,
            AssetClass.FIXED_INCOME: 45,
            AssetClass.EQUITY: 23,
            AssetClass.ALTERNATIVE: 7,
            AssetClass.INSURANCE: 15,
        },
        products=[RecommendedProduct("稳健理财 A", "wealth", D("100000"), 2)],
        risk_grade=RiskGrade.C3,
    )
    assert problems == []
    assert GOOD_RETIREMENT.project().gap > 0  # and it computes
    assert GOOD_EDUCATION.project().years_to_start == 13


def test_nothing_given_nothing_checked():
    assert validate_plan_numbers(today=TODAY) == []


def test_retirement_age_order():
    bad = RetirementInputs(60, 55, 50, 0, 0, 0, 0, 0, 0)
    problems = validate_plan_numbers(today=TODAY, retirement=bad)
    assert problems == [
        Problem("retirement.retirement_age", "退休年龄（55）须大于当前年龄（60）"),
        Problem("retirement.life_expectancy", "预期寿命（50）须大于退休年龄（55）"),
    ]


def test_each_bad_number_is_named():
    bad = RetirementInputs(-3, 60, 130, D("-1"), D("1000"), D("0.51"), D("5000"), D("-0.5"), D("0.5"))
    problems = validate_plan_numbers(today=TODAY, retirement=bad)
    assert fields(problems) == [
        "retirement.current_age",
        "retirement.life_expectancy",
        "retirement.current_savings",
        "retirement.annual_return",
    ]
    assert "51%" in problems[3].message  # the rate as the RM typed it, and ±50% bounds inclusive


def test_missing_and_unreadable_values_do_not_raise():
    draft = RetirementInputs(
        current_age="abc", retirement_age=D("NaN"), annual_return=float("inf"), monthly_saving=object()
    )
    problems = validate_plan_numbers(today=TODAY, retirement=draft)
    assert len(problems) == 9  # every field: missing or not a number
    assert problems[0] == Problem("retirement.current_age", "不是有效的数字：abc")
    assert Problem("retirement.current_savings", "请填写此项") in problems


def test_goals_past_dates_negative_amounts_and_priority():
    goals = [
        Goal("旅行", D("20000"), date(2025, 5, 31)),
        Goal("换车", D("-1"), date(2026, 1, 1), priority=0, earmarked=D("-5")),
        Goal("装修", None, None),
        Goal("今天到期", D("1"), datetime(2025, 6, 1, 9, 30)),
    ]
    problems = validate_plan_numbers(today=TODAY, goals=goals)
    assert problems[0] == Problem("goals[0].target_date", "目标日期 2025-05-31 已过（今天是 2025-06-01）")
    assert fields(problems[1:]) == [
        "goals[1].amount",
        "goals[1].earmarked",
        "goals[1].priority",
        "goals[2].amount",
        "goals[2].target_date",
    ]


def test_allocation_sum_is_in_the_message():
    problems = validate_plan_numbers(today=TODAY, target_allocation={"cash": D("33.33"), "equity": D("66.66")})
    assert problems == [Problem("target_allocation", "目标配置合计须为 100%，现为 99.99%")]
    set_language("en")
    problems = validate_plan_numbers(today=TODAY, target_allocation={"cash": 60, "equity": 60})
    assert problems == [Problem("target_allocation", "Target allocation must total 100%, got 120%")]


def test_allocation_entries_are_checked_one_by_one():
    problems = validate_plan_numbers(today=TODAY, target_allocation={"cash": 120, "equity": -20, "crypto": 0})
    assert fields(problems) == ["target_allocation", "target_allocation.cash", "target_allocation.equity"]


def test_education_start_age():
    bad = EducationInputs("小红", 12, 12, 0, D("30000"), D("0.05"), 0, D("0.03"))
    problems = validate_plan_numbers(today=TODAY, education=[GOOD_EDUCATION, bad])
    assert fields(problems) == ["education[1].years_of_study", "education[1].start_age"]


def test_products_suitability_and_types():
    products = [
        RecommendedProduct("股票基金", "fund", D("50000"), 4),
        RecommendedProduct("神秘产品", "crypto", D("-1"), 7),
        RecommendedProduct("存款", "deposit", D("10000")),
    ]
    problems = validate_plan_numbers(today=TODAY, products=products, risk_grade=RiskGrade.C3)
    assert problems[0] == Problem(
        "products[0].risk_level", "产品风险等级 R4 高于客户风险承受能力 C3（不符合适当性要求）"
    )
    assert fields(problems[1:]) == ["products[1].amount", "products[1].product_type", "products[1].risk_level"]
    # Without a known grade there is nothing to check suitability against.
    assert validate_plan_numbers(today=TODAY, products=products[:1]) == []
    assert fields(validate_plan_numbers(today=TODAY, products=products[:1], risk_grade="C9")) == ["risk_grade"]


def test_inputs_project_raises_until_fixed():
    with pytest.raises(ValidationError) as err:
        RetirementInputs(current_age=40).project()
    assert err.value.field == "retirement_age"


def test_goal_term_and_funded_share():
    goal = Goal("首付", D("400000"), date(2028, 6, 1), earmarked=D("100000"), chapter=Chapter.GENERAL)
    assert goal.term(TODAY) is GoalTerm.MID
    assert goal.term(date(2027, 12, 1)) is GoalTerm.SHORT  # six months left
    assert goal.term(date(2020, 1, 1)) is GoalTerm.LONG
    assert goal.funded_share() == D("0.25")
    assert Chapter.RISK_PROTECTION.label == "风险管理与保险规划"


ages = st.one_of(st.integers(-5, 130), st.none(), st.decimals(-5, 130, places=1))
rates = st.one_of(st.decimals(-1, 1, places=3), st.none(), st.just("x"))
money = st.one_of(st.decimals(-1000, 10_000_000, places=2), st.none())


@settings(max_examples=150, deadline=None)
@given(a=ages, b=ages, c=ages, s=money, m=money, r=rates, e=money, i=rates, p=rates)
def test_validator_and_calculation_agree(a, b, c, s, m, r, e, i, p):
    inputs = RetirementInputs(a, b, c, s, m, r, e, i, p)
    problems = validate_plan_numbers(today=TODAY, retirement=inputs)
    if problems:
        with pytest.raises(ValidationError) as err:
            retirement_projection(a, b, c, s, m, r, e, i, p)
        assert "retirement." + err.value.field == problems[0].field
    else:
        retirement_projection(a, b, c, s, m, r, e, i, p)
