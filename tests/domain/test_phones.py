"""Phone numbers: normalise to one stored form, refuse with reasons, mask, carrier."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.phones import mask_phone, normalize_phone, phone_carrier
from rm_desktop.i18n import set_language


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "+86 138-0013-8000",
        "86 13800138000",
        "008613800138000",
        "(138) 0013 8000",
        "１３８００１３８０００",
        "+86１３８ ００１３ ８０００",
        "'13800138000",
        13800138000,
        13800138000.0,
        1.3800138e10,
    ],
)
def test_mobile_forms(raw):
    assert normalize_phone(raw) == "13800138000"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0755-12345678", "0755-12345678"),
        ("075512345678", "0755-12345678"),
        ("(0755) 1234 5678", "0755-12345678"),
        ("+86 755 1234 5678", "0755-12345678"),
        (75512345678, "0755-12345678"),  # a spreadsheet number lost the leading 0
        ("010 1234 5678", "010-12345678"),
        ("021-87654321", "021-87654321"),
    ],
)
def test_fixed_lines(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+852 9123 4567", "+85291234567"),
        ("00852 91234567", "+85291234567"),
        ("+1 (650) 253-0000", "+16502530000"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_foreign_numbers_in_e164(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "为空"),
        ("abc", "只能包含数字"),
        ("12345", "太短"),
        ("95588", "太短"),
        ("12345678", "区号"),
        ("1380013800", "11位"),
        ("138001380001", "11位"),
        ("12012345678", "手机号段"),
        ("400-820-8888", "服务号码"),
        ("+852 1234", "境外"),
        (13800138000.5, "小数"),
        (True, "不是有效的值"),
    ],
)
def test_refused_with_reason(raw, reason):
    with pytest.raises(ValidationError, match=reason) as exc:
        normalize_phone(raw, field="mobile")
    assert exc.value.field == "mobile"


def test_reason_in_english():
    set_language("en")
    try:
        with pytest.raises(ValidationError, match="11 digits"):
            normalize_phone("1380013800")
    finally:
        set_language("zh_CN")


def test_mask():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0755-12345678") == "0755-****5678"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("+85291234567") == "+852****4567"
    assert mask_phone("") == ""


def test_carrier():
    assert phone_carrier("13800138000") == "中国移动"
    assert phone_carrier("0755-12345678") is None
    set_language("en")
    try:
        assert phone_carrier("13800138000") == "China Mobile"
    finally:
        set_language("zh_CN")


# Prefixes that phonenumbers knows as mainland mobile ranges.
mobiles = st.builds(
    lambda prefix, rest: f"{prefix}{rest:08d}",
    st.sampled_from(["130", "135", "138", "139", "150", "166", "177", "186", "199"]),
    st.integers(0, 99_999_999),
)


@given(mobiles, st.sampled_from(["{}", "+86 {}", "0086{}", "86-{}", " {} "]))
@settings(max_examples=100)
def test_mobile_forms_normalise_and_are_idempotent(number, template):
    normalized = normalize_phone(template.format(number))
    assert normalized == number
    assert normalize_phone(normalized) == normalized
    assert normalize_phone(float(number)) == number
    masked = mask_phone(normalized)
    assert len(masked) == 11 and masked[-4:] == number[-4:] and masked[3:7] == "****"


# Leading 8 is not an allocated local range in every city (phonenumbers refuses 010-8xxx xxxx).
@given(st.sampled_from(["010", "021", "0755", "0571", "028"]), st.integers(2_000_0000, 6_999_9999))
@settings(max_examples=50)
def test_fixed_line_idempotent(area, local):
    normalized = normalize_phone(f"{area} {local}")
    assert normalized == f"{area}-{local}"
    assert normalize_phone(normalized) == normalized
    assert mask_phone(normalized).endswith(str(local)[-4:])
