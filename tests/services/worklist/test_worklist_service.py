"""The worklist on a temporary vault with a fake today: items from reminders, churn signals
and outcome prompts, one item per maturing holding, actions, outcomes and retention, lost
clients, settings refusals, an empty book."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients.files import create_client, trash_client, update_client
from rm_desktop.services.worklist import actions, outcomes
from rm_desktop.services.worklist.build import as_json, build_worklist
from rm_desktop.services.worklist.retention import retention_by_month

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 10, 0)


def _client(vault, name, aum="300000", *, on=TODAY, **values):
    return create_client(vault, {"name": name, "aum": aum, **values}, today=on).id


def _contact(vault, cid, days_ago):
    at = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))
    contacts.add_contact(vault, cid, {"channel": "phone", "content": "回访", "at": at.isoformat()}, now=at)


def _holding(vault, cid, amount, maturity, name="稳利90天"):
    values = {"product_type": "wealth", "name": name, "amount": amount, "maturity_date": maturity.isoformat()}
    return holdings.add_holding(vault, cid, values).id


def _keys(worklist, kind=None):
    return [i.key for i in worklist.items if kind is None or i.kind == kind]


def test_an_empty_book_has_an_empty_worklist(vault):
    worklist = build_worklist(vault, TODAY)
    assert [i for i in worklist.items if i.client_id is not None] == []
    assert worklist.progress() == (0, 8)
    assert as_json(worklist)["capacity"] == 8


def test_one_maturity_item_at_its_nearest_stage_ranked_first(vault):
    rich = _client(vault, "王大户", "5000000")
    _contact(vault, rich, 10)
    hid = _holding(vault, rich, "500000", TODAY + dt.timedelta(days=1))
    other = _client(vault, "李四")
    _contact(vault, other, 35)  # cadence 30 days: 5 days late
    worklist = build_worklist(vault, TODAY)
    maturities = [i for i in worklist.items if i.kind == "maturity"]
    assert [i.key for i in maturities] == [f"maturity:{hid}:{TODAY + dt.timedelta(days=1)}:T-1"]
    first = worklist.plan[0]
    assert first.key == maturities[0].key and first.hard
    assert first.why() == "到期 50万 T-1（稳利90天） · 私行客户 · 上次联系 10 天前"
    assert f"cadence:{other}:" in " ".join(_keys(worklist, "cadence"))
    data = as_json(worklist, top=1)
    assert (
        data["items"][0]["stage"] == "T-1" and data["items"][0]["plan"] is True and data["total"] == len(worklist.items)
    )


def test_aum_drop_signal_fires_at_31_percent_not_29(vault):
    old = TODAY - dt.timedelta(days=120)
    fell = _client(vault, "跌了", "1000000", on=old)
    update_client(vault, fell, {"aum": "690000"}, today=TODAY - dt.timedelta(days=3))
    held = _client(vault, "稳住", "1000000", on=old)
    update_client(vault, held, {"aum": "710000"}, today=TODAY - dt.timedelta(days=3))
    future = _client(vault, "未来", "1000000", on=TODAY + dt.timedelta(days=30))  # a future-dated snapshot only
    update_client(vault, future, {"aum": "100"}, today=TODAY + dt.timedelta(days=40))
    signals = [i for i in build_worklist(vault, TODAY).items if i.candidate.rule == "aum_drop"]
    assert [i.client_id for i in signals] == [fell]
    assert signals[0].candidate.numbers["drop_percent"] == 31
    assert "31%" in signals[0].why() and "••••" in signals[0].why(hidden="••••")


def test_no_contact_supersedes_the_cadence_reminder_and_a_contact_answers_it(vault):
    cid = _client(vault, "久未联系")
    _contact(vault, cid, 50)  # > 1.5 × 30
    worklist = build_worklist(vault, TODAY)
    [signal] = [i for i in worklist.items if i.client_id == cid and i.kind == "churn"]
    assert signal.candidate.rule == "no_contact" and signal.candidate.numbers["days"] == 50
    assert not [i for i in worklist.items if i.client_id == cid and i.kind == "cadence"]
    message = actions.log_contact(vault, signal.key, {"channel": "phone", "content": "问候"}, now=NOW)
    assert "已记录联系" in message
    after = build_worklist(vault, TODAY)
    assert not [i for i in after.items if i.client_id == cid] and after.done_today == 1


def test_outcome_prompt_then_a_kept_maturity_counts_in_retention(vault):
    cid = _client(vault, "到期客户", "800000")
    kept_id = _holding(vault, cid, "500000", TODAY - dt.timedelta(days=3))
    gone_id = _holding(vault, cid, "300000", TODAY - dt.timedelta(days=2), name="定期")
    prompts = _keys(build_worklist(vault, TODAY), "maturity_outcome")
    assert sorted(prompts) == sorted([f"maturity_outcome:{kept_id}", f"maturity_outcome:{gone_id}"])
    assert not _keys(build_worklist(vault, TODAY), "maturity")  # the passed notice gave way
    [before] = retention_by_month(vault, 1, today=TODAY)
    assert (before.matured, before.recorded, before.rate) == (800_000, 0, None)  # pending, not lost
    rolled = outcomes.record_outcome(vault, kept_id, "50万", now=NOW)
    assert rolled.outcome == "rolled_over" and rolled.into_holding_id is not None
    with pytest.raises(ValidationError):
        outcomes.record_outcome(vault, gone_id, "0", now=NOW)  # withdrawn needs a reason
    gone = outcomes.record_outcome(vault, gone_id, "0", reason="利率低", now=NOW)
    assert gone.outcome == "withdrawn" and gone.into_holding_id is None
    with pytest.raises(UserError):
        outcomes.record_outcome(vault, gone_id, "0", reason="again", now=NOW)
    statuses = {h.id: h.status for h in holdings.list_holdings(vault, cid)}
    assert statuses[kept_id] == statuses[gone_id] == "matured" and statuses[rolled.into_holding_id] == "holding"
    worklist = build_worklist(vault, TODAY)
    assert not _keys(worklist, "maturity_outcome")
    [lost] = [i for i in worklist.items if i.candidate.rule == "not_kept"]
    assert lost.candidate.numbers["holding_id"] == gone_id
    [june] = retention_by_month(vault, 1, today=TODAY)
    assert (june.month, june.matured, june.recorded, june.kept) == ("2026-06", 800_000, 800_000, 500_000)
    assert june.rate == 0.625


def test_outcomes_are_refused_before_maturity_and_moved_money_makes_a_new_holding(vault):
    cid = _client(vault, "客户")
    early = _holding(vault, cid, "100000", TODAY + dt.timedelta(days=5))
    with pytest.raises(UserError):
        outcomes.record_outcome(vault, early, "100000", now=NOW)
    with pytest.raises(UserError):
        outcomes.record_outcome(vault, 99999, "1", now=NOW)
    done = _holding(vault, cid, "100000", TODAY - dt.timedelta(days=1))
    moved = outcomes.record_outcome(vault, done, "100000", into="养老基金", now=NOW)
    assert moved.outcome == "moved"
    [new] = [h for h in holdings.list_holdings(vault, cid) if h.id == moved.into_holding_id]
    assert (new.name, new.amount) == ("养老基金", Decimal("100000.00"))
    assert retention_by_month(vault, 2, today=TODAY)[-1].rate == 1.0
    with pytest.raises(UserError):
        retention_by_month(vault, 0)


def test_snooze_and_dismiss_own_items_and_reminders(vault):
    cid = _client(vault, "过期", risk_grade="C3", risk_assessed_on="2024-06-01", risk_expires_on="2026-06-01")
    _contact(vault, cid, 5)
    [signal] = [i for i in build_worklist(vault, TODAY).items if i.candidate.rule == "risk_expired"]
    actions.snooze(vault, signal.key, TODAY + dt.timedelta(days=3), today=TODAY)
    assert signal.key not in _keys(build_worklist(vault, TODAY))
    assert signal.key in _keys(build_worklist(vault, TODAY + dt.timedelta(days=3)))
    with pytest.raises(ValidationError):
        actions.dismiss(vault, signal.key, "  ", now=NOW)
    actions.dismiss(vault, signal.key, "客户下周来行续评", now=NOW)
    assert signal.key not in _keys(build_worklist(vault, TODAY + dt.timedelta(days=3)))
    with pytest.raises(UserError):
        actions.snooze(vault, "churn:nonsense", TODAY + dt.timedelta(days=1), today=TODAY)
    birthday = _client(vault, "寿星", birth_date="1980-06-15")
    key = f"birthday:{birthday}:2026-06-15"
    assert key in _keys(build_worklist(vault, TODAY))
    actions.dismiss(vault, key, "已电话祝福", now=NOW)
    assert key not in _keys(build_worklist(vault, TODAY)) and build_worklist(vault, TODAY).done_today == 2


def test_lost_clients_need_a_listed_reason_and_get_no_churn_signals(vault):
    cid = _client(vault, "要走")
    _contact(vault, cid, 60)
    with pytest.raises(ValidationError) as refused:
        outcomes.mark_lost(vault, cid, "不知道", now=NOW)
    assert "他行营销" in str(refused.value)
    assert outcomes.mark_lost(vault, cid, "他行营销", now=NOW) == "他行营销"
    assert outcomes.lost_clients(vault) == {cid: "他行营销"}
    assert not [i for i in build_worklist(vault, TODAY).items if i.client_id == cid]  # nor its cadence
    assert outcomes.unmark_lost(vault, cid) and not outcomes.unmark_lost(vault, cid)
    trash_client(vault, cid, now=NOW)
    with pytest.raises(UserError):
        outcomes.mark_lost(vault, cid, "利率", now=NOW)


def test_weights_settings_refuse_zero_and_change_the_plan(vault):
    with pytest.raises(ValidationError) as refused:
        vault.settings.set("worklist_tier_weights", "private:0")
    assert "大于 0" in str(refused.value)
    with pytest.raises(ValidationError):
        vault.settings.set("worklist_kind_weights", "birthday:-1")
    vault.settings.set("worklist_capacity", 1)
    a = _client(vault, "甲", birth_date="1980-06-15")
    b = _client(vault, "乙", "5000000", birth_date="1981-06-15")
    assert [i.client_id for i in build_worklist(vault, TODAY).plan] == [b]
    vault.settings.set("worklist_tier_weights", "private:0.01")
    assert [i.client_id for i in build_worklist(vault, TODAY).plan] == [a]
