"""CLI: --purpose on report day/week/month --xlsx, report bundle, audit export and privacy export
(issue 18.3): each file is one register row listed by ``exports list``; without --purpose the
kind's natural purpose is registered and said."""

from __future__ import annotations

import json

import pytest

from rm_desktop.cli import report_cmds
from tests.services.reports.report_book import NOW

SECRET = "export-pass-42x"


@pytest.fixture
def cli(run_cli, monkeypatch):
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=王五", "--set", "phone=13800138000")[0] == 0
    monkeypatch.setattr(report_cmds, "_now", lambda: NOW)
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", SECRET)
    return run_cli


def _register(cli) -> list[dict]:
    return json.loads(cli("exports", "list", "--json")[1])


def test_a_report_file_takes_its_purpose(cli, tmp_path):
    code, out, err = cli("report", "month", "--xlsx", str(tmp_path / "m.xlsx"), "--purpose", "regulatory")
    assert code == 0, err
    [entry] = _register(cli)
    assert entry["kind"] == "report" and entry["purpose"] == "regulatory" and entry["file"] == "m.xlsx"
    assert "监管报送" in out and f"登记号 {entry['id']}" in out


def test_a_bundle_without_purpose_registers_the_default(cli, tmp_path):
    code, out, err = cli("report", "bundle", "--month", "2026-12", str(tmp_path / "b.xlsx"), "--json")
    assert code == 0, err
    [entry] = _register(cli)
    assert json.loads(out)["register"] == entry["id"] and entry["purpose"] == "other" and entry["note"] == "工作报告"


def test_audit_and_person_exports_are_registered(cli, tmp_path):
    code, out, err = cli("audit", "export", str(tmp_path / "a.xlsx"))
    assert code == 0 and "监管报送" in out, err
    code, out, err = cli("privacy", "export", "1", "--xlsx", str(tmp_path / "p.xlsx"), "--purpose", "client_request")
    assert code == 0 and "客户本人申请" in out, err
    assert [(e["kind"], e["purpose"]) for e in _register(cli)] == [
        ("person", "client_request"),
        ("audit", "regulatory"),
    ]


def test_other_without_a_note_is_one_line_and_writes_nothing(cli, tmp_path):
    code, _out, err = cli("report", "day", "--pdf", str(tmp_path / "d.pdf"), "--purpose", "other")
    assert code == 1 and "Traceback" not in err and not (tmp_path / "d.pdf").exists()
    assert _register(cli) == []
