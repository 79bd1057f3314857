"""``report bundle`` and ``report collect`` (issue 17.4): the RM writes the period's reports to an
encrypted bundle (counts only unless --named), the supervisor collects several into one
workbook; passwords from RM_DESKTOP_FILE_PASSWORD, refusals in one line."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from rm_desktop.cli import main as cli_main
from rm_desktop.cli import report_bundle_cmds
from rm_desktop.services.clients.contacts import add_contact
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.report_outputs.bundle import read_bundle
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

BUNDLE_PASSWORD = "Zhuguan-2026-bundle"
NAME, PHONE = "欧阳明珠", "13912345678"


def _hooked() -> bool:
    try:
        from rm_desktop.cli import report_cmds
    except ImportError:
        return False
    return "report_bundle_cmds.register(" in Path(report_cmds.__file__).read_text(encoding="utf-8")


@pytest.fixture
def report_cli(run_cli, monkeypatch):
    """The CLI with ``report bundle|collect``: through the report command once it registers them,
    else through a stand-in ``report`` group in its place."""
    if not _hooked():
        shim = types.ModuleType("rm_desktop.cli._report_stand_in")

        def register(sub, common):
            group = sub.add_parser("report").add_subparsers(dest="report_command", required=True)
            report_bundle_cmds.register(group, common)

        shim.register = register  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, shim.__name__, shim)
        others = tuple(entry for entry in cli_main.COMMANDS if entry[0] != "report_cmds")
        monkeypatch.setattr(cli_main, "COMMANDS", (*others, ("_report_stand_in", ("report",))))
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", BUNDLE_PASSWORD)
    return run_cli


@pytest.fixture
def book(report_cli, tmp_path):
    assert report_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        vault.settings.set("rm_name", "王经理")
        client = create_client(vault, {"name": NAME, "phone": [PHONE]})
        add_contact(vault, client.id, {"channel": "phone", "content": f"回电 {PHONE}", "at": "2026-12-01T10:00"})
    finally:
        vault.lock()
    return report_cli


def test_bundle_and_collect(book, tmp_path):
    counts, named = tmp_path / "counts.rmreports", tmp_path / "named.rmreports"
    code, out, err = book("report", "bundle", "--month", "2026-12", str(counts))
    assert code == 0, err
    assert "仅含汇总数字" in out and "已加密" in out
    read = read_bundle(counts, BUNDLE_PASSWORD)
    assert [r.period.key for r in read.reports] == ["2026-12"] and not read.named
    text = json.dumps([r.rm_name for r in read.reports] + [str(read.reports)], ensure_ascii=False)
    assert NAME not in text and PHONE not in text and "王经理" in text

    code, out, err = book(
        "report", "bundle", "--from", "2026-12-01", "--to", "2026-12-02", str(named), "--named", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "file": str(named),
        "reports": ["工作日志 2026-12-01", "工作日志 2026-12-02"],
        "named": True,
        "register": 2,  # its export register row (issue 18.3): the counts-only bundle above is 1
    }
    assert NAME in str(read_bundle(named, BUNDLE_PASSWORD).reports[0])

    summary = tmp_path / "summary.xlsx"
    code, out, err = book("report", "collect", str(counts), str(named), "--xlsx", str(summary))
    assert code == 0, err
    assert "已汇总 2 个报告包" in out
    book_ = CalamineWorkbook.from_path(str(summary))
    rows = book_.get_sheet_by_name("汇总").to_python()
    assert [r[2] for r in rows[1:4]] == ["工作日志 2026-12-01", "工作日志 2026-12-02", "月报 2026-12"]
    assert rows[4][0] == "合计" and len(rows) == 5


def test_refusals_are_one_line(book, tmp_path, monkeypatch):
    target = tmp_path / "b.rmreports"
    for argv in (
        ("report", "bundle", str(target)),  # no period
        ("report", "bundle", "--week", "2026-W60", str(target)),
        ("report", "bundle", "--from", "2026-12-05", "--to", "2026-12-01", str(target)),
        ("report", "collect", str(tmp_path / "missing.rmreports"), "--xlsx", str(tmp_path / "s.xlsx")),
    ):
        code, _out, err = book(*argv)
        assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, (argv, err)
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", "123")  # the handover's strength rule
    code, _out, err = book("report", "bundle", "--month", "2026-12", str(target))
    assert code == 1 and not target.exists()
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", BUNDLE_PASSWORD)
    assert book("report", "bundle", "--month", "2026-12", str(target))[0] == 0
    monkeypatch.setenv("RM_DESKTOP_FILE_PASSWORD", "Another-password-9")
    code, _out, err = book("report", "collect", str(target), "--xlsx", str(tmp_path / "s.xlsx"))
    assert code == 1 and "密码不正确" in err and not (tmp_path / "s.xlsx").exists()
