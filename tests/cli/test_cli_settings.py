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
