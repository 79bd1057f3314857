"""Shared benchmark helpers: a throwaway vault, timing, peak memory. Prints, never asserts.

The reporting protocol (``make bench`` → benchmarks/run_all.py → benchmarks/RESULTS.md): a script
calls :func:`report` once per goal it measures. The line is printed, and when RM_BENCH_RESULTS names
a file (run_all sets it) appended to it as one JSON object. A script that reports nothing is
listed as "ran, no goals reported". BENCH_QUICK=1 asks for the quick sizes (:func:`size`).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring
from keyring.backend import KeyringBackend

RESULTS_ENV = "RM_BENCH_RESULTS"  # a JSON-lines file each report() appends to
QUICK_ENV = "BENCH_QUICK"  # "1": smaller books, fewer runs, so that `make bench` stays short
CACHE_ENV = "RM_BENCH_CACHE"  # a folder where scripts of one `make bench` run share built books


class MemoryKeyring(KeyringBackend):
    """Benchmarks must not write into the machine's real keyring."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.store = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


def use_memory_keyring() -> None:
    keyring.set_keyring(MemoryKeyring())


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def wall_and_cpu(fn) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result): on a shared, loaded machine the
    CPU time is the steadier figure; both are printed."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def best_of(n: int, fn) -> float:
    return min(timed(fn)[0] for _ in range(n))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quick() -> bool:
    return os.environ.get(QUICK_ENV, "") not in ("", "0")


def size(full: int, quick_size: int) -> int:
    """A default size (clients, rows, runs): ``quick_size`` under BENCH_QUICK=1, else ``full``."""
    return quick_size if quick() else full


def shared_book(name: str) -> Path | None:
    """Where a book built once per ``make bench`` run lives (``name`` says what it holds, e.g.
    "demo-100000"), or None outside run_all: the script then builds its own in a temporary folder."""
    folder = os.environ.get(CACHE_ENV)
    return Path(folder) / name if folder else None


def report(
    goal_id: str,
    description: str,
    figure: float,
    unit: str,
    goal: float | None,
    passed: bool | None = None,
    *,
    higher_is_better: bool = False,
) -> bool | None:
    """One measured goal: printed as ``GOAL id: description = figure unit (goal <= g) PASS``.

    ``goal`` None is a figure reported for information (no pass or fail). ``passed`` defaults to
    ``figure <= goal`` (``>=`` with ``higher_is_better``); pass it for a goal of another shape.
    Returns the verdict."""
    if passed is None and goal is not None:
        passed = figure >= goal if higher_is_better else figure <= goal
    sign = ">=" if higher_is_better else "<="
    target = f"goal {sign} {goal:g} {unit}".rstrip() if goal is not None else "information"
    verdict = {True: "PASS", False: "FAIL", None: "-"}[passed]
    print(f"GOAL {goal_id}: {description} = {figure:.3g} {unit} ({target}) {verdict}".replace("  ", " "), flush=True)
    path = os.environ.get(RESULTS_ENV)
    if path:
        entry = {
            "goal_id": goal_id,
            "description": description,
            "figure": figure,
            "unit": unit,
            "goal": goal,
            "comparison": sign,
            "passed": passed,
            "script": Path(sys.argv[0]).name,
        }
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return passed
