"""CLI: --purpose / --fields on the exports, the register listed by ``exports list``, one-line
refusals (other without a note, an unknown field or purpose)."""

from __future__ import annotations

import json

from openpyxl import load_workbook


def _book(run_cli):
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=王五", "--set", "phone=13800138000")[0] == 0


def test_a_list_for_marketing_writes_the_minimum_and_is_registered(run_cli, tmp_path):
    _book(run_cli)
    out = tmp_path / "m.xlsx"
    code, text, _ = run_cli("export", "list", str(out), "--purpose", "营销活动", "--json")
    assert code == 0
    data = json.loads(text)
    assert data["purpose"] == "marketing" and "id_number" not in data["fields"]
    assert [c.value for c in load_workbook(out).worksheets[0][1]][:2] == ["客户编号", "姓名"]
    code, text, _ = run_cli("exports", "list", "--json")
    [entry] = json.loads(text)
    assert entry["id"] == data["register"] and entry["kind"] == "list" and entry["clients"] == 1
    assert entry["file"] == "m.xlsx" and entry["purpose"] == "marketing"


def test_ticked_fields_and_the_text_listing(run_cli, tmp_path):
    _book(run_cli)
    out = tmp_path / "r.xlsx"
    code, text, _ = run_cli("export", "list", str(out), "--purpose", "regulatory", "--fields", "aum,phone")
    assert code == 0 and "监管报送" in text
    code, text, _ = run_cli("exports", "list")
    assert code == 0 and "r.xlsx" in text and "phone" in text and "监管报送" in text


def test_the_archive_without_purpose_registers_backup(run_cli, tmp_path):
    _book(run_cli)
    code, _, err = run_cli("export", "archive", str(tmp_path / "a.xlsx"), "--plain")
    assert code == 0, err
    [entry] = json.loads(run_cli("exports", "list", "--json")[1])
    assert entry["kind"] == "archive" and entry["purpose"] == "backup"


def test_refusals_are_one_line(run_cli, tmp_path):
    _book(run_cli)
    for argv in (
        ("--purpose", "other"),
        ("--purpose", "fun"),
        ("--purpose", "marketing", "--fields", "salary"),
        ("--fields", "aum"),
    ):
        code, _, err = run_cli("export", "list", str(tmp_path / "x.xlsx"), *argv)
        assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (argv, err)
    assert not (tmp_path / "x.xlsx").exists()
    assert json.loads(run_cli("exports", "list", "--json")[1]) == []


def test_other_with_a_note(run_cli, tmp_path):
    _book(run_cli)
    code, text, err = run_cli(
        "export", "list", str(tmp_path / "o.xlsx"), "--purpose", "other", "--purpose-note", "网点检查"
    )
    assert code == 0, err and "网点检查" in text
    assert json.loads(run_cli("exports", "list", "--json")[1])[0]["note"] == "网点检查"


def test_a_plan_pdf_takes_its_purpose(run_cli, tmp_path, pdf_font):
    _book(run_cli)
    from rm_desktop.services.plans import store as plans
    from rm_desktop.services.vault.lifecycle import unlock
    from tests.conftest import PASSWORD

    vault = unlock(tmp_path / "v", PASSWORD)
    try:
        plan_id = plans.create_plan(vault, 1).plan_id
    finally:
        vault.lock()
    code, text, err = run_cli("plan", "export", str(plan_id), str(tmp_path / "p.pdf"), "--purpose", "client_request")
    assert code == 0, err
    assert "客户本人申请" in text
    [entry] = json.loads(run_cli("exports", "list", "--json")[1])
    assert entry["kind"] == "plan_pdf" and entry["purpose"] == "client_request" and entry["file"] == "p.pdf"


def test_a_calendar_carries_its_register_id(run_cli, tmp_path):
    _book(run_cli)
    assert run_cli("appointment", "add", "1", "--start", "2026-12-03T10:00", "--title", "拜访")[0] in (0, 1)
    out = tmp_path / "c.ics"
    code, _, err = run_cli("reminders", "ics", str(out), "--purpose", "backup")
    assert code == 0, err
    [entry] = json.loads(run_cli("exports", "list", "--json")[1])
    assert entry["kind"] == "ics" and entry["purpose"] == "backup"
    text = out.read_text(encoding="utf-8")
    assert f"X-RM-EXPORT-ID:rm-desktop-export:{entry['id']}" in text and "X-WR-CALDESC:" in text
