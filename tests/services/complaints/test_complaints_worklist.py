"""A complaint on the worklist (fake clock): the follow-up deadline is an item of kind
"complaint" that is hard (red) on its day and overdue once 48 hours have passed; an open complaint raises the
churn signal; the follow-up step and the close take them away."""

from __future__ import annotations

import datetime as dt

from rm_desktop.domain.worklist import ClientContext
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.complaints import store
from rm_desktop.services.complaints.worklist_items import complaint_candidates
from rm_desktop.services.worklist import actions
from rm_desktop.services.worklist.build import as_json, build_worklist, script_category

RECEIVED = dt.datetime(2026, 3, 1, 9, 0)
VALUES = {"channel": "phone", "category": "fees", "description": "年费多扣了 200 元"}


def _new(vault, name="张三"):
    client = create_client(vault, {"name": name, "aum": "300000"}, today=RECEIVED.date()).id
    return client, store.add_complaint(vault, client, VALUES, now=RECEIVED).id


def _item(worklist, key):
    return next((i for i in worklist.items if i.key == key), None)


def test_the_deadline_turns_into_an_overdue_item_after_48_hours(vault):
    _client, cid = _new(vault)
    key = f"complaint:{cid}"
    day1 = _item(build_worklist(vault, RECEIVED.date()), key)
    assert day1 is not None and day1.kind == "complaint" and not day1.hard
    assert day1.due == dt.date(2026, 3, 3) and "截止 03-03 09:00" in day1.why()
    on_deadline_day = _item(build_worklist(vault, dt.date(2026, 3, 3)), key)
    assert on_deadline_day is not None and on_deadline_day.hard  # today's must-do, like a follow-up due
    assert "已逾期" not in on_deadline_day.why()
    late = build_worklist(vault, dt.date(2026, 3, 4))
    overdue = _item(late, key)
    assert overdue is not None and overdue.hard and "已逾期" in overdue.why()
    assert late.items[0].key == key  # a hard deadline leads the plan
    assert script_category(overdue) == "complaint"
    assert next(i for i in as_json(late)["items"] if i["key"] == key)["kind"] == "complaint"


def test_the_exact_hour_decides_with_a_clock(vault):
    _new(vault)
    with vault.engine.connect() as conn:

        def at(now):
            found = complaint_candidates(conn, now.date(), lambda c: ClientContext(c, "张三"), (), now)
            return next(c for c in found if c.kind == "complaint")

        before, after = (
            at(RECEIVED + dt.timedelta(hours=47, minutes=59)),
            at(RECEIVED + dt.timedelta(hours=48, minutes=1)),
        )
        assert before.numbers["overdue"] is False and "截止 03-03 09:00" in before.head_zh
        assert after.numbers["overdue"] is True and "已逾期 03-03 09:00" in after.head_zh
        assert not at(RECEIVED + dt.timedelta(hours=3)).hard and after.hard


def test_an_open_complaint_raises_the_churn_signal_until_closed(vault):
    client, cid = _new(vault)
    today = dt.date(2026, 3, 2)
    signal = f"churn:complaint:{client}:{cid}"
    worklist = build_worklist(vault, today)
    churn = _item(worklist, signal)
    assert churn is not None and churn.candidate.rule == "complaint" and "投诉未结 1 天" in churn.why()
    store.mark_step(vault, cid, "follow_up", now=RECEIVED + dt.timedelta(hours=20))
    worklist = build_worklist(vault, today)
    assert _item(worklist, f"complaint:{cid}") is None  # followed up: the deadline is met
    assert _item(worklist, signal) is not None  # still open
    store.close_complaint(vault, cid, "已退还", 4, now=RECEIVED + dt.timedelta(hours=21))
    assert _item(build_worklist(vault, today), signal) is None


def test_a_trashed_clients_complaint_has_no_item(vault):
    client, cid = _new(vault)
    trash_client(vault, client)
    keys = [i.key for i in build_worklist(vault, dt.date(2026, 3, 4)).items]
    assert f"complaint:{cid}" not in keys and not any(k.startswith("churn:complaint:") for k in keys)


def test_the_item_can_be_snoozed_from_the_worklist(vault):
    client, cid = _new(vault)
    key = f"complaint:{cid}"
    assert actions.client_of(vault, key) == client
    actions.snooze(vault, key, dt.date(2026, 3, 6), today=dt.date(2026, 3, 4))
    assert _item(build_worklist(vault, dt.date(2026, 3, 4)), key) is None
    assert _item(build_worklist(vault, dt.date(2026, 3, 6)), key) is not None


def test_a_contact_logged_from_the_item_is_the_follow_up(vault):
    _client, cid = _new(vault)
    key = f"complaint:{cid}"
    at = RECEIVED + dt.timedelta(hours=30)
    actions.log_contact(vault, key, {"channel": "phone", "content": "回访：年费已退"}, now=at)
    done = store.get_complaint(vault, cid).step("follow_up")
    assert done is not None and done.done_at == at
    assert _item(build_worklist(vault, dt.date(2026, 3, 4)), key) is None  # the deadline is met
    assert store.get_complaint(vault, cid).is_open  # closing stays the RM's act (outcome, satisfaction)
