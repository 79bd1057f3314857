"""The client timeline merges every provider's entries of one client, newest first: contacts
and complaints (receipt, steps, close) in time order; another client's rows never show."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.complaints import store
from rm_desktop.services.timeline.model import as_datetime
from rm_desktop.services.timeline.providers import PROVIDERS, client_timeline

T0 = dt.datetime(2026, 3, 1, 9, 0)


def _contact(vault, client, at, content):
    contacts.add_contact(vault, client, {"channel": "phone", "content": content, "at": at.isoformat()}, now=at)


def test_contacts_and_complaints_in_time_order(vault):
    client = create_client(vault, {"name": "张三"}, today=T0.date()).id
    other = create_client(vault, {"name": "李四"}, today=T0.date()).id
    _contact(vault, client, T0 - dt.timedelta(days=2), "介绍新产品")
    cid = store.add_complaint(
        vault, client, {"channel": "counter", "category": "waiting", "description": "排队太久"}, now=T0
    ).id
    store.mark_step(vault, cid, "calm", now=T0 + dt.timedelta(minutes=5))
    _contact(vault, client, T0 + dt.timedelta(hours=2), "电话致歉")
    store.close_complaint(vault, cid, "已开通预约", 4, now=T0 + dt.timedelta(days=1))
    _contact(vault, other, T0 + dt.timedelta(hours=1), "别人的")

    entries = client_timeline(vault, client)
    assert [(e.kind, e.detail) for e in entries] == [
        ("complaint", "已开通预约"),
        ("contact", "电话致歉"),
        ("complaint", ""),
        ("complaint", "排队太久"),
        ("contact", "介绍新产品"),
    ]
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    assert entries[0].title == "投诉结案 · 满意度 4/5" and entries[0].ref == cid
    assert entries[2].title == "投诉处理 · 安抚情绪"
    assert entries[1].title == "往来 · 电话"


def test_an_empty_file_has_an_empty_timeline_and_contacts_and_complaints_are_providers(vault):
    client = create_client(vault, {"name": "王五"}, today=T0.date()).id
    assert client_timeline(vault, client) == []
    names = {p.__name__ for p in PROVIDERS}
    assert {"contact_entries", "complaint_entries"} <= names
    assert as_datetime(dt.date(2026, 3, 1)) == dt.datetime(2026, 3, 1)


def test_at_the_same_minute_the_later_fact_comes_first(vault):
    client = create_client(vault, {"name": "赵六"}, today=T0.date()).id
    cid = store.add_complaint(vault, client, {"channel": "phone", "category": "fees", "description": "年费"}, now=T0).id
    store.mark_step(vault, cid, "answer", now=T0)
    store.close_complaint(vault, cid, "当场退还", 5, now=T0)
    titles = [e.title for e in client_timeline(vault, client)]
    assert titles == ["投诉结案 · 满意度 5/5", "投诉处理 · 当场答复", "投诉 · 收费 · 一般"]
