"""Money parsing/formatting, client tiers, risk grades."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.grades import PRODUCT_RISKS, RISK_GRADES, normalize_product_risk, normalize_risk_grade
from rm_desktop.domain.money import (
    WAN,
    YUAN,
    format_amount,
    from_cents,
    parse_amount,
    to_cents,
    unit_label,
)
from rm_desktop.domain.tiers import (
    DEFAULT_TIERS,
    tier_for,
    tiers_from_json,
    tiers_to_json,
    validate_tiers,
)
from rm_desktop.i18n import set_language

D = Decimal


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("zh_CN")


# ---- money -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        ("1,234,567.89", YUAN, "1234567.89"),
        ("１，２３４，５６７.８９", YUAN, "1234567.89"),
        ("¥1,234", YUAN, "1234.00"),
        ("￥ 12.5 万", YUAN, "125000.00"),
        ("123.45万元", YUAN, "1234500.00"),
        ("100", WAN, "1000000.00"),
        ("100元", WAN, "100.00"),
        (" 2 亿 ", YUAN, "200000000.00"),
        ("RMB 88", YUAN, "88.00"),
        ("1 234 567", YUAN, "1234567.00"),
        (".5", YUAN, "0.50"),
        ("12.345", YUAN, "12.35"),
        (1234.56, YUAN, "1234.56"),
        (0.1 + 0.2, YUAN, "0.30"),
        (1234567, YUAN, "1234567.00"),
        (D("9.999"), YUAN, "10.00"),
        (12.5, WAN, "125000.00"),
        ("-0", YUAN, "0.00"),
    ],
)
def test_parse_amount(raw, unit, expected):
    value = parse_amount(raw, unit)
    assert value == D(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "为空"),
        ("abc", "不是有效的金额"),
        ("1,5", "不是有效的金额"),
        ("1.2.3", "不是有效的金额"),
        ("1.2E+06", "科学计数法"),
        ("-5", "负数"),
        (float("nan"), "不是有效的金额"),
        (True, "不是有效的金额"),
        ("1e30", "科学计数法"),
        (10**20, "不合理"),
        ("万元", "为空"),
    ],
)
def test_parse_amount_refuses(raw, reason):
    with pytest.raises(ValidationError, match=reason) as exc:
        parse_amount(raw, field="deposit")
    assert exc.value.field == "deposit"


def test_negative_allowed_on_request():
    assert parse_amount("-1,000.5", allow_negative=True) == D("-1000.50")


def test_unknown_unit_argument_is_a_bug():
    with pytest.raises(ValueError):
        parse_amount("1", unit="美元")


def test_format_amount(english):
    assert format_amount(D("1234567.89")) == "1,234,567.89"
    assert format_amount(D("1234567.89"), WAN) == "123.46"
    assert format_amount(D("50000000"), WAN) == "5,000.00"
    assert format_amount(None) == ""
    assert format_amount(D("-0.001")) == "0.00"
    assert unit_label(YUAN) == "CNY"
    set_language("zh_CN")
    assert (unit_label(YUAN), unit_label(WAN)) == ("元", "万元")


def test_cents():
    assert to_cents(D("1234.56")) == 123456
    assert from_cents(123456) == D("1234.56")
    assert str(from_cents(-5)) == "-0.05"
    with pytest.raises(ValueError):
        to_cents(D("0.001"))


amounts = st.decimals(min_value=D("-999999999999.99"), max_value=D("999999999999.99"), places=2)


@given(amounts)
def test_format_then_parse_round_trips(value):
    assert parse_amount(format_amount(value), allow_negative=True) == value
    assert from_cents(to_cents(value)) == value


@given(st.integers(-(10**12), 10**12))
def test_wan_round_trips_for_whole_hundreds(hundreds):
    value = D(hundreds) * 100
    assert parse_amount(format_amount(value, WAN), WAN, allow_negative=True) == value


@given(st.floats(min_value=0, max_value=1e11, allow_nan=False))
def test_float_cells_parse_like_their_text(value):
    assert parse_amount(value) == D(repr(value)).quantize(D("0.01"), rounding="ROUND_HALF_UP")


# ---- tiers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aum", "code"),
    [
        (None, "basic"),
        (D(0), "basic"),
        (D("999.99"), "basic"),
        (D(1000), "standard"),
        (D("49999.99"), "standard"),
        (D(50000), "potential"),
        (D(200000), "priority"),
        (D(500000), "wealth"),
        (D(2999999), "wealth"),
        (D(3000000), "private"),
        (D(10**9), "private"),
        (D(-5), "basic"),
    ],
)
def test_tier_for(aum, code):
    assert tier_for(aum).code == code


def test_default_tiers_follow_the_plan(english):
    validate_tiers(DEFAULT_TIERS)
    by_code = {tier.code: tier for tier in DEFAULT_TIERS}
    assert [tier.cadence_days for tier in DEFAULT_TIERS] == [None, None, None, 30, 30, 30]
    assert by_code["private"].name() == "Private"
    assert "Branch manager" in by_code["private"].responsible()
    set_language("zh_CN")
    assert by_code["priority"].name() == "理财客户"


def test_tiers_json_round_trip():
    data = json.loads(json.dumps(tiers_to_json(DEFAULT_TIERS)))
    assert data[1]["min_aum"] == "1000"
    assert tiers_from_json(data) == DEFAULT_TIERS


def _with(index, **changes):
    tiers = list(DEFAULT_TIERS)
    tiers[index] = dataclasses.replace(tiers[index], **changes)
    return tuple(tiers)


@pytest.mark.parametrize(
    ("tiers", "reason"),
    [
        ((), "至少需要"),
        (_with(0, min_aum=D(1)), "0 元"),
        (_with(2, code="standard"), "重复"),
        (_with(3, min_aum=D(50000)), "逐级升高"),
        (_with(4, cadence_days=0), "联系周期"),
        (_with(1, name_zh=" "), "不能为空"),
    ],
)
def test_validate_tiers_refuses(tiers, reason):
    with pytest.raises(ValidationError, match=reason):
        validate_tiers(tiers)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d[0].update(min_aum=1.5),
        lambda d: d[0].update(min_aum="abc"),
        lambda d: d[1].update(cadence_days="30"),
        lambda d: d[1].update(code=None),
        lambda d: d.append("x"),
        lambda d: d[2].update(min_aum="-1"),
    ],
)
def test_tiers_from_json_refuses_malformed(mutate):
    data = tiers_to_json(DEFAULT_TIERS)
    mutate(data)
    with pytest.raises(ValidationError):
        tiers_from_json(data)


# ---- risk grades --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("c3", "C3"),
        ("C3", "C3"),
        (" 3 ", "C3"),
        (3, "C3"),
        (3.0, "C3"),
        ("C3-平衡型", "C3"),
        ("保守型", "C1"),
        ("稳健型", "C2"),
        ("平衡型", "C3"),
        ("成长型", "C4"),
        ("进取型", "C5"),
        ("稳健型投资者", "C2"),
        ("C4-进取型", "C4"),
        ("ｃ５", "C5"),
        ("Balanced", "C3"),
    ],
)
def test_normalize_risk_grade(raw, expected):
    assert normalize_risk_grade(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("r2", "R2"),
        ("PR4", "R4"),
        ("R3（中风险）", "R3"),
        ("中风险(R3)", "R3"),
        ("低风险", "R1"),
        ("中低风险", "R2"),
        ("中风险", "R3"),
        ("中高风险", "R4"),
        ("高风险", "R5"),
        ("中高", "R4"),
        ("较低风险", "R2"),
        (5, "R5"),
        ("Medium-High", "R4"),
    ],
)
def test_normalize_product_risk(raw, expected):
    assert normalize_product_risk(raw) == expected


@pytest.mark.parametrize("raw", ["C6", "CC", "6", "", "abc", True, 3.5, "R3"])
def test_risk_grade_refuses(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_risk_grade(raw)
    assert exc.value.field == "risk_grade"


@pytest.mark.parametrize("raw", ["R0", "R6", "RISK3", "很高", "C3"])
def test_product_risk_refuses(raw):
    with pytest.raises(ValidationError):
        normalize_product_risk(raw)


@given(st.integers(1, 5), st.sampled_from(["{}", "c{}", "C{}", " C{} ", "C{}级", "C{}-xx型"]))
def test_grade_codes_normalise_and_are_idempotent(level, template):
    grade = normalize_risk_grade(template.format(level))
    assert grade == RISK_GRADES[level - 1]
    assert normalize_risk_grade(grade) == grade
    product = normalize_product_risk(template.replace("c", "r").replace("C", "R").format(level))
    assert product == PRODUCT_RISKS[level - 1] == normalize_product_risk(product)
