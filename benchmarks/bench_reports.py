"""Reports benchmark (issue 17, Performance: the monthly report for a 10k-client book with 50k
contacts in the month < 1 s).

Run: python benchmarks/bench_reports.py [--clients 10000] [--contacts 50000]
A demo book of ``--clients`` clients, spread over six years of opening dates, with ``--contacts``
contacts in November 2026 (a tenth of them with a follow-up due that month), a month-end AUM
snapshot per client for 13 months, and opportunities, referrals and complaints in the year. Timed:
services/reports.build_report of the month 2026-11 (sections and every KPI with its 12-month
trend) against a bare SQL aggregate of the same figures through the driver on the same
encrypted vault: the 12 months' contacts, new clients, opportunities, referrals and complaints
by day, the period's named rows, the book's AUM at each month's end, the tier coverage at
each month's end and the matured holdings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from _common import report, size, timed, use_memory_keyring, wall_and_cpu

from rm_desktop.domain.reports.periods import last_periods, parse_period
from rm_desktop.security.header import KdfParams
from rm_desktop.services import reports
from rm_desktop.services.clients import demo
from rm_desktop.services.vault import lifecycle as vs

PASSWORD = "benchmark password"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # vault creation is not measured
GOAL_SECONDS = 1.0
NOW = dt.datetime(2026, 12, 2, 18, 0)
MONTH = "2026-11"

_SEQ = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
FILL = (
    # opening dates over six years, so about a hundred clients are new in any month
    "UPDATE clients SET created_at = datetime('2020-12-01', '+' || (id % 2190) || ' days', '+9 hours')",
    _SEQ
    + "INSERT INTO contacts (client_id, at, channel, content, follow_up_date, follow_up_done, created_at, updated_at) "
    "SELECT 1 + abs(random()) % :clients, datetime('2026-11-01', '+' || (abs(random()) % 2592000) || ' seconds'), "
    "CASE i % 6 WHEN 0 THEN 'phone' WHEN 1 THEN 'wechat' WHEN 2 THEN 'sms' WHEN 3 THEN 'visit' WHEN 4 THEN 'meeting' "
    "ELSE 'phone' END, '记录', CASE WHEN i % 10 = 0 THEN date('2026-11-01', '+' || (i % 30) || ' days') END, i % 20 = 0, "
    "'2026-11-01', '2026-11-01' FROM n",
    _SEQ
    + "INSERT INTO aum_snapshots (client_id, \"on\", aum) SELECT c.id, date('2025-12-01', '+' || m.i || ' months', "
    "'-1 day'), CAST(coalesce(c.aum, 0) * (0.8 + m.i / 50.0) AS INTEGER) FROM clients c, (SELECT i FROM n) m",
    _SEQ + "INSERT INTO opportunities (client_id, product_type, product_name, amount, stage, created_on, closed_on, "
    "created_at, updated_at, row_version) SELECT 1 + abs(random()) % :clients, 'wealth', '理财', 10000000, "
    "CASE i % 3 WHEN 0 THEN 'won' ELSE 'intent' END, date('2025-12-01', '+' || (i % 365) || ' days'), "
    "CASE i % 3 WHEN 0 THEN date('2025-12-01', '+' || (i % 365) || ' days') END, '2026-01-01', '2026-01-01', 1 FROM n "
    "WHERE i <= :clients / 10",
    _SEQ + "INSERT INTO referrals (client_id, referrer_role, referrer_name, referred_on, created_at) "
    "SELECT 1 + abs(random()) % :clients, 'lobby', '小刘', date('2025-12-01', '+' || (i % 365) || ' days'), '2026-01-01' "
    "FROM n WHERE i <= :clients / 20",
    _SEQ
    + "INSERT INTO complaints (client_id, type, channel, category, severity, description, received_at, deadline_at, "
    "closed_at, created_at, updated_at) SELECT 1 + abs(random()) % :clients, 'complaint', 'phone', 'service', 'normal', "
    "'等候', datetime('2025-12-01', '+' || (i % 365) || ' days'), datetime('2025-12-03', '+' || (i % 365) || ' days'), "
    "datetime('2025-12-01', '+' || (i % 365) || ' days', '+30 hours'), '2026-01-01', '2026-01-01' FROM n "
    "WHERE i <= :clients / 50",
)
BARE_BY_DAY = (
    "SELECT substr(k.at, 1, 10), count(*) FROM contacts k JOIN clients c ON c.id = k.client_id "
    "WHERE k.at >= :low AND k.at < :high AND c.deleted_at IS NULL GROUP BY 1",
    "SELECT substr(created_at, 1, 10), count(*), sum(aum) FROM clients WHERE created_at >= :low AND created_at < :high "
    "AND deleted_at IS NULL GROUP BY 1",
    "SELECT created_on, count(*), sum(amount) FROM opportunities WHERE created_on >= :first AND created_on <= :last "
    "GROUP BY 1",
    "SELECT closed_on, count(*), sum(amount) FROM opportunities WHERE stage = 'won' AND closed_on >= :first "
    "AND closed_on <= :last GROUP BY 1",
    "SELECT referred_on, count(*) FROM referrals WHERE referred_on >= :first AND referred_on <= :last GROUP BY 1",
    "SELECT substr(received_at, 1, 10), count(*) FROM complaints WHERE received_at >= :low AND received_at < :high "
    "GROUP BY 1",
    "SELECT substr(closed_at, 1, 10), count(*), sum(julianday(closed_at) - julianday(received_at)) FROM complaints "
    "WHERE closed_at >= :low AND closed_at < :high GROUP BY 1",
    "SELECT h.maturity_date, h.amount, o.kept FROM holdings h LEFT JOIN maturity_outcomes o ON o.holding_id = h.id "
    "WHERE h.maturity_date >= :first AND h.maturity_date <= :last",
)
BARE_PERIOD = (
    "SELECT k.client_id, c.name, c.tier, k.at, k.channel, k.purpose FROM contacts k JOIN clients c ON c.id = k.client_id "
    "WHERE k.at >= :mlow AND k.at < :high AND c.deleted_at IS NULL",
    "SELECT k.client_id, c.name, k.follow_up_date, k.follow_up_done FROM contacts k JOIN clients c "
    "ON c.id = k.client_id WHERE k.follow_up_date >= :mfirst AND k.follow_up_date <= :last",
)
BARE_BOOK_AUM = (
    'SELECT sum((SELECT aum FROM aum_snapshots s WHERE s.client_id = c.id AND s."on" <= :day ORDER BY s."on" DESC '
    "LIMIT 1)) FROM clients c WHERE c.deleted_at IS NULL"
)
BARE_COVERAGE = (
    "SELECT c.tier, count(*), sum(EXISTS (SELECT 1 FROM contacts k WHERE k.client_id = c.id AND k.at < :high "
    "AND k.at >= datetime(:high, '-' || coalesce(c.cadence_days, 30) || ' days'))) FROM clients c "
    "WHERE c.deleted_at IS NULL AND c.tier IN ('priority', 'wealth', 'private') GROUP BY c.tier"
)


def bare_aggregate(vault, month) -> int:
    periods = last_periods(month, 12)
    first, last = periods[0].start, month.end
    params = {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "low": f"{first} 00:00:00",
        "high": f"{last + dt.timedelta(days=1)} 00:00:00",
        "mfirst": month.start.isoformat(),
        "mlow": f"{month.start} 00:00:00",
    }
    raw = vault.engine.raw_connection()
    try:
        cursor = raw.cursor()
        rows = sum(len(cursor.execute(sql, params).fetchall()) for sql in (*BARE_BY_DAY, *BARE_PERIOD))
        for day in (first - dt.timedelta(days=1), *(p.end for p in periods)):
            rows += len(cursor.execute(BARE_BOOK_AUM, {"day": day.isoformat()}).fetchall())
        for p in periods:
            rows += len(cursor.execute(BARE_COVERAGE, {"high": f"{p.end + dt.timedelta(days=1)} 00:00:00"}).fetchall())
        return rows
    finally:
        raw.close()


def build(root: Path, clients: int, contacts: int):
    vault = vs.create_vault(root, PASSWORD, kdf=FAST_KDF, remember=False)
    seconds, _ = timed(demo.fill, vault, clients)
    with vault.engine.begin() as conn:
        for sql in FILL:
            count = contacts if "INSERT INTO contacts" in sql else (13 if "aum_snapshots" in sql else clients)
            conn.exec_driver_sql(sql.replace(":count", str(count)).replace(":clients", str(clients)))
    print(f"  built {clients:,} demo clients + {contacts:,} contacts in {MONTH} in {seconds:.1f} s (+ fill)")
    return vault


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=size(10_000, 2_000))
    parser.add_argument("--contacts", type=int, default=size(50_000, 10_000))
    parser.add_argument("--runs", type=int, default=size(5, 2))
    args = parser.parse_args()
    use_memory_keyring()
    month = parse_period("month", MONTH)
    with tempfile.TemporaryDirectory() as folder:
        vault = build(Path(folder) / "v", args.clients, args.contacts)
        try:
            reports.build_report(vault, month, now=NOW)  # warm the page cache for both sides
            bare_aggregate(vault, month)
            bare_runs, ours_runs = [], []
            for _ in range(args.runs):  # interleaved, so both sides see the same load
                bare_runs.append(wall_and_cpu(lambda: bare_aggregate(vault, month)))
                ours_runs.append(wall_and_cpu(lambda: reports.build_report(vault, month, now=NOW)))
            found = ours_runs[-1][2]
            contacts = next(k.value for k in found.kpis if k.key == "contacts")
            print(f"monthly report {MONTH}, {args.clients:,} clients, {contacts} contacts in the month")
            for label, index in (("wall", 0), ("CPU", 1)):
                bare = min(r[index] for r in bare_runs)
                ours = min(r[index] for r in ours_runs)
                print(f"  {label:4} bare SQL aggregate : {bare * 1000:8.1f} ms")
                print(f"  {label:4} build_report()     : {ours * 1000:8.1f} ms  (goal < {GOAL_SECONDS * 1000:.0f} ms)")
                print(f"  {label:4} ratio              : {ours / bare:8.2f}x")
            best = min(r[0] for r in ours_runs)
            tag = f"{args.clients // 1000}k"
            report(
                f"17-report-month-{tag}",
                f"monthly report, {args.clients:,} clients, {args.contacts:,} contacts",
                best,
                "s",
                GOAL_SECONDS,
            )
            report(
                f"17-report-month-{tag}-ratio",
                "build_report / bare SQL aggregate",
                best / min(r[0] for r in bare_runs),
                "x",
                None,
            )
        finally:
            vault.lock()


if __name__ == "__main__":
    main()
