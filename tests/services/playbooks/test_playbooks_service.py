"""Playbooks on a temporary vault with a fake clock: the built-ins listed, a copy edited (a
built-in refused), a start making dated worklist items, a duplicate start refused naming the
rule, and a step done logging its contact once (from the worklist's 记录联系 too)."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.events.model import EventFields
from rm_desktop.domain.playbooks.model import Step
from rm_desktop.services.clients.contacts import list_contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.events import store
from rm_desktop.services.playbooks import library, runs, steps
from rm_desktop.services.worklist import actions
from rm_desktop.services.worklist.build import build_worklist
from rm_desktop.storage.models_events import PlaybookRun, PlaybookStep

TODAY = dt.date(2026, 12, 2)


def _client(vault, name="王芳"):
    return create_client(vault, {"name": name, "aum": "500000"}, today=TODAY).id


def _steps_on(vault, day):
    return {i.key: i for i in build_worklist(vault, day).items if i.kind == "playbook_step"}


def test_the_builtins_are_listed_and_a_copy_is_editable(vault):
    refs = [p.ref for p in library.list_playbooks(vault)]
    assert refs[:4] == ["new_client", "maturity", "complaint", "salon"]
    with pytest.raises(UserError):
        library.update_playbook(vault, "new_client", "x", "", [Step(0, "a", "phone")])
    copy = library.copy_playbook(vault, "new_client")
    assert copy.ref.startswith("#") and copy.name == "新客户（副本）" and len(copy.steps) == 3
    edited = library.update_playbook(
        vault, copy.ref, "新客户（我的）", "开户日", [*copy.steps, Step(90, "季度检视", "visit", "您好{称呼}")]
    )
    assert [s.offset for s in library.get_playbook(vault, edited.ref).steps] == [0, 3, 30, 90]
    with pytest.raises(ValidationError) as err:
        library.update_playbook(vault, copy.ref, "新客户（我的）", "", [Step(0, "", "phone")])
    assert err.value.field == "steps[1].title"
    assert library.get_playbook(vault, "新客户（我的）").steps[-1].script == "您好{称呼}"  # nothing half-saved


def test_start_creates_dated_worklist_items(vault):
    cid = _client(vault)
    run = runs.start_playbook(vault, "new_client", cid, TODAY, today=TODAY)
    assert [s.due_on for s in run.steps] == [TODAY, TODAY + dt.timedelta(days=3), TODAY + dt.timedelta(days=30)]
    today_items = _steps_on(vault, TODAY)
    assert list(today_items) == [run.steps[0].key]
    assert today_items[run.steps[0].key].client_id == cid
    assert "新客户 · 欢迎新客户" in today_items[run.steps[0].key].why()
    later = _steps_on(vault, TODAY + dt.timedelta(days=3))  # day 0's step still open: overdue
    assert set(later) == {run.steps[0].key, run.steps[1].key}


def test_starting_twice_for_the_same_client_and_event_is_refused(vault):
    cid = _client(vault)
    event_id = store.add_event(vault, EventFields("沙龙", dt.datetime(2026, 12, 30, 14))).id
    runs.start_playbook(vault, "salon", cid, event_id=event_id, today=TODAY)
    with pytest.raises(ValidationError) as err:
        runs.start_playbook(vault, "salon", cid, event_id=event_id, today=TODAY)
    assert err.value.field == "playbook" and "不能重复启动" in str(err.value)
    with vault.sessions() as s:
        assert (s.query(PlaybookRun).count(), s.query(PlaybookStep).count()) == (1, 4)
    # Another client, or another start event, is a new run.
    runs.start_playbook(vault, "salon", _client(vault, "李雷"), event_id=event_id, today=TODAY)
    runs.start_playbook(vault, "new_client", cid, TODAY, today=TODAY)
    assert len(runs.list_runs(vault)) == 3


def test_past_steps_are_left_out_and_an_all_past_start_refused(vault):
    cid = _client(vault)
    run = runs.start_playbook(vault, "maturity", cid, TODAY + dt.timedelta(days=10), today=TODAY)
    assert (len(run.steps), run.skipped_past) == (2, 1)  # T-30 is past: T-7 and T+1 remain
    with pytest.raises(ValidationError) as err:
        runs.start_playbook(vault, "new_client", cid, TODAY - dt.timedelta(days=40), today=TODAY)
    assert err.value.field == "start"


def test_a_step_done_logs_its_contact_once(vault):
    cid = _client(vault)
    run = runs.start_playbook(vault, "new_client", cid, TODAY, today=TODAY)
    now = dt.datetime(2026, 12, 2, 10, 0)
    steps.complete_step(vault, run.steps[0].id, now=now)
    again = steps.complete_step(vault, run.steps[0].id, now=now)
    assert "已于 2026-12-02 完成" in again
    logged = list_contacts(vault, cid)
    assert [(c.channel, c.content) for c in logged] == [("wechat", "欢迎新客户")]
    assert _steps_on(vault, TODAY) == {}


def test_a_step_logged_from_the_worklist_is_done(vault):
    cid = _client(vault)
    run = runs.start_playbook(vault, "complaint", cid, TODAY, today=TODAY)
    key = run.steps[0].key
    assert actions.client_of(vault, key) == cid
    actions.log_contact(vault, key, {"channel": "meeting", "content": "已安抚"}, now=dt.datetime(2026, 12, 2, 11))
    done = runs.list_runs(vault, cid)[0].steps[0]
    assert done.done_at is not None and done.contact_id == list_contacts(vault, cid)[0].id
    assert key not in _steps_on(vault, TODAY)
    actions.snooze(vault, run.steps[1].key, TODAY + dt.timedelta(days=1), today=TODAY)
    assert run.steps[1].key not in _steps_on(vault, TODAY)


def test_a_start_is_undone_until_a_step_is_done(vault):
    cid = _client(vault)
    run = runs.start_playbook(vault, "new_client", cid, TODAY, today=TODAY)
    assert runs.undo_start(vault, run.id) == 3
    assert runs.list_runs(vault) == [] and _steps_on(vault, TODAY) == {}
    again = runs.start_playbook(vault, "new_client", cid, TODAY, today=TODAY)  # no longer a duplicate
    steps.complete_step(vault, again.steps[0].id, now=dt.datetime(2026, 12, 2, 10))
    with pytest.raises(UserError, match="不能撤销"):
        runs.undo_start(vault, again.id)
    assert len(runs.list_runs(vault)) == 1
