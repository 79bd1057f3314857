"""Time-value-of-money core of the financial plan: known values, edge cases, properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from decimal import localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.planning import future_value, goal_funded_share, required_monthly_saving, years_until
from rm_desktop.i18n import set_language

amounts = st.decimals(min_value=0, max_value=10_000_000, places=2)
savings = st.decimals(min_value=0, max_value=100_000, places=2)
rates = st.decimals(min_value=D("-0.5"), max_value=D("0.5"), places=4)
months = st.integers(min_value=0, max_value=600)


def float_fv(present: float, monthly: float, annual_rate: float, n_months: int) -> float:
    """Independent float reference, only for comparing within a cent on modest inputs."""
    i = annual_rate / 12
    growth = (1 + i) ** n_months
    return present * growth + (monthly * n_months if i == 0 else monthly * (growth - 1) / i)


def test_future_value_matches_the_standard_annuity_table():
    # 1,000 a month for 10 years at 6% (0.5% a month): annuity factor 163.8793.
    assert future_value(0, 1000, D("0.06"), 10) == D("163879.35")
    assert future_value(10000, 0, D("0.06"), 10) == D("18193.97")
    assert future_value(10000, 1000, D("0.06"), 10) == D("182073.31")


@pytest.mark.parametrize(
    "present, monthly, rate, n_months",
    [
        (50000, 2500, "0.035", 36),
        (0, 800, "-0.12", 12),
        (123456.78, 0, "0.5", 120),
        (1, 1, "0.0001", 7),
    ],
)
def test_future_value_agrees_with_a_float_reference(present, monthly, rate, n_months):
    got = future_value(D(str(present)), D(monthly), D(rate), D(n_months) / 12)
    assert abs(float(got) - float_fv(present, monthly, float(rate), n_months)) < 0.01


def test_zero_rate_and_zero_years():
    assert future_value(1000, 100, 0, 2) == D("3400.00")
    assert future_value(D("1234.565"), 500, D("0.05"), 0) == D("1234.57")  # rounding half up, at the end


def test_result_does_not_depend_on_the_callers_decimal_context():
    expected = future_value(10000, 1000, D("0.06"), 10)
    with localcontext(prec=5):
        assert future_value(10000, 1000, D("0.06"), 10) == expected


def test_floats_and_strings_are_read_by_their_shortest_decimal_form():
    assert future_value(1000.1, "200", 0.05, 1) == future_value(D("1000.1"), 200, D("0.05"), 1)


def test_required_monthly_saving_zero_rate_and_rounding_up():
    assert required_monthly_saving(12000, 0, 0, 1) == D("1000.00")
    assert required_monthly_saving(1000, 0, 0, 1) == D("83.34")  # 83.333… rounded up, not to 83.33
    assert required_monthly_saving(12000, 6000, 0, 1) == D("500.00")


def test_required_monthly_saving_is_zero_when_present_suffices():
    assert required_monthly_saving(10000, 10000, 0, 5) == D("0.00")
    assert required_monthly_saving(10000, 9000, D("0.05"), 3) == D("0.00")  # growth covers the rest
    assert required_monthly_saving(10000, 20000, D("0.03"), 0) == D("0.00")


def test_required_monthly_saving_with_no_time_left_names_years():
    with pytest.raises(ValidationError) as err:
        required_monthly_saving(10000, 0, D("0.03"), 0)
    assert err.value.field == "years"


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(present=-1, monthly_saving=0, annual_rate=0, years=1), "present"),
        (dict(present=0, monthly_saving=-5, annual_rate=0, years=1), "monthly_saving"),
        (dict(present=0, monthly_saving=0, annual_rate=D("0.51"), years=1), "annual_rate"),
        (dict(present=0, monthly_saving=0, annual_rate=0, years=-1), "years"),
        (dict(present=0, monthly_saving=0, annual_rate=0, years=101), "years"),
        (dict(present="abc", monthly_saving=0, annual_rate=0, years=1), "present"),
        (dict(present=None, monthly_saving=0, annual_rate=0, years=1), "present"),
    ],
)
def test_impossible_inputs_raise_naming_the_parameter(kwargs, field):
    with pytest.raises(ValidationError) as err:
        future_value(**kwargs)
    assert err.value.field == field


def test_messages_follow_the_language():
    with pytest.raises(ValidationError) as zh:
        future_value(0, 0, D("0.6"), 1)
    assert zh.value.message == "比率须在 -50% 到 50% 之间，现为 60%"
    set_language("en")
    with pytest.raises(ValidationError) as en:
        future_value(0, 0, D("0.6"), 1)
    assert en.value.message == "Rate must be between -50% and 50%, got 60%"


def test_goal_funded_share():
    assert goal_funded_share(100000, 25000) == D("0.25")
    assert goal_funded_share(300000, 100000) == D("0.3333")  # rounded down
    assert goal_funded_share(D("100000"), D("99999.99")) == D("0.9999")  # not shown as fully funded
    assert goal_funded_share(100000, 250000) == D("1")
    assert goal_funded_share(0, 0) == D("1")
    with pytest.raises(ValidationError) as err:
        goal_funded_share(100, -1)
    assert err.value.field == "earmarked_assets"


def test_years_until_counts_whole_months():
    assert years_until(date(2025, 1, 15), date(2027, 7, 15)) == D("2.5")
    assert years_until(date(2025, 1, 15), date(2025, 2, 14)) == 0
    assert years_until(date(2025, 1, 31), date(2025, 2, 28)) * 12 == 1  # month end to month end
    assert years_until(date(2025, 1, 15), date(2024, 1, 15)) == 0
    # 31 months: the repeating 31/12 still compounds over exactly 31 months.
    years = years_until(date(2025, 1, 1), date(2027, 8, 1))
    assert future_value(10000, 100, D("0.06"), years) == D(str(round(float_fv(10000, 100, 0.06, 31), 2)))


@settings(max_examples=200)
@given(present=amounts, monthly=savings, rate_a=rates, rate_b=rates, n=months)
def test_future_value_is_monotonic_in_rate(present, monthly, rate_a, rate_b, n):
    low, high = sorted((rate_a, rate_b))
    years = D(n) / 12
    assert future_value(present, monthly, low, years) <= future_value(present, monthly, high, years)


@settings(max_examples=200)
@given(present=amounts, saving_a=savings, saving_b=savings, rate=rates, n=months)
def test_future_value_is_monotonic_in_saving(present, saving_a, saving_b, rate, n):
    low, high = sorted((saving_a, saving_b))
    years = D(n) / 12
    assert future_value(present, low, rate, years) <= future_value(present, high, rate, years)


@settings(max_examples=300)
@given(target=amounts, present=amounts, rate=rates, n=st.integers(min_value=1, max_value=600))
def test_required_saving_reaches_the_target_within_a_cent(target, present, rate, n):
    years = D(n) / 12
    monthly = required_monthly_saving(target, present, rate, years)
    assert future_value(present, monthly, rate, years) >= target - D("0.01")
    if monthly > 0:  # and it is the least such saving: one cent less falls short
        assert future_value(present, monthly - D("0.01"), rate, years) <= target
