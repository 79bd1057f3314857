"""``handover export --purpose``: the register entry carries the purpose, the output names it
with the register id; without it 客户交接 is registered; a bad purpose fails before any file."""

from __future__ import annotations

import json

import pytest

SECRET = "hand-over 4711"


@pytest.fixture
def cli(run_cli, monkeypatch):
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "customer_no=C1", "--set", "name=张伟")[0] == 0
    assert run_cli("consent", "set", "1", "--marketing", "是", "--channels", "短信", "--date", "2026-11-30")[0] == 0
    monkeypatch.setenv("HANDOVER_PW", SECRET)
    return run_cli


def test_the_purpose_is_registered_and_said(cli, tmp_path):
    out_file = str(tmp_path / "h.xlsx")
    common = ("handover", "export", out_file, "--all", "--password-env", "HANDOVER_PW")
    code, out, err = cli(*common, "--purpose", "client_request")
    assert code == 0, err
    assert "客户本人申请" in out and "登记号 1" in out
    code, out, err = cli(*common, "--json")
    receipt = json.loads(out)
    assert code == 0 and receipt["register"] == 2 and receipt["consents"] == 1, err
    code, out, err = cli("exports", "list", "--json")
    assert code == 0, err
    purposes = {row["id"]: (row["kind"], row["purpose"]) for row in json.loads(out)}
    assert purposes == {1: ("handover", "client_request"), 2: ("handover", "handover")}


def test_a_bad_purpose_fails_before_the_file(cli, tmp_path):
    out_file = tmp_path / "h.xlsx"
    code, _out, err = cli("handover", "export", str(out_file), "--all", "--password-env", "HANDOVER_PW",
                          "--purpose", "gossip")  # fmt: skip
    assert code == 1 and "gossip" in err and "Traceback" not in err
    assert not out_file.exists()
