"""The handover and the archive carry every opportunity (with its stage history) and every
referral: written, read back into another vault, merged twice without doubling."""

from __future__ import annotations

import datetime as dt

from rm_desktop.io.xlsx_safe import discard_book
from rm_desktop.services.clients import files
from rm_desktop.services.exchange.exporting import archive_book
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.exchange.sales_sheets import OPPORTUNITIES_SHEET, REFERRALS_SHEET
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales import referrals
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD

TODAY = dt.date(2026, 12, 2)
SECRET = "handover-pass-1"
FUND = {"product_type": "fund", "product_name": "稳健债基", "product_code": "B01", "product_risk": "R2",
        "amount": "10万", "source": "转介", "next_step": "送方案", "next_step_on": "2026-12-05",
        "expected_close": "2026-12-30"}  # fmt: skip


def _book(vault):
    referrer = files.create_client(vault, {"name": "老张", "customer_no": "C1"}, today=TODAY)
    client = files.create_client(
        vault, {"name": "王芳", "customer_no": "C2", "risk_grade": "C2", "risk_expires_on": "2027-06-01"}, today=TODAY
    )
    first = opp.add_opportunity(vault, client.id, FUND, today=TODAY, referral={"referrer_client_id": referrer.id})
    opp.move_opportunity(vault, first.id, "方案", today=TODAY)
    second = opp.add_opportunity(
        vault, client.id, {**FUND, "product_name": "权益基金", "product_risk": "R4"}, today=TODAY
    )
    opp.move_opportunity(vault, second.id, "成交", today=TODAY, acknowledgement="客户签字确认")
    third = opp.add_opportunity(vault, referrer.id, {**FUND, "product_name": "大额存单"}, today=TODAY)
    opp.move_opportunity(vault, third.id, "lost", today=TODAY, reason="利率")
    referrals.walk_in(
        vault, {"name": "陈明", "customer_no": "C3"}, {"referrer_role": "柜员", "referrer_name": "李娜"}, today=TODAY
    )
    return referrer, client


def _shape(vault):
    """Every opportunity and referral by content (ids differ between vaults)."""
    ops = sorted(
        (o.client_name, o.product_name, o.product_code, o.product_risk, str(o.amount), o.stage, o.source, o.next_step,
         o.next_step_on, o.expected_close, o.created_on, o.closed_on, o.lost_reason, o.acknowledgement,
         tuple((s.from_stage, s.to_stage, s.note) for s in opp.history(vault, o.id)))
        for o in opp.list_opportunities(vault)
    )  # fmt: skip
    refs = sorted(
        (r.client_name, r.referrer_label, r.referred_on, r.opportunity_id is not None)
        for r in referrals.list_referrals(vault)
    )
    return ops, refs


def test_handover_round_trip_keeps_every_opportunity_and_referral(vault, tmp_path):
    _book(vault)
    path = tmp_path / "handover.xlsx"
    export_handover(vault, path, SECRET)
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        summary = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert summary.opportunities == 3 and summary.referrals == 2
        assert _shape(receiver) == _shape(vault)
        again = merge_handover(receiver, preview_handover(receiver, path, SECRET))
        assert again.opportunities == 0 and again.referrals == 0
        assert _shape(receiver) == _shape(vault)
    finally:
        receiver.lock()


def test_a_handover_of_some_clients_carries_only_theirs(vault, tmp_path):
    _referrer, client = _book(vault)
    book, counts = archive_book(vault, [client.id])
    discard_book(book)
    assert counts[OPPORTUNITIES_SHEET] == 2 and counts[REFERRALS_SHEET] == 1
