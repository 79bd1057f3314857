"""Bulk actions on the worklist and their undo on a temporary vault with a fake today: one
transaction each, undo puts back exactly the rows the action wrote (and only while they are
as it left them), one contact per client; and the day's figures every count comes from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rm_desktop.domain.errors import UserError
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.reminders import appointments
from rm_desktop.services.worklist import actions, bulk
from rm_desktop.services.worklist.build import build_worklist
from rm_desktop.services.worklist.summary import figures
from rm_desktop.storage.models_reminders import ReminderState
from rm_desktop.storage.models_worklist import WorklistState

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 10, 0)


def _client(vault, name, aum="300000"):
    return create_client(vault, {"name": name, "aum": aum}, today=TODAY).id


def _contact(vault, cid, days_ago, **extra):
    at = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))
    values = {"channel": "phone", "content": "回访", "at": at.isoformat(), **extra}
    return contacts.add_contact(vault, cid, values, now=at).id


def _holding(vault, cid, maturity):
    values = {"product_type": "wealth", "name": "稳利", "amount": "200000", "maturity_date": maturity.isoformat()}
    return holdings.add_holding(vault, cid, values).id


@pytest.fixture
def book(vault):
    ids = {name: _client(vault, name) for name in ("张三", "李四", "王五", "赵六")}
    _contact(vault, ids["张三"], 35)  # cadence 30 days: due 5 days ago
    _contact(vault, ids["李四"], 2, follow_up_date=TODAY.isoformat())  # a follow-up due today
    _contact(vault, ids["王五"], 10)
    ids["soon"] = _holding(vault, ids["王五"], TODAY + dt.timedelta(days=30))  # T-30: early work
    ids["now"] = _holding(vault, ids["赵六"], TODAY)  # T-0: today
    _contact(vault, ids["赵六"], 5)
    appointments.add_appointment(vault, dt.datetime(2026, 6, 15, 14, 30), "面谈", client_id=ids["李四"])
    return ids


def _items(vault):
    return {item.key: item for item in build_worklist(vault, TODAY).items}


def _pick(items, kind):
    return next(key for key, item in items.items() if item.kind == kind)


def _states(vault):
    with vault.sessions() as session:
        return (
            {
                r.key: (r.snoozed_until, r.dismissed_at, r.reason, r.done)
                for r in session.scalars(select(ReminderState))
            },
            {
                r.key: (r.snoozed_until, r.dismissed_at, r.reason, r.done_on)
                for r in session.scalars(select(WorklistState))
            },
        )


def test_day_figures_count_each_item_once_and_t30_is_not_today(vault, book):
    worklist = build_worklist(vault, TODAY)
    day = figures(worklist)
    maturities = {item.candidate.stage: item for item in worklist.items if item.kind == "maturity"}
    assert set(maturities) == {0, 30}  # one row per holding, at its nearest stage
    assert day.overdue + day.due_today + day.ahead + len(day.appointments) == day.total == len(worklist.items)
    assert day.ahead == 1  # the T-30 notice, not today's
    assert day.due_today == 2  # the T-0 maturity and the follow-up
    [meeting] = day.appointments
    assert meeting.start == dt.datetime(2026, 6, 15, 14, 30) and meeting.client_name == "李四"
    assert dict(day.by_kind)["maturity"] == 2 and sum(dict(day.by_kind).values()) == day.total
    assert sum(dict(day.groups).values()) == day.total and day.groups[0] == ("plan", len(worklist.plan))
    assert (day.done, day.target) == (0, 8)
    assert figures(None, TODAY).total == 0


def test_bulk_dismiss_is_undone_exactly(vault, book):
    items = _items(vault)
    before = _states(vault)
    keys = [k for k in items if items[k].kind != "appointment"][:3]
    record = bulk.dismiss(vault, keys, "不再适用", now=NOW)
    after = _items(vault)
    assert not set(keys) & set(after) and len(after) == len(items) - 3
    assert figures(build_worklist(vault, TODAY)).done == 3 and "已忽略 3 项" in record.message()
    result = bulk.undo(vault, record)
    assert (result.restored, result.kept, result.contacts_removed) == (3, 0, 0)
    assert set(_items(vault)) == set(items) and _states(vault) == before


def test_bulk_snooze_skips_appointments_and_undo_returns_them(vault, book):
    items = _items(vault)
    meeting = _pick(items, "appointment")
    record = bulk.snooze(vault, list(items), TODAY + dt.timedelta(days=3), today=TODAY)
    assert record.skipped == (meeting,) and len(record.keys) == len(items) - 1
    assert set(_items(vault)) == {meeting}
    later = build_worklist(vault, TODAY + dt.timedelta(days=3))
    shown_again = {item.key for item in later.items}
    assert {_pick(items, "follow_up"), f"maturity:{book['soon']}:2026-07-15:T-30"} <= shown_again
    bulk.undo(vault, record)
    assert set(_items(vault)) == set(items)
    with pytest.raises(UserError):
        bulk.snooze(vault, list(items), TODAY, today=TODAY)  # refused before anything is written


def test_bulk_log_contact_writes_one_contact_per_client_and_undo_removes_them(vault, book):
    items = _items(vault)
    follow_up, meeting = _pick(items, "follow_up"), _pick(items, "appointment")  # both 李四's
    cadence = _pick(items, "cadence")
    li, zhang = book["李四"], book["张三"]
    last = {cid: contacts.list_contacts(vault, cid)[0].at for cid in (li, zhang)}
    record = bulk.log_contact(vault, [follow_up, meeting, cadence], {"channel": "visit", "content": "面谈"}, now=NOW)
    assert len(record.contacts) == 2 and len(record.keys) == 3
    assert contacts.list_contacts(vault, li)[0].content == "面谈"
    assert contacts.list_contacts(vault, li)[1].follow_up_done  # the follow-up is closed
    assert not {follow_up, meeting, cadence} & set(_items(vault))
    result = bulk.undo(vault, record)
    assert result.contacts_removed == 2
    assert [c.content for c in contacts.list_contacts(vault, li)] == ["回访"]
    assert not contacts.list_contacts(vault, li)[0].follow_up_done  # reopened
    assert {cid: contacts.list_contacts(vault, cid)[0].at for cid in (li, zhang)} == last
    assert {follow_up, meeting, cadence} <= set(_items(vault))


def test_undo_after_later_changes_restores_only_its_own_rows(vault, book):
    items = _items(vault)
    first, second, other = [k for k in items if items[k].kind != "appointment"][:3]
    record = bulk.snooze(vault, [first, second], TODAY + dt.timedelta(days=7), today=TODAY)
    actions.snooze(vault, other, TODAY + dt.timedelta(days=2), today=TODAY)  # unrelated, later
    actions.dismiss(vault, second, "客户来电说明", now=NOW)  # a later change of one of its rows
    result = bulk.undo(vault, record)
    assert (result.restored, result.kept) == (1, 1)
    shown = set(_items(vault))
    assert first in shown and second not in shown and other not in shown


def test_a_failing_item_writes_nothing(vault, book):
    items = _items(vault)
    before = _states(vault)
    trash_client(vault, book["赵六"])  # the T-0 maturity's client, gone meanwhile
    with pytest.raises(UserError):
        bulk.dismiss(vault, list(items), "已处理", now=NOW)
    assert _states(vault) == before
    with pytest.raises(UserError):
        bulk.dismiss(vault, [], "已处理", now=NOW)
    with pytest.raises(UserError):
        bulk.dismiss(vault, ["nonsense"], "已处理", now=NOW)


@pytest.mark.parametrize("act", ["dismiss", "snooze", "contact"])
def test_a_maturity_item_takes_its_earlier_notices_with_it(vault, book, act):
    """The T-0 item stands for the holding's T-1 and T-7 notices too: acting on it alone used
    to bring the T-1 notice up in its place."""
    key = next(k for k, item in _items(vault).items() if item.kind == "maturity" and item.candidate.stage == 0)
    if act == "dismiss":
        actions.dismiss(vault, key, "已处理", now=NOW)
    elif act == "snooze":
        actions.snooze(vault, key, TODAY + dt.timedelta(days=1), today=TODAY)
    else:
        actions.log_contact(vault, key, {"channel": "phone", "content": "已续作"}, now=NOW)
    held = [i for i in _items(vault).values() if i.kind == "maturity" and i.candidate.ref_id == book["now"]]
    assert held == []
