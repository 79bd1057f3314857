"""``client show`` and ``holding list`` mask balances like the ID and phones (issue 18.2): the
AUM and every holding's amount are the mask in the text and in --json, and --json no longer
prints the phone or ID in full; ``--reveal --reason`` shows all of them and writes one reveal
entry naming the kinds shown (balance among them); a bad reason is exit 1, one line, nothing
printed or written."""

from __future__ import annotations

import json

import pytest

from tests.cli.audit_entries import reveals as _reveals

ID_NUMBER, PHONE = "11010519491231002X", "13800138000"
AUM, AMOUNT = "1234567.89", "876543.21"
# every way the two amounts could be printed: exact (JSON), 元 and 万元 (the default unit)
FULL = (AUM, AMOUNT, "1,234,567.89", "876,543.21", "123.46", "87.65")


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    added = ["--set", "name=单田芳", "--set", f"id_number={ID_NUMBER}", "--set", f"phone={PHONE}"]
    assert run_cli("client", "add", *added, "--set", f"aum={AUM}")[0] == 0
    held = ["--set", "product_type=fund", "--set", "name=稳健一号", "--set", f"amount={AMOUNT}"]
    assert run_cli("holding", "add", "1", *held)[0] == 0
    assert run_cli("client", "add", "--set", "name=王可发")[0] == 0  # no phone, ID or balance
    return run_cli


def _leaks(out: str) -> list[str]:
    return [value for value in (*FULL, PHONE, ID_NUMBER) if value in out]


def test_text_and_json_mask_balances_phone_and_id_without_an_entry(cli, tmp_path):
    code, out, err = cli("client", "show", "1")
    assert code == 0, err
    assert _leaks(out) == [] and "****" in out and "--reveal" in out  # says how to see them
    code, out, err = cli("client", "show", "1", "--json")
    assert code == 0, err
    assert _leaks(out) == []
    shown = json.loads(out)
    assert (shown["aum"], shown["holdings"][0]["amount"], shown["revealed"]) == ("****", "****", False)
    assert shown["phone"] == "138****8000" and shown["phones"] == ["138****8000"]
    assert shown["id_number"] == "1101**********002X"
    assert shown["name"] == "单田芳" and shown["holdings"][0]["name"] == "稳健一号"  # the rest as before
    assert _reveals(tmp_path) == []


def test_reveal_with_a_reason_shows_all_and_logs_balance(cli, tmp_path):
    code, out, err = cli("client", "show", "1", "--json", "--reveal", "--reason", "client_request")
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["aum"], shown["holdings"][0]["amount"], shown["revealed"]) == (AUM, AMOUNT, True)
    assert (shown["phone"], shown["id_number"]) == (PHONE, ID_NUMBER)
    [entry] = _reveals(tmp_path)
    assert entry.counts == {"fields": ["balance", "id_number", "phone"], "reason": "client_request"}
    assert not [value for value in (*FULL, PHONE, ID_NUMBER) if value in json.dumps(entry.counts)]
    code, out, err = cli("client", "show", "1", "--reveal", "--reason", "transaction")
    assert code == 0 and "123.46" in out and "87.65" in out and "****" not in out, err
    assert len(_reveals(tmp_path)) == 2


def test_a_client_without_a_balance_logs_no_balance_kind(cli, tmp_path):
    code, out, err = cli("client", "show", "2", "--json")
    assert code == 0 and json.loads(out)["aum"] is None, err  # nothing to hide stays null
    assert cli("client", "show", "2", "--reveal", "--reason", "check_records")[0] == 0
    assert _reveals(tmp_path) == []  # nothing was revealed: no entry


@pytest.mark.parametrize("extra", [(), ("--reason", "bogus"), ("--reason", "other")])
def test_a_bad_or_missing_reason_is_exit_1_one_line(cli, tmp_path, extra):
    code, out, err = cli("client", "show", "1", "--json", "--reveal", *extra)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _reveals(tmp_path) == []


def test_mode_never_reveals_without_a_reason_and_logs_not_asked(cli, tmp_path):
    assert cli("settings", "set", "reveal_reason_mode", "never")[0] == 0
    code, out, err = cli("client", "show", "1", "--json")
    assert code == 0 and _leaks(out) == [], err  # never asks, but still masks unless --reveal
    code, out, err = cli("client", "show", "1", "--json", "--reveal")
    assert code == 0 and json.loads(out)["aum"] == AUM, err
    [entry] = _reveals(tmp_path)
    assert entry.counts == {"fields": ["balance", "id_number", "phone"], "reason": "not_asked"}


def test_holding_list_masks_the_amounts_the_same_way(cli, tmp_path):
    code, out, err = cli("holding", "list", "1")
    assert code == 0 and _leaks(out) == [] and "稳健一号\t****" in out, err
    code, out, err = cli("holding", "list", "1", "--json")
    assert code == 0 and [h["amount"] for h in json.loads(out)] == ["****"], err
    assert _reveals(tmp_path) == []
    assert cli("holding", "list", "1", "--reveal")[0] == 1  # a reason is needed here too
    code, out, err = cli("holding", "list", "1", "--json", "--reveal", "--reason", "transaction")
    assert code == 0 and [h["amount"] for h in json.loads(out)] == [AMOUNT], err
    [entry] = _reveals(tmp_path)
    assert entry.counts == {"fields": ["balance"], "reason": "transaction"} and entry.object == "client:1 单**"
