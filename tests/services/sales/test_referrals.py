"""Referrals: by a client or a colleague, the referrer's clients and conversion, the 输送 walk-in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from rm_desktop.services.clients import files
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales import referrals
from rm_desktop.storage.models import Client

TODAY = dt.date(2026, 12, 2)
FUND = {"product_type": "fund", "product_name": "稳健债基", "product_risk": "R2", "amount": "10万"}


def _graded(vault, name):
    return files.create_client(vault, {"name": name, "risk_grade": "C3", "risk_expires_on": "2027-06-01"}, today=TODAY)


def test_walk_in_from_the_lobby_manager_becomes_a_client_with_the_referrer(vault):
    client, referral = referrals.walk_in(
        vault,
        {"name": "陈明", "phone": "13912345678", "notes": "咨询大额存单"},
        {"referrer_role": "大堂经理", "referrer_name": "李娜"},
        today=TODAY,
    )
    assert files.get_client(vault, client.id).referrer_staff == "大堂经理 李娜"
    assert referral.referrer_label == "大堂经理 李娜" and referral.referred_on == TODAY
    assert [r.client_name for r in referrals.list_referrals(vault, referrer_name="李娜")] == ["陈明"]


def test_a_bad_referrer_creates_no_client(vault):
    with pytest.raises(ClientValidationError, match="referrer"):
        referrals.walk_in(vault, {"name": "陈明"}, {"referrer_name": "李娜"}, today=TODAY)
    with pytest.raises(ClientValidationError, match="referrer_role"):
        referrals.walk_in(vault, {"name": "陈明"}, {"referrer_role": "保安", "referrer_name": "李娜"}, today=TODAY)
    with vault.sessions() as s:
        assert s.scalar(select(func.count(Client.id))) == 0


def test_referrer_summary_counts_referred_clients_and_won_amounts(vault):
    referrer = _graded(vault, "老客户张")
    first, second = _graded(vault, "朋友甲"), _graded(vault, "朋友乙")
    referrals.add_referral(vault, first.id, {"referrer_client_id": referrer.id}, today=TODAY)
    made = opp.add_opportunity(
        vault, second.id, FUND, today=TODAY, referral={"referrer_client_id": referrer.id, "referred_on": "2026-11-30"}
    )
    opp.move_opportunity(vault, made.id, "won", today=TODAY)
    opp.add_opportunity(vault, first.id, FUND, today=TODAY)
    teller = referrals.add_referral(vault, first.id, {"referrer_role": "teller", "referrer_name": "王五"}, today=TODAY)
    assert teller.referrer_label == "柜员 王五"
    [by_client, by_teller] = referrals.referrer_summaries(vault)
    assert by_client.label == "老客户张" and by_client.referred == 2
    assert (by_client.opportunities, by_client.won, by_client.won_amount) == (2, 1, Decimal("100000.00"))
    assert by_client.conversion == 0.5
    assert by_teller.referred == 1 and by_teller.won == 0
    linked = referrals.list_referrals(vault, client_id=second.id)[0]
    assert linked.opportunity_id == made.id and linked.referred_on == dt.date(2026, 11, 30)


def test_a_client_cannot_refer_themselves(vault):
    client = _graded(vault, "张")
    with pytest.raises(Exception, match="推荐人不能是客户本人"):
        referrals.add_referral(vault, client.id, {"referrer_client_id": client.id}, today=TODAY)


def test_the_client_timeline_shows_stage_changes_and_referrals(vault):
    from rm_desktop.services.timeline.providers import client_timeline

    referrer = _graded(vault, "老客户张")
    client = _graded(vault, "朋友甲")
    made = opp.add_opportunity(vault, client.id, FUND, today=TODAY, referral={"referrer_client_id": referrer.id})
    opp.move_opportunity(vault, made.id, "lost", today=TODAY, reason="利率")
    mine = [
        (e.kind, e.title, e.detail) for e in client_timeline(vault, client.id) if e.kind in ("opportunity", "referral")
    ]
    assert ("opportunity", "商机 · 新建（意向）· 稳健债基", "100,000.00 元") in mine
    assert ("opportunity", "商机 · 意向 → 未成交 · 稳健债基", "100,000.00 元 · 利率") in mine
    assert ("referral", "推荐 · 由老客户张推荐", "") in mine
    theirs = [e.title for e in client_timeline(vault, referrer.id) if e.kind == "referral"]
    assert theirs == ["推荐 · 推荐了朋友甲"]
