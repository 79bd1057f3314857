"""The event and playbook commands of the CLI: add, invite (ids, segment, filter; rendered
invitations; the waiting list warned), attend (one contact, not twice), list with the result,
playbook list / start / copy, and refusals as one line with exit code 1."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.services.clients.contacts import list_contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD
from tests.services.consent.given import consent_to_all

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def cli(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    run_cli.ids = [
        create_client(vault, {"name": name, "aum": aum}, today=TODAY).id
        for name, aum in [("王大户", "2000000"), ("李小", "300000"), ("张三", "2500000")]
    ]
    consent_to_all(vault, run_cli.ids)
    vault.lock()
    run_cli.vault_dir = tmp_path / "v"
    return run_cli


def _json(cli, *argv):
    code, out, err = cli(*argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_add_invite_attend_list(cli):
    event = _json(cli, "event", "add", "--name", "12月理财沙龙", "--at", "2026-12-10 14:00", "--capacity", "2")
    eid = str(event["id"])
    invited = _json(cli, "event", "invite", eid, "--clients", ",".join(map(str, cli.ids)), "--render")
    assert invited["invited"] == cli.ids[:2] and invited["waitlisted"] == cli.ids[2:]
    assert invited["over_capacity"] and len(invited["invitations"]) == 3
    assert all("12月理财沙龙" in r["text"] for r in invited["invitations"])
    first = _json(cli, "event", "attend", eid, "--clients", str(cli.ids[0]), "--now", "2026-12-10 16:00")
    again = _json(cli, "event", "attend", eid, "--clients", str(cli.ids[0]), "--now", "2026-12-10 16:00")
    assert (first["contacts_logged"], again["contacts_logged"]) == (1, 0)
    vault = vs.unlock(cli.vault_dir, PASSWORD, backup=False)
    try:
        assert [c.channel for c in list_contacts(vault, cli.ids[0])] == ["event"]
    finally:
        vault.lock()
    detail = _json(cli, "event", "list", eid)
    assert detail["attendees"] == 1 and len(detail["invitations"]) == 3
    code, out, _ = cli("event", "list")
    assert code == 0 and "12月理财沙龙" in out


def test_invite_by_segment_and_by_filter(cli):
    eid = str(_json(cli, "event", "add", "--name", "沙龙", "--at", "2026-12-10 14:00")["id"])
    by_segment = _json(cli, "event", "invite", eid, "--segment", "tier:wealth", "--today", TODAY.isoformat())
    assert sorted(by_segment["invited"]) == sorted([cli.ids[0], cli.ids[2]])
    by_filter = _json(cli, "event", "invite", eid, "--search", "李小")
    assert by_filter["invited"] == [cli.ids[1]]


def test_refusals_are_one_line(cli):
    code, _out, err = cli("event", "add", "--name", "沙龙", "--at", "2026-12-10 14:00", "--capacity", "0")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    eid = str(_json(cli, "event", "add", "--name", "沙龙", "--at", "2026-12-10 14:00")["id"])
    code, _out, err = cli("event", "invite", eid)
    assert code == 1 and "--clients" in err and "Traceback" not in err
    code, _out, err = cli("event", "attend", eid, "--clients", str(cli.ids[0]), "--now", "2026-12-10 16:00")
    assert code == 1 and "未被邀请" in err


def test_playbook_list_start_and_duplicate_refused(cli):
    listed = _json(cli, "playbook", "list")
    assert [p["ref"] for p in listed][:4] == ["new_client", "maturity", "complaint", "salon"]
    args = ("playbook", "start", "new_client", "--client", str(cli.ids[0]), "--start", "2026-12-02")
    started = _json(cli, *args, "--today", "2026-12-02")
    assert [s["due"] for s in started["steps"]] == ["2026-12-02", "2026-12-05", "2027-01-01"]
    code, _out, err = cli(*args, "--today", "2026-12-02")
    assert code == 1 and "不能重复启动" in err
    worklist = _json(cli, "worklist", "--date", "2026-12-02")
    assert started["steps"][0]["key"] in {i["key"] for i in worklist["items"] if i["kind"] == "playbook_step"}
    copy = _json(cli, "playbook", "copy", "salon", "--name", "我的沙龙")
    assert copy["ref"].startswith("#") and _json(cli, "playbook", "list", copy["ref"])[0]["name"] == "我的沙龙"
