"""The sales rules: suitability at 成交, moves, close dates, amounts, probabilities, referrers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.sales import (
    check_close_date,
    check_move,
    parse_probabilities,
    suitability_refusal,
    weighted,
)
from rm_desktop.domain.sales.fields import OPPORTUNITY_FIELDS, check_referrer
from rm_desktop.domain.sales.rules import EXPIRED, NO_ASSESSMENT, NO_PRODUCT_RISK, UNSUITABLE

TODAY = dt.date(2026, 12, 2)


def test_an_r4_product_is_unsuitable_for_a_c2_client_but_waivable():
    refusal = suitability_refusal("R4", "C2", TODAY + dt.timedelta(days=100), TODAY)
    assert refusal is not None and refusal.rule == UNSUITABLE and refusal.waivable
    assert "R4" in refusal.message and "C2" in refusal.message
    assert suitability_refusal("R2", "C2", TODAY, TODAY) is None  # up to the client's own level, expiry day included


def test_an_expired_assessment_refuses_even_a_suitable_product():
    refusal = suitability_refusal("R1", "C5", TODAY - dt.timedelta(days=1), TODAY)
    assert refusal is not None and refusal.rule == EXPIRED and "2026-12-01" in refusal.message


def test_no_assessment_or_no_product_risk_cannot_be_waived():
    assert suitability_refusal("R1", None, None, TODAY).rule == NO_ASSESSMENT
    assert not suitability_refusal("R1", None, None, TODAY).waivable
    assert suitability_refusal(None, "C3", None, TODAY).rule == NO_PRODUCT_RISK


def test_closed_opportunities_do_not_move_and_skips_are_allowed():
    check_move("intent", "won")  # 意向 → 成交 directly: allowed (the service runs the check)
    for closed in ("won", "lost"):
        with pytest.raises(ValidationError, match="stage"):
            check_move(closed, "intent")
    with pytest.raises(ValidationError):
        check_move("proposal", "proposal")


def test_close_date_before_creation_refused():
    check_close_date(TODAY, TODAY)
    with pytest.raises(ValidationError, match="expected_close"):
        check_close_date(TODAY - dt.timedelta(days=1), TODAY)


@pytest.mark.parametrize("raw", ["0", "-5", "0.00", "-1万"])
def test_amounts_of_zero_and_below_refused(raw):
    with pytest.raises(ValidationError, match="amount.*大于 0"):
        OPPORTUNITY_FIELDS["amount"](raw, "amount")


def test_amounts_in_wan():
    assert OPPORTUNITY_FIELDS["amount"]("50万", "amount") == Decimal("500000.00")


def test_probabilities_by_code_or_label_and_bounds():
    assert parse_probabilities("方案:45") == {
        "intent": Decimal(10),
        "proposal": Decimal(45),
        "assessment": Decimal(60),
    }
    for bad in ("成交:50", "intent:101", "intent"):
        with pytest.raises(ValidationError):
            parse_probabilities(bad)
    assert weighted("proposal", Decimal("1000"), parse_probabilities("proposal:30")) == Decimal("300.00")
    assert weighted("won", Decimal("1000"), {}) == Decimal("1000")


def test_a_referrer_is_a_client_or_a_colleague_with_role_and_name():
    check_referrer({"referrer_client_id": 3})
    check_referrer({"referrer_role": "teller", "referrer_name": "王五"})
    for bad in ({}, {"referrer_client_id": 3, "referrer_name": "王五"}, {"referrer_role": "teller"}):
        with pytest.raises(ValidationError):
            check_referrer(bad)
