"""The worklist commands of the CLI: the ranked JSON list, --top, the day's plan mark, a
maturity outcome and retention, lost clients, and refusals as one line with exit code 1."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.services.clients import holdings
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

TODAY = dt.date.today()  # outcomes are recorded "now": the CLI has no clock option for them


@pytest.fixture
def cli(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    rich = create_client(vault, {"name": "王大户", "aum": "5000000"}, today=TODAY).id
    small = create_client(vault, {"name": "李小", "aum": "300000"}, today=TODAY).id
    soon = {"product_type": "deposit", "name": "大额存单", "amount": "500000"}
    run_cli.maturing = holdings.add_holding(
        vault, rich, {**soon, "maturity_date": str(TODAY + dt.timedelta(days=1))}
    ).id
    run_cli.matured = holdings.add_holding(
        vault, small, {**soon, "maturity_date": str(TODAY - dt.timedelta(days=2))}
    ).id
    run_cli.rich, run_cli.small = rich, small
    vault.lock()
    return run_cli


def test_worklist_json_is_ranked_with_score_reason_kind_client_and_due(cli):
    code, out, err = cli("worklist", "--date", TODAY.isoformat(), "--json")
    assert code == 0, err
    data = json.loads(out)
    items = data["items"]
    assert {"score", "reason", "kind", "client_id", "due", "key"} <= set(items[0])
    assert [i["score"] for i in items if not i["hard"]] == sorted(
        (i["score"] for i in items if not i["hard"]), reverse=True
    )
    maturity = next(i for i in items if i["kind"] == "maturity")
    assert maturity["client_id"] == cli.rich and maturity["stage"] == "T-1" and "50万" in maturity["reason"]
    prompt = next(i for i in items if i["kind"] == "maturity_outcome")
    assert prompt["key"] == f"maturity_outcome:{cli.matured}" and prompt["plan"] is True
    assert data["capacity"] == 8 and data["total"] == len(items)
    code, out, _ = cli("worklist", "--date", TODAY.isoformat(), "--top", "1", "--json")
    assert len(json.loads(out)["items"]) == 1
    code, out, _ = cli("worklist", "--date", TODAY.isoformat())
    assert code == 0 and "* " in out and "王大户" in out


def test_maturity_outcome_then_retention_and_the_prompt_is_gone(cli):
    code, out, err = cli("maturity", "outcome", str(cli.matured), "--kept", "20万", "--into", "稳利理财", "--json")
    assert code == 0, err
    record = json.loads(out)
    assert record["outcome"] == "partly_kept" and record["kept"] == "200000.00" and record["into_holding_id"]
    code, out, _ = cli("worklist", "retention", "--months", "2", "--json")
    months = json.loads(out)
    recorded = [m for m in months if m["recorded"] != "0.00"]
    assert [m["rate"] for m in recorded] == [0.4]
    code, out, _ = cli("worklist", "--date", TODAY.isoformat(), "--json")
    kinds = {(i["kind"], i.get("rule")) for i in json.loads(out)["items"]}
    assert ("maturity_outcome", None) not in kinds and ("churn", "not_kept") in kinds


def test_refusals_are_one_line_with_exit_code_1(cli):
    code, _out, err = cli("maturity", "outcome", str(cli.matured), "--kept", "0")
    assert code == 1 and "原因" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("maturity", "outcome", str(cli.maturing), "--kept", "1")
    assert code == 1 and "尚未到期" in err
    code, _, err = cli("worklist", "lost", str(cli.small), "--reason", "心情")
    assert code == 1 and "利率" in err
    code, _, err = cli("worklist", "--date", "2026-13-01")
    assert code == 1 and "Traceback" not in err
    code, _, err = cli("worklist", "dismiss", "churn:oops", "--reason", "x")
    assert code == 1 and "worklist --json" in err


def test_lost_client_and_dismissing_an_item(cli):
    code, out, err = cli("worklist", "lost", str(cli.small), "--reason", "他行营销", "--json")
    assert code == 0, err
    assert json.loads(out)["reason"] == "他行营销"
    key = f"maturity_outcome:{cli.matured}"  # a lost client's matured money is not asked about
    code, out, _ = cli("worklist", "--date", TODAY.isoformat(), "--json")
    assert key not in {i["key"] for i in json.loads(out)["items"]}
    code, out, _ = cli("worklist", "--date", TODAY.isoformat(), "--json")
    first = json.loads(out)["items"][0]["key"]
    code, out, err = cli("worklist", "dismiss", first, "--reason", "已处理")
    assert code == 0 and out.strip() == f"已忽略：{first}", err  # one key: its own report, not a bulk one
    code, out, _ = cli("worklist", "--date", TODAY.isoformat(), "--json")
    data = json.loads(out)
    assert first not in {i["key"] for i in data["items"]} and data["done_today"] == 1


def test_several_keys_are_dismissed_or_snoozed_in_one_go_or_not_at_all(cli):
    def keys():
        _code, out, _ = cli("worklist", "--date", TODAY.isoformat(), "--json")
        return [i["key"] for i in json.loads(out)["items"]]

    first, second = keys()[:2]
    code, _, err = cli("worklist", "dismiss", first, second, "churn:oops", "--reason", "已处理")
    assert code == 1 and "churn:oops" in err and {first, second} <= set(keys())  # nothing written
    code, out, err = cli("worklist", "dismiss", first, second, "--reason", "已处理", "--json")
    assert code == 0, err
    assert json.loads(out)["keys"] == [first, second] and not {first, second} & set(keys())
    rest = keys()
    until = str(TODAY + dt.timedelta(days=2))
    code, out, err = cli("worklist", "snooze", *rest, "--until", until)
    assert code == 0 and f"已推迟 {len(rest)} 项" in out and keys() == []
