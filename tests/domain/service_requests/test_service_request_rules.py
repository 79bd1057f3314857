"""The complaint rules: the closed lists, the fixed steps in order, what a new complaint, a
step and a close need; each refusal names its field."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.service_requests import STEPS, deadline_of, parse_close, parse_new, parse_step

NOW = dt.datetime(2026, 3, 1, 9, 30)


def test_the_steps_are_the_training_sequence_in_order():
    assert STEPS.codes == ("calm", "apologise", "solution", "answer", "follow_up")
    assert STEPS.parse("回访", "step") == "follow_up" and STEPS.parse("3", "step") == "solution"


def test_a_new_complaint_takes_labels_and_defaults():
    fields = parse_new({"channel": "电话", "category": "收费", "description": "  年费多扣  "}, NOW)
    assert fields == {
        "type": "complaint",
        "channel": "phone",
        "category": "fees",
        "severity": "low",
        "description": "年费多扣",
        "received_at": NOW,
    }
    assert parse_new(
        {
            "channel": "counter",
            "category": "waiting",
            "description": "x",
            "type": "服务请求",
            "received_at": "2026-02-28 17:05",
        },
        NOW,
    )["received_at"] == dt.datetime(2026, 2, 28, 17, 5)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"category": "fees", "description": "x"}, "channel"),
        ({"channel": "phone", "category": "nonsense", "description": "x"}, "category"),
        ({"channel": "phone", "category": "fees", "description": "   "}, "description"),
        ({"channel": "phone", "category": "fees", "description": "x", "severity": "5"}, "severity"),
        (
            {"channel": "phone", "category": "fees", "description": "x", "received_at": "2026-03-02 08:00"},
            "received_at",
        ),
        ({"channel": "phone", "category": "fees", "description": "x", "received_at": "yesterday"}, "received_at"),
    ],
)
def test_a_new_complaint_is_refused_naming_the_field(values, field):
    with pytest.raises(ValidationError) as caught:
        parse_new(values, NOW)
    assert caught.value.field == field


def test_the_deadline_is_the_setting_hours_after_receipt():
    assert deadline_of(NOW, 48) == dt.datetime(2026, 3, 3, 9, 30)
    with pytest.raises(ValidationError, match="complaint_deadline_hours"):
        deadline_of(NOW, 0)


def test_a_step_is_not_before_receipt_nor_in_the_future():
    received = dt.datetime(2026, 3, 1, 9, 0)
    assert parse_step("calm", None, received, NOW) == ("calm", NOW)
    assert parse_step("致歉", "2026-03-01 09:10", received, NOW) == ("apologise", dt.datetime(2026, 3, 1, 9, 10))
    for at in ("2026-03-01 08:59", "2026-03-01 09:31"):
        with pytest.raises(ValidationError) as caught:
            parse_step("calm", at, received, NOW)
        assert caught.value.field == "at"
    with pytest.raises(ValidationError) as caught:
        parse_step("dance", None, received, NOW)
    assert caught.value.field == "step"


@pytest.mark.parametrize("score", [0, 6, "3.5", "", None, "very"])
def test_closing_refuses_a_satisfaction_outside_1_to_5(score):
    with pytest.raises(ValidationError) as caught:
        parse_close("退还年费", score)
    assert caught.value.field == "satisfaction"
    assert "1" in caught.value.message and "5" in caught.value.message


def test_closing_needs_the_outcome():
    with pytest.raises(ValidationError) as caught:
        parse_close("  ", 4)
    assert caught.value.field == "outcome"
    assert parse_close("退还年费", "5") == ("退还年费", 5)
    assert parse_close("ok", 1) == ("ok", 1)
