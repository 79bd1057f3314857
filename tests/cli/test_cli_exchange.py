"""``import``, ``export`` and ``handover`` through the CLI with --json."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    return run_cli


def _sheet(path):
    book = Workbook()
    for row in (
        ["姓名", "手机号码", "证件号码"],
        ["张三", "13800138000", None],
        ["李四", "139", None],
        ["王五", "13700137000", 110105198503070000],
    ):
        book.active.append(row)
    book.save(path)
    return path


def test_import_json_dry_run_then_real(cli, tmp_path):
    path = _sheet(tmp_path / "list.xlsx")
    code, out, err = cli("import", str(path), "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["read"], data["imported"], data["rejected"]) == (3, 1, 2)
    assert {r["row"] for r in data["rejects"]} == {3, 4} and data["rejects"][0]["field"] == "phone"
    code, out, _ = cli("import", str(path), "--json")
    assert json.loads(out)["imported"] == 1
    code, out, _ = cli("import", str(path), "--json", "--on-duplicate", "skip")
    assert json.loads(out)["skipped"] == 1


def test_export_and_handover_round(cli, tmp_path, monkeypatch):
    cli("import", str(_sheet(tmp_path / "list.xlsx")))
    code, out, err = cli("export", "archive", str(tmp_path / "a.xlsx"), "--json")
    assert code == 0 and json.loads(out)["客户"] == 1, err
    code, out, _ = cli("export", "list", str(tmp_path / "l.xlsx"), "--search", "张", "--json")
    assert json.loads(out)["clients"] == 1
    monkeypatch.setenv("HANDOVER_PW", "hand-over 4711")
    code, out, err = cli(
        "handover", "export", str(tmp_path / "h.xlsx"), "--all", "--password-env", "HANDOVER_PW", "--json"
    )
    assert code == 0 and json.loads(out)["clients"] == 1, err
    code, out, _ = cli(
        "handover", "import", str(tmp_path / "h.xlsx"), "--password-env", "HANDOVER_PW", "--dry-run", "--json"
    )
    assert json.loads(out)["matching"] == 1
    monkeypatch.setenv("HANDOVER_PW", "wrong-4711")
    code, out, err = cli("handover", "import", str(tmp_path / "h.xlsx"), "--password-env", "HANDOVER_PW")
    assert code == 1 and "h.xlsx" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("import", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "missing.xlsx" in err
