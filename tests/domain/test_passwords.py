"""The one password strength rule (domain/passwords): the passwords the issue names and their kin
are refused with a reason, passphrases and mixed passwords pass, and the callers use this rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain import passwords
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import set_language
from tests.conftest import PASSWORD

REFUSED = (
    "123456",
    "12345678",
    "aaaaaaaa",
    "password",
    "qwertyui",
    "87654321",
    "abcdefgh",
    "abcd1234",
    "12345678a",
    "Passw0rd!",
    "P@ssw0rd2024",
    "1qaz2wsx",
    "abababab",
    "woaini1314",
    "zhangsan",  # one kind of character, shorter than a passphrase
    "",
)
ACCEPTED = (PASSWORD, "Tr0ub4dor&3", "交接密码 2026", "hand-over 4711", "zhangsan1988", "brand new password")


@pytest.mark.parametrize("weak", REFUSED)
def test_weak_passwords_are_refused_with_a_reason(weak):
    assert passwords.weakness(weak)
    with pytest.raises(UserError, match="主密码太弱："):
        passwords.check_strength(weak, "主密码")


@pytest.mark.parametrize("good", ACCEPTED)
def test_passphrases_and_mixed_passwords_pass(good):
    assert passwords.weakness(good) is None
    passwords.check_strength(good, "主密码")


def test_the_reason_is_in_the_chosen_language():
    set_language("en")
    try:
        with pytest.raises(UserError, match="the handover password is too weak: it needs at least 8"):
            passwords.check_strength("123456", "the handover password")
    finally:
        set_language("zh_CN")


def test_every_new_password_goes_through_the_rule(tmp_path):
    """Master (vault create, passwd) and file passwords (archive, handover) all refuse the same."""
    from rm_desktop.services.exchange.exporting import check_file_password
    from rm_desktop.services.exchange.handover import check_password
    from rm_desktop.services.vault.lifecycle import check_new_password

    for check in (check_new_password, check_file_password, check_password):
        for weak in ("12345678", "aaaaaaaa", "password", "qwertyui"):
            with pytest.raises(UserError, match="太弱"):
                check(weak)
        check(PASSWORD)
        with pytest.raises(UserError, match="不一致"):
            check(PASSWORD, PASSWORD + "x")


@settings(max_examples=200, deadline=None)
@given(st.characters(min_codepoint=33, max_codepoint=0x9FFF), st.integers(1, 40))
def test_a_repeated_character_is_refused(char, count):
    assert passwords.weakness(char * count)


@settings(max_examples=200, deadline=None)
@given(st.integers(48, 0x9F00), st.integers(1, 40), st.sampled_from([1, -1]), st.text("!#%0123456789", max_size=2))
def test_a_run_of_consecutive_characters_with_a_short_suffix_is_refused(start, length, step, suffix):
    run = "".join(chr(start + step * i) for i in range(length))
    assert passwords.weakness(run + suffix)


_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ROWS), st.data())
def test_keyboard_runs_in_any_case_are_refused(row, data):
    start = data.draw(st.integers(0, len(row) - 1))
    piece = row[start:]
    piece = piece[::-1] if data.draw(st.booleans()) else piece
    upper = data.draw(st.booleans())
    assert passwords.weakness(piece.upper() if upper else piece)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(passwords.COMMON)), st.text("0123456789!@#", max_size=3), st.booleans())
def test_common_passwords_with_a_few_characters_appended_are_refused(word, suffix, title):
    assert passwords.weakness((word.title() if title else word) + suffix)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=24))
def test_whatever_passes_has_the_length_and_two_kinds_or_a_phrase(text):
    if passwords.weakness(text) is None:
        assert len(text) >= passwords.MIN_LENGTH and passwords.units(text) >= passwords.MIN_LENGTH
        kinds = {
            "lower" if c.islower() else "upper" if c.isupper() else "digit" if c.isdigit() else "other" for c in text
        }
        assert len(text) >= passwords.PASSPHRASE_LENGTH or len(kinds) >= 2
