"""The daily work log (工作日志): editable while the day lasts, locked after it with later saves
as revisions (the old ones kept), stale saves refused, future days refused; the report carries it."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import StaleEdit, UserError
from rm_desktop.services import reports

DAY = dt.date(2026, 12, 2)
EVENING = dt.datetime(2026, 12, 2, 18, 30)
NEXT_MORNING = dt.datetime(2026, 12, 3, 9, 0)


def _report(vault, now):
    return reports.build_report(vault, reports.period_for("day", DAY.isoformat(), now.date()), now=now)


def test_same_day_saves_rewrite_the_draft(vault):
    assert reports.save_day_log(vault, DAY, "上午拜访张三", ["回电李四"], now=EVENING) == 1
    assert (
        reports.save_day_log(vault, DAY, "上午拜访张三，下午沙龙", ["回电李四"], now=EVENING, expected_revision=1) == 2
    )
    kept = reports.day_log_revisions(vault, DAY)
    assert [(r.revision, r.note, r.tomorrow) for r in kept] == [(2, "上午拜访张三，下午沙龙", ("回电李四",))]
    report = _report(vault, EVENING)
    assert (report.note, report.tomorrow, report.revision, report.locked) == (
        "上午拜访张三，下午沙龙",
        ("回电李四",),
        2,
        False,
    )


def test_after_the_day_the_log_is_locked_and_a_save_is_a_new_revision(vault):
    reports.save_day_log(vault, DAY, "原文", ["甲"], now=EVENING)
    assert _report(vault, NEXT_MORNING).locked
    assert reports.save_day_log(vault, DAY, "补记", ["甲", "乙"], now=NEXT_MORNING, expected_revision=1) == 2
    kept = reports.day_log_revisions(vault, DAY)
    assert [(r.revision, r.note) for r in kept] == [(1, "原文"), (2, "补记")]
    assert kept[0].saved_at == EVENING and kept[1].saved_at == NEXT_MORNING
    report = _report(vault, NEXT_MORNING)
    assert (report.note, report.tomorrow, report.revision, report.locked) == ("补记", ("甲", "乙"), 2, True)


def test_an_aware_clock_locks_on_the_shanghai_day(vault):
    reports.save_day_log(vault, DAY, "原文", [], now=EVENING)
    late_utc = dt.datetime(2026, 12, 2, 15, 30, tzinfo=dt.UTC)  # 23:30 in Shanghai: still the day
    assert reports.save_day_log(vault, DAY, "改", [], now=late_utc) == 2
    assert len(reports.day_log_revisions(vault, DAY)) == 1
    after_midnight = dt.datetime(2026, 12, 2, 16, 30, tzinfo=dt.UTC)  # 00:30 on the 3rd
    assert reports.save_day_log(vault, DAY, "再改", [], now=after_midnight) == 3
    assert [r.revision for r in reports.day_log_revisions(vault, DAY)] == [2, 3]


def test_a_stale_save_is_refused_and_stores_nothing(vault):
    reports.save_day_log(vault, DAY, "窗口一", [], now=EVENING)
    reports.save_day_log(vault, DAY, "窗口二", [], now=EVENING, expected_revision=1)
    with pytest.raises(StaleEdit):
        reports.save_day_log(vault, DAY, "窗口一又改", [], now=EVENING, expected_revision=1)
    assert [r.note for r in reports.day_log_revisions(vault, DAY)] == ["窗口二"]
    with pytest.raises(StaleEdit):
        reports.save_day_log(vault, DAY, "没读到", [], now=EVENING, expected_revision=0)


def test_a_day_still_to_come_and_overlong_text_are_refused(vault):
    with pytest.raises(UserError, match="2026-12-03"):
        reports.save_day_log(vault, DAY + dt.timedelta(days=1), "x", [], now=EVENING)
    with pytest.raises(UserError, match="note"):
        reports.save_day_log(vault, DAY, "长" * 5001, [], now=EVENING)
    with pytest.raises(UserError, match="tomorrow"):
        reports.save_day_log(vault, DAY, "", ["x" * 201], now=EVENING)
    assert reports.day_log_revisions(vault, DAY) == []


def test_blank_plan_lines_are_dropped(vault):
    reports.save_day_log(vault, DAY, "  备注  ", ["", "  回访王五 ", "   "], now=EVENING)
    (kept,) = reports.day_log_revisions(vault, DAY)
    assert (kept.note, kept.tomorrow) == ("备注", ("回访王五",))
