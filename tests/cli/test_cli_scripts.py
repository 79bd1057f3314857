"""``template list`` / ``template render`` / export / import through the CLI, with --json."""

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


def _client(tmp_path) -> int:
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        vault.settings.set("rm_name", "张敏")
        return clients.create_client(vault, {"name": "欧阳明", "gender": "男"}).id
    finally:
        vault.lock()


def test_template_list_json(cli):
    code, out, err = cli("template", "list", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert len(items) >= 20 and {"id", "name", "category", "channel"} <= set(items[0])
    code, out, _ = cli("template", "list", "--category", "生日祝福", "--json")
    assert {item["category"] for item in json.loads(out)} == {"birthday"}
    code, _, err = cli("template", "list", "--channel", "传真")
    assert code == 1 and "传真" in err


def test_template_render_json_by_id_and_name(cli, tmp_path):
    client_id = _client(tmp_path)
    code, out, _ = cli("template", "list", "--json")
    first = json.loads(out)[0]
    code, out, err = cli("template", "render", str(first["id"]), "--client", str(client_id), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"text", "segments", "missing"} <= set(data) and data["template_id"] == first["id"]
    assert "张敏" in data["text"] or "客户经理" in data["missing"]
    code, out2, _ = cli("template", "render", first["name"], "--client", str(client_id), "--json")
    assert json.loads(out2)["text"] == data["text"]


def test_template_render_marks_missing_fields(cli, tmp_path):
    client_id = _client(tmp_path)
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        template = scripts.create_template(
            vault, {"name": "到期", "category": "maturity", "channel": "sms", "body": "{称谓|客户}，{产品名称}到期"}
        )
    finally:
        vault.lock()
    code, out, _ = cli("template", "render", "到期", "--client", str(client_id))
    assert code == 0 and out.startswith("欧阳先生，【产品名称?】到期") and "缺少：产品名称" in out
    code, out, _ = cli("template", "render", str(template.id), "--client", str(client_id), "--json")
    assert json.loads(out)["missing"] == ["产品名称"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (("template", "render", "999", "--client", "1"), "找不到话术模板"),
        (("template", "render", "1", "--client", "abc"), "--client"),
        (("template", "render", "1", "--client", "424242"), "找不到编号为 424242 的客户"),
    ],
)
def test_template_render_errors_are_one_line(cli, argv, message):
    code, _, err = cli(*argv)
    assert code == 1 and message in err and err.count("\n") == 1


def test_template_export_import(cli, tmp_path):
    out_file = tmp_path / "lib.json"
    code, out, err = cli("template", "export", str(out_file), "--json")
    assert code == 0, err and out_file.exists()
    data = json.loads(out_file.read_text(encoding="utf-8"))
    data.append({"name": "新的", "category": "回访", "channel": "微信", "body": "{称谓|您好}"})
    out_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = cli("template", "import", str(out_file), "--json")
    assert code == 0, err
    assert json.loads(out) == {"added": 1, "skipped": len(data) - 1, "renamed": []}
