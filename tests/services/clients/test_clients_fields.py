"""Client field parsers and cross-field checks (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.client_fields import (
    ImportantDateValue,
    check_dates,
    check_identity,
    parse_dnd_hours,
    parse_important_dates,
    parse_phones,
    parse_tags,
)
from rm_desktop.domain.errors import ValidationError
from rm_desktop.services.clients.choices import CHANNELS, PRODUCT_TYPES, RELATION_KINDS
from rm_desktop.services.clients.fields import PARSERS
from rm_desktop.services.clients.values import collect, parse_bool, parse_date, parse_datetime

ID_1949_F = "11010519491231002X"  # valid checksum: born 1949-12-31, female


def test_collect_reports_every_bad_field_and_unknown_ones():
    parsed, errors = collect(
        {
            "name": "王小明",
            "gender": "x",
            "birth_date": "2020-13-01",
            "phone": "12",
            "aum": "abc",
            "risk_grade": "C9",
            "colour": "red",
        },
        PARSERS,
    )
    assert parsed == {"name": "王小明"}
    assert set(errors) == {"gender", "birth_date", "phone", "aum", "risk_grade", "colour"}
    assert "男" in errors["gender"] and "C1" in errors["risk_grade"] and "customer_no" in errors["colour"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-05-01", dt.date(2024, 5, 1)),
        ("2024/5/1", dt.date(2024, 5, 1)),
        ("20240501", dt.date(2024, 5, 1)),
        ("2024年5月1日", dt.date(2024, 5, 1)),
        ("２０２４－０５－０１", dt.date(2024, 5, 1)),
        ("", None),
        (dt.datetime(2024, 5, 1, 9), dt.date(2024, 5, 1)),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw, "birth_date") == expected


@pytest.mark.parametrize("raw", ["2024-02-30", "1.5.2024", "yesterday", "2024-5"])
def test_bad_dates_name_the_field(raw):
    with pytest.raises(ValidationError) as err:
        parse_date(raw, "risk_assessed_on")
    assert err.value.field == "risk_assessed_on" and "日期" in err.value.message


def test_datetime_forms():
    assert parse_datetime("2024-05-01T14:30", "at") == dt.datetime(2024, 5, 1, 14, 30)
    assert parse_datetime("2024-05-01 14:30:15.5", "at") == dt.datetime(2024, 5, 1, 14, 30, 15)
    assert parse_datetime("2024/5/1", "at") == dt.datetime(2024, 5, 1)
    with pytest.raises(ValidationError, match="at"):
        parse_datetime("14:30", "at")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
@settings(max_examples=60)
def test_date_round_trip(day):
    assert parse_date(day.isoformat(), "d") == day
    assert parse_date(f"{day.year}年{day.month}月{day.day}日", "d") == day


@given(st.text(max_size=20))
@settings(max_examples=150)
def test_date_parser_only_raises_validation_errors(text):
    try:
        parse_date(text, "d")
    except ValidationError as exc:
        assert exc.field == "d"


def test_bool_words():
    assert parse_bool("true", "f") and parse_bool("是", "f") and parse_bool("农历", "f")
    assert not parse_bool("false", "f") and not parse_bool("否", "f") and not parse_bool("", "f")
    with pytest.raises(ValidationError, match="lunar_birthday"):
        parse_bool("maybe", "lunar_birthday")


def test_phones_split_normalise_and_dedupe():
    assert parse_phones("138 0013 8000，0755-12345678; 13800138000", "phone") == ["13800138000", "0755-12345678"]
    with pytest.raises(ValidationError) as err:
        parse_phones("13800138000, 1234", "phone")
    assert err.value.field == "phone" and "1234" in err.value.message and "第2个" in err.value.message


def test_tags():
    # A space next to a Chinese character separates tags (as branch lists write them); a space
    # between other words belongs to the tag.
    assert parse_tags("VIP, 退休客户，VIP、 高 净值 ", "tags") == ["VIP", "退休客户", "高", "净值"]
    assert parse_tags("high  net worth，Top 100 VIP 客户", "tags") == ["high net worth", "Top 100 VIP", "客户"]
    with pytest.raises(ValidationError, match="tags"):
        parse_tags("x" * 41, "tags")


def test_dnd_hours():
    assert parse_dnd_hours("22:00-8:00，12：00～13:30", "dnd_hours") == "22:00-08:00,12:00-13:30"
    assert parse_dnd_hours("", "dnd_hours") is None
    with pytest.raises(ValidationError, match="dnd_hours"):
        parse_dnd_hours("晚上", "dnd_hours")
    with pytest.raises(ValidationError):
        parse_dnd_hours("25:00-26:00", "dnd_hours")


def test_important_dates_from_text_and_gui():
    assert parse_important_dates("结婚纪念日:2010-10-01；生日:1980-08-15:农历", "important_dates") == [
        ImportantDateValue("结婚纪念日", dt.date(2010, 10, 1)),
        ImportantDateValue("生日", dt.date(1980, 8, 15), True),
    ]
    assert parse_important_dates([{"label": "开业", "date": "2015-03-01"}], "important_dates") == [
        ImportantDateValue("开业", dt.date(2015, 3, 1))
    ]
    with pytest.raises(ValidationError, match="important_dates"):
        parse_important_dates("结婚纪念日", "important_dates")


def test_aum_and_risk_grade_parsers():
    assert PARSERS["aum"]("50万", "aum") == Decimal("500000.00")
    assert PARSERS["aum"]("", "aum") is None
    assert PARSERS["risk_grade"]("平衡型", "risk_grade") == "C3"


def test_identity_fills_birth_date_and_gender_from_a_resident_id():
    values = {"id_number": ID_1949_F.lower()}
    errors: dict = {}
    check_identity(values, {"id_number"}, errors)
    assert errors == {}
    assert values == {
        "id_number": ID_1949_F,
        "id_type": "resident_id",
        "birth_date": dt.date(1949, 12, 31),
        "gender": "女",
    }


def test_identity_mismatch_names_both_values_on_the_typed_field():
    values = {"id_number": ID_1949_F, "birth_date": dt.date(1950, 1, 1), "gender": "男"}
    errors: dict = {}
    check_identity(values, {"id_number", "birth_date", "gender"}, errors)
    assert "1950-01-01" in errors["birth_date"] and "1949-12-31" in errors["birth_date"]
    assert "男" in errors["gender"] and "女" in errors["gender"]


def test_identity_mismatch_from_a_changed_id_is_reported_on_the_id():
    values = {"id_number": ID_1949_F, "birth_date": dt.date(1950, 1, 1)}  # birth date stored earlier
    errors: dict = {}
    check_identity(values, {"id_number"}, errors)
    assert list(errors) == ["id_number"] and "1950-01-01" in errors["id_number"]


def test_identity_bad_checksum_and_other_id_types():
    errors: dict = {}
    check_identity({"id_number": "110105194912310021"}, {"id_number"}, errors)
    assert "校验位" in errors["id_number"]
    passport = {"id_number": "E12345678", "id_type": "passport"}
    errors = {}
    check_identity(passport, {"id_number"}, errors)
    assert errors == {} and "birth_date" not in passport
    check_identity({"id_number": "E1", "id_type": "passport"}, {"id_number"}, errors)
    assert "id_number" in errors


def test_risk_dates_in_order():
    errors: dict = {}
    check_dates({"risk_assessed_on": dt.date(2024, 5, 1), "risk_expires_on": dt.date(2024, 4, 1)}, errors)
    assert list(errors) == ["risk_expires_on"]


def test_choices_accept_codes_labels_and_aliases():
    assert [
        CHANNELS.parse(w, "channel") for w in ("电话", "短信", "微信", "拜访", "面访", "网点面谈", "活动", "WeChat")
    ] == ["phone", "sms", "wechat", "visit", "visit", "meeting", "event", "wechat"]
    assert PRODUCT_TYPES.parse("理财产品", "product_type") == "wealth"
    assert RELATION_KINDS.label("referred") == "推荐的客户"
    with pytest.raises(ValidationError) as err:
        CHANNELS.parse("信鸽", "channel")
    assert err.value.field == "channel" and "phone" in err.value.message
