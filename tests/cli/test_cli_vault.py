"""The CLI as IT staff use it: env passwords, --json, one-line errors with exit code 1."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def cli(run_cli):
    return run_cli


def test_init_demo_verify_json(cli):
    assert cli("init")[0] == 0
    code, out, err = cli("demo", "--clients", "30", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["clients_added"] == 30 and 0 < report["plans_added"] <= 30
    code, out, _ = cli("verify", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["integrity_check"] == ["ok"]


def test_user_errors_are_one_line_exit_1(cli, monkeypatch):
    cli("init")
    code, _out, err = cli("init")
    assert code == 1 and err.count("\n") == 1 and "已有档案库" in err and "Traceback" not in err
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", "wrong password!")
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    code, _, err = cli("verify")
    assert code == 1 and "主密码不正确" in err


def test_missing_vault_is_a_clear_error(cli):
    code, _, err = cli("verify")
    assert code == 1 and "还没有档案库" in err


def test_passwd_from_env(cli, monkeypatch):
    cli("init")
    monkeypatch.setenv("RM_DESKTOP_NEW_PASSWORD", "brand new password")
    assert cli("passwd")[0] == 0
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    assert cli("verify")[0] == 1  # the old password no longer opens it
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", "brand new password")
    assert cli("verify")[0] == 0


def test_backup_and_restore_need_yes_without_a_terminal(cli, tmp_path, monkeypatch):
    cli("init")
    cli("demo", "--clients", "5")
    target = tmp_path / "b.rmbak"
    code, out, _ = cli("backup", str(target), "--json")
    assert code == 0 and json.loads(out)["backup"] == str(target) and target.exists()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = cli("restore", str(target))
    assert code == 1 and "--yes" in err
    assert cli("restore", str(target), "--yes")[0] == 0
    code, _, err = cli("restore", str(tmp_path / "none.rmbak"), "--yes")
    assert code == 1 and "找不到备份文件" in err


def test_english_messages(cli, monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_LANG", "en")
    code, _, err = cli("verify")
    assert code == 1 and "There is no vault" in err
