"""Opportunities against a real vault: add, the refusals, moves, the suitability check at 成交
(with the written acknowledgement kept in the history), the holding 成交 creates, the trash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.services.clients import files, holdings
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.storage.models_sales import Opportunity

TODAY = dt.date(2026, 12, 2)
R4_FUND = {"product_type": "fund", "product_name": "成长混合基金", "product_code": "F001", "product_risk": "R4",
           "amount": "20万", "expected_close": "2026-12-20", "source": "推荐"}  # fmt: skip


def _client(vault, grade="C2", expires=TODAY + dt.timedelta(days=200), name="王芳"):
    return files.create_client(
        vault,
        {"name": name, "risk_grade": grade, "risk_assessed_on": "2026-01-05", "risk_expires_on": expires},
        today=TODAY,
    )


def test_add_and_list(vault):
    client = _client(vault)
    made = opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    assert made.stage == "intent" and made.amount == Decimal("200000.00") and made.source == "referral"
    assert made.client_name == "王芳" and made.created_on == TODAY
    assert [o.id for o in opp.list_opportunities(vault, client_id=client.id)] == [made.id]
    assert opp.list_opportunities(vault, product_type="基金", month="2026-12")[0].id == made.id
    assert opp.list_opportunities(vault, month="2027-01") == []
    assert [s.to_stage for s in opp.history(vault, made.id)] == ["intent"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-100"}, "amount"),
        ({"expected_close": "2026-12-01"}, "expected_close"),
        ({"product_name": ""}, "product_name"),
        ({"next_step_on": "2026-12-05"}, "next_step"),
        ({"stage": "won"}, "stage"),
    ],
)
def test_bad_input_refused_naming_the_field_and_nothing_saved(vault, change, field):
    client = _client(vault)
    with pytest.raises((ClientValidationError, ValidationError), match=field):
        opp.add_opportunity(vault, client.id, {**R4_FUND, **change}, today=TODAY)
    with vault.sessions() as s:
        assert s.scalars(select(Opportunity)).all() == []


def test_r4_product_for_a_c2_client_refused_at_close(vault):
    client = _client(vault, "C2")
    made = opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    with pytest.raises(ValidationError, match="适当性不匹配.*R4.*C2"):
        opp.move_opportunity(vault, made.id, "成交", today=TODAY)
    assert opp.get_opportunity(vault, made.id).stage == "intent"
    assert holdings.list_holdings(vault, client.id) == []


def test_expired_assessment_blocks_the_close(vault):
    client = _client(vault, "C5", expires=TODAY - dt.timedelta(days=3))
    made = opp.add_opportunity(vault, client.id, {**R4_FUND, "product_risk": "R1"}, today=TODAY)
    with pytest.raises(ValidationError, match="风险测评已于 2026-11-29 过期"):
        opp.move_opportunity(vault, made.id, "won", today=TODAY)
    assert holdings.list_holdings(vault, client.id) == []


def test_won_creates_the_holding(vault):
    client = _client(vault, "C4")
    made = opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    opp.move_opportunity(vault, made.id, "方案", today=TODAY)
    won = opp.move_opportunity(vault, made.id, "won", today=TODAY + dt.timedelta(days=3))
    assert won.stage == "won" and won.closed_on == TODAY + dt.timedelta(days=3) and won.acknowledgement is None
    [held] = holdings.list_holdings(vault, client.id)
    assert won.holding_id == held.id
    assert (held.name, held.code, held.amount, held.risk, held.product_type) == (
        "成长混合基金", "F001", Decimal("200000.00"), "R4", "fund"
    )  # fmt: skip
    assert held.start_date == TODAY + dt.timedelta(days=3)
    assert [s.to_stage for s in opp.history(vault, made.id)] == ["intent", "proposal", "won"]
    with pytest.raises(ValidationError, match="不能再改阶段"):
        opp.move_opportunity(vault, made.id, "intent", today=TODAY)


def test_intent_straight_to_won_runs_the_check_and_the_acknowledgement_is_kept(vault):
    client = _client(vault, "C2")
    made = opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    won = opp.move_opportunity(vault, made.id, "won", today=TODAY, acknowledgement="客户签署风险揭示书，自愿购买")
    assert won.stage == "won" and won.acknowledgement == "客户签署风险揭示书，自愿购买"
    last = opp.history(vault, made.id)[-1]
    assert last.from_stage == "intent" and "unsuitable" in last.note and "自愿购买" in last.note
    assert len(holdings.list_holdings(vault, client.id)) == 1


def test_a_client_never_assessed_cannot_close_even_with_an_acknowledgement(vault):
    client = files.create_client(vault, {"name": "赵六"}, today=TODAY)
    made = opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    with pytest.raises(ValidationError, match="没有风险测评"):
        opp.move_opportunity(vault, made.id, "won", today=TODAY, acknowledgement="客户确认")


def test_lost_needs_a_reason(vault):
    made = opp.add_opportunity(vault, _client(vault).id, R4_FUND, today=TODAY)
    with pytest.raises(ValidationError, match="reason"):
        opp.move_opportunity(vault, made.id, "未成交", today=TODAY)
    lost = opp.move_opportunity(vault, made.id, "未成交", today=TODAY, reason="利率不如他行")
    assert lost.stage == "lost" and lost.lost_reason == "利率不如他行"


def test_edit_keeps_the_rules(vault):
    made = opp.add_opportunity(vault, _client(vault).id, R4_FUND, today=TODAY)
    edited = opp.update_opportunity(
        vault, made.id, {"amount": "30万", "next_step": "送方案", "next_step_on": "2026-12-04"}
    )
    assert edited.amount == Decimal("300000.00") and edited.next_step_on == dt.date(2026, 12, 4)
    with pytest.raises(ClientValidationError, match="amount"):
        opp.update_opportunity(vault, made.id, {"amount": "0"})
    with pytest.raises(ValidationError, match="stage"):
        opp.update_opportunity(vault, made.id, {"stage": "won"})


def test_a_trashed_clients_opportunities_go_with_it_and_come_back(vault):
    client = _client(vault)
    made = opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    files.trash_client(vault, client.id)
    assert opp.list_opportunities(vault) == []
    with pytest.raises(UserError, match="回收站"):
        opp.add_opportunity(vault, client.id, R4_FUND, today=TODAY)
    files.restore_client(vault, client.id)
    assert [o.id for o in opp.list_opportunities(vault)] == [made.id]
    files.trash_client(vault, client.id)
    files.purge_client(vault, client.id)
    with vault.sessions() as s:
        assert s.scalars(select(Opportunity)).all() == []
