"""The 客户 page through real widgets: list model, search, client file, validation, privacy, trash, drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from rm_desktop.services.clients import contacts, demo, drafts
from rm_desktop.services.clients import files as clients
from rm_desktop.services.search import query as search
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.ui.clients.client_table import CLIENT_ID, PAGE, RAW, ClientTableModel, Col
from rm_desktop.ui.clients.clients_page import ClientsPage
from rm_desktop.ui.clients.contact_dialog import DRAFT_KIND, ContactDialog
from rm_desktop.ui.clients.records_table import Column, RecordsModel
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy


@pytest.fixture
def book(vault):
    demo.fill(vault, PAGE + 50, seed=11)
    return vault


@pytest.fixture
def page(qtbot, book):
    privacy = Privacy()
    widget = ClientsPage(privacy, ClipboardGuard())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.attach(book)
    yield widget
    widget.detach()


def test_client_model_passes_qtmodeltester(qtmodeltester, book):
    model = ClientTableModel(Privacy())
    model.attach(book)
    assert model.rowCount() == PAGE and model.canFetchMore()  # lazy: one page at first
    model.fetchMore()
    assert model.rowCount() == PAGE + 50 and not model.canFetchMore()
    qtmodeltester.check(model)
    model.set_query(ClientQuery(text="zzzz-no-match"))
    qtmodeltester.check(model)


def test_records_model_passes_qtmodeltester(qtmodeltester):
    model = RecordsModel([Column("a", lambda r: r[0]), Column("b", lambda r: r[1], align_right=True)])
    model.set_records([(1, "x"), (2, None)])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "" and model.index(0, 0).data(RAW) == 1


def test_sorting_on_raw_aum(book):
    model = ClientTableModel(Privacy())
    model.attach(book)
    model.sort(Col.AUM, Qt.DescendingOrder)
    values = [model.index(r, Col.AUM).data(RAW) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]


def test_search_box_filters_and_empty_state(qtbot, page):
    target = page.model.row_at(5)
    qtbot.keyClicks(page.list.search, target.phone[-4:])
    qtbot.waitUntil(lambda: page.model.total < PAGE + 50, timeout=2000)
    assert target.id in [page.model.row_at(r).id for r in range(page.model.rowCount())]
    page.list.search.setText("没有这个人名")
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=2000)
    assert page.list.empty.isVisible() and "没有找到" in page.list.empty.text()
    page.list.search.clear()
    qtbot.waitUntil(lambda: page.model.total == PAGE + 50, timeout=2000)
    assert not page.list.empty.isVisible()


def test_phone_masked_in_list_and_aum_hidden_when_client_present(page):
    row = page.model.row_at(0)
    assert page.model.index(0, Col.PHONE).data() == row.phone[:3] + "****" + row.phone[-4:]
    assert page.model.index(0, Col.AUM).data() != HIDDEN
    page.model.privacy.set_client_present(True)
    assert page.model.index(0, Col.AUM).data() == HIDDEN


def test_open_edit_with_error_keeps_typing_then_save(qtbot, page, book):
    client_id = page.model.index(0, 0).data(CLIENT_ID)
    page.open_client(client_id)
    form = page.file.form
    form.editors["phone"].setText("12345")
    form.editors["occupation"].setText("大学教师")
    assert page.file.save() is False
    assert form.errors["phone"].isVisible() and "太短" in form.errors["phone"].text()
    assert form.editors["occupation"].text() == "大学教师"  # nothing typed was lost
    assert clients.get_client(book, client_id).occupation != "大学教师"  # and nothing half-saved
    form.editors["phone"].setText("13800138000")
    assert page.file.save() is True
    assert clients.get_client(book, client_id).occupation == "大学教师"
    assert not form.errors["phone"].isVisible()


def test_new_client_and_header_reveal(qtbot, page, book):
    page.list.new_button.click()
    form = page.file.form
    form.editors["name"].setText("单田芳")
    form.editors["id_number"].setText("11010519491231002X")
    form.editors["phone"].setText("+86 139-1234-5678")
    assert page.file.save()
    record = page.file.record
    assert record.gender == "女" and record.birth_date == dt.date(1949, 12, 31)  # filled from the ID
    card = page.file.card
    assert card.facts["phone"].text() == "139****5678"
    book.settings.set("reveal_reason_mode", "never")  # the reason dialog is tests/ui/reveals'
    card.show_phone.click()
    assert card.facts["phone"].text() == "13912345678"
    page.model.privacy.set_client_present(True)
    assert card.facts["phone"].text() == "139****5678" and not card.show_phone.isEnabled()
    page.show_list()
    page.list.search.setText("stf")
    page.list.apply_filters()
    assert [page.model.row_at(r).name for r in range(page.model.rowCount())] == ["单田芳"]


def test_trash_and_restore(qtbot, page, book, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    client_id = page.model.index(0, 0).data(CLIENT_ID)
    page.open_client(client_id)
    page.file.delete()
    assert page.model.total == PAGE + 49
    from rm_desktop.ui.clients.trash_dialog import TrashDialog

    dialog = TrashDialog(book, page)
    qtbot.addWidget(dialog)
    dialog.tab.table.selectRow(0)
    dialog.tab._restore()
    assert search.list_trash(book) == []


def test_contact_draft_survives_a_crash(qtbot, vault, vault_dir):
    from rm_desktop.services.vault import lifecycle as vs

    client = clients.create_client(vault, {"name": "张伟"})
    dialog = ContactDialog(vault, client_id=client.id, client_label="张伟")
    qtbot.addWidget(dialog)
    dialog.form.editors["content"].setPlainText("客户想了解养老年金，下周再约")
    dialog.save_draft()  # what the 3-second autosave does
    vault.engine.dispose()  # a crash: no clean shutdown, the dialog never closes
    again = vs.unlock(vault_dir)
    (draft,) = drafts.load_drafts(again, DRAFT_KIND)
    restored = ContactDialog(again, draft=draft)
    qtbot.addWidget(restored)
    assert restored.form.editors["content"].toPlainText() == "客户想了解养老年金，下周再约"
    assert restored.picker.client_id() == client.id
    restored._save()
    assert drafts.load_drafts(again, DRAFT_KIND) == []
    assert [c.content for c in contacts.list_contacts(again, client.id)] == ["客户想了解养老年金，下周再约"]
    again.lock()


def test_visit_proposes_48_hour_follow_up(qtbot, vault):
    client = clients.create_client(vault, {"name": "李四"})
    dialog = ContactDialog(vault, client_id=client.id, client_label="李四")
    qtbot.addWidget(dialog)
    dialog.form.set_value("at", "2026-11-20 10:00")
    channel = dialog.form.editors["channel"]
    channel.setCurrentIndex(channel.findData("visit"))
    assert dialog.form.values()["follow_up_date"] == "2026-11-22"


def test_lock_saves_the_open_quick_entry_as_draft(qtbot, vault, vault_dir):
    session = VaultSession(vault_dir)
    from rm_desktop.app import _feature_pages

    window = MainWindow(session, page_factory=_feature_pages)
    qtbot.addWidget(window)
    window.show()
    session.adopt(vault)
    client = clients.create_client(vault, {"name": "王五"})
    dialog = ContactDialog(vault, window, client_id=client.id, client_label="王五")
    dialog.show()
    dialog.form.editors["content"].setPlainText("拜访记录写到一半")
    dialog._dirty = True
    window.lock()
    assert not dialog.isVisible() and session.vault is None
    from rm_desktop.services.vault import lifecycle as vs

    again = vs.unlock(vault_dir)
    assert [d.payload["content"] for d in drafts.load_drafts(again, DRAFT_KIND)] == ["拜访记录写到一半"]
    again.lock()


def test_query_filters_reach_the_model(page):
    page.list.overdue.setChecked(True)
    assert page.model.query.overdue is True
    assert page.model.total == len([1 for r in range(page.model.total)])  # count matches
    page.list.overdue.setChecked(False)
    assert page.model.query == ClientQuery(sort=page.model.query.sort, descending=page.model.query.descending)


def test_the_filters_choices_come_once_the_list_has_painted(qtbot, book):
    """Issue 19.1: at the attach only 全部层级 / 全部标签; the tiers and the tags in use follow the
    list's first paint (the tags most used first), and a lock before that paint reads neither."""
    from rm_desktop.services.clients.tags import list_tags
    from rm_desktop.services.clients.tiers import current_tiers

    widget = ClientsPage(Privacy(), ClipboardGuard())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.attach(book)  # not shown yet: nothing painted
    assert (widget.list.tier.count(), widget.list.tag.count()) == (1, 1)
    widget.detach()
    widget.show()
    qtbot.wait(50)
    assert (widget.list.tier.count(), widget.list.tag.count()) == (1, 1)  # locked before any paint

    widget.attach(book)
    tiers = [t.code for t in reversed(current_tiers(book.settings))]
    tags = list_tags(book)
    assert tags  # the demo book has tags
    qtbot.waitUntil(lambda: widget.list.tag.count() == 1 + len(tags), timeout=5000)
    assert [widget.list.tier.itemData(i) for i in range(widget.list.tier.count())] == [None, *tiers]
    assert [widget.list.tag.itemData(i) for i in range(widget.list.tag.count())] == [None, *tags]
    widget.detach()
