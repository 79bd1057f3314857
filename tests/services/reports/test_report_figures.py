"""Every section count and every KPI of the constructed book (report_book.py) against figures
computed by hand: the day 2026-11-30, the week 2026-W49 (across November and December) and the
month 2026-11, on a fake clock (today 2026-12-02)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rm_desktop.domain.reports import as_dict, counts_only
from rm_desktop.domain.reports.workdays import working_days
from rm_desktop.services import reports
from tests.services.reports.report_book import NAMES, NOW, TODAY, W, build_book


@pytest.fixture
def book(vault):
    build_book(vault)
    return vault


def _lines(report) -> dict[str, tuple[int, Decimal | None]]:
    return {line.key: (line.count, line.amount) for s in report.sections for line in s.lines}


def _names(report, key) -> list[str]:
    return [d.name for s in report.sections for line in s.lines if line.key == key for d in line.details]


def _kpis(report) -> dict[str, tuple]:
    return {k.key: (k.value, k.previous) for k in report.kpis}


def test_the_day(book):
    report = reports.build_report(book, reports.period_for("day", "2026-11-30", TODAY), now=NOW)
    assert _lines(report) == {
        "contacts.phone": (1, None),
        "contacts.wechat": (1, None),  # 23:59:59 is still the 30th; 00:00 on the 1st is not
        "contacts.visit": (1, None),
        "contacts_by_tier.private": (1, None),
        "contacts_by_tier.wealth": (1, None),
        "contacts_by_tier.priority": (1, None),
        "visits.visit": (1, None),
        "visits.appointment": (2, None),  # 张三 10:00, 王五 11:00 (see report_book: the five left out)
        "followups.done": (1, None),
        "followups.open": (1, None),
        "callbacks.open": (1, None),
        "new_clients.count": (1, W("60")),
        "opportunities.opened": (1, W("50")),
        "opportunities.moved": (1, None),
        "opportunities.won": (1, W("20")),
        "maturities.rolled_over": (1, W("10")),
        "maturities.pending": (1, W("20")),
        "complaints.opened": (1, None),
        "complaints.closed": (2, None),
        "requests.opened": (1, None),
        "events.held": (1, None),
        "events.attendees": (2, None),
        "referrals.client": (1, None),
    }
    assert _names(report, "contacts.phone") == ["张三"]
    assert _names(report, "visits.appointment") == ["张三", "王五"]
    assert _names(report, "callbacks.open") == ["孙八"]
    assert _names(report, "events.attendees") == ["张三", "李四"]
    assert report.warnings == ("1 个承诺回电未回",)
    assert report.kpis == () and not report.empty and report.locked  # the 30th is over on the 2nd


def test_the_month_kpis(book):
    report = reports.build_report(book, reports.period_for("month", "2026-11", TODAY), now=NOW)
    october = working_days(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert _kpis(report) == {
        "contacts": (Decimal(5), Decimal(2)),
        # November 2026: 21 weekdays, no holiday
        "contacts_per_working_day": (Decimal("0.2"), (Decimal(2) / october).quantize(Decimal("0.1"))),
        "tier_coverage.private": (Decimal("1.0000"), Decimal("1.0000")),
        # 张三 yes; 孙八's own 7-day cadence missed (last contact 11-20); in October 张三 was no client yet
        "tier_coverage.wealth": (Decimal("0.5000"), Decimal("0.0000")),
        "tier_coverage.priority": (Decimal("1.0000"), Decimal("1.0000")),
        "new_clients": (Decimal(2), Decimal(1)),
        "new_clients_aum": (W("60"), W("30")),
        "aum_change": (W("82"), W("478")),  # 590万 − 508万; 508万 − 30万
        "pipeline_opened": (Decimal(3), Decimal(1)),
        "pipeline_opened_amount": (W("100"), W("100")),
        "pipeline_won": (Decimal(1), Decimal(0)),
        "pipeline_won_amount": (W("20"), W("0")),
        "retention": (Decimal("0.8000"), Decimal("0.0000")),  # kept 40万 of 50万 recorded (20万 pending)
        "referrals": (Decimal(2), Decimal(0)),
        "complaints": (Decimal(2), Decimal(1)),
        "complaint_hours": (Decimal("44.0"), None),  # (12 + 48 + 72) / 3 closed in November
    }
    assert working_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == 21
    contacts = next(k for k in report.kpis if k.key == "contacts")
    assert [p.label for p in contacts.trend] == ["2025-12", *(f"2026-{m:02d}" for m in range(1, 12))]
    assert [p.value for p in contacts.trend][-3:] == [Decimal(0), Decimal(2), Decimal(5)]
    assert contacts.change == Decimal(3) and contacts.target is None
    assert report.extra["working_days"] == 21
    assert _lines(report)["maturities.partly_kept"] == (1, W("40"))
    assert _lines(report)["events.attendees"] == (3, None)
    assert _lines(report)["visits.appointment"] == (3, None)  # 张三's weekly on 11-23 and 11-30, 王五's


def test_the_week_across_two_months(book):
    report = reports.build_report(book, reports.period_for("week", "2026-W49", TODAY), now=NOW)
    assert (report.period.start, report.period.end) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    kpis = _kpis(report)
    assert kpis["contacts"][0] == Decimal(4)
    assert kpis["contacts_per_working_day"][0] == Decimal("1.3")  # 4 in the 3 working days so far
    assert kpis["retention"][0] == Decimal("1.0000")  # 10万 kept of 10万 recorded
    assert kpis["new_clients"] == (Decimal(1), Decimal(0))  # 张三; 赵六 came in W45
    lines = _lines(report)
    assert lines["maturities.pending"] == (2, W("30"))
    # The 30th's two; 赵六's on the 2nd is after 17:00, 张三's next on 12-07.
    assert lines["visits.appointment"] == (2, None)
    assert "contacts.phone" in lines and _names(report, "contacts.phone") == []  # a week lists no contacts by name


def test_targets_and_a_book_without_records(vault):
    reports.set_targets(vault, "contacts=300, retention=90%, new_clients_aum=200万")
    report = reports.build_report(vault, reports.period_for("month", "2026-11", TODAY), now=NOW)
    targets = {k.key: k.target for k in report.kpis}
    assert targets["contacts"] == Decimal(300) and targets["retention"] == Decimal("0.9000")
    assert targets["new_clients_aum"] == W("200") and targets["referrals"] is None
    assert report.empty and all(s.empty_text for s in report.sections if not s.lines)
    values = {k.key: k.value for k in report.kpis}
    assert values["aum_change"] is None and values["retention"] is None and values["contacts"] == 0
    day = reports.build_report(vault, reports.period_for("day", "2026-11-29", TODAY), now=NOW)
    assert day.empty and day.warnings == () and all(s.empty_text for s in day.sections)


def test_counts_only_keeps_the_totals_and_drops_every_name(book):
    for kind, key in (("day", "2026-11-30"), ("week", "2026-W49"), ("month", "2026-11")):
        mine = reports.build_report(book, reports.period_for(kind, key, TODAY), now=NOW)
        safe = counts_only(mine)
        assert _lines(safe) == _lines(mine)
        text = str(as_dict(safe))
        assert not [name for name in NAMES if name in text]
        assert "回电确认续作" not in text and "稳健理财" not in text


def test_a_saved_day_log_wins_over_the_prefilled_plan(book):
    day = reports.period_for("day", "2026-12-02", TODAY)
    fresh = reports.build_report(book, day, now=NOW)
    assert fresh.revision == 0 and not fresh.locked
    assert fresh.extra["tomorrow_prefilled"] == bool(fresh.tomorrow)
    # the next day's worklist, first items: 张三's deposit matures on the 3rd
    assert "张三 · 产品到期" in fresh.tomorrow and len(fresh.tomorrow) == 5
    assert all(" · " in line for line in fresh.tomorrow)
    reports.save_day_log(book, TODAY, "今天", ["回访张三"], now=NOW)
    saved = reports.build_report(book, day, now=NOW)
    assert (saved.note, saved.tomorrow, saved.revision) == ("今天", ("回访张三",), 1)
