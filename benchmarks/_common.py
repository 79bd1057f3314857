"""Shared benchmark helpers: a throwaway vault, timing, peak memory. Prints, never asserts."""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring
from keyring.backend import KeyringBackend


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
