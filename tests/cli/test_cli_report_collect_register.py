"""``report collect`` and the export register (issue 18.3): a summary of a named bundle is a
personal-data export, so it opens the vault and is registered (purpose, client count, register
id in the output and --json, the audit entry); a counts-only summary opens no vault and writes
no row unless --purpose asks for one; a bad --purpose fails before any password or file."""

from __future__ import annotations

import json

import pytest

from rm_desktop.services.audit import reading
from rm_desktop.services.clients.contacts import add_contact
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.export_controls import register
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

BUNDLE_PASSWORD = "Zhuguan-2026-bundle"
NAME = "欧阳明珠"


@pytest.fixture
def bundles(run_cli, tmp_path, monkeypatch):
    """A counts-only and a named bundle of the same vault's December (each its own register row:
    the tests look at the newest, the summary's)."""
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", BUNDLE_PASSWORD)
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        vault.settings.set("rm_name", "王经理")
        client = create_client(vault, {"name": NAME})
        add_contact(vault, client.id, {"channel": "phone", "content": "回电", "at": "2026-12-01T10:00"})
    finally:
        vault.lock()
    counts, named = tmp_path / "counts.rmreports", tmp_path / "named.rmreports"
    assert run_cli("report", "bundle", "--month", "2026-12", str(counts))[0] == 0
    assert run_cli("report", "bundle", "--month", "2026-12", str(named), "--named")[0] == 0
    return run_cli, counts, named


def _in_vault(tmp_path):
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        return register.entries(vault), reading.entries(vault)
    finally:
        vault.lock()


def test_a_named_summary_is_registered_with_its_purpose(bundles, tmp_path):
    cli, _counts, named = bundles
    summary = tmp_path / "summary.xlsx"
    code, out, err = cli("report", "collect", str(named), "--xlsx", str(summary), "--purpose", "regulatory", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["named"] is True and [b["named"] for b in data["bundles"]] == [True]
    rows, log = _in_vault(tmp_path)
    entry = rows[0]
    assert data["register"] == entry.id and entry.file_name == "summary.xlsx"
    assert (entry.kind, entry.purpose, entry.client_count) == ("report", "regulatory", 1)
    assert any(e.action == "export_report" and e.counts.get("register") == entry.id for e in log)
    assert summary.exists()


def test_the_default_purpose_is_said_in_the_text(bundles, tmp_path):
    cli, counts, named = bundles
    code, out, err = cli("report", "collect", str(counts), str(named), "--xlsx", str(tmp_path / "s.xlsx"))
    assert code == 0, err  # one named bundle among them is enough
    rows, _log = _in_vault(tmp_path)
    assert rows[0].file_name == "s.xlsx" and f"登记号 {rows[0].id}" in out and "工作报告" in out


def test_a_counts_only_summary_opens_no_vault(bundles, tmp_path):
    cli, counts, _named = bundles
    before_rows, before_log = _in_vault(tmp_path)
    code, out, err = cli("report", "collect", str(counts), "--xlsx", str(tmp_path / "s.xlsx"), "--json")
    assert code == 0, err
    assert json.loads(out)["register"] is None and (tmp_path / "s.xlsx").exists()
    rows, log = _in_vault(tmp_path)
    # no row, and no unlock/lock of its own: only _in_vault's own two entries were added
    assert len(rows) == len(before_rows) and len(log) == len(before_log) + 2
    code, out, _ = cli("report", "collect", str(counts), "--xlsx", str(tmp_path / "s2.xlsx"), "--purpose", "backup")
    assert code == 0 and _in_vault(tmp_path)[0][0].file_name == "s2.xlsx" and "登记号" in out


def test_a_bad_purpose_fails_before_any_file(bundles, tmp_path):
    cli, _counts, named = bundles
    code, _out, err = cli("report", "collect", str(named), "--xlsx", str(tmp_path / "s.xlsx"), "--purpose", "fun")
    assert code == 1 and "fun" in err and "Traceback" not in err and not (tmp_path / "s.xlsx").exists()
