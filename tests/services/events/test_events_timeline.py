"""The client timeline shows a client's events (with the invitation's status) and playbook
steps (at their day, or when done) beside the contacts."""

from __future__ import annotations

import datetime as dt

from rm_desktop.domain.events.model import ATTENDED, EventFields
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.events import attendance, invites, store
from rm_desktop.services.playbooks import runs, steps
from rm_desktop.services.timeline.providers import client_timeline

TODAY = dt.date(2026, 12, 2)
AT = dt.datetime(2026, 12, 10, 14, 0)


def test_events_and_playbook_steps_are_on_the_timeline(vault):
    cid = create_client(vault, {"name": "王芳"}, today=TODAY).id
    other = create_client(vault, {"name": "李雷"}, today=TODAY).id
    event = store.add_event(vault, EventFields("12月理财沙龙", AT, "网点二楼"))
    invites.invite(vault, event.id, [cid, other])
    attendance.set_status(vault, event.id, [cid], ATTENDED, now=AT + dt.timedelta(hours=3))
    run = runs.start_playbook(vault, "new_client", cid, TODAY, today=TODAY)
    steps.complete_step(vault, run.steps[0].id, now=dt.datetime(2026, 12, 2, 9, 30))
    entries = client_timeline(vault, cid)
    kinds = [e.kind for e in entries]
    assert kinds.count("event") == 1 and kinds.count("playbook") == 3
    shown = next(e for e in entries if e.kind == "event")
    assert (shown.when, shown.ref, shown.title) == (AT, event.id, "活动 · 12月理财沙龙 · 已出席")
    done = next(e for e in entries if e.kind == "playbook" and e.ref == run.steps[0].id)
    assert done.when == dt.datetime(2026, 12, 2, 9, 30) and done.detail == "已完成"
    later = next(e for e in entries if e.kind == "playbook" and e.ref == run.steps[2].id)
    assert later.when == dt.datetime(2027, 1, 1) and later.detail == "待办"
    assert [e.kind for e in client_timeline(vault, other)] == ["event"]
