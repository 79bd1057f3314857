"""`make bench`'s runner and the reporting protocol (benchmarks/_common.report, run_all.py):
every goal a script reports lands in RESULTS.md; a script that reports none, fails or runs past
its limit is listed as such. No timing is asserted: the scripts here only report fixed figures."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))  # run_all imports its neighbour as `_common`, as when run as a script

from benchmarks import _common, run_all  # noqa: E402

REPORTING = """
from _common import report
report("7.1", "ratio of something", 1.5, "x", 2)
report("7.2", "a figure over its goal", 3.0, "x", 2)
report("7.3", "a figure for information", 250.0, "MB", None)
"""


@pytest.fixture
def env(tmp_path):
    return dict(os.environ) | {"PYTHONPATH": str(BENCH)}


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_report_prints_and_appends_one_json_line(tmp_path, monkeypatch, capsys):
    results = tmp_path / "r.jsonl"
    monkeypatch.setenv(_common.RESULTS_ENV, str(results))
    assert _common.report("x", "more is better", 5, "/s", 10, higher_is_better=True) is False
    assert _common.report("y", "less is better", 5, "ms", 10) is True
    assert "GOAL x: more is better = 5 /s (goal >= 10 /s) FAIL" in capsys.readouterr().out
    entries = [json.loads(line) for line in results.read_text().splitlines()]
    assert [(e["goal_id"], e["passed"], e["comparison"]) for e in entries] == [("x", False, ">="), ("y", True, "<=")]


def test_quick_sizes_follow_the_environment(monkeypatch):
    monkeypatch.setenv(_common.QUICK_ENV, "1")
    assert _common.size(100_000, 10_000) == 10_000
    monkeypatch.setenv(_common.QUICK_ENV, "0")
    assert _common.size(100_000, 10_000) == 100_000


def test_results_list_every_goal_and_every_script(tmp_path, env):
    logs = tmp_path / "logs"
    logs.mkdir()
    scripts = [
        _script(tmp_path, "bench_reports.py", REPORTING),
        _script(tmp_path, "bench_silent.py", "print('a figure, but no report() call')\n"),
        _script(tmp_path, "bench_broken.py", "raise SystemExit(3)\n"),
        _script(tmp_path, "bench_slow.py", "import time\ntime.sleep(30)\n"),
    ]
    runs = [run_all.run_one(script, env, 5, logs) for script in scripts]
    text = run_all.markdown(runs, run_all.dt.datetime(2026, 12, 2, 8, 0), (1.0, 2.0, 3.0), (1.5, 2.5, 3.5), True)
    assert "| bench_reports | 7.1: ratio of something | 1.5 x | ≤ 2 x | PASS |" in text
    assert "| bench_reports | 7.2: a figure over its goal | 3 x | ≤ 2 x | **FAIL** |" in text
    assert "| bench_reports | 7.3: a figure for information | 250 MB | (information) | — |" in text
    assert "| bench_silent | — | ran, no goals reported | | |" in text
    assert "| bench_broken | — | failed (exit 3) | | |" in text
    assert "| bench_slow | — | stopped after 5 s (time limit) | | |" in text
    assert "1 goals pass, 1 fail" in text and "1.00 / 2.00 / 3.00 at the start" in text
    assert "BENCH_QUICK=1" in text and "2026-12-02 08:00 UTC" in text
