"""The day's reminders: cadence, maturities, follow-ups, carried items, snoozes, bad records."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.reminders import (
    AppointmentFacts,
    ClientFacts,
    CustomReminderFacts,
    FollowUpFacts,
    HoldingFacts,
    ReminderSettings,
    apply_snoozes,
    compute_reminders,
    default_follow_up,
)
from rm_desktop.i18n import set_language

MONTHLY = ReminderSettings(cadence_days={"A": 30, "W": 7}, festivals_enabled=False)


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def cadence_of(today: date, client: ClientFacts, days: int = 0, settings=MONTHLY):
    return [r for r in compute_reminders(today, days, [client], settings=settings) if r.kind == "cadence"]


# --- cadence -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, severity",
    [
        (date(2026, 3, 2), "normal"),  # due tomorrow
        (date(2026, 3, 3), "warning"),  # due today
        (date(2026, 3, 10), "warning"),  # 7 days late: still yellow
        (date(2026, 3, 11), "overdue"),  # 8 days late: red
    ],
)
def test_monthly_cadence_severity(today, severity):
    client = ClientFacts(42, "王小明", "A", last_contact=date(2026, 2, 1))
    [reminder] = cadence_of(today, client, days=1)
    assert (reminder.date, reminder.due, reminder.severity) == (date(2026, 3, 3), date(2026, 3, 3), severity)
    assert reminder.key == "cadence:42:2026-03-03"


def test_weekly_cadence_turns_red_after_half_its_length():
    client = ClientFacts(7, "李华", "W", last_contact=date(2026, 3, 1))  # due 03-08
    assert cadence_of(date(2026, 3, 11), client)[0].severity == "warning"  # 3 days late
    assert cadence_of(date(2026, 3, 12), client)[0].severity == "overdue"  # 4 days late
    assert cadence_of(date(2026, 3, 12), client)[0].title == "李华 已逾期4天未联系"


def test_a_logged_contact_resets_the_cadence():
    before = ClientFacts(42, "王小明", "A", last_contact=date(2026, 1, 1))
    today = date(2026, 3, 2)
    [late] = cadence_of(today, before, days=7)
    assert late.severity == "overdue" and late.date == date(2026, 1, 31)
    after = ClientFacts(42, "王小明", "A", last_contact=today)  # contact logged today
    assert cadence_of(today, after, days=7) == []  # next due 04-01, outside the week
    [next_one] = cadence_of(today, after, days=30)
    assert (next_one.date, next_one.severity) == (date(2026, 4, 1), "normal")
    assert next_one.key == "cadence:42:2026-04-01"


def test_never_contacted_override_and_no_cadence():
    today = date(2026, 3, 2)
    [never] = cadence_of(today, ClientFacts(1, "甲", "A"))
    assert (never.date, never.severity, never.key) == (today, "warning", "cadence:1:never")
    assert never.title == "甲 尚无联系记录"
    # a tier without a cadence, and no tier at all
    assert cadence_of(today, ClientFacts(2, "乙", "T1", last_contact=date(2025, 1, 1))) == []
    assert cadence_of(today, ClientFacts(3, "丙", None, last_contact=date(2025, 1, 1))) == []
    own = ClientFacts(4, "丁", "A", last_contact=date(2026, 2, 20), cadence_override_days=10)
    [override] = cadence_of(today, own)
    assert override.date == date(2026, 3, 2)


# --- maturities, follow-ups, client dates --------------------------------------------------------


def test_maturity_stages_around_a_month_end():
    holding = HoldingFacts(17, 42, "王小明", "稳健理财", date(2026, 3, 31))
    found = compute_reminders(date(2026, 3, 1), 31, holdings=[holding], settings=MONTHLY)
    assert [(r.date, r.key, r.severity) for r in found] == [
        (date(2026, 3, 1), "maturity:17:2026-03-31:T-30", "normal"),
        (date(2026, 3, 24), "maturity:17:2026-03-31:T-7", "normal"),
        (date(2026, 3, 30), "maturity:17:2026-03-31:T-1", "warning"),
        (date(2026, 3, 31), "maturity:17:2026-03-31:T-0", "warning"),
    ]
    assert found[-1].title == "王小明 稳健理财（今天到期）"
    assert {r.due for r in found} == {date(2026, 3, 31)} and {r.ref_id for r in found} == {17}


def test_default_follow_up_48_hours_for_meetings_and_complaints():
    at = datetime(2026, 3, 2, 15, 30)
    assert default_follow_up(at, "visit") == date(2026, 3, 4)
    assert default_follow_up(at, "Branch meeting") == date(2026, 3, 4)
    assert default_follow_up(at, "投诉") == date(2026, 3, 4)
    assert default_follow_up(datetime(2026, 3, 31, 23, 0), "complaint") == date(2026, 4, 2)
    assert default_follow_up(at, "phone") is None
    assert default_follow_up(at, "visit", ReminderSettings(follow_up_hours_meeting=24)) == date(2026, 3, 3)


def test_follow_ups_are_carried_until_done_and_red_when_late():
    today = date(2026, 3, 2)
    follow_ups = [
        FollowUpFacts(5, 42, "王小明", date(2026, 1, 20), "寄送合同"),
        FollowUpFacts(6, 42, "王小明", today, "回电"),
        FollowUpFacts(8, 42, "王小明", date(2026, 3, 4), "送资料"),
        FollowUpFacts(9, 42, "王小明", date(2026, 4, 30), "太远"),
    ]
    found = compute_reminders(today, 3, follow_ups=follow_ups, settings=MONTHLY, overdue_lookback_days=7)
    assert [(r.ref_id, r.severity) for r in found] == [(5, "overdue"), (6, "warning"), (8, "normal")]
    assert found[0].title == "王小明 跟进已逾期41天"
    assert found[0].detail == "寄送合同"


def test_risk_expiry_notices_then_carried_red_and_plan_review():
    client = ClientFacts(42, "王小明", None, risk_expires_on=date(2026, 3, 31), plan_review_on=date(2026, 3, 5))
    notices = compute_reminders(date(2026, 3, 1), 30, [client], settings=MONTHLY)
    assert [(r.kind, r.date, r.key) for r in notices] == [
        ("risk_expiry", date(2026, 3, 1), "risk_expiry:42:2026-03-31:T-30"),
        ("plan_review", date(2026, 3, 5), "plan_review:42:2026-03-05"),
        ("risk_expiry", date(2026, 3, 24), "risk_expiry:42:2026-03-31:T-7"),
        ("risk_expiry", date(2026, 3, 31), "risk_expiry:42:2026-03-31"),
    ]
    later = compute_reminders(date(2026, 6, 1), 0, [client], settings=MONTHLY)
    assert [(r.kind, r.severity) for r in later] == [("plan_review", "overdue"), ("risk_expiry", "overdue")]
    assert later[1].title == "王小明 风险测评已过期"


# --- window, ordering, robustness ------------------------------------------------------------


def test_lookback_keeps_a_weekend_birthday_yellow_then_drops_it():
    client = ClientFacts(42, "王小明", None, birth_date=date(1980, 2, 28))  # 2026-02-28 is a Saturday
    monday = compute_reminders(date(2026, 3, 2), 0, [client], settings=MONTHLY)
    assert [(r.kind, r.date, r.severity) for r in monday] == [("birthday", date(2026, 2, 28), "warning")]
    assert compute_reminders(date(2026, 3, 10), 0, [client], settings=MONTHLY) == []
    assert compute_reminders(date(2026, 3, 2), 0, [client], settings=MONTHLY, overdue_lookback_days=0) == []


def test_sorted_by_date_then_kind_rank_then_title_with_unique_keys():
    today = date(2026, 2, 14)
    settings = ReminderSettings(cadence_days={"A": 30}, festival_greeting_tiers=frozenset({"A"}))
    clients = [
        ClientFacts(1, "乙", "A", birth_date=date(1990, 2, 14), last_contact=date(2026, 1, 15)),
        ClientFacts(2, "甲", "A", birth_date=date(1990, 2, 14), last_contact=date(2026, 1, 15)),
    ]
    follow = [FollowUpFacts(3, 1, "乙", today, "回电")]
    found = compute_reminders(today, 0, clients, follow_ups=follow, settings=settings)
    assert [(r.kind, r.title) for r in found] == [
        ("follow_up", "乙 跟进"),
        ("cadence", "乙 例行联系（每30天）"),
        ("cadence", "甲 例行联系（每30天）"),
        ("birthday", "乙 生日（36岁）"),
        ("birthday", "甲 生日（36岁）"),
        ("festival", "春节（2月17日）"),
    ]
    assert found[-1].detail == "问候名单：2位客户"
    assert len({r.key for r in found}) == len(found)


def test_festival_reminder_lasts_until_the_festival():
    def keys(today: date) -> list[str]:
        return [r.key for r in compute_reminders(today, 0, settings=ReminderSettings())]

    assert keys(date(2026, 2, 13)) == []
    assert keys(date(2026, 2, 14)) == keys(date(2026, 2, 17)) == ["festival:spring:2026"]
    assert keys(date(2026, 2, 18)) == []


def test_appointments_and_custom_reminders_repeat_at_month_end():
    appointment = AppointmentFacts(4, 42, "王小明", "资产配置面谈", datetime(2026, 1, 31, 14, 30), "FREQ=MONTHLY")
    custom = CustomReminderFacts(9, None, "", "检查理财到期表", date(2024, 2, 29), "FREQ=YEARLY")
    found = compute_reminders(
        date(2026, 2, 1), 60, appointments=[appointment], customs=[custom], settings=MONTHLY, overdue_lookback_days=0
    )
    assert [(r.kind, r.date) for r in found] == [
        ("appointment", date(2026, 2, 28)),
        ("custom", date(2026, 2, 28)),
        ("appointment", date(2026, 3, 31)),
    ]
    # a custom reminder stays within the look-back (yellow); a past appointment does not
    past = compute_reminders(date(2026, 3, 2), 0, appointments=[appointment], customs=[custom], settings=MONTHLY)
    assert [(r.kind, r.date, r.severity) for r in past] == [("custom", date(2026, 2, 28), "warning")]
    assert found[0].title == "14:30 王小明：资产配置面谈"
    assert found[0].key == "appointment:4:2026-02-28T14:30"


def test_one_bad_record_does_not_hide_the_others():
    good = ClientFacts(1, "王小明", "A", birth_date=date(1980, 3, 3), last_contact=date(2026, 3, 1))
    text_date = "1980-03-03"  # a wrong type, as a damaged record could carry
    bad = ClientFacts(2, "坏数据", "A", birth_date=text_date, last_contact=date(2026, 3, 1))  # type: ignore[arg-type]
    broken_holding = HoldingFacts(3, 1, "王小明", "产品", None)  # type: ignore[arg-type]
    broken_rule = AppointmentFacts(5, 1, "王小明", "面谈", datetime(2026, 3, 3, 9), "FREQ=NEVER")
    found = compute_reminders(
        date(2026, 3, 2), 3, [bad, good], holdings=[broken_holding], appointments=[broken_rule], settings=MONTHLY
    )
    assert [(r.client_id, r.kind) for r in found] == [(1, "appointment"), (1, "birthday")]


def test_settings_refuse_negative_days():
    with pytest.raises(ValidationError) as err:
        ReminderSettings(maturity_offsets=(30, -1))
    assert err.value.field == "maturity_offsets"
    with pytest.raises(ValidationError):
        ReminderSettings(cadence_days={"A": 0})


# --- snooze and dismiss ------------------------------------------------------------------------


def test_snooze_moves_and_dismiss_removes():
    today = date(2026, 3, 2)
    clients = [ClientFacts(1, "甲", "A"), ClientFacts(2, "乙", "A"), ClientFacts(3, "丙", "A")]
    found = compute_reminders(today, 0, clients, settings=MONTHLY)
    assert [r.key for r in found] == ["cadence:3:never", "cadence:2:never", "cadence:1:never"]  # by title
    snoozed = {"cadence:1:never": date(2026, 3, 4)}
    shown = apply_snoozes(found, snoozed, {"cadence:2:never"}, until=today)
    assert [r.key for r in shown] == ["cadence:3:never"]
    later = apply_snoozes(found, snoozed, {"cadence:2:never"})
    assert [(r.key, r.date) for r in later] == [("cadence:3:never", today), ("cadence:1:never", date(2026, 3, 4))]
    # On the snooze date the same key comes back on its own.
    again = apply_snoozes(
        compute_reminders(date(2026, 3, 4), 0, clients, settings=MONTHLY),
        snoozed,
        {"cadence:2:never"},
        until=date(2026, 3, 4),
    )
    assert sorted(r.key for r in again) == ["cadence:1:never", "cadence:3:never"]


def test_dismissal_ends_with_a_new_contact():
    stale = ClientFacts(42, "王小明", "A", last_contact=date(2026, 1, 1))
    [late] = cadence_of(date(2026, 3, 2), stale)
    assert apply_snoozes([late], {}, {late.key}) == []
    fresh = ClientFacts(42, "王小明", "A", last_contact=date(2026, 3, 2))
    [due] = cadence_of(date(2026, 4, 1), fresh)
    assert apply_snoozes([due], {}, {late.key}) == [due]


def test_a_single_custom_reminder_is_carried_a_repeating_one_keeps_the_look_back():
    single = CustomReminderFacts(1, 7, "王小明", "回访", date(2026, 11, 1))
    yearly = CustomReminderFacts(2, 7, "王小明", "年检", date(2025, 11, 1), "FREQ=YEARLY")
    found = compute_reminders(date(2026, 12, 2), 0, customs=[single, yearly], settings=MONTHLY)
    assert [(r.key, r.severity) for r in found] == [("custom:1:2026-11-01", "warning")]
