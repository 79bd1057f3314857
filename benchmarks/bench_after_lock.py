"""After the first lock: the GUI's reads before vs after a lock and re-unlock in one process.

Run: python benchmarks/bench_after_lock.py [--clients N] [--runs R] [--keep DIR]
Vault.lock turns SQLCipher's memory security on for the rest of the process (storage/db.py):
every SQLite allocation then goes through mlock/memset/munlock, and the switch cannot be turned
off again. A GUI that auto-locked once and was unlocked again runs every read that way, so this
is the app an RM uses most of the day. Each operation (a text search's first page, the worklist,
today's reminders, the insights figures) is run R times on a freshly unlocked vault, then the
vault is locked as the GUI's lock does it (Vault.lock, then overwrite_free_memory), unlocked
again, and the same operations are run R times more. The baseline is the first half, measured
in the same run on the same vault: the two halves cannot alternate, the lock being one-way.
Medians of CPU time (user + system) are compared; the system part, where mlock and munlock go,
is printed too. The figures are reported for information (no goal is set yet).
The book is a demo book built in a child process (as bench_worklist does: the fill's freed heap
would otherwise stay in the measuring process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import resource
import statistics
import tempfile
from pathlib import Path

from _common import report, size, use_memory_keyring

from rm_desktop.security.hardening import overwrite_free_memory
from rm_desktop.security.header import KdfParams
from rm_desktop.services.clients import demo
from rm_desktop.services.insights import figures
from rm_desktop.services.reminders.today import today_view
from rm_desktop.services.search.query import ClientQuery, search_page
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.worklist.build import build_worklist

PASSWORD = "benchmark password"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # vault creation is not measured
OPERATIONS = {
    "search": lambda vault, today: search_page(vault, ClientQuery(text="王"), 0, 100),
    "worklist": build_worklist,
    "today_view": today_view,
    "insights": figures.book_insights,
}


def _fill(root: Path, clients: int) -> None:
    use_memory_keyring()
    vault = vs.create_vault(root, PASSWORD, kdf=FAST_KDF, remember=False)
    demo.fill(vault, clients)
    vault.lock()


def build(root: Path, clients: int) -> None:
    child = multiprocessing.get_context("spawn").Process(target=_fill, args=(root, clients))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"building the {clients:,}-client book failed ({child.exitcode})")


def cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def measure(vault, today: dt.date, runs: int) -> dict[str, list[tuple[float, float]]]:
    """(user, system) CPU seconds of each run of each operation, after one warming run each."""
    spent: dict[str, list[tuple[float, float]]] = {}
    for name, operation in OPERATIONS.items():
        operation(vault, today)
        for _ in range(runs):
            user, system = cpu()
            operation(vault, today)
            user_after, system_after = cpu()
            spent.setdefault(name, []).append((user_after - user, system_after - system))
    return spent


def total(runs: list[tuple[float, float]]) -> float:
    return statistics.median(user + system for user, system in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=size(100_000, 10_000))
    parser.add_argument("--runs", type=int, default=size(3, 2))
    parser.add_argument("--keep", help="build the book once into DIR/<clients> and reuse it")
    args = parser.parse_args()
    use_memory_keyring()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp) / str(args.clients)
        if not (root / "vault.db").exists():
            build(root, args.clients)
        vault = vs.unlock(root, PASSWORD, backup=False)
        before = measure(vault, today, args.runs)
        vault.lock()  # as the GUI's lock: memory security on from here (storage/db.py)
        del vault
        overwrite_free_memory()
        vault = vs.unlock(root, PASSWORD, backup=False)
        after = measure(vault, today, args.runs)
        vault.lock()
    print(f"  {args.clients:,} clients, median CPU of {args.runs} runs (system part after the lock)")
    for name in OPERATIONS:
        first, second = total(before[name]), total(after[name])
        system = statistics.median(system for _, system in after[name])
        print(
            f"  {name:11} before {first * 1000:8.1f} ms   after {second * 1000:8.1f} ms   (system {system * 1000:.1f} ms)"
        )
        report(
            f"13.7-after-lock-{name}-{args.clients // 1000}k",
            f"{name} CPU after a lock and re-unlock / before it, {args.clients:,} clients",
            second / first,
            "x",
            None,
        )


if __name__ == "__main__":
    main()
