"""``complaint add|step|close|list`` with --json: receive, steps with their times, close with
outcome and satisfaction; an overdue complaint is listed with --overdue and on the worklist;
refusals are one line naming the field, exit 1, nothing saved."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

NOW = dt.datetime.now().replace(second=0, microsecond=0)  # the CLI's clock is the machine's


@pytest.fixture
def cli(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    run_cli.client = create_client(vault, {"name": "张三"}, today=NOW.date()).id
    vault.lock()
    return run_cli


def _add(cli, *extra):
    code, out, err = cli(
        "complaint",
        "add",
        str(cli.client),
        "--channel",
        "电话",
        "--category",
        "fees",
        "--text",
        "年费多扣",
        *extra,
        "--json",
    )
    assert code == 0, err
    return json.loads(out)


def test_add_step_close_list(cli):
    made = _add(cli, "--severity", "high")
    assert made["channel"] == "phone" and made["severity"] == "high" and made["overdue"] is False
    code, out, err = cli("complaint", "step", str(made["id"]), "安抚", "--note", "先致电", "--json")
    assert code == 0, err
    assert [s["step"] for s in json.loads(out)["steps"]] == ["calm"]
    code, out, _err = cli("complaint", "list", "--id", str(made["id"]))
    assert code == 0 and "✓ 安抚情绪" in out and "· 48小时内回访" in out
    code, out, err = cli(
        "complaint", "close", str(made["id"]), "--outcome", "退还年费", "--satisfaction", "5", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["satisfaction"] == 5
    code, out, _err = cli("complaint", "list", "--status", "open", "--json")
    assert json.loads(out) == []
    code, out, _err = cli("complaint", "list", "--status", "closed", "--client", str(cli.client), "--json")
    assert [c["outcome"] for c in json.loads(out)] == ["退还年费"]


@pytest.mark.parametrize("score", ["0", "6"])
def test_a_satisfaction_of_0_or_6_is_refused_naming_the_field(cli, score):
    made = _add(cli)
    code, out, err = cli("complaint", "close", str(made["id"]), "--outcome", "退还", "--satisfaction", score)
    assert code == 1 and "satisfaction" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, out, _err = cli("complaint", "list", "--status", "open", "--json")
    assert [c["id"] for c in json.loads(out)] == [made["id"]]  # still open


def test_an_overdue_complaint_is_listed_and_on_the_worklist(cli):
    received = (NOW - dt.timedelta(hours=49)).strftime("%Y-%m-%d %H:%M")
    late = _add(cli, "--received-at", received)
    _add(cli)
    code, out, _err = cli("complaint", "list", "--overdue", "--json")
    assert [(c["id"], c["overdue"]) for c in json.loads(out)] == [(late["id"], True)]
    code, out, err = cli("worklist", "--json")
    assert code == 0, err
    items = {i["key"]: i for i in json.loads(out)["items"]}
    assert items[f"complaint:{late['id']}"]["hard"] is True


def test_bad_input_is_one_line_naming_the_field(cli):
    code, _out, err = cli(
        "complaint", "add", str(cli.client), "--channel", "pigeon", "--category", "fees", "--text", "x"
    )
    assert code == 1 and "channel" in err and "Traceback" not in err
    made = _add(cli)
    code, _out, err = cli("complaint", "step", str(made["id"]), "dance")
    assert code == 1 and "step" in err
    code, _out, err = cli("complaint", "step", str(made["id"]), "calm", "--at", "2001-01-01 10:00")
    assert code == 1 and "at:" in err
    code, _out, err = cli("complaint", "add", "999", "--channel", "phone", "--category", "fees", "--text", "x")
    assert code == 1 and "999" in err
