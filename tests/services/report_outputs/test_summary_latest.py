"""Which copy of an RM's report the summary keeps: the newest; of two made at the same moment,
the RM's own (named) copy over its counts-only twin, whichever bundle came first."""

from __future__ import annotations

import datetime as dt

from rm_desktop.domain.reports.model import counts_only
from rm_desktop.services.report_outputs.bundle import ReportBundle
from rm_desktop.services.report_outputs.summary import _latest
from tests.services.report_outputs.sample import month_report


def _bundle(report, named: bool) -> ReportBundle:
    return ReportBundle("x.rmreport", report.rm_name, report.branch, dt.datetime(2026, 12, 2), named, (report,))


def test_the_named_copy_wins_a_tie_in_either_order():
    named = month_report()
    safe = counts_only(named)
    for order in ([_bundle(safe, False), _bundle(named, True)], [_bundle(named, True), _bundle(safe, False)]):
        (kept,) = _latest(order)
        assert not kept.counts_only


def test_a_newer_counts_only_copy_still_wins():
    named = month_report()
    newer = counts_only(named)
    newer = type(newer)(**{**newer.__dict__, "generated_at": named.generated_at + dt.timedelta(hours=1)})
    (kept,) = _latest([_bundle(named, True), _bundle(newer, False)])
    assert kept.counts_only
