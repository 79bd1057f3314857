"""services/reveals: when a reason is asked (always / once per client and session / never), what a
reveal's entry holds (the masked name, the field kinds, the reason; 其他's words without digit
runs; never the value), and a bad reason writes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from rm_desktop.domain.errors import UserError
from rm_desktop.services.audit import reading
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.reveals import reasons
from rm_desktop.services.reveals.recording import record_reveal

ID_NUMBER, PHONE = "11010519491231002X", "13912345678"
NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def client_id(vault):
    return create_client(vault, {"name": "单田芳", "id_number": ID_NUMBER, "phone": PHONE}).id


def test_when_a_reason_is_asked():
    assert reasons.reveal_needed("always", 7, {7}) and reasons.reveal_needed("always", 7, set())
    assert reasons.reveal_needed("once_per_session", 7, {8}) and not reasons.reveal_needed("once_per_session", 7, {7})
    assert not reasons.reveal_needed("never", 7, set())
    assert reasons.reveal_needed("bogus", 7, {7})  # an unknown mode errs on the side of asking


def test_the_entry_holds_the_reason_and_the_masked_name_never_the_value(vault, client_id):
    seq = record_reveal(vault, client_id, "phone", "verify_identity", now=NOW)
    [entry] = reading.entries(vault)
    assert entry.seq == seq and entry.action == "reveal" and entry.object == f"client:{client_id} 单**"
    assert entry.counts == {"fields": ["phone"], "reason": "verify_identity"}  # no note unless 其他
    record_reveal(vault, client_id, ("phone", "id_number"), "check_records", note="ignored words")
    assert reading.entries(vault)[0].counts == {"fields": ["id_number", "phone"], "reason": "check_records"}
    assert reading.verify(vault).ok


def test_other_keeps_the_words_without_digit_runs(vault, client_id):
    note = f"客户 {PHONE} 来电，证件{ID_NUMBER}，手机 139-1234 5678，柜台 12345"
    record_reveal(vault, client_id, "id_number", "other", note=note, name="单田芳")
    logged = reading.entries(vault)[0].counts["note"]
    assert logged.startswith("客户 ") and logged.endswith("柜台 12345")  # the words and short numbers stay
    assert not re.search(r"\d{6,}", logged.replace(" ", "").replace("-", ""))


def test_no_id_or_phone_digits_in_any_entry(vault, client_id):
    for kind, reason, note in (("phone", "transaction", None), ("id_number", "other", f"核对 {ID_NUMBER[:17]}")):
        record_reveal(vault, client_id, kind, reason, note=note)
    with vault.engine.connect() as conn:
        rows = conn.execute(text("SELECT action, object, counts FROM audit_log")).all()
    scanned = " ".join(" ".join(str(v) for v in row) for row in rows)
    assert PHONE not in scanned and ID_NUMBER[:17] not in scanned and "单田芳" not in scanned


@pytest.mark.parametrize(("reason", "note"), [("other", ""), ("other", "  123456789 "), ("bogus", None)])
def test_a_bad_reason_writes_nothing(vault, client_id, reason, note):
    with pytest.raises(UserError):
        record_reveal(vault, client_id, "phone", reason, note=note)
    assert reading.entries(vault) == []


def test_never_is_logged_as_not_asked(vault, client_id):
    record_reveal(vault, client_id, "balance", reasons.NOT_ASKED)
    assert reading.entries(vault)[0].counts["reason"] == "not_asked"
    assert reasons.label("not_asked") == "未要求"


@given(st.text(alphabet=st.sampled_from("0123456789１２ -.a王\n\t"), max_size=400) | st.text(max_size=300))
def test_clean_note_never_keeps_a_long_digit_run(words):
    cleaned = reasons.clean_note(words)
    assert not re.search(r"\d{6,}", re.sub(r"[ \-.]", "", cleaned))  # grouped digits count as one run
    assert not re.search(r"\d{6,}", cleaned) and len(cleaned) <= reasons.NOTE_MAX and "\n" not in cleaned
