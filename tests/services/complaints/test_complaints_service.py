"""Complaints on a temporary vault with a fake clock: receive, steps with their times, close
with outcome and satisfaction, list; refusals leave the complaint as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.services.clients.files import create_client, restore_client, trash_client
from rm_desktop.services.complaints import store

NOW = dt.datetime(2026, 3, 1, 9, 0)
VALUES = {"channel": "counter", "category": "waiting", "description": "排队一小时", "severity": "medium"}


@pytest.fixture
def client_id(vault):
    return create_client(vault, {"name": "张三", "aum": "300000"}, today=NOW.date()).id


def test_a_complaint_is_received_with_its_48_hour_deadline(vault, client_id):
    made = store.add_complaint(vault, client_id, VALUES, now=NOW)
    assert made.received_at == NOW and made.deadline_at == NOW + dt.timedelta(hours=48)
    assert made.is_open and made.client_name == "张三" and made.steps == ()
    assert made.category_label == "等候时间" and made.severity_label == "较重"


def test_the_deadline_follows_the_setting_in_force_at_receipt(vault, client_id):
    vault.settings.set("complaint_deadline_hours", 24)
    first = store.add_complaint(vault, client_id, VALUES, now=NOW)
    vault.settings.set("complaint_deadline_hours", 72)
    assert store.get_complaint(vault, first.id).deadline_at == NOW + dt.timedelta(hours=24)
    with pytest.raises(ValidationError, match="complaint_deadline_hours"):
        vault.settings.set("complaint_deadline_hours", 0)


def test_steps_are_recorded_with_their_times_in_the_fixed_order(vault, client_id):
    cid = store.add_complaint(vault, client_id, VALUES, now=NOW).id
    later = NOW + dt.timedelta(hours=3)
    store.mark_step(vault, cid, "answer", now=later)
    store.mark_step(vault, cid, "calm", at="2026-03-01 09:05", now=later, note="先请客户坐下")
    done = store.get_complaint(vault, cid)
    assert [(s.step, s.done_at) for s in done.steps] == [
        ("calm", dt.datetime(2026, 3, 1, 9, 5)),
        ("answer", later),
    ]
    assert done.step("calm").note == "先请客户坐下"
    assert [s.step for s in store.undo_step(vault, cid, "answer", now=later).steps] == ["calm"]


def test_closing_needs_outcome_and_satisfaction_1_to_5(vault, client_id):
    cid = store.add_complaint(vault, client_id, VALUES, now=NOW).id
    for bad in (0, 6):
        with pytest.raises(ValidationError) as caught:
            store.close_complaint(vault, cid, "已致歉并开通绿色通道", bad, now=NOW)
        assert caught.value.field == "satisfaction"
    with pytest.raises(ValidationError) as caught:
        store.close_complaint(vault, cid, "", 4, now=NOW)
    assert caught.value.field == "outcome"
    assert store.get_complaint(vault, cid).is_open  # nothing half-saved
    closed = store.close_complaint(vault, cid, "已致歉并开通绿色通道", 4, now=NOW + dt.timedelta(days=1))
    assert (closed.outcome, closed.satisfaction, closed.closed_at) == (
        "已致歉并开通绿色通道",
        4,
        NOW + dt.timedelta(days=1),
    )
    with pytest.raises(UserError, match="已于"):
        store.mark_step(vault, cid, "follow_up", now=NOW + dt.timedelta(days=2))


def test_lists_by_status_and_client(vault, client_id):
    other = create_client(vault, {"name": "李四"}, today=NOW.date()).id
    a = store.add_complaint(vault, client_id, VALUES, now=NOW).id
    b = store.add_complaint(vault, other, {**VALUES, "type": "request"}, now=NOW + dt.timedelta(hours=1)).id
    store.close_complaint(vault, a, "ok", 5, now=NOW + dt.timedelta(hours=2))
    assert [c.id for c in store.list_complaints(vault)] == [b, a]
    assert [c.id for c in store.list_complaints(vault, status="open")] == [b]
    assert [c.id for c in store.list_complaints(vault, status="closed")] == [a]
    assert [c.id for c in store.list_complaints(vault, client_id=other)] == [b]
    assert store.list_complaints(vault, since=dt.date(2026, 3, 2)) == []
    with pytest.raises(ValidationError):
        store.list_complaints(vault, status="pending")


def test_refusals_for_a_missing_or_trashed_client_and_a_future_receipt(vault, client_id):
    with pytest.raises(ValidationError) as caught:
        store.add_complaint(vault, 999, VALUES, now=NOW)
    assert caught.value.field == "client"
    with pytest.raises(ValidationError) as caught:
        store.add_complaint(vault, client_id, {**VALUES, "received_at": "2026-03-05 10:00"}, now=NOW)
    assert caught.value.field == "received_at"
    kept = store.add_complaint(vault, client_id, VALUES, now=NOW).id
    trash_client(vault, client_id)
    with pytest.raises(UserError, match="回收站"):
        store.add_complaint(vault, client_id, VALUES, now=NOW)
    assert store.list_complaints(vault) == []  # gone to the trash with its client
    assert [c.id for c in store.list_complaints(vault, include_trashed=True)] == [kept]
    restore_client(vault, client_id)
    assert [c.id for c in store.list_complaints(vault)] == [kept]
    with pytest.raises(UserError, match="999"):
        store.get_complaint(vault, 999)
