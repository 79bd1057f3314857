"""The audit log's costs (issue 18.1): ``audit verify`` on 1M entries against a bare hashlib loop
over the same rows, one ``record`` call, and the entry's share of a 100k-row import.

* verify: 1M chained entries written straight into a fresh vault (the chain computed here, by
  services/audit/chain.entry_hash), then ``reading.verify`` (reads and checks every row) against
  ``bare``: the same rows already in memory, hashed by a plain ``hashlib.sha256`` loop. Goals:
  verify < 10 s; the ratio is reported.
* record: median of ``log.record`` inside an open write transaction (what an action pays: its
  own transaction commits anyway) and of ``record_now`` (its own short transaction, as unlock,
  search and copy use). Goal: < 1 ms.
* import: ``run_import`` of the same preview into fresh vaults with the entry and with it
  stubbed out, interleaved (without, with, with, without): one entry per import, so the
  difference is noise-sized. Goal: < 5 %.

Run: ``python benchmarks/bench_audit.py [--entries N] [--rows N]`` (BENCH_QUICK=1: 100k entries,
20k rows). Prints, never asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import os
import statistics
import tempfile
import time
from pathlib import Path

from _common import report, size, use_memory_keyring, wall_and_cpu

from rm_desktop.security.header import KdfParams

FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "bench audit pass 42"
ACTIONS = ("search", "copy", "export_list", "unlock", "lock")


def fill_log(vault, entries: int, batch: int = 100_000) -> None:
    """``entries`` chained rows in one transaction, ``batch`` at a time (a few shapes, as a real
    log has)."""
    from rm_desktop.services.audit.chain import GENESIS, entry_hash
    from rm_desktop.storage.keyed import raw_connect

    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    prev = GENESIS
    conn = raw_connect(str(vault.paths.db), vault.key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for first in range(1, entries + 1, batch):
            rows = []
            for seq in range(first, min(first + batch, entries + 1)):
                at = (start + dt.timedelta(seconds=seq * 7)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
                action = ACTIONS[seq % len(ACTIONS)]
                obj = f"client:{seq % 90_000 + 1} 王*" if action == "copy" else None
                counts = '{"fields":["phone"]}' if obj else f'{{"rows":{seq % 500}}}'
                digest = entry_hash(seq, at, action, obj, counts, "local", prev)
                rows.append((seq, at, action, obj, counts, "local", prev, digest))
                prev = digest
            conn.executemany("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    finally:
        conn.close()


def bare_loop(rows) -> int:
    """The floor: a sha256 of each row's fields joined, nothing read, compared or classified."""
    n = 0
    for seq, at, action, obj, counts, origin, prev, _digest in rows:
        hashlib.sha256("\x1f".join((str(seq), at, action, obj or "", counts, origin, prev)).encode()).hexdigest()
        n += 1
    return n


def bare_seconds(vault, batch: int = 100_000) -> tuple[float, float]:
    """The bare loop's (wall, CPU) over every row, fetched a batch at a time outside the clock."""
    wall = cpu = 0.0
    with vault.engine.connect() as conn:
        cursor = conn.exec_driver_sql(
            "SELECT seq, at, action, object, counts, origin, prev_hash, hash FROM audit_log ORDER BY seq"
        )
        while rows := cursor.fetchmany(batch):
            w, c, _ = wall_and_cpu(functools.partial(bare_loop, rows))
            wall, cpu = wall + w, cpu + c
    return wall, cpu


def bench_verify(vault, entries: int) -> None:
    from rm_desktop.services.audit import reading

    fill_log(vault, entries)
    bare_wall, bare_cpu = bare_seconds(vault)
    runs = [wall_and_cpu(lambda: reading.verify(vault)) for _ in range(2)]
    wall, cpu, result = min(runs, key=lambda r: r[1])
    assert result.ok and result.checked == entries, result.message()
    print(
        f"verify {entries:,}: {wall:.2f} s wall, {cpu:.2f} s CPU; bare hash loop {bare_wall:.2f} s wall, {bare_cpu:.2f} s CPU"
    )
    report(
        "verify_seconds", f"audit verify on {entries:,} entries (CPU)", cpu, "s", 10.0 if entries >= 1_000_000 else None
    )
    report("verify_vs_bare", "verify / bare hashlib loop over the same rows (CPU)", cpu / bare_cpu, "x", None)


def bench_record(vault, calls: int = 2000) -> None:
    from rm_desktop.services.audit import log

    inside, own = [], []
    for i in range(calls):
        with vault.sessions.begin() as session:
            start = time.perf_counter()
            log.record(session, "search", counts={"rows": i})
            inside.append(time.perf_counter() - start)
        start = time.perf_counter()
        log.record_now(vault, "copy", object=log.client_object(i + 1, "王五"), counts={"fields": ["phone"]})
        own.append(time.perf_counter() - start)
    inside_ms, own_ms = statistics.median(inside) * 1000, statistics.median(own) * 1000
    print(f"record inside a transaction: median {inside_ms:.3f} ms; record_now (own transaction): {own_ms:.3f} ms")
    report("record_ms", "one record() inside the action's transaction (median)", inside_ms, "ms", 1.0)
    report("record_now_ms", "one record_now() in its own transaction (median, with commit)", own_ms, "ms", None)


class _NoAudit:
    """Stands in for services/audit/log in the writer: the import without its entry."""

    @staticmethod
    def record(*_args, **_kwargs) -> int:
        return 0

    @staticmethod
    def is_code(text: str) -> bool:
        return True


def bench_import(folder: Path, rows: int, create_vault) -> None:
    from bench_import import make_file

    from rm_desktop.services.exchange import writing
    from rm_desktop.services.exchange.importing import preview_import

    path = folder / f"clients_{rows}.xlsx"
    make_file(path, rows)
    vaults = [create_vault(folder / f"import{i}", PASSWORD, kdf=FAST_KDF, remember=False) for i in range(5)]
    try:
        preview = preview_import(vaults[0], path)  # every vault is empty: one preview serves all
        real = writing.audit_log
        times: dict[bool, list[float]] = {True: [], False: []}
        for i, audited in enumerate((False, True, True, False), start=1):
            writing.audit_log = real if audited else _NoAudit  # type: ignore[assignment]
            try:
                run = functools.partial(writing.run_import, vaults[i], preview, today=dt.date(2026, 1, 5))
                wall, cpu, summary = wall_and_cpu(run)
            finally:
                writing.audit_log = real
            times[audited].append(cpu)
            print(
                f"import {summary.imported:,} rows {'with' if audited else 'without'} the entry: {wall:.2f} s wall, {cpu:.2f} s CPU"
            )
    finally:
        for vault in vaults:
            vault.lock()
    without, with_entry = min(times[False]), min(times[True])
    report(
        "import_overhead",
        f"audit entry's share of a {rows:,}-row import (best CPU of 2 each)",
        (with_entry - without) / without * 100,
        "%",
        5.0,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=size(1_000_000, 100_000))
    parser.add_argument("--rows", type=int, default=size(100_000, 20_000))
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    use_memory_keyring()
    from rm_desktop.services.vault.lifecycle import create_vault

    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Locked at the end only: a lock turns SQLCipher's memory security on for the process.
        vault = create_vault(folder / "log", PASSWORD, kdf=FAST_KDF, remember=False)
        other = create_vault(folder / "record", PASSWORD, kdf=FAST_KDF, remember=False)
        try:
            bench_record(other)
            bench_verify(vault, args.entries)
            if not args.skip_import:
                bench_import(folder, args.rows, create_vault)
        finally:
            vault.lock()
            other.lock()
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
