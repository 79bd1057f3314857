"""``import``, ``export`` and ``handover`` through the CLI with --json."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from rm_desktop.cli import exchange_cmds


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
    code, out, err = cli("export", "archive", str(tmp_path / "a.xlsx"), "--plain", "--json")
    assert code == 0 and json.loads(out)["客户"] == 1 and json.loads(out)["encrypted"] is False, err
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


class _Terminal:
    """sys.stdin of an interactive session (the CLI asks for a password only there)."""

    def isatty(self):
        return True


def test_archive_export_is_encrypted_unless_plain_is_chosen(cli, tmp_path, monkeypatch):
    cli("import", str(_sheet(tmp_path / "list.xlsx")))
    target = tmp_path / "a.xlsx"
    code, _, err = cli("export", "archive", str(target))  # a script: no terminal, no flag
    assert code == 1 and "--plain" in err and "--password-env" in err and len(err.splitlines()) == 1
    assert not target.exists()
    monkeypatch.setenv("EXPORT_PW", "12345678")
    code, _, err = cli("export", "archive", str(target), "--password-env", "EXPORT_PW")
    assert code == 1 and "太弱" in err and not target.exists()
    monkeypatch.setenv("EXPORT_PW", "Archive pass 2026")
    code, out, err = cli("export", "archive", str(target), "--password-env", "EXPORT_PW", "--json")
    assert code == 0 and json.loads(out)["encrypted"] is True, err
    data = target.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0") and "张三".encode() not in data
    code, _, err = cli("import", str(target), "--dry-run")  # encrypted, no terminal to ask in
    assert code == 1 and len(err.splitlines()) == 1
    code, out, err = cli("import", str(target), "--password-env", "EXPORT_PW", "--dry-run", "--json")
    assert code == 0 and json.loads(out)["read"] == 1, err
    code, out, _ = cli("export", "archive", str(tmp_path / "p.xlsx"), "--plain")
    assert code == 0 and "明文" in out and (tmp_path / "p.xlsx").read_bytes()[:2] == b"PK"


def test_archive_password_is_asked_twice_in_a_terminal(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal())
    answers = iter(["Archive pass 2026", "Archive pass 2027"])
    monkeypatch.setattr(exchange_cmds, "prompt", lambda _label: next(answers))
    code, _, err = cli("export", "archive", str(tmp_path / "a.xlsx"))
    assert code == 1 and "不一致" in err and not (tmp_path / "a.xlsx").exists()
    answers = iter(["Archive pass 2026", "Archive pass 2026", "Archive pass 2026"])
    code, out, err = cli("export", "archive", str(tmp_path / "a.xlsx"))
    assert code == 0 and "已加密" in out, err
    code, out, err = cli("import", str(tmp_path / "a.xlsx"), "--dry-run", "--json")  # asked once
    assert code == 0 and json.loads(out)["read"] == 0, err


def test_handover_import_refuses_plain_files_and_checks_the_receipt(cli, tmp_path, monkeypatch):
    cli("import", str(_sheet(tmp_path / "list.xlsx")))
    monkeypatch.setenv("HANDOVER_PW", "hand-over 4711")
    code, _, err = cli("handover", "import", str(tmp_path / "list.xlsx"), "--password-env", "HANDOVER_PW")
    assert code == 1 and "没有加密" in err and "导入" in err and len(err.splitlines()) == 1
    code, out, _ = cli(
        "handover", "export", str(tmp_path / "h.xlsx"), "--all", "--password-env", "HANDOVER_PW", "--json"
    )
    sha = json.loads(out)["sha256"]
    base = ("handover", "import", str(tmp_path / "h.xlsx"), "--password-env", "HANDOVER_PW", "--dry-run")
    code, out, err = cli(*base, "--receipt", sha.upper(), "--json")
    assert code == 0 and json.loads(out)["receipt_check"] == "given", err
    code, out, _ = cli(*base)
    assert code == 0 and "回执" in out
    other = ("0" if sha[0] != "0" else "1") + sha[1:]
    code, _, err = cli(*base, "--receipt", other)
    assert code == 1 and "回执不符" in err and len(err.splitlines()) == 1
    code, _, err = cli(*base, "--receipt", "12ab")
    assert code == 1 and "64" in err
    monkeypatch.setenv("HANDOVER_PW", "aaaaaaaa")
    code, _, err = cli("handover", "export", str(tmp_path / "weak.xlsx"), "--all", "--password-env", "HANDOVER_PW")
    assert code == 1 and "太弱" in err and not (tmp_path / "weak.xlsx").exists()
