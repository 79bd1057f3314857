"""``audit list``, ``audit verify`` and ``audit export`` through the CLI: a tampered row makes
verify exit 1 naming it; the export is encrypted with the file password."""

from __future__ import annotations

import json

import pytest

from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.services.vault.lifecycle import unlock
from rm_desktop.storage.keyed import raw_connect
from tests.conftest import PASSWORD

SECRET = "audit-file-pass-9"


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=张三", "--set", "phone=13800138000")[0] == 0
    return run_cli


def _tamper(tmp_path, sql):
    vault = unlock(tmp_path / "v", PASSWORD, backup=False)
    key, db = bytes(vault.key), str(vault.paths.db)
    vault.lock()
    conn = raw_connect(db, key)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_list_filters_and_json(cli):
    code, out, err = cli("audit", "list", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert {e["action"] for e in found} >= {"unlock", "lock"} and all(e["origin"] == "local" for e in found)
    code, out, _ = cli("audit", "list", "--action", "lock", "--json")
    assert {e["action"] for e in json.loads(out)} == {"lock"}
    code, _, err = cli("audit", "list", "--action", "nonsense")
    assert code == 1 and "nonsense" in err


def test_verify_passes_then_names_a_changed_row(cli, tmp_path):
    code, out, _ = cli("audit", "verify")
    assert code == 0 and out.startswith("完整")
    _tamper(tmp_path, "UPDATE audit_log SET action = 'search' WHERE seq = 2")
    code, out, err = cli("audit", "verify")
    assert code == 1 and "第 2 条" in out and "改动" in out and "Traceback" not in err
    code, out, _ = cli("audit", "verify", "--json")
    data = json.loads(out)
    assert code == 1 and (data["ok"], data["broken_seq"], data["reason"]) == (False, 2, "changed")


def test_verify_names_a_deleted_row(cli, tmp_path):
    _tamper(tmp_path, "DELETE FROM audit_log WHERE seq = 3")
    code, out, _ = cli("audit", "verify", "--json")
    assert code == 1 and (json.loads(out)["broken_seq"], json.loads(out)["reason"]) == (4, "deleted")


def test_export_is_encrypted_and_recorded(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", SECRET)
    target = tmp_path / "audit.xlsx"
    code, out, err = cli("audit", "export", str(target), "--json")
    assert code == 0, err
    assert json.loads(out)["ok"] is True
    data = target.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert len(decrypt_xlsx(data, SECRET)) > 0
    code, out, _ = cli("audit", "list", "--action", "export_audit", "--json")
    (entry,) = json.loads(out)
    assert entry["counts"]["file"] == "audit.xlsx"


def test_export_refuses_a_weak_password(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", "123")
    code, _, err = cli("audit", "export", str(tmp_path / "a.xlsx"))
    assert code == 1 and "密码" in err and not (tmp_path / "a.xlsx").exists()


def test_client_list_search_records_counts_only(cli):
    code, _, _ = cli("client", "list", "--search", "13800138000")
    assert code == 0
    code, out, _ = cli("audit", "list", "--action", "search", "--json")
    (entry,) = json.loads(out)
    assert entry["counts"] == {"rows": 1} and "13800138000" not in out
