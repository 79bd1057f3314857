"""Churn rules by their numbers (fake clock: "today" is passed in) and retention per month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.worklist import ChurnSettings, ClientContext, ComplaintFacts, churn
from rm_desktop.domain.worklist.outcomes import (
    MOVED,
    PARTLY_KEPT,
    ROLLED_OVER,
    WITHDRAWN,
    MaturedMoney,
    check_reason,
    classify,
    last_months,
    parse_reasons,
    retention,
)

TODAY = dt.date(2026, 6, 15)
BEFORE = TODAY - dt.timedelta(days=90)
RULES = ChurnSettings()


def client(aum: int | None = 69, last: int | None = 10, cadence: int | None = 30) -> ClientContext:
    return ClientContext(
        1,
        "王小明",
        "wealth",
        "财富客户",
        Decimal(aum * 10_000) if aum is not None else None,
        TODAY - dt.timedelta(days=last) if last is not None else None,
        cadence,
    )


def test_an_aum_drop_of_31_percent_fires_and_29_does_not():
    fired = churn.aum_drop_signal(client(69), BEFORE, Decimal(1_000_000), TODAY, RULES)
    assert fired is not None and fired.rule == "aum_drop"
    assert fired.numbers["drop_percent"] == 31 and fired.numbers["threshold_percent"] == 30
    assert fired.key == f"churn:aum_drop:1:{BEFORE.isoformat()}"
    assert churn.aum_drop_signal(client(71), BEFORE, Decimal(1_000_000), TODAY, RULES) is None
    assert churn.aum_drop_signal(client(70), BEFORE, Decimal(1_000_000), TODAY, RULES) is not None  # ≥ 30%
    stricter = ChurnSettings(aum_drop_percent=40)
    assert churn.aum_drop_signal(client(69), BEFORE, Decimal(1_000_000), TODAY, stricter) is None


def test_aum_drop_needs_an_old_enough_past_figure():
    assert churn.aum_drop_signal(client(10), None, None, TODAY, RULES) is None  # no snapshots
    assert churn.aum_drop_signal(client(None), BEFORE, Decimal(100), TODAY, RULES) is None  # no AUM
    future = TODAY + dt.timedelta(days=5)
    assert churn.aum_drop_signal(client(10), future, Decimal(1_000_000), TODAY, RULES) is None
    recent = TODAY - dt.timedelta(days=30)
    assert churn.aum_drop_signal(client(10), recent, Decimal(1_000_000), TODAY, RULES) is None
    assert churn.aum_drop_signal(client(10), BEFORE, Decimal(0), TODAY, RULES) is None


def test_no_contact_beyond_one_and_a_half_cadences():
    assert churn.no_contact_signal(client(last=45), TODAY, RULES) is None  # 45 = 1.5 × 30
    fired = churn.no_contact_signal(client(last=46), TODAY, RULES)
    assert fired is not None and fired.numbers == {"days": 46, "cadence_days": 30, "factor": 1.5}
    assert churn.no_contact_signal(client(last=None), TODAY, RULES) is None
    assert churn.no_contact_signal(client(last=400, cadence=None), TODAY, RULES) is None


def test_risk_expired_not_kept_and_the_complaint_hook():
    assert churn.risk_expired_signal(client(), TODAY, TODAY) is None
    expired = churn.risk_expired_signal(client(), TODAY - dt.timedelta(days=3), TODAY)
    assert expired is not None and expired.numbers["days"] == 3
    lost = churn.not_kept_signal(client(), 7, Decimal(500_000), Decimal(200_000), TODAY, TODAY, RULES)
    assert lost is not None and lost.stake == Decimal(300_000)
    assert "••••" in _why(lost) and "30万" not in _why(lost)
    assert churn.not_kept_signal(client(), 7, Decimal(500_000), Decimal(500_000), TODAY, TODAY, RULES) is None
    old = TODAY - dt.timedelta(days=91)
    assert churn.not_kept_signal(client(), 7, Decimal(500_000), Decimal(0), old, TODAY, RULES) is None
    complaint = churn.complaint_signal(client(), ComplaintFacts(3, 1, TODAY - dt.timedelta(days=2)), TODAY)
    assert complaint.rule == "complaint" and complaint.numbers["days"] == 2


def _why(candidate):
    from rm_desktop.domain.worklist import WorklistSettings, rank

    return rank([candidate], TODAY, WorklistSettings())[0].why(hidden="••••")


def test_churn_settings_refuse_nonsense():
    with pytest.raises(ValidationError):
        ChurnSettings(aum_drop_percent=0)
    with pytest.raises(ValidationError):
        ChurnSettings(no_contact_factor=-1)


def test_outcome_classification_and_reasons():
    amount = Decimal(500_000)
    assert classify(amount, Decimal(0), None, "A") == WITHDRAWN
    assert classify(amount, Decimal(100), "B", "A") == PARTLY_KEPT
    assert classify(amount, amount, None, "A") == ROLLED_OVER
    assert classify(amount, amount, "A", "A") == ROLLED_OVER
    assert classify(amount, amount, "B", "A") == MOVED
    assert classify(None, Decimal(1), None, "A") == ROLLED_OVER
    with pytest.raises(ValidationError):
        classify(amount, Decimal(-1), None, "A")
    with pytest.raises(ValidationError):
        check_reason(WITHDRAWN, "  ")
    assert check_reason(PARTLY_KEPT, "  利率  低 ") == "利率 低"
    assert parse_reasons("利率, 服务，利率") == ("利率", "服务")


def test_a_kept_maturity_counts_in_the_retention_rate():
    months = last_months(TODAY, 3)
    assert months == ["2026-04", "2026-05", "2026-06"]
    rows = [
        MaturedMoney(dt.date(2026, 6, 1), Decimal(500_000), Decimal(500_000)),  # kept
        MaturedMoney(dt.date(2026, 6, 2), Decimal(300_000), Decimal(0)),  # withdrawn
        MaturedMoney(dt.date(2026, 6, 3), Decimal(200_000), None),  # not recorded yet: pending
        MaturedMoney(dt.date(2025, 6, 3), Decimal(200_000), Decimal(0)),  # outside the months
    ]
    april, may, june = retention(rows, months)
    assert april.matured == may.matured == 0 and april.rate is None
    assert (june.matured, june.recorded, june.kept, june.pending) == (1_000_000, 800_000, 500_000, 200_000)
    assert june.rate == 0.625
    assert june.as_dict()["rate"] == 0.625
    assert last_months(dt.date(2026, 1, 31), 2) == ["2025-12", "2026-01"]
