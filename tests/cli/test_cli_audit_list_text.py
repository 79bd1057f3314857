"""``audit list`` without --json prints an entry's counts as labelled ``key=value`` pairs (not
raw JSON): a list joined by commas, a file name with a space quoted; English labels with
RM_DESKTOP_LANG=en; --json keeps the machine form."""

from __future__ import annotations

import json

import pytest

from rm_desktop.i18n import set_language
from rm_desktop.services.audit.actions import counts_line


@pytest.fixture
def exported(run_cli, tmp_path, monkeypatch):
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=张三", "--set", "phone=13800138000")[0] == 0
    monkeypatch.setenv("ARCHIVE_PW", "Archive-pass-2026 quiet harbour")
    code, _out, err = run_cli("export", "archive", str(tmp_path / "my archive.xlsx"), "--password-env", "ARCHIVE_PW")
    assert code == 0, err
    return run_cli


def test_plain_list_prints_labelled_pairs(exported):
    code, out, err = exported("audit", "list", "--action", "export_archive")
    assert code == 0, err
    (line,) = out.strip().splitlines()
    assert "{" not in line and '"clients"' not in line
    assert "客户数=1" in line and '文件="my archive.xlsx"' in line and "导出登记号=1" in line
    assert "字段=" in line and "name," in line.split("字段=")[1].split()[0]
    code, out, _ = exported("audit", "list", "--action", "export_archive", "--json")
    (entry,) = json.loads(out)
    assert entry["counts"]["clients"] == 1 and entry["counts"]["file"] == "my archive.xlsx"


def test_english_labels_and_unknown_keys(monkeypatch):
    monkeypatch.setenv("RM_DESKTOP_LANG", "en")
    set_language("en")
    try:
        line = counts_line({"file": "a.xlsx", "clients": 3, "fields": ["name", "phone"], "later": 1})
    finally:
        set_language("zh_CN")
    assert line == "clients=3 fields=name,phone file=a.xlsx later=1"
    assert counts_line({"note": ""}) == '说明=""'
