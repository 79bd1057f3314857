"""Phone numbers: normalise to one stored form, refuse with reasons, mask, carrier."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain import phones
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.phones import is_plain_mobile, mask_phone, normalize_phone, parsed_phone, phone_carrier
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


# ------------------------------------------- the fast path for a mobile in its stored form


def _verdict(path, text):
    try:
        return ("ok", path(text))
    except ValidationError as exc:
        return ("refused", exc.field, exc.message)


# Any 11 digits opening with 1, and heads where libphonenumber's prefix rules could apply:
# 179xx / 11xxx / 12xxx are carrier or national prefixes for parsing, 1xxxx00 an international one.
eleven_digits = st.one_of(
    st.integers(10**10, 2 * 10**10 - 1).map(str),
    st.builds(
        lambda head, rest: (head + f"{rest:011d}")[:11],
        st.sampled_from(["17951", "17911", "12593", "11808", "1790000", "1795100", "1610", "1740", "1741", "1749"]),
        st.integers(0, 10**11 - 1),
    ),
)


@given(eleven_digits)
@settings(max_examples=3000, deadline=None)
def test_the_fast_mobile_path_agrees_with_libphonenumber(text):
    # normalize_phone answers a plain mobile without a parse (and memoises its 7-digit block):
    # whatever it says, value or refusal, is what the full libphonenumber path says.
    assert _verdict(normalize_phone, text) == _verdict(parsed_phone, text)
    assert is_plain_mobile(text) == (_verdict(parsed_phone, text) == ("ok", text))


def test_the_fast_path_leaves_other_forms_to_the_parser():
    phones._MOBILE_BLOCKS.add("1380013")
    for text in (" 13800138000", "13800138000 ", "１３８００１３８０００", "+8613800138000", "1380013800", 13800138000):
        assert not is_plain_mobile(text)
    assert is_plain_mobile("13800138999")


def test_a_mobile_block_memo_holds_for_the_installed_metadata():
    # The fast path accepts a mobile once another number of its 7-digit block was accepted:
    # that is only right while libphonenumber's mobile patterns never look past the 7th digit.
    import random

    rng = random.Random(11)
    blocks = [f"{head}{rng.randrange(10_000):04d}" for head in range(100, 200) for _ in range(4)]
    for block in blocks:
        verdicts = {
            _verdict(parsed_phone, block + tail) == ("ok", block + tail)
            for tail in ("0000", "9999", f"{rng.randrange(10_000):04d}")
        }
        assert len(verdicts) == 1, block
