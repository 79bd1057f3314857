"""Reminder services against a temporary encrypted vault with a fake today: loading facts,
cadence reset by a logged contact, snooze / dismiss / done persisting, appointments with
repeat rules and their messages, the Today view and the .ics export."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from sqlalchemy import select

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reminders import compute_reminders
from rm_desktop.i18n import set_language
from rm_desktop.services.clients import contacts, demo, holdings
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders import compute as reminders
from rm_desktop.services.reminders.facts import load_facts
from rm_desktop.services.reminders.settings import ClockTimes, DayOffsets, load_reminder_settings
from rm_desktop.services.reminders.today import today_view
from rm_desktop.services.vault.lifecycle import unlock
from rm_desktop.storage.models import Client
from tests.conftest import PASSWORD

TODAY = dt.date(2026, 3, 2)  # a Monday
NOW = dt.datetime(2026, 3, 2, 10, 0)
PRIORITY_AUM = "300000"  # 30万: tier "priority", monthly contact by default


def _client(vault, name, **values):
    return create_client(vault, {"name": name, **values}, today=TODAY).id


def _keys(found, kind=None):
    return [r.key for r in found if kind is None or r.kind == kind]


def test_birthday_reminder_and_client_without_birth_date(vault):
    with_birthday = _client(vault, "王小明", birth_date="1980-03-05")
    _client(vault, "李四")  # no birth date: simply no birthday reminder
    found = reminders.reminders_for(vault, TODAY, 7)
    assert _keys(found, "birthday") == [f"birthday:{with_birthday}:2026-03-05"]
    view = today_view(vault, TODAY)
    # 元宵 (3 March) is announced three days ahead, on Saturday: the only other item, and
    # early work (its day is tomorrow), not overdue.
    assert [r.key for r in view.upcoming] == ["festival:lantern:2026", f"birthday:{with_birthday}:2026-03-05"]
    assert view.overdue == view.due_today == view.appointments == []


def test_an_early_maturity_notice_is_not_counted_as_today(vault):
    """A T-30 notice is shown from its own day (today) but its event is 30 days away: the
    全部提醒 tab counts it as 提前准备 as the worklist does, not as 今天 (issue 14.6)."""
    cid = _client(vault, "卫六")
    holding = holdings.add_holding(
        vault, cid, {"product_type": "wealth", "name": "稳享理财", "maturity_date": "2026-04-01"}
    )
    view = today_view(vault, TODAY)
    notice = f"maturity:{holding.id}:2026-04-01:T-30"
    assert notice in [r.key for r in view.upcoming]
    assert notice not in [r.key for r in view.due_today + view.overdue]
    assert view.counts()["today"] == 0


def test_cadence_is_reset_by_a_logged_contact(vault):
    cid = _client(vault, "张三", aum=PRIORITY_AUM)
    contacts.add_contact(vault, cid, {"channel": "phone", "content": "回访", "at": "2026-01-20T10:00"}, now=NOW)
    due = dt.date(2026, 2, 19)  # 30 days after the last contact: 11 days late, red
    [cadence] = [r for r in reminders.reminders_for(vault, TODAY, 7) if r.kind == "cadence"]
    assert (cadence.key, cadence.date, cadence.severity) == (f"cadence:{cid}:{due}", due, "overdue")

    result = reminder_actions.log_contact(vault, cadence.key, {"channel": "wechat", "content": "问候"}, now=NOW)
    assert result.action == "contact_logged" and result.contact_id is not None
    after = reminders.reminders_for(vault, TODAY, 7)
    assert _keys(after, "cadence") == []
    # The next contact falls due 30 days after today's.
    later = reminders.reminders_for(vault, TODAY, 30)
    assert _keys(later, "cadence") == [f"cadence:{cid}:2026-04-01"]
    assert [c.channel for c in contacts.list_contacts(vault, cid)] == ["wechat", "phone"]


def test_cadence_done_without_details_logs_a_default_contact(vault):
    cid = _client(vault, "赵六", aum=PRIORITY_AUM)  # never contacted: due today
    [cadence] = [r for r in reminders.reminders_for(vault, TODAY, 0) if r.kind == "cadence"]
    assert cadence.key == f"cadence:{cid}:never" and cadence.date == TODAY
    reminder_actions.mark_done(vault, cadence.key, now=NOW)
    assert _keys(reminders.reminders_for(vault, TODAY, 7), "cadence") == []
    [logged] = contacts.list_contacts(vault, cid)
    assert logged.channel == "phone" and logged.at == NOW


def test_client_cadence_override_beats_the_tier(vault):
    weekly = _client(vault, "钱七", aum="10000", cadence_days=7)  # a low tier: no cadence of its own
    none = _client(vault, "孙八", aum="10000")
    for cid in (weekly, none):
        contacts.add_contact(vault, cid, {"channel": "phone", "content": "x", "at": "2026-02-20T09:00"}, now=NOW)
    assert _keys(reminders.reminders_for(vault, TODAY, 7), "cadence") == [f"cadence:{weekly}:2026-02-27"]


def test_snooze_moves_and_persists_across_unlocks(vault, vault_dir):
    cid = _client(vault, "周九", birth_date="1990-03-03")
    key = f"birthday:{cid}:2026-03-03"
    reminder_actions.snooze(vault, key, dt.date(2026, 3, 6), today=TODAY)
    moved = [r for r in reminders.reminders_for(vault, TODAY, 7) if r.key == key]
    assert [r.date for r in moved] == [dt.date(2026, 3, 6)]
    assert key not in _keys(reminders.reminders_for(vault, TODAY, 3))
    vault.lock()
    reopened = unlock(vault_dir, PASSWORD, backup=False)
    try:
        assert key in _keys(reminders.reminders_for(reopened, dt.date(2026, 3, 6), 0))
    finally:
        reopened.lock()


def test_snooze_beyond_the_lookback_still_comes_back(vault):
    snoozed = _client(vault, "吴十", birth_date="1985-03-03")
    other = _client(vault, "郑一", birth_date="1986-03-03")
    key = f"birthday:{snoozed}:2026-03-03"
    reminder_actions.snooze(vault, key, dt.date(2026, 3, 25), today=TODAY)
    found = reminders.reminders_for(vault, dt.date(2026, 3, 25), 0)
    assert key in _keys(found)
    # The wider look-back must not bring back the unsnoozed birthday three weeks ago.
    assert f"birthday:{other}:2026-03-03" not in _keys(found)


def test_snooze_refuses_past_dates_and_unknown_keys(vault):
    cid = _client(vault, "冯二", birth_date="1970-03-04")
    with pytest.raises(ValidationError, match="晚于今天"):
        reminder_actions.snooze(vault, f"birthday:{cid}:2026-03-04", TODAY, today=TODAY)
    with pytest.raises(UserError, match="无效的提醒编号"):
        reminder_actions.snooze(vault, "birthday:abc", dt.date(2026, 3, 5), today=TODAY)
    with pytest.raises(UserError, match="无效的提醒编号"):
        reminder_actions.parse_key("birthday:1:2026-02-30")
    with pytest.raises(UserError, match="持仓"):
        reminder_actions.snooze(vault, "maturity:999:2026-03-09:T-7", dt.date(2026, 3, 5), today=TODAY)


def test_dismiss_needs_a_reason_and_persists(vault):
    cid = _client(vault, "陈三", birth_date="1975-03-02")
    key = f"birthday:{cid}:2026-03-02"
    with pytest.raises(ValidationError, match="原因"):
        reminder_actions.dismiss(vault, key, "  ")
    reminder_actions.dismiss(vault, key, "客户已出国", now=NOW)
    assert key not in _keys(reminders.reminders_for(vault, TODAY, 7))


def test_follow_up_done_closes_the_contact_follow_up(vault):
    cid = _client(vault, "褚四")
    record = contacts.add_contact(
        vault,
        cid,
        {
            "channel": "visit",
            "content": "面谈",
            "at": "2026-02-26T15:00",
            "follow_up_date": "2026-02-28",
            "next_step": "寄送产品说明",
        },
        now=NOW,
    )
    [follow] = [r for r in reminders.reminders_for(vault, TODAY, 7) if r.kind == "follow_up"]
    assert follow.severity == "overdue" and follow.detail == "寄送产品说明" and follow.ref_id == record.id
    assert reminder_actions.mark_done(vault, follow.key, now=NOW).action == "follow_up_closed"
    assert _keys(reminders.reminders_for(vault, TODAY, 7), "follow_up") == []
    assert contacts.list_contacts(vault, cid)[0].follow_up_done is True


def test_maturity_done_is_stored_and_trashed_clients_vanish(vault):
    cid = _client(vault, "卫五")
    holding = holdings.add_holding(
        vault, cid, {"product_type": "wealth", "name": "稳享理财", "maturity_date": "2026-03-09"}
    )
    keys = _keys(reminders.reminders_for(vault, TODAY, 7), "maturity")
    assert keys == [
        f"maturity:{holding.id}:2026-03-09:T-7",
        f"maturity:{holding.id}:2026-03-09:T-1",
        f"maturity:{holding.id}:2026-03-09:T-0",
    ]
    reminder_actions.mark_done(vault, keys[0], now=NOW)
    assert _keys(reminders.reminders_for(vault, TODAY, 7), "maturity") == keys[1:]
    trash_client(vault, cid)
    assert [r.kind for r in reminders.reminders_for(vault, TODAY, 7)] == ["festival"]


def test_appointment_recurrence_month_end_and_today_view(vault):
    cid = _client(vault, "蒋六")
    record = appointments.add_appointment(
        vault, dt.datetime(2026, 1, 31, 14, 30), "月末对账", client_id=cid, rrule="FREQ=MONTHLY", location="网点二楼"
    )
    assert record.rrule == "FREQ=MONTHLY;BYMONTHDAY=-1" and record.client_name == "蒋六"
    found = [r for r in reminders.reminders_for(vault, dt.date(2026, 2, 1), 60) if r.kind == "appointment"]
    assert [r.date for r in found] == [dt.date(2026, 2, 28), dt.date(2026, 3, 31)]
    view = today_view(vault, dt.date(2026, 2, 28))
    [today] = view.appointments
    assert (today.start, today.end, today.location) == (
        dt.datetime(2026, 2, 28, 14, 30),
        dt.datetime(2026, 2, 28, 15, 30),
        "网点二楼",
    )
    assert all(r.kind != "appointment" for r in view.due_today)


@pytest.mark.parametrize("lang,text", [("zh_CN", "不存在"), ("en", "does not exist")])
def test_impossible_rule_gets_a_clear_message(vault, lang, text):
    set_language(lang)
    with pytest.raises(ClientValidationError) as caught:
        appointments.add_appointment(
            vault, dt.datetime(2026, 3, 1, 9), "x", rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31"
        )
    assert text in caught.value.errors["rrule"]
    with pytest.raises(ValidationError, match="2026-02-30"):
        appointments.parse_when("2026-02-30T10:00")


def test_appointment_fields_are_checked_together(vault):
    with pytest.raises(ClientValidationError) as caught:
        appointments.add_appointment(vault, NOW, " ", duration_minutes=0, rrule="FREQ=HOURLY")
    assert set(caught.value.errors) == {"title", "duration", "rrule"}
    with pytest.raises(UserError, match="找不到"):
        appointments.add_appointment(vault, NOW, "拜访", client_id=12345)


def test_custom_reminder_with_preset_rule(vault):
    appointments.add_custom_reminder(vault, dt.date(2026, 2, 27), "周报", rrule="weekly")
    found = [r.date for r in reminders.reminders_for(vault, TODAY, 7) if r.kind == "custom"]
    assert found == [dt.date(2026, 2, 27), dt.date(2026, 3, 6)]  # last Friday's is still shown (overdue)


def test_festival_greeting_count_comes_from_the_whole_book(vault):
    for i in range(3):
        _client(vault, f"客户{i}", aum="600000")
    _client(vault, "低层客户", aum="1000")
    festivals = [r for r in reminders.reminders_for(vault, dt.date(2026, 9, 20), 14) if r.kind == "festival"]
    assert [r.key for r in festivals] == ["festival:mid_autumn:2026", "festival:national_day:2026"]
    assert all("3位客户" in r.detail for r in festivals)


def test_prefiltered_facts_give_the_engine_s_answer_for_the_whole_book(vault):
    demo.fill(vault, 400, seed=3)
    settings = load_reminder_settings(vault)
    with vault.sessions() as session:
        everyone = session.execute(select(Client.id)).all()
    assert len(everyone) == 400
    for today, days in (
        (dt.date(2026, 2, 27), 7),
        (dt.date(2027, 2, 27), 7),
        (dt.date(2026, 12, 28), 90),
        (dt.date(2026, 6, 1), 400),
    ):
        start, end = today - dt.timedelta(days=7), today + dt.timedelta(days=days)
        with vault.engine.connect() as conn:
            full = load_facts(conn, start, end, settings)
        filtered = len(full.clients)
        full.clients = _all_clients(vault)
        assert filtered < len(full.clients) or days >= 365
        ours = reminders.reminders_for(vault, today, days)
        theirs = compute_reminders(
            today, days, full.clients, full.holdings, full.follow_ups, full.appointments, settings, customs=full.customs
        )
        assert [(r.key, r.date, r.title) for r in ours] == [(r.key, r.date, r.title) for r in theirs]


def _all_clients(vault):
    from rm_desktop.domain.reminders import ClientFacts

    with vault.sessions() as session:
        rows = session.scalars(select(Client).where(Client.deleted_at.is_(None))).all()
        return [
            ClientFacts(
                c.id,
                c.name,
                c.tier,
                c.birth_date,
                bool(c.lunar_birthday),
                c.last_contact_at.date() if c.last_contact_at else None,
                c.cadence_days,
                c.risk_expires_on,
            )
            for c in rows
        ]


def test_export_calendar_with_privacy(vault, tmp_path):
    cid = _client(vault, "王小明", birth_date="1980-03-05")
    appointments.add_appointment(
        vault, dt.datetime(2026, 3, 4, 9, 30), "王小明 资产配置", client_id=cid, location="客户家中"
    )
    path = tmp_path / "out.ics"
    count = reminders.export_calendar(vault, path, TODAY, dt.date(2026, 3, 31), privacy=True, today=TODAY)
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert count == len(events) >= 2
    text = path.read_text(encoding="utf-8")
    assert "王小明" not in text and "W.X.M." in text and "客户家中" not in text
    with pytest.raises(UserError, match="早于"):
        reminders.export_calendar(vault, path, TODAY, dt.date(2026, 3, 1), today=TODAY)


def test_reminder_settings_texts_are_checked_and_used(vault):
    assert DayOffsets(" 7，30, 1 ") == "30,7,1" and DayOffsets("30,7,1").days() == (30, 7, 1)
    assert ClockTimes("14:00, 9:05") == "09:05,14:00"
    for bad_key, bad in (("reminder_maturity_offsets", "30,x"), ("reminder_notify_times", "25:00")):
        with pytest.raises(ValidationError):
            vault.settings.set(bad_key, bad)
    vault.settings.set("reminder_maturity_offsets", "14")
    cid = _client(vault, "林七")
    holdings.add_holding(vault, cid, {"product_type": "deposit", "name": "定期", "maturity_date": "2026-03-16"})
    found = [r.key.rsplit(":", 1)[1] for r in reminders.reminders_for(vault, TODAY, 14) if r.kind == "maturity"]
    assert found == ["T-14", "T-0"]


def test_plan_review_comes_from_the_plans_area(vault):
    from rm_desktop.storage.models_plans import Plan

    cid = _client(vault, "何八")  # nothing else due: only the plan brings the client in
    with vault.sessions.begin() as session:
        session.add(
            Plan(client_id=cid, title="家庭理财规划", status="accepted", version=1, next_review=dt.date(2026, 2, 20))
        )
        session.add(Plan(client_id=cid, title="草稿", status="draft", version=1, next_review=dt.date(2026, 2, 1)))
    [review] = [r for r in reminders.reminders_for(vault, TODAY, 7) if r.kind == "plan_review"]
    assert (review.key, review.severity) == (f"plan_review:{cid}:2026-02-20", "overdue")
    reminder_actions.mark_done(vault, review.key, now=NOW)
    assert _keys(reminders.reminders_for(vault, TODAY, 7), "plan_review") == []


def test_leap_day_birth_at_the_window_edge_in_a_common_year(vault):
    cid = _client(vault, "闰日生", birth_date="1988-02-29")
    found = reminders.reminders_for(vault, dt.date(2027, 2, 21), 7)  # the window ends on 28 February
    assert _keys(found, "birthday") == [f"birthday:{cid}:2027-02-28"]
    assert _keys(reminders.reminders_for(vault, dt.date(2028, 2, 21), 7), "birthday") == []  # 29th in 2028
    assert _keys(reminders.reminders_for(vault, dt.date(2028, 2, 22), 7), "birthday") == [f"birthday:{cid}:2028-02-29"]
