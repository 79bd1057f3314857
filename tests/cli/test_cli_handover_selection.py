"""``handover export`` chooses its clients as the GUI's checklist does (--search, --tier, --tag,
--clients), lists them with --dry-run before writing, and ``handover import`` names the clients
by group (new / matching / conflicting with the differing field)."""

from __future__ import annotations

import json

import pytest

from rm_desktop.io.readers import read_workbook

SECRET = "hand-over 4711"


@pytest.fixture
def cli(run_cli, monkeypatch):
    assert run_cli("init")[0] == 0
    for no, name, aum, tag in (
        ("C1", "张伟", "8000000", "高净值"),
        ("C2", "李娜", "7000000", None),
        ("C3", "王芳", "2000", "高净值"),
    ):
        extra = ["--set", f"tags={tag}"] if tag else []
        fields = ("--set", f"customer_no={no}", "--set", f"name={name}", "--set", f"aum={aum}", *extra)
        assert run_cli("client", "add", *fields)[0] == 0
    monkeypatch.setenv("HANDOVER_PW", SECRET)
    return run_cli


def _names(path) -> list[str]:
    sheet = next(s for s in read_workbook(path, SECRET).sheets if s.name == "客户")
    column = list(sheet.rows[0]).index("姓名")
    return sorted(str(row[column]) for row in sheet.rows[1:])


def test_clients_by_id_alone_or_among_a_filter(cli, tmp_path):
    """--clients names the ids; with --tier too, only those of them the filter also matches."""
    _, out, _ = cli("client", "list", "--json")
    ids = {row["name"]: row["id"] for row in json.loads(out)}
    chosen = f"{ids['张伟']},{ids['王芳']}"
    code, out, err = cli("handover", "export", str(tmp_path / "x.xlsx"), "--clients", chosen, "--dry-run", "--json")
    assert code == 0, err
    assert sorted(c["name"] for c in json.loads(out)["chosen"]) == ["张伟", "王芳"]
    code, out, err = cli(
        "handover", "export", str(tmp_path / "x.xlsx"), "--clients", chosen, "--tier", "private", "--dry-run", "--json"
    )
    assert code == 0 and [c["name"] for c in json.loads(out)["chosen"]] == ["张伟"], err


def test_tier_and_tag_choose_the_clients_and_dry_run_lists_them(cli, tmp_path):
    code, out, err = cli("handover", "export", str(tmp_path / "x.xlsx"), "--tier", "private", "--dry-run", "--json")
    assert code == 0, err
    assert sorted(c["name"] for c in json.loads(out)["chosen"]) == ["张伟", "李娜"]
    assert not (tmp_path / "x.xlsx").exists()  # a dry run writes nothing
    code, out, err = cli("handover", "export", str(tmp_path / "x.xlsx"), "--tag", "高净值", "--dry-run")
    assert code == 0 and "将移交 2 位客户" in out and "张伟" in out and "王芳" in out, err
    code, out, err = cli(
        "handover",
        "export",
        str(tmp_path / "h.xlsx"),
        "--tier",
        "private",
        "--tag",
        "高净值",
        "--password-env",
        "HANDOVER_PW",
    )
    assert code == 0, err
    assert _names(tmp_path / "h.xlsx") == ["张伟"]
    code, out, err = cli(
        "handover", "export", str(tmp_path / "s.xlsx"), "--search", "wf", "--password-env", "HANDOVER_PW"
    )
    assert code == 0 and _names(tmp_path / "s.xlsx") == ["王芳"], err


def test_a_selection_is_required_and_all_does_not_mix_with_filters(cli, tmp_path):
    code, _, err = cli("handover", "export", str(tmp_path / "x.xlsx"), "--password-env", "HANDOVER_PW")
    assert code == 1 and "--all" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("handover", "export", str(tmp_path / "x.xlsx"), "--all", "--tag", "高净值")
    assert code == 1 and "--all" in err and "Traceback" not in err
    code, _, err = cli(
        "handover", "export", str(tmp_path / "x.xlsx"), "--tier", "nobody", "--password-env", "HANDOVER_PW"
    )
    assert code == 1 and not (tmp_path / "x.xlsx").exists()


def test_import_names_the_clients_by_group(cli, tmp_path):
    code, out, _ = cli("client", "list", "--json")
    zhang = next(c for c in json.loads(out) if c["name"] == "张伟")["id"]
    assert cli("client", "update", str(zhang), "--set", "occupation=教师")[0] == 0
    assert cli("handover", "export", str(tmp_path / "h.xlsx"), "--all", "--password-env", "HANDOVER_PW")[0] == 0
    # the same vault after the export: 张伟's occupation differs now, so the file conflicts with it
    assert cli("client", "update", str(zhang), "--set", "occupation=医生")[0] == 0
    base = ("handover", "import", str(tmp_path / "h.xlsx"), "--password-env", "HANDOVER_PW", "--dry-run")
    code, out, err = cli(*base)
    assert code == 0, err
    assert "相同：李娜、王芳" in out and "有冲突：张伟（职业：本机“医生”，文件“教师”）" in out
    code, out, err = cli(*base, "--json")
    groups = json.loads(out)["by_client"]
    assert [c["name"] for c in groups["matching"]] == ["李娜", "王芳"] and groups["new"] == []
    assert [(f["label"], f["in_vault"], f["in_file"]) for f in groups["conflicting"][0]["differing"]] == [
        ("职业", "医生", "教师")
    ]
