"""Run every benchmarks/bench_*.py and write benchmarks/RESULTS.md (``make bench``).

Each script runs in its own process, one after the other (timings of two at once would hide each
other's cost), with RM_BENCH_RESULTS naming a file its ``_common.report`` calls append to. The
table lists every reported goal: script, goal, figure, target, pass. A script that reported
nothing is "ran, no goals reported"; one that failed or ran past its time limit says so, with the
goals it reported before. The machine's load average is taken at the start and at the end, since
other work on a shared machine moves every figure.

Run: ``python benchmarks/run_all.py [--quick] [--only NAME ...] [--timeout S] [--out FILE]``.
``--quick`` (or BENCH_QUICK=1) asks each script for its quick sizes (~15 minutes in all on a 2-core
machine); without it the issue's sizes (100k clients...) take about an hour. Scripts are found by
glob, so a new bench_*.py is run without being listed here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import CACHE_ENV, QUICK_ENV, RESULTS_ENV

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def scripts(only: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [p for p in found if p.stem in only or p.stem.removeprefix("bench_") in only]
    return found


def run_one(script: Path, env: dict[str, str], timeout: float, log_dir: Path) -> dict:
    results = log_dir / f"{script.stem}.jsonl"
    log = log_dir / f"{script.stem}.log"
    results.unlink(missing_ok=True)
    start = time.perf_counter()
    status = "ok"
    with log.open("w", encoding="utf-8") as out:
        try:
            done = subprocess.run(
                [sys.executable, str(script)],
                cwd=ROOT,
                env=env | {RESULTS_ENV: str(results)},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
            )
            if done.returncode:
                status = f"failed (exit {done.returncode})"
        except subprocess.TimeoutExpired:
            status = f"stopped after {timeout:.0f} s (time limit)"
    goals = []
    if results.exists():
        goals = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"script": script.stem, "status": status, "seconds": time.perf_counter() - start, "goals": goals, "log": log}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _figure(goal: dict) -> str:
    return f"{goal['figure']:.3g} {goal['unit']}".strip()


def _target(goal: dict) -> str:
    if goal.get("goal") is None:
        return "(information)"
    return (
        f"{goal.get('comparison', '<=')} {goal['goal']:g} {goal['unit']}".strip().replace("<=", "≤").replace(">=", "≥")
    )


def markdown(runs: list[dict], started: dt.datetime, load_start: tuple, load_end: tuple, quick: bool) -> str:
    passed = sum(1 for r in runs for g in r["goals"] if g.get("passed") is True)
    failed = sum(1 for r in runs for g in r["goals"] if g.get("passed") is False)
    total_s = sum(r["seconds"] for r in runs)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench{' BENCH_QUICK=1' if quick else ''}` (benchmarks/run_all.py) on "
        f"{started:%Y-%m-%d %H:%M} UTC, {'quick sizes (BENCH_QUICK=1)' if quick else 'full sizes'}; "
        f"{total_s / 60:.1f} min in all.",
        f"Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"load average (1, 5, 15 min) {_load(load_start)} at the start, {_load(load_end)} at the end "
        "(other work on the machine slows every figure, the baselines measured in the same run too).",
        "",
        f"{passed} goals pass, {failed} fail; a ratio is the product against its bare baseline measured in the same "
        "process (see each script's docstring for what the baseline does).",
        "",
        "| script | goal | figure | target | pass |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        for goal in run["goals"]:
            verdict = {True: "PASS", False: "**FAIL**", None: "—"}[goal.get("passed")]
            lines.append(
                f"| {run['script']} | {_cell(goal['goal_id'])}: {_cell(goal['description'])} | {_cell(_figure(goal))} "
                f"| {_cell(_target(goal))} | {verdict} |"
            )
        if run["status"] != "ok" or not run["goals"]:
            said = run["status"] if run["status"] != "ok" else "ran, no goals reported"
            lines.append(f"| {run['script']} | — | {said} | | |")
    lines += ["", "| script | status | seconds |", "|---|---|---|"]
    lines += [f"| {r['script']} | {r['status']} | {r['seconds']:.0f} |" for r in runs]
    return "\n".join(lines) + "\n"


def _load(values: tuple) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"quick sizes (same as {QUICK_ENV}=1)")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME", help="these scripts only (bench_cli or cli)")
    parser.add_argument("--timeout", type=float, help="seconds per script (default 900, quick 300)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--logs", type=Path, help="keep each script's output here (default: a temporary folder)")
    args = parser.parse_args()
    quick = args.quick or os.environ.get(QUICK_ENV, "") not in ("", "0")
    timeout = args.timeout or (300.0 if quick else 900.0)
    log_dir = args.logs or Path(tempfile.mkdtemp(prefix="rm-bench-logs-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix="rm-bench-books-"))  # books built once, shared (_common.shared_book)
    env = dict(os.environ) | ({QUICK_ENV: "1"} if quick else {}) | {CACHE_ENV: str(cache)}
    started, load_start = dt.datetime.now(dt.UTC), os.getloadavg()
    runs = []
    for script in scripts(args.only):
        print(f"== {script.name}", flush=True)
        run = run_one(script, env, timeout, log_dir)
        runs.append(run)
        print(
            f"   {run['status']}, {run['seconds']:.0f} s, {len(run['goals'])} goals; output in {run['log']}", flush=True
        )
        for goal in run["goals"]:
            print(f"   {goal['goal_id']}: {_figure(goal)} ({_target(goal)}) {goal.get('passed')}", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    args.out.write_text(markdown(runs, started, load_start, os.getloadavg(), quick), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if all(r["status"] == "ok" for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
