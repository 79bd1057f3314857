"""The IT policy through the CLI (issue 18.7): ``policy show``, ``settings set`` refused for a
fixed setting, a forbidden list export refused in one line with the policy's reason, a bad file
said once on stderr while the command runs under the strict rules."""

from __future__ import annotations

import json

import pytest

from tests.policy_env import install


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    return run_cli


@pytest.fixture
def use_policy(monkeypatch, tmp_path):
    return lambda content: install(monkeypatch, tmp_path, content)


def test_policy_show_without_and_with_a_file(cli, use_policy):
    path = use_policy(None)
    code, out, err = cli("policy", "show")
    assert code == 0 and "没有 IT 策略" in out and str(path) in out and err == ""
    use_policy({"backups_kept": 3, "exports": {"list": "forbidden"}})
    code, out, err = cli("policy", "show", "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == {
        "file": str(path),
        "problem": None,
        "values": {"backups_kept": 3, "exports": {"list": "forbidden"}},
    }


def test_a_forbidden_list_export_exits_1_with_the_policys_reason(cli, use_policy, tmp_path):
    path = use_policy({"exports": {"list": "forbidden"}, "reason": "总行信息科技部规定"})
    target = tmp_path / "l.xlsx"
    code, out, err = cli("export", "list", str(target))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "总行信息科技部规定" in err and str(path) in err and "禁止导出客户名单" in err
    assert not target.exists()
    code, _out, err = cli("export", "archive", str(tmp_path / "a.xlsx"), "--plain")
    assert code == 0, err  # only the kind named is forbidden


def test_settings_set_refuses_a_fixed_setting_naming_the_policy(cli, use_policy):
    assert cli("settings", "set", "backups_kept", "20")[0] == 0
    path = use_policy({"backups_kept": 3, "min_idle_lock_minutes": 15})
    code, out, err = cli("settings", "set", "backups_kept", "8")
    assert code == 1 and out == "" and "IT 策略" in err and str(path) in err
    code, _out, err = cli("settings", "set", "idle_lock_minutes", "30")
    assert code == 1 and "最长 15" in err
    assert cli("settings", "set", "idle_lock_minutes", "10")[0] == 0  # shorter than the cap: the user's
    code, out, _err = cli("settings", "show", "--json")
    shown = json.loads(out)
    assert shown["settings"]["backups_kept"] == 3 and shown["settings"]["idle_lock_minutes"] == 10
    assert set(shown["fixed_by_policy"]) == {"backups_kept", "idle_lock_minutes"}


def test_settings_set_refuses_an_unknown_or_structured_key(cli):
    code, _out, err = cli("settings", "set", "tiers", "[]")
    assert code == 1 and "settings show" in err


def test_a_bad_policy_file_is_said_once_and_the_command_runs_strict(cli, use_policy, tmp_path):
    path = use_policy('{"exports": {"list": "allowed"}, "retention": {"contacts": "5y"}}')
    code, out, err = cli("settings", "show")
    assert code == 0 and "idle_lock_minutes\t5" in out  # strict: the idle lock at most 5 minutes
    assert err.count("\n") == 1 and str(path) in err and "最严格" in err and "retention.contacts" in err
    code, _out, err = cli("export", "list", str(tmp_path / "l.xlsx"))
    assert code == 1 and "要求导出文件加密" in err and len(err.strip().splitlines()) == 2  # notice + refusal


def test_a_weak_master_password_is_refused_under_a_policy(run_cli, use_policy, monkeypatch):
    use_policy({"min_password_strength": 30})
    code, _out, err = run_cli("init")  # the fixture's password is strong enough without a policy
    assert code == 1 and "主密码太弱" in err and "30" in err


def test_forbidden_archive_and_handover_are_refused_before_a_password_is_asked(cli, use_policy, tmp_path, monkeypatch):
    from rm_desktop.cli import exchange_cmds

    monkeypatch.setattr(exchange_cmds, "prompt", lambda _label: pytest.fail("no password is asked"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)  # a terminal: the password would be prompted
    use_policy({"exports": {"archive": "forbidden", "handover": "forbidden"}})
    code, _out, err = cli("export", "archive", str(tmp_path / "a.xlsx"))
    assert code == 1 and "禁止导出全部档案" in err
    code, _out, err = cli("handover", "export", str(tmp_path / "h.xlsx"), "--all")
    assert code == 1 and "禁止导出移交文件" in err
    use_policy({"exports": {"archive": "password_required"}})
    code, _out, err = cli("export", "archive", str(tmp_path / "a.xlsx"), "--plain")
    assert code == 1 and "要求全部档案设置密码" in err and not (tmp_path / "a.xlsx").exists()
