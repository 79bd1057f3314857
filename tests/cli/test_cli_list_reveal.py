"""``client list --json`` masks phones and ID numbers as its table does (issue 18.2: a list of the
whole book is the largest reveal there is); ``--reveal --reason`` prints them in full and writes
one reveal entry with the count and kinds, naming no client; a missing or bad reason is exit 1,
one line, nothing printed or written. The AUM column stays (a book-level working figure)."""

from __future__ import annotations

import json

import pytest

from tests.cli.audit_entries import reveals as _reveals

ID_NUMBER, PHONE = "11010519491231002X", "13800138000"


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    added = ["--set", "name=单田芳", "--set", f"id_number={ID_NUMBER}", "--set", f"phone={PHONE}"]
    assert run_cli("client", "add", *added, "--set", "aum=1234567.89")[0] == 0
    assert run_cli("client", "add", "--set", "name=王可发")[0] == 0
    return run_cli


def test_the_json_list_masks_phones_and_ids_without_an_entry(cli, tmp_path):
    code, out, err = cli("client", "list", "--json")
    assert code == 0, err
    assert PHONE not in out and ID_NUMBER not in out
    first = next(row for row in json.loads(out) if row["name"] == "单田芳")
    assert (first["phone"], first["phones"], first["id_number"]) == (
        "138****8000",
        ["138****8000"],
        "1101**********002X",
    )
    assert first["revealed"] is False and first["aum"] == "1234567.89"
    assert _reveals(tmp_path) == []


def test_reveal_with_a_reason_prints_in_full_and_writes_one_entry(cli, tmp_path):
    code, out, err = cli("client", "list", "--json", "--reveal", "--reason", "check_records")
    assert code == 0, err
    first = next(row for row in json.loads(out) if row["name"] == "单田芳")
    assert (first["phone"], first["id_number"]) == (PHONE, ID_NUMBER)
    (entry,) = _reveals(tmp_path)
    assert entry.object is None
    assert entry.counts == {"clients": 2, "fields": ["id_number", "phone"], "reason": "check_records"}


@pytest.mark.parametrize("extra", [(), ("--reason", "curious")])
def test_a_missing_or_bad_reason_prints_nothing_and_writes_nothing(cli, tmp_path, extra):
    code, out, err = cli("client", "list", "--json", "--reveal", *extra)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert _reveals(tmp_path) == []
