"""SMS length and segment counting (UCS-2 70/67, GSM-7 160/153)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.scripts.sms import GSM7, UCS2, SmsInfo, sms_encoding, sms_info, sms_length, sms_segments


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("您" * 70, 1),
        ("您" * 71, 2),
        ("您" * 134, 2),
        ("您" * 135, 3),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 159 + "您", 3),  # one Chinese character turns the whole text into UCS-2
    ],
)
def test_segment_boundaries(text, segments):
    assert sms_segments(text) == segments


def test_encoding_detection():
    assert sms_encoding("Hello @home, 50% off! £5") == GSM7
    assert sms_encoding("Price: 5€ [now]") == GSM7
    assert sms_encoding("您好") == UCS2
    assert sms_encoding("Hello，") == UCS2  # full-width comma from a Chinese input method
    assert sms_encoding("ç") == UCS2  # lowercase c-cedilla is not in GSM 03.38


def test_astral_characters_count_two_units():
    assert sms_length("生日快乐🎂") == 6
    assert sms_segments("您" * 68 + "🎂") == 1
    assert sms_segments("您" * 69 + "🎂") == 2


def test_gsm_extension_characters_count_two():
    assert sms_length("{x}") == 5
    assert sms_segments("€" * 80) == 1
    assert sms_segments("€" * 81) == 2


def test_two_unit_character_is_not_split_across_segments():
    # 66 + 🎂 would need 68 units in the first segment of 67, so it moves to the second.
    info = sms_info("您" * 66 + "🎂" + "您" * 66)
    assert info.length == 134
    assert info.segments == 3


def test_remaining_units():
    assert sms_info("您好").remaining == 68
    assert sms_info("您" * 71).remaining == 67 - 4
    assert sms_info("") == SmsInfo(GSM7, 0, 0, 160)


@given(st.text())
def test_segments_are_consistent_with_length(text):
    info = sms_info(text)
    single, per_segment = (70, 67) if info.encoding == UCS2 else (160, 153)
    assert info.length == sms_length(text)
    if info.length == 0:
        assert info.segments == 0
    elif info.length <= single:
        assert info.segments == 1
    else:
        lower = -(-info.length // per_segment)
        assert lower <= info.segments <= lower + info.length // per_segment
    assert 0 <= info.remaining <= single


@given(st.text(), st.text())
def test_longer_text_never_needs_fewer_segments(a, b):
    if sms_encoding(a) == sms_encoding(a + b):
        assert sms_segments(a + b) >= sms_segments(a)
