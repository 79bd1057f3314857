"""``consent show|set|check`` and the event invitation's render on the CLI: a consent-less
client is skipped, and the output says how many and why."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.consent import store
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

NOW = dt.datetime(2026, 12, 2, 10, 0)


@pytest.fixture
def cli(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    run_cli.ids = [create_client(vault, {"name": name}).id for name in ("王可发", "李未记", "张拒绝")]
    store.set_consent(vault, run_cli.ids[0], {"marketing": "是", "channels": "短信,微信"}, now=NOW)
    store.set_consent(vault, run_cli.ids[2], {"marketing": "否"}, now=NOW)
    vault.lock()
    return run_cli


def test_set_and_show(cli):
    code, out, err = cli(
        "consent", "set", str(cli.ids[1]), "--marketing", "是", "--channels", "短信,电话", "--given-by", "书面",
        "--date", "2026-11-30", "--sensitive", "yes", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["consent"] == {
        "marketing": True,
        "given_on": "2026-11-30",
        "given_by": "written",
        "channels": ["phone", "sms"],
        "sensitive": True,
        "sensitive_on": dt.date.today().isoformat(),
    }
    code, out, _ = cli("consent", "show", str(cli.ids[1]))
    assert code == 0 and "营销同意：同意（2026-11-30，书面）" in out and "短信" in out


def test_show_says_not_recorded_and_a_bad_value_is_one_line(cli):
    code, out, _ = cli("consent", "show", str(cli.ids[1]))
    assert code == 0 and "未记录同意" in out
    code, out, err = cli("consent", "set", str(cli.ids[0]), "--channels", "飞鸽")
    assert code == 1 and "channels" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("consent", "set", str(cli.ids[1]), "--channels", "短信")
    assert code == 1 and "是否同意营销" in err


def test_check_lists_who_a_send_reaches_and_why_not(cli):
    code, out, _ = cli("consent", "check", "--channel", "短信", "--clients", ",".join(map(str, cli.ids)))
    assert code == 0
    assert f"可发送 1 位：{cli.ids[0]}" in out and "已跳过 2 位：未记录同意 1，未同意营销 1" in out


def test_event_invitations_skip_the_consent_less(cli):
    code, out, err = cli("event", "add", "--name", "新年沙龙", "--at", "2026-12-20 14:00", "--json")
    assert code == 0, err
    event = str(json.loads(out)["id"])
    code, out, err = cli("event", "invite", event, "--clients", ",".join(map(str, cli.ids)), "--render")
    assert code == 0, err
    assert "王可发" in out and "李未记" not in out.split("已跳过")[0]
    assert "已跳过 2 位：未记录同意 1，未同意营销 1" in out
    code, out, _ = cli("event", "invite", event, "--clients", str(cli.ids[1]), "--render", "--json")
    assert json.loads(out)["skipped"]["by_reason"]["not_recorded"] == 1


def test_set_for_several_clients_is_all_or_none(cli):
    ids = ",".join(map(str, cli.ids))
    code, _, err = cli("consent", "set", f"{ids},999999", "--marketing", "是", "--channels", "短信")
    assert code == 1 and "999999" in err
    code, out, _ = cli("consent", "show", str(cli.ids[1]))
    assert "未记录同意" in out
    code, out, err = cli("consent", "set", ids, "--marketing", "是", "--channels", "短信")
    assert code == 0 and "已记录 3 位客户的同意" in out, err
    code, out, _ = cli("consent", "check", "--channel", "sms", "--clients", ids, "--now", "2026-12-02 10:00")
    assert "可发送 3 位" in out and "已跳过" not in out
