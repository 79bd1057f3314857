"""Resident ID numbers and gender: normalise, parse, cross-check, mask."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.identity import (
    ResidentId,
    check_id_matches,
    mask_id_number,
    normalize_gender,
    normalize_id_number,
    parse_resident_id,
)
from rm_desktop.domain.textnorm import mask_middle
from rm_desktop.i18n import set_language

REGIONS = ("110101", "310101", "440301", "440305", "510104", "330106", "650102")


def make_id(region: str, birth: datetime.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


VALID = make_id("440301", datetime.date(1985, 3, 7), 684)  # 440301198503076842

valid_ids = st.builds(
    make_id,
    st.sampled_from(REGIONS),
    st.dates(datetime.date(1900, 1, 1), datetime.date.today()),
    st.integers(0, 999),
)


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("zh_CN")


def test_parse_facts():
    info = parse_resident_id(VALID)
    assert info == ResidentId(VALID, datetime.date(1985, 3, 7), "女", "440301")
    assert info.region_name.startswith("广东省")


def test_odd_sequence_digit_is_male():
    assert parse_resident_id(make_id("110101", datetime.date(1970, 1, 1), 123)).gender == "男"


@pytest.mark.parametrize(
    "raw",
    [
        " 440301 19850307 6842 ",
        "４４０３０１１９８５０３０７６８４２",
        "'440301198503076842",
        "440301198503076842\u200b",
    ],
)
def test_normalize_messy_text(raw):
    assert normalize_id_number(raw) == VALID


def test_trailing_x_is_upper_cased():
    with_x = next(
        make_id("110101", datetime.date(1990, 1, 1), s)
        for s in range(1000)
        if make_id("110101", datetime.date(1990, 1, 1), s).endswith("X")
    )
    assert parse_resident_id(with_x.lower()).number == with_x
    assert normalize_id_number("１１０１０１ｘ") == "110101X"


def test_old_15_digit_id_is_upgraded():
    info = parse_resident_id("440301850307684")
    assert info.number == VALID
    assert info.birth_date == datetime.date(1985, 3, 7)
    assert parse_resident_id(440301850307684).number == VALID  # 15 digits fit a float exactly


@pytest.mark.parametrize("raw", [4.40301198503076e17, 440301198503076842, 440301198503076000, 4403011985030768.0])
def test_long_number_from_spreadsheet_is_refused(raw):
    with pytest.raises(ValidationError, match="表格把该值存成了数字") as exc:
        parse_resident_id(raw, field="证件号")
    assert exc.value.field == "证件号"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "为空"),
        ("12345", "应为18位"),
        ("44030119850307684A", "只能由数字组成"),
        ("4403011985O3076842", "只能由数字组成"),
        ("440301198502306842", "出生日期“19850230”无效"),
        (VALID[:-1] + ("3" if VALID[-1] != "3" else "4"), "校验位不符"),
        (make_id("990101", datetime.date(1985, 3, 7), 1), "省级行政区"),
        (make_id("110101", datetime.date.today() + datetime.timedelta(days=400), 1), "出生日期"),
        ("44030185023068A", "只能由数字组成"),
    ],
)
def test_distinct_reasons(raw, reason):
    with pytest.raises(ValidationError, match=reason):
        parse_resident_id(raw)


def test_reasons_in_english(english):
    with pytest.raises(ValidationError, match="check digit"):
        parse_resident_id(VALID[:-1] + ("3" if VALID[-1] != "3" else "4"))


def test_county_created_after_birth_is_accepted():
    # stdnum's validate() refuses this (440301 dates from 1983) but such IDs were really issued.
    assert not ric.is_valid(make_id("440301", datetime.date(1950, 3, 7), 1))
    assert parse_resident_id(make_id("440301", datetime.date(1950, 3, 7), 1)).birth_date.year == 1950


def test_check_id_matches():
    info = parse_resident_id(VALID)
    assert check_id_matches(info, datetime.date(1985, 3, 7), "女") == []
    assert check_id_matches(info, None, None) == []
    problems = check_id_matches(info, datetime.date(1985, 7, 3), "男")
    assert len(problems) == 2
    assert "1985-07-03" in problems[0] and "1985-03-07" in problems[0]
    assert "男" in problems[1]


def test_mask_id():
    assert mask_id_number("440301198503076849") == "4403**********6849"
    assert mask_id_number("") == ""
    assert mask_id_number("12") == "*2"
    assert mask_id_number("123456") == "1***56"


@given(valid_ids)
@settings(max_examples=200)
def test_any_valid_id_survives_normalize_and_parse(number):
    messy = " " + number[:6] + " " + number[6:].lower() + " "
    assert parse_resident_id(normalize_id_number(messy)).number == number


@given(valid_ids)
@settings(max_examples=100)
def test_one_wrong_digit_is_refused(number):
    wrong = number[:5] + str((int(number[5]) + 1) % 10) + number[6:]
    with pytest.raises(ValidationError):
        parse_resident_id(wrong)


no_stars = st.text(st.characters(blacklist_characters="*"), max_size=40)


@given(no_stars)
def test_masking_keeps_length_last_4_and_hides_at_least_half(text):
    masked = mask_id_number(text)
    assert len(masked) == len(text)
    assert sum(c != "*" for c in masked) <= len(text) // 2
    if len(text) >= 16:
        assert masked[-4:] == text[-4:] and masked[:4] == text[:4]


@given(no_stars, st.integers(0, 10), st.integers(0, 10))
def test_mask_middle_never_reveals_more_than_half(text, head, tail):
    masked = mask_middle(text, head, tail)
    assert len(masked) == len(text)
    assert sum(c != "*" for c in masked) <= len(text) // 2
    first, last = masked.find("*"), masked.rfind("*")
    if text:
        assert masked[:first] == text[:first] and masked[last + 1 :] == text[last + 1 :]
        assert set(masked[first : last + 1]) == {"*"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("男", "男"),
        ("F", "女"),
        ("female", "女"),
        (" Male ", "男"),
        ("1", "男"),
        (2, "女"),
        (2.0, "女"),
        ("女士", "女"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_gender(raw, expected):
    assert normalize_gender(raw) == expected


@pytest.mark.parametrize("raw", ["x", "3", 3, True, "男女"])
def test_normalize_gender_refuses_junk(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_gender(raw)
    assert exc.value.field == "gender"


@pytest.mark.parametrize(
    ("region", "shown"),
    [
        ("120110", "天津市 东丽区"),  # stdnum: [-1991]东郊区,[1992-]东丽区 — renamed, the current name
        ("110114", "北京市 昌平区"),  # [1982-1999]昌平县,[1999-]昌平区: a county become a district
        ("110103", "北京市 崇文区"),  # [-2010]崇文区: merged away, its last name stays
    ],
)
def test_region_shows_the_current_county_name(region, shown):
    assert parse_resident_id(make_id(region, datetime.date(1980, 5, 6), 12)).region_name == shown
