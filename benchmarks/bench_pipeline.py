"""Pipeline benchmark: the 商机 board with 5,000 open opportunities (issue 16: opens < 0.5 s).

Run: python benchmarks/bench_pipeline.py [--opportunities 5000] [--clients 2000]
A demo book with the opportunities inserted in bulk (open ones spread over the three open
stages, plus a tenth as many closed in the last month). Timed: ``load_board`` (the service:
one query, the records, the per-stage sums and weights) and the page (SalesPage attached
offscreen: the board loaded, the five columns filled, painted), each against a bare query of
the same rows through the driver in the same run on the same encrypted vault.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from _common import report, size, use_memory_keyring, wall_and_cpu

from rm_desktop.security.header import KdfParams
from rm_desktop.services.clients import demo
from rm_desktop.services.sales.pipeline import load_board
from rm_desktop.services.vault import lifecycle as vs

PASSWORD = "benchmark password"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
GOAL_SECONDS = 0.5


def fill(vault, count: int, today: dt.date) -> None:
    stages = ("intent", "proposal", "assessment")
    with vault.engine.begin() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM clients")]
        now = dt.datetime.combine(today, dt.time(9)).isoformat(sep=" ")
        rows = []
        for k in range(count + count // 10):
            closed = k >= count
            rows.append((
                ids[k % len(ids)], "wealth" if k % 3 else "fund", f"产品{k % 50}", f"R{1 + k % 4}", (k % 90 + 1) * 1_000_000,
                (today + dt.timedelta(days=k % 120)).isoformat(), ("won" if k % 2 else "lost") if closed else stages[k % 3],
                "referral" if k % 4 == 0 else "walk_in", "电话跟进" if k % 5 == 0 else None,
                (today + dt.timedelta(days=k % 9 - 4)).isoformat() if k % 5 == 0 else None,
                today.isoformat(), (today - dt.timedelta(days=k % 20)).isoformat() if closed else None, now, now,
            ))  # fmt: skip
        conn.exec_driver_sql(
            "INSERT INTO opportunities (client_id, product_type, product_name, product_risk, amount, expected_close, "
            "stage, source, next_step, next_step_on, created_on, closed_on, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def bare(vault, today: dt.date) -> int:
    """The board's rows, fetched the plain way: the same columns and join, no records, no sums."""
    since = (today - dt.timedelta(days=30)).isoformat()
    raw = vault.engine.raw_connection()
    try:
        return len(
            raw.cursor()
            .execute(
                "SELECT o.id, o.client_id, c.name, o.product_type, o.product_name, o.product_code, o.product_risk, "
                "o.amount, o.expected_close, o.stage, o.source, o.next_step, o.next_step_on, o.notes, o.lost_reason, "
                "o.acknowledgement, o.holding_id, o.created_on, o.closed_on, o.row_version FROM opportunities o "
                "JOIN clients c ON c.id = o.client_id WHERE c.deleted_at IS NULL "
                "AND (o.closed_on IS NULL OR o.closed_on >= ?) ORDER BY o.expected_close IS NULL, o.expected_close, o.id",
                (since,),
            )
            .fetchall()
        )
    finally:
        raw.close()


def page_seconds(vault, today: dt.date, runs: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from rm_desktop.ui.sales.sales_page import SalesPage
    from rm_desktop.ui.widgets.privacy import Privacy

    QApplication.instance() or QApplication([])

    def one() -> float:
        page = SalesPage(Privacy(), clock=lambda: today)
        page.resize(1366, 768)
        start = time.perf_counter()
        page.show()
        page.attach(vault)  # shown: the board loads at attach
        page.repaint()
        seconds = time.perf_counter() - start
        page.detach()
        page.close()
        page.deleteLater()
        return seconds

    one()  # imports, fonts
    return [one() for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opportunities", type=int, default=size(5000, 1000))
    parser.add_argument("--clients", type=int, default=size(2000, 500))
    args = parser.parse_args()
    use_memory_keyring()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        vault = vs.create_vault(Path(tmp) / "v", PASSWORD, kdf=FAST_KDF, remember=False)
        try:
            demo.fill(vault, args.clients)
            fill(vault, args.opportunities, today)
            bare(vault, today)
            load_board(vault, today)  # warm the page cache for both sides
            bare_runs, ours_runs = [], []
            for _ in range(5):  # interleaved: both sides see the same load
                bare_runs.append(wall_and_cpu(lambda: bare(vault, today)))
                ours_runs.append(wall_and_cpu(lambda: load_board(vault, today)))
            board = ours_runs[-1][2]
            print(f"board: {', '.join(f'{c.stage} {c.count}' for c in board.columns)}")
            base = min(r[0] for r in bare_runs)
            ours = min(r[0] for r in ours_runs)
            print(f"  bare query of the same rows : {base * 1000:8.1f} ms")
            print(f"  load_board()                : {ours * 1000:8.1f} ms  ({ours / base:.2f}x bare)")
            samples = page_seconds(vault, today, 3)
            median = statistics.median(samples)
            print(f"  page shown and painted      : {median * 1000:8.1f} ms  ({median / base:.2f}x bare)")
            report(
                "16.pipeline",
                f"商机 board with {args.opportunities:,} open opportunities, page opened (median of 3)",
                median,
                "s",
                GOAL_SECONDS,
            )
            report("16.pipeline.ratio", "load_board / bare query of the same rows", ours / base, "x", None)
        finally:
            vault.lock()


if __name__ == "__main__":
    main()
