"""Excel export at 100k clients: the app's archive against a bare openpyxl write-only save.

Fills an empty vault with 100k demo clients (their phones and tags, no holdings or contacts, so
the archive's client sheet is all its cells), then times, alternating, in one process:

* app: ``export_archive`` (read the book, the formula-safe cells, the sheets' look, the file
  written atomically), exactly as the GUI and the CLI call it;
* bare: openpyxl write-only appending the same client-sheet rows (read beforehand, untimed) and
  saving; and xlsxwriter constant_memory when xlsxwriter is installed (not a dependency).

Goal (issues 2, 19.6): app ≤ 1.2× bare, medians of the runs. The app renders its rows to the
sheet XML itself (io/xlsx_rows: the bytes openpyxl's cells give, without its per-cell objects
and serialiser, ~75 % of the export before), so it now takes about half the bare openpyxl write
(30k: 1.67x wall / 1.51x CPU before, 0.51x after); the bare side stays plain openpyxl, what a
script writing the same rows would do. The import's benchmark is
bench_import.py. Prints, never asserts. Run: ``python benchmarks/bench_excel.py [--rows N]
[--runs N]`` (BENCH_QUICK=1: 30k clients, 2 runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook

from benchmarks._common import peak_rss_mb, report, size, timed, use_memory_keyring, wall_and_cpu

PASSWORD = "bench password 42"


def fill(vault, clients: int) -> None:
    """Clients with phones and tags through the product's bulk path (as demo.fill does)."""
    from rm_desktop.services.clients import demo
    from rm_desktop.services.clients.search_columns import bulk_loading
    from rm_desktop.storage import bulk
    from rm_desktop.storage.db import writer

    book = demo.generate(clients)
    with writer(vault.engine).begin() as conn, bulk_loading(conn):
        bulk.insert_book(conn, clients=book["clients"], phones=book["phones"], tags=book["tags"])


def bench_bare_write(vault, folder: Path) -> tuple[tuple[float, float], float | None]:
    """((wall, CPU) seconds of the bare openpyxl write, xlsxwriter's wall seconds or None)."""
    from rm_desktop.services.exchange.exporting import client_rows

    with vault.engine.connect() as conn:
        rows = client_rows(conn, None)

    def openpyxl_write():
        book = Workbook(write_only=True)
        sheet = book.create_sheet("客户")
        for row in rows:
            sheet.append(row)
        book.save(folder / "bare.xlsx")

    bare = wall_and_cpu(openpyxl_write)[:2]
    try:
        import xlsxwriter
    except ImportError:
        return bare, None

    def xlsxwriter_write():
        book = xlsxwriter.Workbook(str(folder / "xw.xlsx"), {"constant_memory": True})
        sheet = book.add_worksheet("客户")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        book.close()

    return bare, timed(xlsxwriter_write)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=size(100_000, 30_000))
    parser.add_argument("--runs", type=int, default=size(3, 2))
    args = parser.parse_args()
    use_memory_keyring()
    from rm_desktop.security.header import KdfParams
    from rm_desktop.services.exchange.exporting import export_archive
    from rm_desktop.services.vault.lifecycle import create_vault

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        vault = create_vault(folder / "vault", PASSWORD, kdf=KdfParams(memory_kib=1024, iterations=1, lanes=1))
        try:
            fill(vault, args.rows)
            app, bare, other = [], [], []
            for _ in range(args.runs):  # alternating, so that both meet the same load
                app.append(wall_and_cpu(lambda: export_archive(vault, folder / "archive.xlsx"))[:2])
                b, x = bench_bare_write(vault, folder)
                bare.append(b)
                if x is not None:
                    other.append(x)
        finally:
            vault.lock()
    a, b = statistics.median(w for w, _ in app), statistics.median(w for w, _ in bare)
    a_cpu, b_cpu = statistics.median(c for _, c in app), statistics.median(c for _, c in bare)
    print(
        f"export of {args.rows:,} clients: app {a:6.2f} s | bare openpyxl write-only {b:6.2f} s (medians of {args.runs})"
    )
    report(
        "19.6-export", f"archive export, {args.rows // 1000}k clients: app / bare openpyxl write-only", a / b, "x", 1.2
    )
    # On a loaded machine the CPU time is the steadier figure (the export is single-threaded).
    report("19.6-export-cpu", "archive export: app / bare openpyxl write-only (CPU time)", a_cpu / b_cpu, "x", None)
    if other:
        report(
            "19.6-export-xw",
            "archive export: app / xlsxwriter constant_memory",
            a / statistics.median(other),
            "x",
            None,
        )
    else:
        print("export   xlsxwriter constant_memory: skipped (xlsxwriter not installed)")
    report("19.6-export-rss", "peak RSS of the export benchmark", peak_rss_mb(), "MB", None)


if __name__ == "__main__":
    main()
