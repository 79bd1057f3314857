"""The 活动 page driven offscreen: a new event from its dialog, invitations (filter tab), the
waiting-list warning, attendance from the status buttons logging one contact, the rendered
invitations copied, and the playbooks tab: copy, edit steps, start for a client."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from rm_desktop.domain.events.model import ATTENDED, NO_SHOW, EventFields
from rm_desktop.services.clients.contacts import list_contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.events import invites, store
from rm_desktop.services.playbooks import runs
from rm_desktop.ui.events import event_dialogs, playbook_dialogs
from rm_desktop.ui.events.event_models import EventsModel, InviteesModel
from rm_desktop.ui.events.events_page import EventsPage
from tests.services.consent.given import consent_to_all

NOW = dt.datetime(2026, 12, 10, 17, 0)
TODAY = NOW.date()


@pytest.fixture
def page(attached):
    made = EventsPage()
    made.now = lambda: NOW
    return attached(made)


def _clients(vault, count):
    return [create_client(vault, {"name": f"客户{k}", "aum": "300000"}, today=TODAY).id for k in range(count)]


def _select_invitees(page, rows):
    selection = page.invitee_list.selectionModel()
    selection.clearSelection()
    for row in rows:
        index = page.invitees.index(row, 0)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_models_pass_the_model_tester(qtmodeltester, vault):
    cid = _clients(vault, 1)[0]
    event = store.add_event(vault, EventFields("沙龙", NOW))
    invites.invite(vault, event.id, [cid])
    events = EventsModel()
    events.set_rows(store.list_events(vault))
    qtmodeltester.check(events)
    invitees = InviteesModel()
    invitees.set_rows(store.list_invitations(vault, event.id))
    qtmodeltester.check(invitees)
    assert invitees.data(invitees.index(0, 1)) == "已邀请"


def test_empty_page_says_what_to_do(page):
    assert page.empty.isVisible() and "新建活动" in page.empty.text()
    assert not page.invite_button.isEnabled()


def test_new_event_from_the_dialog_then_invite_over_capacity_and_attend(page, vault, monkeypatch, qtbot):
    ids = _clients(vault, 3)

    def fill_event(dialog):
        dialog.name.setText("12月理财沙龙")
        dialog.capacity.setValue(2)
        dialog.when.setDateTime(dialog.when.dateTime().fromString("2026-12-10 14:00", "yyyy-MM-dd HH:mm"))
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(event_dialogs.EventDialog, "exec", fill_event)
    page.new_event()
    assert [e.name for e in page.events.rows] == ["12月理财沙龙"] and not page.empty.isVisible()

    def fill_invite(dialog):
        dialog.tabs.setCurrentIndex(0)
        dialog.search.setText("客户")
        dialog.submit()  # in the background: the dialog closes when it is done
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)
        return dialog.result()

    monkeypatch.setattr(event_dialogs.InviteDialog, "exec", fill_invite)
    page.invite()
    assert page.invitees.rowCount() == 3
    assert "候补" in page.notice.text()
    assert page.invitees.data(page.invitees.index(2, 1)) == "已邀请（候补）"
    page.undo()  # the invitation batch taken back, then made again
    assert page.invitees.rowCount() == 0
    page.invite()
    assert page.invitees.rowCount() == 3

    _select_invitees(page, [0, 1])
    page.status_buttons[ATTENDED].click()
    page.status_buttons[ATTENDED].click()  # twice: still one contact each
    attended = [r.client_id for r in page.invitees.rows if r.status == ATTENDED]
    assert len(attended) == 2
    for cid in attended:
        assert [c.channel for c in list_contacts(vault, cid)] == ["event"]
    assert "出席 2 位" in page.result.text()
    assert set(ids) >= set(attended)
    # Ctrl+Z takes the last status change back: the contacts it logged go with it.
    assert page.undo_button.isVisible()
    page.status_buttons[ATTENDED].click()  # (nothing changed this time: its undo restores nobody)
    _select_invitees(page, [0])
    page.mark(NO_SHOW)
    page.undo()
    assert [r.status for r in page.invitees.rows][:2] == [ATTENDED, ATTENDED]
    assert all(len(list_contacts(vault, cid)) == 1 for cid in attended)
    assert not page.undo_button.isVisible()


def test_status_button_without_a_selection_says_so(page, vault):
    event = store.add_event(vault, EventFields("沙龙", NOW))
    invites.invite(vault, event.id, _clients(vault, 1))
    page.reload()
    page.invitee_list.selectionModel().clearSelection()
    page.mark(ATTENDED)
    assert "请先在名单中选择客户" in page.notice.text()


def test_rendered_invitations_are_copied(page, vault, qtbot):
    event = store.add_event(vault, EventFields("新年沙龙", NOW, "网点二楼"))
    ids = _clients(vault, 2)
    consent_to_all(vault, ids)
    invites.invite(vault, event.id, ids)
    page.reload()
    page.render_invitations()
    qtbot.waitUntil(lambda: getattr(page, "invitations_dialog", None) is not None, timeout=10_000)
    dialog = page.invitations_dialog
    assert dialog.names.count() == 2 and "新年沙龙" in dialog.text.toPlainText()
    dialog.copy_all()
    assert QApplication.clipboard().text().count("新年沙龙") == 2
    dialog.close()


def test_playbooks_tab_copy_edit_and_start(page, vault, monkeypatch):
    cid = _clients(vault, 1)[0]
    tab = page.playbooks
    page.tabs.setCurrentWidget(tab)
    assert tab.names.count() == 4 and not tab.edit_button.isEnabled()  # built-ins: copy first
    tab.names.setCurrentRow(0)
    tab.copy_button.click()
    copy = tab.current()
    assert copy is not None and not copy.builtin and tab.edit_button.isEnabled()

    def edit_steps(dialog):
        dialog.table.item(0, playbook_dialogs.OFFSET).setText("1")
        dialog.add_row(playbook_dialogs.Step(60, "半年检视", "visit"))
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(playbook_dialogs.PlaybookEditDialog, "exec", edit_steps)
    tab.edit()
    assert [s.offset for s in tab.current().steps] == [1, 3, 30, 60]
    assert tab.steps.rowCount() == 4

    def start(dialog):
        dialog.client.set_client(cid, "客户0")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(playbook_dialogs.StartDialog, "exec", start)
    tab.start()
    assert "4 个步骤加入工作清单" in tab.notice.text()
    made = runs.list_runs(vault, cid)
    assert made[0].steps[0].due_on == TODAY + dt.timedelta(days=1)
    tab.start()  # the same client and day again: refused, said in the dialog
    assert len(runs.list_runs(vault, cid)) == 1
    # Ctrl+Z takes the start back; started again, it is there once more.
    assert tab.undo_button.isVisible()
    page.undo()
    assert runs.list_runs(vault, cid) == [] and tab.open_table.rowCount() == 0
    tab.start()
    made = runs.list_runs(vault, cid)
    # The open steps below: doing the first logs its contact and drops it from the list.
    assert tab.open_table.rowCount() == 4 and tab.open_table.item(0, 1).text() == "客户0"
    tab.open_table.selectRow(0)
    tab.done_button.click()
    assert tab.open_table.rowCount() == 3 and "已记录联系" in tab.notice.text()
    assert [c.content for c in list_contacts(vault, cid)] == [made[0].steps[0].title]


def test_the_edit_dialog_refuses_a_bad_offset_and_keeps_open(vault, qtbot):
    from rm_desktop.services.playbooks import library

    copy = library.copy_playbook(vault, "salon")
    dialog = playbook_dialogs.PlaybookEditDialog(vault, copy)
    qtbot.addWidget(dialog)
    dialog.table.item(0, playbook_dialogs.OFFSET).setText("abc")
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted and "天数" in dialog.error.text()
    assert isinstance(dialog.table.cellWidget(0, playbook_dialogs.CHANNEL), QComboBox)
    assert Qt  # the module's enums import


def test_an_invitation_nobody_matches_is_refused_in_the_dialog(page, vault, qtbot):
    _clients(vault, 1)
    event = store.add_event(vault, EventFields("沙龙", NOW))
    page.reload()
    dialog = event_dialogs.InviteDialog(vault, store.get_event(vault, event.id), TODAY, page)
    qtbot.addWidget(dialog)
    dialog.search.setText("没有这个人")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10_000)
    assert "没有符合条件的客户" in dialog.error.text() and dialog.invite_button.isEnabled()
    dialog.tabs.setCurrentIndex(1)
    dialog.segment.setEditText("no-such-bar")
    dialog.submit()
    qtbot.waitUntil(lambda: "no-such-bar" in dialog.error.text(), timeout=10_000)
    assert store.list_invitations(vault, event.id) == []
