"""The client file's 时间线 tab: contacts and complaints in one chronological view, newest
first, filtered by kind; qtmodeltester on its model; the file offers it for a stored client."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.complaints import store
from rm_desktop.ui.clients.clients_page import ClientsPage
from rm_desktop.ui.clients.timeline_view import TimelineModel, TimelineTab
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

T0 = dt.datetime(2026, 3, 1, 9, 0)


def _contact(vault, client, at, text):
    contacts.add_contact(vault, client, {"channel": "phone", "content": text, "at": at.isoformat()}, now=at)


def test_contacts_and_complaints_in_time_order(qtbot, vault, qtmodeltester):
    client = create_client(vault, {"name": "张三"}, today=T0.date()).id
    _contact(vault, client, T0 - dt.timedelta(days=1), "介绍产品")
    cid = store.add_complaint(vault, client, {"channel": "phone", "category": "fees", "description": "年费"}, now=T0).id
    _contact(vault, client, T0 + dt.timedelta(hours=1), "电话致歉")
    store.mark_step(vault, cid, "follow_up", now=T0 + dt.timedelta(hours=20))
    tab = TimelineTab()
    qtbot.addWidget(tab)
    tab.load(vault, client, "张三")
    model = tab.model
    qtmodeltester.check(model)
    rows = [
        (model.index(r, 0).data(), model.index(r, 1).data(), model.index(r, 3).data()) for r in range(model.rowCount())
    ]
    assert rows == [
        ("2026-03-02 05:00", "投诉", ""),
        ("2026-03-01 10:00", "往来", "电话致歉"),
        ("2026-03-01 09:00", "投诉", "年费"),
        ("2026-02-28 09:00", "往来", "介绍产品"),
    ]
    assert model.index(0, 2).data() == "投诉处理 · 48小时内回访"
    tab.filter.setCurrentIndex(tab.filter.findData("complaint"))
    assert model.rowCount() == 2 and {model.index(r, 1).data() for r in range(2)} == {"投诉"}
    qtmodeltester.check(model)
    tab.filter.setCurrentIndex(tab.filter.findData(""))
    assert model.rowCount() == 4


def test_an_empty_timeline_hints_and_the_file_has_the_tab(qtbot, vault):
    client = create_client(vault, {"name": "李四"}, today=T0.date()).id
    page = ClientsPage(Privacy(), ClipboardGuard())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.attach(vault)
    try:
        page.open_client(client)
        tabs = page.file.tabs
        index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "时间线")
        assert tabs.isTabEnabled(index)
        tabs.setCurrentIndex(index)
        timeline = page.file.timeline
        assert timeline.table.isHidden() and "往来" in timeline.empty.text()
        _contact(vault, client, T0, "第一次电话")
        tabs.setCurrentIndex(0)
        tabs.setCurrentIndex(index)  # shown again: reloaded
        assert timeline.model.rowCount() == 1 and not timeline.table.isHidden()
    finally:
        page.detach()


def test_the_model_without_entries(qtmodeltester):
    qtmodeltester.check(TimelineModel())


def test_a_double_click_on_a_contact_opens_its_editor(qtbot, vault, monkeypatch):
    from rm_desktop.ui.clients import client_file

    client = create_client(vault, {"name": "王五"}, today=T0.date()).id
    _contact(vault, client, T0, "回访")
    opened: list[str] = []
    monkeypatch.setattr(client_file.ContactDialog, "exec", lambda dialog: opened.append(dialog.contact.content) or 0)
    page = ClientsPage(Privacy(), ClipboardGuard())
    qtbot.addWidget(page)
    page.show()
    page.attach(vault)
    try:
        page.open_client(client)
        timeline = page.file.timeline
        page.file.tabs.setCurrentWidget(timeline)
        timeline.table.doubleClicked.emit(timeline.model.index(0, 2))
        assert opened == ["回访"]
    finally:
        page.detach()
