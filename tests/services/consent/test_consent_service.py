"""A client's consent read and set in one transaction, and the sends that honour it: a bulk SMS
render and an event's invitations skip the clients a marketing send may not reach, and say how
many and why."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from rm_desktop.domain.consent import DND, NO_CHANNEL, NO_MARKETING, NOT_RECORDED, Consent
from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.events.model import EventFields
from rm_desktop.services.clients.files import create_client, purge_client, trash_client
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.consent import reach, store
from rm_desktop.services.events import invites
from rm_desktop.services.events import store as events
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render
from rm_desktop.storage.models_consent import ConsentRow

NOW = dt.datetime(2026, 12, 2, 10, 0)
NIGHT = dt.datetime(2026, 12, 2, 22, 30)


@pytest.fixture
def book(vault):
    """Five clients, one per case: may be sent SMS, not recorded, said no, WeChat only, DND at night."""
    ids = {
        name: create_client(vault, {"name": name, "phone": "13800138000", "dnd_hours": dnd}).id
        for name, dnd in (
            ("王可发", None),
            ("李未记", None),
            ("张拒绝", None),
            ("赵微信", None),
            ("钱夜静", "22:00-08:00"),
        )
    }
    store.set_consent(vault, ids["王可发"], {"marketing": "是", "channels": "短信,电话", "given_by": "书面"}, now=NOW)
    store.set_consent(vault, ids["张拒绝"], {"marketing": "否"}, now=NOW)
    store.set_consent(vault, ids["赵微信"], {"marketing": "yes", "channels": "wechat"}, now=NOW)
    store.set_consent(vault, ids["钱夜静"], {"marketing": "yes", "channels": "sms"}, now=NOW)
    return vault, ids


def test_set_then_get_keeps_the_fields_not_given_and_dates_a_change_today(book):
    vault, ids = book
    assert store.get_consent(vault, ids["李未记"]) is None
    first = store.get_consent(vault, ids["王可发"])
    assert first == Consent(True, NOW.date(), "written", ("phone", "sms"))
    later = dt.datetime(2027, 3, 1, 9, 0)
    withdrawn = store.set_consent(vault, ids["王可发"], {"marketing": "否", "sensitive": "是"}, now=later)
    assert withdrawn == Consent(False, later.date(), "written", ("phone", "sms"), True, later.date())
    assert store.get_consent(vault, ids["王可发"]) == withdrawn


def test_a_refused_value_or_a_first_record_without_marketing_writes_nothing(book):
    vault, ids = book
    with pytest.raises(ValidationError) as err:
        store.set_consent(vault, ids["王可发"], {"channels": "短信,飞鸽"})
    assert err.value.field == "channels"
    assert store.get_consent(vault, ids["王可发"]).channels == ("phone", "sms")
    with pytest.raises(UserError):
        store.set_consent(vault, ids["李未记"], {"channels": "短信"})
    with pytest.raises(ClientNotFound):
        store.set_consent(vault, 999_999, {"marketing": "是"})
    with pytest.raises(ValidationError):  # all or none: the second client's bad date rolls the first back
        store.set_many(vault, [ids["李未记"], ids["王可发"]], {"marketing": "是", "given_on": "2026-13-01"})
    assert store.get_consent(vault, ids["李未记"]) is None


def test_set_many_records_a_selection(book):
    vault, ids = book
    assert store.set_many(vault, [ids["李未记"], ids["张拒绝"]], {"marketing": "是", "channels": "短信"}, now=NOW) == 2
    assert store.get_consent(vault, ids["李未记"]).channels == ("sms",)
    assert store.get_consent(vault, ids["张拒绝"]).marketing


def test_purging_a_client_removes_its_record(book):
    vault, ids = book
    trash_client(vault, ids["王可发"])
    with pytest.raises(UserError):
        store.set_consent(vault, ids["王可发"], {"marketing": "否"})
    purge_client(vault, ids["王可发"])
    with vault.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ConsentRow)) == 3


def test_filter_reachable_counts_each_reason(book):
    vault, ids = book
    kept, skipped = reach.filter_reachable(vault, [*ids.values(), 999_999], "sms", NIGHT)
    assert kept == [ids["王可发"], 999_999]  # an unknown id is the render's to drop
    assert {r: sorted(v) for r, v in skipped.by_reason.items()} == {
        NOT_RECORDED: [ids["李未记"]],
        NO_MARKETING: [ids["张拒绝"]],
        NO_CHANNEL: [ids["赵微信"]],
        DND: [ids["钱夜静"]],
    }
    consents = reach.reach_of(vault, ids.values())
    assert reach.may_contact(consents, ids["钱夜静"], "sms", NOW)
    assert not reach.may_contact(consents, ids["钱夜静"], "sms", NIGHT)


def test_a_bulk_sms_render_skips_who_may_not_be_reached_and_says_why(book):
    vault, ids = book
    template = scripts.create_template(
        vault, {"name": "节日", "category": "festival", "channel": "sms", "body": "{姓名}好"}
    )
    rows = render.bulk_render(vault, template.id, list(ids.values()), now=NIGHT)
    assert [r.client_name for r in rows] == ["王可发"]
    assert rows.skipped.total == 4
    assert rows.skipped.message() == "已跳过 4 位：未记录同意 1，未同意营销 1，渠道不允许 1，免打扰时段 1"
    by_day = render.bulk_render(vault, template.id, list(ids.values()), now=NOW)
    assert [r.client_name for r in by_day] == ["王可发", "钱夜静"]


def test_event_invitations_skip_likewise(book):
    vault, ids = book
    template = scripts.create_template(
        vault, {"name": "邀请", "category": "event_invite", "channel": "wechat", "body": "{姓名}：{活动名称}"}
    )
    event = events.add_event(vault, EventFields("新年沙龙", dt.datetime(2026, 12, 20, 14, 0), "网点二楼", 15))
    invites.invite(vault, event.id, list(ids.values()), now=NOW)
    rendered = invites.render_invitations(vault, event.id, template_id=template.id, now=NOW)
    assert [r.client_name for r in rendered] == ["赵微信"]
    assert rendered.skipped.counts() == {NOT_RECORDED: 1, NO_MARKETING: 1, NO_CHANNEL: 2, DND: 0}


def test_a_change_is_audited_in_its_own_transaction(book):
    vault, ids = book

    def entries():  # the book's own consents are audited too: this client's entries only
        with vault.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT action, object, counts FROM audit_log WHERE action = ? AND object LIKE ?",
                (store.AUDIT_ACTION, f"client:{ids['李未记']} %"),
            ).all()

    store.set_consent(vault, ids["李未记"], {"marketing": "是", "channels": "短信"}, now=NOW)
    assert entries() == [(store.AUDIT_ACTION, f"client:{ids['李未记']} 李**", '{"fields":["channels","marketing"]}')]
    with pytest.raises(ValidationError):
        store.set_consent(vault, ids["李未记"], {"given_on": "不是日期"}, now=NOW)
    assert len(entries()) == 1  # a refused change leaves no entry
