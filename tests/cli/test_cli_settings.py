"""``profile show|set`` (and ``settings``) through the CLI: the field parsers' refusals in one
line, exit 1, nothing written; the profile read back by scripts."""

from __future__ import annotations

import json

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD


@pytest.fixture
def cli(run_cli):
    assert run_cli("init")[0] == 0
    return run_cli


def test_profile_set_and_show(cli, tmp_path):
    code, out, err = cli("profile", "set", "--name", "张 敏", "--branch", "城西支行", "--phone", "138 0013 8000")
    assert code == 0, err
    assert "职务" in out and "未填写" in out
    code, out, _ = cli("profile", "set", "--title", "理财经理", "--json")
    assert code == 0
    assert json.loads(out) == {"name": "张敏", "branch": "城西支行", "phone": "13800138000", "title": "理财经理"}
    code, out, _ = cli("profile", "show")
    assert code == 0 and "姓名: 张敏" in out and "未填写" not in out
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        client_id = clients.create_client(vault, {"name": "欧阳明", "gender": "男"}).id
        body = "我是{网点}{客户经理职务}{客户经理}"
        scripts.create_template(vault, {"name": "自我介绍", "category": "follow_up", "channel": "sms", "body": body})
    finally:
        vault.lock()
    code, out, err = cli("template", "render", "自我介绍", "--client", str(client_id))
    assert code == 0, err
    assert "我是城西支行理财经理张敏" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--phone", "4008123456"), "服务号码"),
        (("--phone", "abc"), "电话"),
        (("--name", "007"), "不是姓名"),
        (("--title", "经" * 31), "最多 30 个字"),
    ],
)
def test_profile_set_refuses_in_one_line(cli, argv, message):
    assert cli("profile", "set", "--name", "张敏")[0] == 0
    code, out, err = cli("profile", "set", "--branch", "城东支行", *argv)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, _ = cli("profile", "show", "--json")
    assert json.loads(out) == {"name": "张敏", "branch": "", "phone": "", "title": ""}  # nothing written


def test_profile_set_empty_clears(cli):
    assert cli("profile", "set", "--name", "张敏", "--title", "理财经理")[0] == 0
    assert cli("profile", "set", "--title", "")[0] == 0
    code, _out, err = cli("profile", "set")  # nothing to set: said, not a silent success
    assert code == 1 and "--name" in err
    _code, out, _ = cli("profile", "show", "--json")
    assert json.loads(out)["title"] == "" and json.loads(out)["name"] == "张敏"


def _client_tier(tmp_path, aum: str) -> tuple[int, str]:
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        client = clients.create_client(vault, {"name": "王芳", "aum": aum})
        return client.id, clients.get_client(vault, client.id).tier
    finally:
        vault.lock()


def test_settings_tiers_show_set_and_reset(cli, tmp_path):
    code, out, _ = cli("settings", "tiers", "show")
    assert code == 0 and "priority\t理财客户\t20\t30" in out and "private\t私行客户\t300" in out
    client_id, tier = _client_tier(tmp_path, "250000")  # 25万: 理财客户 by default
    assert tier == "priority"
    code, out, err = cli("settings", "tiers", "set", "priority", "--min-wan", "30", "--cadence-days", "14", "--json")
    assert code == 0, err
    priority = next(row for row in json.loads(out) if row["code"] == "priority")
    assert (priority["min_wan"], priority["min_aum"], priority["cadence_days"]) == ("30", "300000.00", 14)
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        assert clients.get_client(vault, client_id).tier == "potential"  # re-tiered by the change
    finally:
        vault.lock()
    code, out, _ = cli("settings", "tiers", "set", "wealth", "--name-zh", "财富管理客户", "--cadence-days", "none")
    assert code == 0 and "wealth\t财富管理客户\t50\t—" in out
    code, out, _ = cli("settings", "tiers", "reset")
    assert code == 0 and "priority\t理财客户\t20\t30" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("gold", "--min-wan", "10"), "没有层级“gold”"),
        (("wealth", "--min-wan", "10"), "逐级升高"),
        (("priority", "--cadence-days", "每月"), "天数"),
        (("priority", "--cadence-days", "0"), "1 到 3650"),
        (("priority", "--min-wan", "很多"), "起点（万元）"),
        (("priority", "--name-zh", " "), "不能为空"),
        (("priority",), "--min-wan"),
    ],
)
def test_settings_tiers_set_refuses_in_one_line(cli, argv, message):
    code, out, err = cli("settings", "tiers", "set", *argv)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "priority\t理财客户\t20\t30" in cli("settings", "tiers", "show")[1]  # unchanged
