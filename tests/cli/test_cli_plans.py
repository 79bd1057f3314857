"""``plan list`` / ``plan export`` through the real CLI entry point (env password, --json, one-line errors)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from pypdf import PdfReader

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD


@pytest.fixture
def cli(run_cli):
    return run_cli


@pytest.fixture
def book(cli, tmp_path):
    assert cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        client = create_client(vault, {"name": "赵敏", "risk_grade": "C2", "life_stage": "maturity"}).id
        first = plans.create_plan(vault, client)
        plans.save_revision(vault, first.plan_id, dataclasses.replace(first.content, title="修订"), status="draft")
        second = plans.create_plan(vault, client)
        lonely = create_client(vault, {"name": "钱多"}).id
    finally:
        vault.lock()
    return client, first.plan_id, second.plan_id, lonely


def test_plan_list_json(cli, book):
    client, first, second, lonely = book
    code, out, err = cli("plan", "list", str(client), "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert {row["id"] for row in rows} == {first, second}
    for row in rows:
        assert row["status"] == "draft" and row["client_id"] == client
        assert row["updated"][:4].isdigit() and "T" in row["updated"]
    assert next(r for r in rows if r["id"] == first)["version"] == 2
    code, out, _ = cli("plan", "list", str(lonely), "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli("plan", "list", str(client))
    assert code == 0 and "草稿" in out and "V2" in out


def test_plan_export(cli, book, tmp_path, pdf_font):
    _, first, _, _ = book
    target = tmp_path / "赵敏_规划书.pdf"
    code, out, err = cli("plan", "export", str(first), str(target), "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "plan_id": first,
        "file": str(target),
        "fonts": ["WenQuanYi Micro Hei (rm-test-cjk.ttf)"],  # the font that drew it
    }
    text = "".join(page.extract_text() for page in PdfReader(target).pages).replace(" ", "").replace("\n", "")
    assert "赵敏" in text and "理财非存款，产品有风险，投资须谨慎。" in text
    assert cli("plan", "export", str(first), str(tmp_path / "v1.pdf"), "--version", "1")[0] == 0


def test_plan_errors_are_one_line(cli, book, tmp_path):
    _, first, _, _ = book
    for argv, words in (
        (("plan", "list", "999"), "找不到编号为 999 的客户"),
        (("plan", "export", "999", str(tmp_path / "x.pdf")), "找不到编号为 999 的理财规划"),
        (("plan", "export", str(first), str(tmp_path / "x.txt")), ".pdf"),
        (("plan", "export", str(first), str(tmp_path / "no" / "x.pdf")), "文件夹不存在"),
        (("plan", "export", str(first), str(tmp_path / "x.pdf"), "--version", "7"), "没有第 7 版"),
    ):
        code, _out, err = cli(*argv)
        assert code == 1 and err.count("\n") == 1 and words in err and "Traceback" not in err, (argv, err)
