"""The sales commands of the CLI: opportunity add / move / list / board, referral list and the
walk-in; JSON output; refusals as one line naming the field and the rule, exit code 1."""

from __future__ import annotations

import json

import pytest

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

DAY = "2026-12-02"


@pytest.fixture
def cli(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    run_cli.c2 = create_client(vault, {"name": "王芳", "risk_grade": "C2", "risk_expires_on": "2027-12-01"}).id
    run_cli.referrer = create_client(vault, {"name": "老张"}).id
    vault.lock()
    return run_cli


def _add(cli, *sets, extra=()):
    args = ["opportunity", "add", str(cli.c2), "--date", DAY, "--json"]
    for pair in ("product_type=基金", "product_name=成长基金", "product_risk=R4", "amount=20万", *sets):
        args += ["--set", pair]
    return cli(*args, *extra)


def test_add_move_list_json(cli):
    code, out, err = _add(
        cli, "next_step=送方案", "next_step_on=2026-12-05", extra=("--referrer-client", str(cli.referrer))
    )
    assert code == 0, err
    made = json.loads(out)
    assert made["stage"] == "intent" and made["amount"] == "200000.00" and made["next_step_on"] == "2026-12-05"
    code, out, _ = cli("opportunity", "move", str(made["id"]), "方案", "--date", DAY, "--json")
    assert code == 0 and json.loads(out)["stage"] == "proposal"
    code, out, _ = cli("opportunity", "list", "--open", "--json")
    assert [o["id"] for o in json.loads(out)] == [made["id"]]
    code, out, _ = cli("opportunity", "list", "--stage", "won")
    assert code == 0 and "没有符合条件的商机" in out
    code, out, _ = cli("opportunity", "board", "--date", DAY, "--json")
    columns = {c["stage"]: c for c in json.loads(out)["columns"]}
    assert columns["proposal"]["count"] == 1 and columns["proposal"]["weighted"] == "60000.00"
    code, out, _ = cli("referral", "list", "--by-referrer", "--json")
    [summary] = json.loads(out)
    assert summary["referrer"] == "老张" and summary["referred"] == 1 and summary["opportunities"] == 1


def test_unsuitable_close_refused_in_one_line_then_allowed_with_acknowledgement(cli):
    made = json.loads(_add(cli)[1])
    code, out, err = cli("opportunity", "move", str(made["id"]), "成交", "--date", DAY)
    assert code == 1 and "stage" in err and "R4" in err and "C2" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    code, out, err = cli(
        "opportunity", "move", str(made["id"]), "成交", "--date", DAY, "--ack", "客户书面确认", "--json"
    )
    assert code == 0, err
    won = json.loads(out)
    assert won["stage"] == "won" and won["holding_id"] and won["acknowledgement"] == "客户书面确认"


@pytest.mark.parametrize(("pair", "field"), [("amount=0", "amount"), ("expected_close=2026-11-01", "expected_close")])
def test_bad_values_refused(cli, pair, field):
    code, _out, err = _add(cli, pair)
    assert code == 1 and field in err and "Traceback" not in err
    assert json.loads(cli("opportunity", "list", "--json")[1]) == []


def test_walk_in_and_referral_list(cli):
    code, out, err = cli(
        "referral", "walk-in", "--set", "name=陈明", "--set", "phone=13912345678",
        "--referrer-role", "大堂经理", "--referrer-name", "李娜", "--date", DAY, "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["client"]["referrer_staff"] == "大堂经理 李娜"
    code, out, _ = cli("referral", "list", "--referrer-name", "李娜")
    assert "陈明 ← 大堂经理 李娜" in out
    code, _, err = cli("referral", "walk-in", "--set", "name=赵", "--referrer-name", "李娜")
    assert code == 1 and "referrer" in err
