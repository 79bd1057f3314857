"""A list of clients turned into worklist items (services/worklist/campaign) on a temporary
vault with a fake today: one item each for that day, nothing twice, skips said with their
reason, refusals that store nothing, and an undo that removes exactly what was made."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.worklist import actions, campaign, outcomes
from rm_desktop.services.worklist.build import build_worklist
from rm_desktop.services.worklist.campaign import SKIP_LOST, SKIP_MISSING, SKIP_OPEN, add_to_worklist, undo_campaign
from rm_desktop.storage.models_reminders import CustomReminder

TODAY = dt.date(2026, 12, 2)
TITLE = "重要挽留客户 回访"


def _clients(vault, count, prefix="客户"):
    return [create_client(vault, {"name": f"{prefix}{k}", "aum": "300000"}, today=TODAY).id for k in range(count)]


def _custom_items(vault, day, title=TITLE):
    return {i.client_id: i for i in build_worklist(vault, day).items if i.kind == "custom" and title in i.why()}


def _stored(vault):
    with vault.sessions() as s:
        return s.query(CustomReminder).count()


def test_a_segment_of_three_is_three_items_on_that_day(vault):
    ids = _clients(vault, 3)
    on = TODAY + dt.timedelta(days=3)
    result = add_to_worklist(vault, ids, f"  {TITLE} ", on, note="问候并介绍新产品", today=TODAY)
    assert (result.created, result.skipped, result.title) == (3, {}, TITLE)
    assert result.message() == "已加入工作清单 3 项（2026-12-05）"
    assert _custom_items(vault, TODAY) == {}  # not before its day
    items = _custom_items(vault, on)
    assert sorted(items) == sorted(ids)
    # The RM's title is the item's head; the client's name stays in its own (maskable) column.
    assert all(item.due == on and item.why().startswith(f"提醒 今天：{TITLE} · ") for item in items.values())
    assert all(item.client_name not in item.why() for item in items.values())
    assert sorted(result.as_json()["created_keys"]) == sorted(item.key for item in items.values())


def test_pressed_twice_adds_nothing_and_says_why(vault):
    ids = _clients(vault, 3)
    add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY)
    again = add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY)
    assert (again.created, again.skipped_count, again.skipped) == (0, 3, {SKIP_OPEN: tuple(ids)})
    assert "跳过 3 位：已有相同的未完成事项 3" in again.message()
    assert _stored(vault) == 3 and len(_custom_items(vault, TODAY)) == 3
    # Another day is still the same open item; another title is another item.
    assert add_to_worklist(vault, ids, TITLE, TODAY + dt.timedelta(days=1), today=TODAY).created == 0
    assert add_to_worklist(vault, ids[:1], "节后回访", TODAY, today=TODAY).created == 1


def test_done_and_dismissed_items_are_closed_a_snoozed_one_stays_open(vault):
    a, b, c = _clients(vault, 3)
    made = add_to_worklist(vault, [a, b, c], TITLE, TODAY, today=TODAY)
    keys = dict(zip([a, b, c], made.as_json()["created_keys"], strict=True))
    reminder_actions.mark_done(vault, keys[a])
    actions.dismiss(vault, keys[b], "客户已到店")
    later = TODAY + dt.timedelta(days=20)
    reminder_actions.snooze(vault, keys[c], later, today=TODAY)
    again = add_to_worklist(vault, [a, b, c], TITLE, later, today=later)
    assert again.created == 2 and again.skipped == {SKIP_OPEN: (c,)}


def test_an_open_item_stays_overdue_past_the_look_back_until_done(vault):
    # A single custom reminder is carried like a follow-up: undone, it must not vanish a week
    # after its day (the reminders' look-back is for birthdays and other dated events).
    (cid,) = _clients(vault, 1)
    (key,) = add_to_worklist(vault, [cid], TITLE, TODAY, today=TODAY).as_json()["created_keys"]
    later = TODAY + dt.timedelta(days=10)
    items = _custom_items(vault, later)
    assert list(items) == [cid] and items[cid].key == key and items[cid].due == TODAY
    assert items[cid].due < later  # overdue, 10 days
    assert add_to_worklist(vault, [cid], TITLE, later, today=later).skipped == {SKIP_OPEN: (cid,)}
    reminder_actions.mark_done(vault, key)
    assert _custom_items(vault, later) == {}
    assert add_to_worklist(vault, [cid], TITLE, later, today=later).created == 1


def test_lost_trashed_and_unknown_clients_are_skipped_with_their_reason(vault):
    keep, lost, gone = _clients(vault, 3)
    outcomes.mark_lost(vault, lost, "利率")
    trash_client(vault, gone)
    result = add_to_worklist(vault, [keep, lost, gone, 999_999, keep], TITLE, TODAY, today=TODAY)
    assert result.created == 1  # the repeated id once
    assert result.skipped == {SKIP_LOST: (lost,), SKIP_MISSING: (gone, 999_999)}
    assert "已标记为流失 1" in result.message() and "客户不存在或在回收站中 2" in result.message()
    assert list(_custom_items(vault, TODAY)) == [keep]


def test_undo_removes_exactly_those_items_and_what_was_done_to_them(vault):
    ids = _clients(vault, 3)
    earlier = add_to_worklist(vault, ids[:1], "节后回访", TODAY, today=TODAY)
    result = add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY)
    first_key = result.as_json()["created_keys"][0]
    actions.note_done(vault, first_key, TODAY)  # counted in today's progress
    assert build_worklist(vault, TODAY).done_today == 1
    assert undo_campaign(vault, result.undo) == 3
    assert _custom_items(vault, TODAY) == {} and build_worklist(vault, TODAY).done_today == 0
    assert len(_custom_items(vault, TODAY, "节后回访")) == 1 and earlier.created == 1
    assert undo_campaign(vault, result.undo) == 0  # twice: nothing more goes
    assert add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY).created == 3  # and it can be redone


@pytest.mark.parametrize(
    ("title", "on", "note", "field"),
    [
        ("   ", TODAY, "", "title"),
        ("回" * 201, TODAY, "", "title"),
        (TITLE, TODAY - dt.timedelta(days=1), "", "date"),
        (TITLE, TODAY, "x" * 1001, "note"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(vault, title, on, note, field):
    ids = _clients(vault, 2)
    with pytest.raises(ValidationError) as refused:
        add_to_worklist(vault, ids, title, on, note=note, today=TODAY)
    assert refused.value.field == field and _stored(vault) == 0


def test_too_many_clients_are_refused_in_one_line(vault, monkeypatch):
    ids = _clients(vault, 3)
    monkeypatch.setattr(campaign, "MAX_CLIENTS", 2)
    with pytest.raises(UserError) as refused:
        add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY)
    assert "最多加入 2 位" in str(refused.value) and "\n" not in str(refused.value)
    assert _stored(vault) == 0


def test_one_transaction_a_failure_at_the_third_row_stores_none(vault):
    ids = _clients(vault, 3)
    # The third INSERT fails as a full disk would (a trigger, so the failure is SQLite's own).
    with vault.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER full_disk BEFORE INSERT ON custom_reminders"
            " WHEN (SELECT count(*) FROM custom_reminders) >= 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    with pytest.raises(Exception, match="disk full"):
        add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY)
    assert _stored(vault) == 0
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER full_disk")
    assert add_to_worklist(vault, ids, TITLE, TODAY, today=TODAY).created == 3
