"""Client list paging (issue 19.3 and the memory "Keep"): keyset pages, a bounded row window.

Run: python benchmarks/bench_paging.py [--sizes 10000,300000] [--rss-size 100000] [--keep DIR]
(``--keep``: build each demo book once into DIR/<size> and reuse it; 300k takes ~8 minutes on
two loaded cores. Under BENCH_QUICK=1 the sizes are 2 000, 30 000 and 20 000.)

Printed, each against a baseline measured in the same run:
  1. the last page of the biggest book (what ``fetchMore`` reads at the end) against its first
     page, per sort (goal ≤ 2×); the OFFSET read of that last page is shown as the old cost;
  2. scrolling the whole list through the model (``fetchMore`` to the end, each new row's
     visible cells read as a view paints them), per row, biggest book against the smallest
     (goal: ≤ 10×, linear is ~1×);
  3. the peak RSS of a fresh process with the main window open on the ``--rss-size`` book, the
     client list scrolled to the end through its view (goal ≤ 300 MB), against the same process
     holding every row (the window unbounded, as the list did before).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import peak_rss_mb, report, shared_book, size, timed, use_memory_keyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from rm_desktop.security.header import KdfParams
from rm_desktop.services.clients import demo
from rm_desktop.services.search import query as search
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault import lifecycle as vs

PASSWORD = "benchmark password"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PAGE = 200
SORTS = {
    "name": ClientQuery(),
    "AUM, descending": ClientQuery(sort="aum", descending=True),
    "last contact (NULLs first)": ClientQuery(sort="last_contact"),
    "next follow-up (NULLs last)": ClientQuery(sort="next_follow_up"),
}
VISIBLE = range(8)  # the list's default columns


def open_book(root: Path, clients: int):
    if root.exists():
        return vs.unlock(root, PASSWORD, backup=False)
    vault = vs.create_vault(root, PASSWORD, kdf=FAST_KDF, remember=False)
    seconds, _ = timed(demo.fill, vault, clients)
    print(f"  built {clients:,} demo clients in {seconds:.0f} s", flush=True)
    return vault


def first_vs_last(vault, size: int, runs: int = 11) -> float:
    """The worst ratio over the sorts."""
    print(f"1. a page of {PAGE} at the end of {size:,} clients vs the first page (goal ≤ 2x)")
    worst = 0.0
    for label, query in SORTS.items():
        total = search.count_clients(vault, query)
        before_last = search.search_page(vault, query, total - PAGE - 1, 1, with_total=False).end
        first_runs, last_runs = [], []
        for _ in range(runs):  # interleaved: machine noise hits both alike
            first_runs.append(timed(search.search_page, vault, query, 0, PAGE, with_total=False)[0])
            last_runs.append(timed(search.search_page, vault, query, 0, PAGE, with_total=False, after=before_last)[0])
        offset = timed(search.search_page, vault, query, total - PAGE, PAGE, with_total=False)[0]
        first, last = statistics.median(first_runs), statistics.median(last_runs)
        print(
            f"   {label:28} first {first * 1000:6.1f} ms   last {last * 1000:6.1f} ms   "
            f"ratio {last / first:5.2f}x   (by OFFSET: {offset * 1000:7.1f} ms)"
        )
        worst = max(worst, last / first)
    return worst


def scroll_all(vault) -> tuple[float, int, int]:
    """(seconds, rows, rows held at the end) to fetch and read every row through the model."""
    from rm_desktop.ui.clients.client_table import ClientTableModel
    from rm_desktop.ui.widgets.privacy import Privacy

    model = ClientTableModel(Privacy())
    start = time.perf_counter()
    model.attach(vault)
    done = 0
    while True:
        for row in range(done, model.rowCount()):
            for col in VISIBLE:
                model.index(row, col).data()
        done = model.rowCount()
        if not model.canFetchMore():
            break
        model.fetchMore()
    return time.perf_counter() - start, done, model.held_rows()


def own_peak_mb() -> float:
    """This process's peak RSS since it started. Not ru_maxrss: Linux carries that over from
    the parent across fork and exec, so a child of this (bigger) process would report at least
    the parent's size; /proc's VmHWM is the high-water mark of this program's own memory."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def rss_child(vault_dir: str, where: str, keep: int) -> None:
    """A fresh process: the client list (``page``: the 客户 page alone; ``window``: the main window,
    its worklist page built and loaded first) on the book, then scrolled to its end by its view
    (each scroll to the bottom makes the view call fetchMore, as the RM's scrolling does)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    vault = vs.unlock(Path(vault_dir), PASSWORD, backup=False)
    if where == "page":
        from rm_desktop.ui.clients.clients_page import ClientsPage
        from rm_desktop.ui.widgets.clipboard import ClipboardGuard
        from rm_desktop.ui.widgets.privacy import Privacy

        page = ClientsPage(Privacy(), ClipboardGuard())
        page.resize(1366, 768)
        page.show()
        page.attach(vault)
    else:
        from rm_desktop.app import _feature_pages
        from rm_desktop.ui.shell.main_window import MainWindow
        from rm_desktop.ui.shell.session import VaultSession

        session = VaultSession(Path(vault_dir))
        window = MainWindow(session, page_factory=_feature_pages)
        window.resize(1366, 768)
        window.show()
        session.adopt(vault)
        for built in window.pages.built():
            if hasattr(built, "loaded"):  # the worklist, computed off the UI thread: wait for it
                loop = QEventLoop()
                built.loaded.connect(loop.quit)
                QTimer.singleShot(120_000, loop.quit)
                loop.exec()
        page = window.pages["clients"]
    model, table = page.model, page.list.table
    if keep:
        model._keep = keep  # the "before" figure: a window that never evicts holds every row
        model.reload()
    app.processEvents()
    opened = own_peak_mb()
    while model.canFetchMore():
        table.scrollToBottom()
        app.processEvents()
    table.viewport().repaint()
    figures = {"opened_mb": opened, "rss_mb": own_peak_mb(), "rows": model.rowCount(), "held": model.held_rows()}
    print(json.dumps(figures), flush=True)
    os._exit(0)  # no teardown: the figure is taken


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=f"{size(10000, 2000)},{size(300000, 30000)}")
    parser.add_argument("--rss-size", type=int, default=size(100000, 20000))
    parser.add_argument("--keep", metavar="DIR")
    parser.add_argument("--rss-child", nargs=3, metavar=("VAULT", "WHERE", "KEEP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    use_memory_keyring()
    if args.rss_child:
        return rss_child(args.rss_child[0], args.rss_child[1], int(args.rss_child[2]))
    print(f"load average {os.getloadavg()[0]:.2f}")
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep or shared_book("paging") or tmp)
        sizes = [int(s) for s in args.sizes.split(",")]
        vaults = {n: open_book(base / str(n), n) for n in sorted({*sizes, args.rss_size})}
        worst = first_vs_last(vaults[max(sizes)], max(sizes))
        report("19.3", f"fetchMore at the end of {max(sizes):,} rows / first page (worst sort)", worst, "x", 2)
        print("2. scrolling the whole list through the model, per row (goal ≤ 10x; linear ~1x)")
        per_row = {}
        for clients in sizes:
            seconds, rows, held = scroll_all(vaults[clients])
            per_row[clients] = seconds / rows
            print(
                f"   {rows:>8,} clients: {seconds:6.1f} s, {per_row[clients] * 1e6:6.1f} µs a row, {held:,} rows held"
            )
        small, big = min(sizes), max(sizes)
        print(f"   ratio per row {big:,} / {small:,}: {per_row[big] / per_row[small]:5.2f}x")
        report("19.3", f"scroll all, time per row {big:,} / {small:,}", per_row[big] / per_row[small], "x", 10)
        rss_dir = base / str(args.rss_size)
        for vault in vaults.values():
            vault.lock()
        print(f"3. peak RSS with {args.rss_size:,} clients open, the list scrolled to its end (goal ≤ 300 MB)")
        figures = {}
        for label, where, keep in (
            ("客户 page, bounded window", "page", 0),
            ("客户 page, every row held", "page", 10**9),
            ("main window, bounded window", "window", 0),
        ):
            out = subprocess.run(
                [sys.executable, __file__, "--rss-child", str(rss_dir), where, str(keep)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            got = figures[label] = json.loads(out.strip().splitlines()[-1])
            print(
                f"   {label:28} {got['rss_mb']:6.0f} MB  (open, before scrolling: {got['opened_mb']:.0f} MB; "
                f"{got['rows']:,} rows scrolled, {got['held']:,} held)"
            )
        ours, before = figures["客户 page, bounded window"], figures["客户 page, every row held"]
        grown = (ours["rss_mb"] - ours["opened_mb"], before["rss_mb"] - before["opened_mb"])
        print(f"   scrolling's growth, bounded / every row held: {grown[0]:.0f} MB / {grown[1]:.0f} MB")
        for label in ("客户 page, bounded window", "main window, bounded window"):
            report(
                "Keep",
                f"peak RSS, {args.rss_size:,} clients, {label}, scrolled to the end",
                figures[label]["rss_mb"],
                "MB",
                300,
            )
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
