"""The report commands: report day / week / month on the constructed book (tests/services/reports
/report_book.py) as text, JSON and counts-only; the day log and the targets; PDF and xlsx
written through services/report_outputs; bad input one line, exit 1, nothing opened."""

from __future__ import annotations

import json

import pytest

from rm_desktop.cli import report_cmds
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD
from tests.services.reports.report_book import ID_NUMBERS, NAMES, NOW, build_book


@pytest.fixture
def cli(run_cli, tmp_path, monkeypatch):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    build_book(vault)
    vault.lock()
    monkeypatch.setattr(report_cmds, "_now", lambda: NOW)
    return run_cli


def test_day_text_names_the_clients_and_warns(cli):
    code, out, err = cli("report", "day", "--date", "2026-11-30")
    assert code == 0, err
    assert "工作日志 2026-11-30" in out and "张三" in out and "1 个承诺回电未回" in out
    assert "已锁定" in out  # the 30th is over on the fake today, 2026-12-02


def test_day_defaults_to_today_and_json_parses(cli):
    code, out, _ = cli("report", "day", "--json")
    data = json.loads(out)
    assert code == 0 and data["period"] == "2026-12-02" and data["kind"] == "day" and not data["locked"]
    counts = {line["key"]: line["count"] for s in data["sections"] for line in s["lines"]}
    assert counts == {}  # nothing happened on the 2nd
    assert data["empty"] and all(s["empty_text"] for s in data["sections"])


def test_week_and_month_json_with_kpis(cli):
    code, out, _ = cli("report", "week", "--week", "2026-W49", "--json")
    week = json.loads(out)
    assert code == 0 and (week["start"], week["end"]) == ("2026-11-30", "2026-12-06")
    assert {k["key"]: k["value"] for k in week["kpis"]}["contacts"] == "4"
    code, out, _ = cli("report", "month", "--month", "2026-11", "--json")
    month = {k["key"]: k for k in json.loads(out)["kpis"]}
    assert month["contacts"]["value"] == "5" and month["contacts"]["previous"] == "2"
    assert month["contacts"]["change"] == "3" and len(month["contacts"]["trend"]) == 12
    assert month["retention"]["value"] == "0.8000" and month["aum_change"]["value"] == "820000.00"


@pytest.mark.parametrize(
    "argv",
    [
        ("report", "day", "--date", "2026-11-30", "--counts-only"),
        ("report", "day", "--date", "2026-11-30", "--counts-only", "--json"),
        ("report", "month", "--month", "2026-11", "--counts-only", "--json"),
        ("report", "week", "--week", "2026-W49", "--counts-only"),
    ],
)
def test_counts_only_names_no_client(cli, argv):
    code, out, _ = cli(*argv)
    assert (code == 0 and "仅含汇总数字" in out) or '"counts_only": true' in out
    assert not [x for x in (*NAMES, *ID_NUMBERS) if x in out]
    if "--json" in argv:
        data = json.loads(out)
        assert data["counts_only"] and all(not line["details"] for s in data["sections"] for line in s["lines"])


def test_pdf_and_xlsx_are_written(cli, tmp_path, pdf_font):
    pdf, xlsx = tmp_path / "m.pdf", tmp_path / "m.xlsx"
    code, out, err = cli("report", "month", "--month", "2026-11", "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")
    assert str(pdf) in out and str(xlsx) in out


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (("report", "week", "--week", "2026-49"), "week"),
        (("report", "week", "--week", "2025-W53"), "week"),
        (("report", "month", "--month", "2026-13"), "month"),
        (("report", "day", "--date", "2026/11/31"), "day"),
        (("report", "targets", "--set", "contacts=-5"), "report_targets.contacts"),
        (("report", "targets", "--set", "no_such_kpi=5"), "report_targets"),
    ],
)
def test_bad_input_is_one_line_exit_1(cli, argv, field):
    code, out, err = cli(*argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and f"{field}: " in err and "Traceback" not in err


def test_day_log_and_revisions(cli):
    code, out, _ = cli("report", "log", "--date", "2026-12-02", "--note", "拜访两户", "--plan", "回访张三", "--json")
    assert code == 0 and json.loads(out)["revision"] == 1
    code, out, _ = cli("report", "log", "--date", "2026-12-02", "--plan", "回访李四")  # the note is kept
    code, out, _ = cli("report", "day", "--json")
    data = json.loads(out)
    assert (data["note"], data["tomorrow"], data["revision"]) == ("拜访两户", ["回访李四"], 2)
    code, out, _ = cli("report", "log", "--date", "2026-11-30", "--note", "补记")  # a past day: locked
    code, out, _ = cli("report", "log", "--date", "2026-11-30", "--note", "再补记")
    code, out, _ = cli("report", "revisions", "--date", "2026-11-30", "--json")
    assert [(r["revision"], r["note"]) for r in json.loads(out)] == [(1, "补记"), (2, "再补记")]
    code, _, err = cli("report", "log", "--date", "2026-11-30", "--note", "旧版", "--revision", "1")
    assert code == 1 and err.count("\n") == 1


def test_targets_set_show_and_used(cli):
    code, out, _ = cli("report", "targets", "--set", "contacts=300, retention=90%", "--json")
    assert code == 0 and json.loads(out) == {"contacts": "300", "retention": "0.9000"}
    code, out, _ = cli("report", "targets", "--set", "contacts=")
    assert code == 0 and out.strip() == "retention=0.9000"
    code, out, _ = cli("report", "month", "--month", "2026-11", "--json")
    targets = {k["key"]: k["target"] for k in json.loads(out)["kpis"]}
    assert targets["retention"] == "0.9000" and targets["contacts"] is None
