"""Report PDF benchmark (issue 17, Performance: the monthly report's PDF < 3 s).

Run: python benchmarks/bench_report_pdf.py [--clients 10000]
A hand-built month report of a book of ``--clients`` clients with the sizes such a month has
(services/reports names no contact in a month, so the named lines are the follow-ups, call-backs,
new clients, opportunities, maturities, complaints, events and referrals: ~0.66 per client), and
12 KPIs with 12-period trends. Timed: render_pdf of the RM's own report and of its counts-only
version, against a bare fpdf2 document drawing the same number of table cells (one cell() each,
no wrapping, no fonts chain) in the same process.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal

from _common import best_of, report, size

from rm_desktop.domain.reports import (
    AMOUNT,
    COUNT,
    MONTH,
    SHARE,
    Detail,
    Kpi,
    Line,
    Period,
    Report,
    Section,
    TrendPoint,
)
from rm_desktop.domain.reports import counts_only as make_counts_only
from rm_desktop.io.pdf_draw import FONT, CjkPdf
from rm_desktop.io.pdf_fonts import font_chain
from rm_desktop.services.report_outputs.pdf import render_pdf

GOAL_SECONDS = 3.0
# Named lines per client in a month, by section and line (a 10k book: ~6.6k in all).
SHARES = {
    ("followups", "done"): 0.40,
    ("followups", "open"): 0.10,
    ("callbacks", "open"): 0.02,
    ("new_clients", "new"): 0.012,
    ("opportunities", "opened"): 0.02,
    ("opportunities", "won"): 0.01,
    ("maturities", "kept"): 0.06,
    ("maturities", "lost"): 0.02,
    ("complaints", "opened"): 0.002,
    ("events", "attended"): 0.01,
    ("referrals", "received"): 0.005,
}


def month_report(clients: int) -> Report:
    sections: dict[str, list[Line]] = {}
    for (section, line), share in SHARES.items():
        details = tuple(
            Detail(str(n), f"客户{n:05d}", f"12-{n % 28 + 1:02d} 电话 · 到期续作 理财产品{n % 97}", Decimal(n * 10))
            for n in range(int(clients * share))
        )
        total = sum((d.amount or Decimal(0) for d in details), Decimal(0))
        sections.setdefault(section, []).append(Line(f"{section}.{line}", line, len(details), total, details))
    channels = [Line(f"contacts.{c}", c, clients // 2) for c in ("电话", "短信", "微信", "面谈", "厅堂", "活动")]
    all_sections = (Section("contacts", "往来客户", tuple(channels)),) + tuple(
        Section(key, key, tuple(lines)) for key, lines in sections.items()
    )
    months = [f"{2026 if m > 0 else 2025}-{(m - 1) % 12 + 1:02d}" for m in range(1, 13)]
    kpis = tuple(
        Kpi(
            f"kpi{k}",
            f"指标{k}",
            (COUNT, SHARE, AMOUNT)[k % 3],
            Decimal(100 + k),
            Decimal(90 + k),
            Decimal(120),
            tuple(TrendPoint(m, Decimal(80 + (k * 7 + n * 13) % 40)) for n, m in enumerate(months)),
        )
        for k in range(12)
    )
    period = Period(MONTH, dt.date(2026, 12, 1), dt.date(2026, 12, 31), "2026-12")
    return Report(
        period, "王经理", "城东支行", dt.datetime(2026, 12, 31, 18), all_sections, kpis, ("3 个承诺回电未回",)
    )


def cells_of(report: Report) -> int:
    lines = sum(len(s.lines) for s in report.sections)
    details = sum(len(line.details) for s in report.sections for line in s.lines)
    return 3 * lines + 4 * details + 5 * len(report.kpis)


def bare(cells: int) -> int:
    """A plain fpdf2 table of ``cells`` cells, 4 a row, the same CJK font: the floor."""
    pdf = CjkPdf(font_chain()[:1], "bare", "bench")
    pdf.add_page()
    pdf.set_font(FONT, size=9.5)
    width = pdf.epw / 4
    for n in range(cells):
        pdf.cell(
            width,
            7.6,
            f"客户{n:05d} 电话",
            new_x="RIGHT" if n % 4 < 3 else "LMARGIN",
            new_y="TOP" if n % 4 < 3 else "NEXT",
        )
    return len(pdf.output())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=size(10_000, 2_000))
    args = parser.parse_args()
    own = month_report(args.clients)
    safe = make_counts_only(own)
    cells = cells_of(own)
    runs = 3 if args.clients <= 10_000 else 1
    pages = render_pdf(own).count(b"/Type /Page\n")
    named_s = best_of(runs, lambda: render_pdf(own))
    safe_s = best_of(runs, lambda: render_pdf(safe))
    bare_s = best_of(runs, lambda: bare(cells))
    print(f"{args.clients} clients: {cells} table cells, {pages} pages (named); bare fpdf2 {bare_s:.2f} s")
    report(
        "report.pdf.named",
        f"month report PDF, RM's own ({args.clients} clients, {cells} cells)",
        named_s,
        "s",
        GOAL_SECONDS,
    )
    report("report.pdf.counts_only", "month report PDF, counts only", safe_s, "s", GOAL_SECONDS)
    report("report.pdf.bare", "bare fpdf2, the same cells", bare_s, "s", None)
    report("report.pdf.ratio", "named PDF / bare fpdf2", named_s / bare_s, "x", None)


if __name__ == "__main__":
    main()
