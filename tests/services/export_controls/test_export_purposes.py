"""Purposes: the closed list, 其他 only with a note, the minimum fields (name always)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.errors import UserError
from rm_desktop.security.policy import EXPORT_KINDS
from rm_desktop.services.exchange.exporting import LIST_COLUMNS
from rm_desktop.services.export_controls import purposes as p

AVAILABLE = [c.key for c in LIST_COLUMNS]


def test_the_closed_list_has_the_six_purposes_with_labels():
    assert [x.zh for x in p.PURPOSES] == [
        "客户交接",
        "营销活动",
        "监管报送",
        "客户本人申请",
        "备份留存",
        "其他（须说明）",
    ]
    assert all(x.en for x in p.PURPOSES)


@pytest.mark.parametrize("text", ["marketing", "营销活动", "Marketing campaign", " marketing "])
def test_a_purpose_is_read_by_code_or_label(text):
    assert p.parse_purpose(text).code == "marketing"


def test_an_unknown_purpose_names_the_choices():
    with pytest.raises(UserError, match="marketing"):
        p.parse_purpose("fun")


def test_other_needs_a_one_line_note():
    with pytest.raises(UserError, match="其他|other"):
        p.ExportControl("other")
    with pytest.raises(UserError):
        p.ExportControl("other", "a\nb")
    assert p.ExportControl("other", " 行内检查 ").note == "行内检查"


def test_every_kind_has_a_default_and_other_defaults_carry_a_note():
    for kind in EXPORT_KINDS:
        control = p.default_control(kind)
        assert control.purpose != "other" or control.note


def test_minimum_fields_are_name_plus_the_purpose():
    assert p.minimum_fields("marketing", AVAILABLE) == ("customer_no", "name", "phone", "tier_name", "tags")
    assert p.minimum_fields("regulatory", AVAILABLE) == ("customer_no", "name", "id_number", "aum", "risk_grade")
    assert p.minimum_fields("backup", AVAILABLE) == tuple(AVAILABLE)
    assert "id_number" not in p.minimum_fields("marketing", AVAILABLE)


def test_chosen_fields_keep_the_name_and_refuse_unknown_codes():
    control = p.ExportControl("marketing", fields=("aum",))
    assert p.chosen_fields(control, AVAILABLE) == ("customer_no", "name", "aum")
    with pytest.raises(UserError, match="salary"):
        p.chosen_fields(p.ExportControl("marketing", fields=("salary",)), AVAILABLE)


@given(st.lists(st.sampled_from(AVAILABLE + [" ", "，"]), max_size=12))
def test_parse_fields_reads_any_separator(parts):
    text = ",".join(parts).replace(",，,", "，")
    parsed = p.parse_fields(text)
    assert parsed is not None and set(parsed) <= set(AVAILABLE) and len(parsed) == len(set(parsed))
