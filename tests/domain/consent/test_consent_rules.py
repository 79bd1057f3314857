"""The consent fields' parsers (hypothesis) and the one rule of a marketing send, table-tested
with a fake clock: not recorded, no marketing, withdrawn, channel not allowed, DND hours."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.consent import (
    DND,
    METHODS,
    NO_CHANNEL,
    NO_MARKETING,
    NOT_RECORDED,
    Consent,
    SkipCounts,
    in_dnd_hours,
    parse_channels,
    parse_consent_values,
    skip_reason,
)
from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import set_language

NOON = dt.datetime(2026, 12, 2, 12, 0)
NIGHT = dt.datetime(2026, 12, 2, 23, 30)
EARLY = dt.datetime(2026, 12, 3, 7, 59)
YES_SMS = Consent(True, dt.date(2026, 1, 5), "written", ("phone", "sms"))


@given(st.lists(st.sampled_from([w for c in CHANNELS.choices for w in (c.code, c.zh, c.en)]), max_size=8))
def test_channels_parse_codes_and_labels_into_each_code_once_in_order(words):
    codes = parse_channels(",".join(words), "channels")
    expected = {CHANNELS.parse(w, "x") for w in words}
    assert set(codes) == expected and len(codes) == len(expected)
    assert list(codes) == sorted(codes, key=CHANNELS.codes.index)


@given(st.text(min_size=1).filter(lambda s: s.strip() and "," not in s and "，" not in s))
def test_an_unknown_channel_is_refused_naming_the_field(word):
    try:
        codes = parse_channels(word, "channels")
    except ValidationError as exc:
        assert exc.field == "channels"
    else:  # the word was a known code, label or alias after all
        assert len(codes) <= 1


@given(st.sampled_from([w for c in METHODS.choices for w in (c.code, c.zh, *c.aliases)]))
def test_methods_parse_to_their_code(word):
    assert parse_consent_values({"marketing": "是", "given_by": word}).given_by in METHODS.codes


@given(st.sampled_from(["是", "yes", "true", "1", "否", "no", "false", "0"]), st.dates())
def test_marketing_and_its_date_parse(yes_no, day):
    consent = parse_consent_values({"marketing": yes_no, "given_on": day.isoformat()})
    assert consent.marketing is (yes_no in ("是", "yes", "true", "1")) and consent.given_on == day


def test_a_bad_field_names_itself_and_fields_left_out_are_kept():
    with pytest.raises(ValidationError) as err:
        parse_consent_values({"marketing": "也许"})
    assert err.value.field == "marketing"
    with pytest.raises(ValidationError) as err:
        parse_consent_values({"marketing": "是", "given_on": "2026-02-30"})
    assert err.value.field == "given_on"
    kept = parse_consent_values({"sensitive": "是"}, YES_SMS)
    assert kept.marketing and kept.channels == ("phone", "sms") and kept.sensitive


@pytest.mark.parametrize(
    ("consent", "dnd", "channel", "now", "reason"),
    [
        (None, None, "sms", NOON, NOT_RECORDED),
        (Consent(False), None, "sms", NOON, NO_MARKETING),
        (Consent(False, dt.date(2026, 6, 1), "verbal", ("sms",)), None, "sms", NOON, NO_MARKETING),  # withdrawn
        (YES_SMS, None, "wechat", NOON, NO_CHANNEL),
        (YES_SMS, "22:00-08:00", "sms", NIGHT, DND),
        (YES_SMS, "22:00-08:00", "sms", EARLY, DND),
        (YES_SMS, "22:00-08:00", "sms", NOON, None),
        (YES_SMS, "12:00-13:30", "phone", NOON, DND),
        (Consent(True, channels=("email",)), "00:00-24:00", "email", NOON, None),  # mail does not ring
        (YES_SMS, None, "sms", NIGHT, None),
    ],
)
def test_the_one_rule(consent, dnd, channel, now, reason):
    assert skip_reason(consent, dnd, channel, now) == reason


def test_dnd_hours_wrap_midnight_and_exclude_their_end():
    assert in_dnd_hours("22:00-08:00", dt.datetime(2026, 1, 1, 22, 0))
    assert not in_dnd_hours("22:00-08:00", dt.datetime(2026, 1, 1, 8, 0))
    assert not in_dnd_hours("22:00-08:00", dt.datetime(2026, 1, 1, 21, 59))
    assert in_dnd_hours("09:00-10:00,22:00-24:00", dt.datetime(2026, 1, 1, 23, 59))
    assert not in_dnd_hours(None, NIGHT)


def test_the_skip_line_in_both_languages():
    skipped = SkipCounts()
    for reason, cid in ((NOT_RECORDED, 1), (NO_MARKETING, 2), (NO_MARKETING, 3), (DND, 4)):
        skipped.add(reason, cid)
    assert skipped.message() == "已跳过 4 位：未记录同意 1，未同意营销 2，免打扰时段 1"
    set_language("en")
    try:
        assert skipped.message() == "Skipped 4: consent not recorded 1, no marketing consent 2, do-not-disturb hours 1"
    finally:
        set_language("zh_CN")
    assert SkipCounts().message() == "" and skipped.as_dict()["by_reason"][NO_CHANNEL] == 0
