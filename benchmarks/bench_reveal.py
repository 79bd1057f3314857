"""A reveal's cost (issue 18.2, "< 1 ms to a reveal"): ``record_reveal`` (the audit entry the
client file writes before it shows a full phone or ID) against a bare single-row insert.

* bare: one ``INSERT`` of a short row into a scratch table in a write transaction of its own,
  through the same session machinery (BEGIN IMMEDIATE, commit): what any write costs here.
* reveal: ``record_reveal`` with the client's name given, as the GUI calls it (the reason
  checked, the last entry read, the chain hashed, the row written, committed), on a log already
  holding ``--entries`` rows, so the "last entry" read is not on an empty table.

Both interleaved, medians reported; the goal is the reveal's median < 1 ms, and what it adds
over the bare insert is reported too. Run: ``python benchmarks/bench_reveal.py [--calls N]``
(BENCH_QUICK=1: fewer calls). Prints, never asserts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import report, size, use_memory_keyring

from rm_desktop.security.header import KdfParams

FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "bench reveal pass 42"


def _bare(vault, i: int) -> float:
    from sqlalchemy import text

    start = time.perf_counter()
    with vault.sessions.begin() as session:
        session.execute(text("INSERT INTO bench_bare (v) VALUES (:v)"), {"v": f"row {i}"})
    return time.perf_counter() - start


def _reveal(vault, client_id: int, i: int) -> float:
    from rm_desktop.services.reveals.recording import record_reveal

    start = time.perf_counter()
    record_reveal(vault, client_id, ("phone", "id_number")[i % 2], "verify_identity", name="单田芳")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=size(3000, 500))
    parser.add_argument("--entries", type=int, default=size(100_000, 10_000))
    args = parser.parse_args()
    use_memory_keyring()
    from sqlalchemy import text

    from rm_desktop.services.audit import log
    from rm_desktop.services.clients.files import create_client
    from rm_desktop.services.vault.lifecycle import create_vault

    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "v", PASSWORD, kdf=FAST_KDF, remember=False)
        try:
            client_id = create_client(vault, {"name": "单田芳", "phone": "13912345678"}).id
            with vault.sessions.begin() as session:
                session.execute(text("CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, v TEXT)"))
                for i in range(args.entries):  # a log with some history, written in one transaction
                    log.record(session, "search", counts={"rows": i})
            bare, reveal = [], []
            for i in range(args.calls):  # interleaved: load on the shared machine hits both alike
                bare.append(_bare(vault, i))
                reveal.append(_reveal(vault, client_id, i))
        finally:
            vault.lock()
    bare_ms, reveal_ms = statistics.median(bare) * 1000, statistics.median(reveal) * 1000
    print(
        f"{args.calls} calls on a log of {args.entries:,}: bare insert {bare_ms:.3f} ms, record_reveal {reveal_ms:.3f} ms"
    )
    report("reveal_ms", "record_reveal, its own transaction (median)", reveal_ms, "ms", 1.0)
    report("bare_insert_ms", "a bare single-row insert, its own transaction (median)", bare_ms, "ms", None)
    report(
        "reveal_over_bare_ms", "what record_reveal adds over the bare insert (median)", reveal_ms - bare_ms, "ms", None
    )


if __name__ == "__main__":
    main()
