"""The 今日工作清单 at scale, through real widgets offscreen with a fake clock: Shift/Ctrl
selection, bulk dismiss / snooze / log contact, Ctrl+Z and the status bar's 撤销, the summary
band (counts by kind, today's appointments, the empty-day hint) and the counts of the band,
the page and the tray agreeing after every action."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.reminders import appointments
from rm_desktop.ui.reminders.notifier import ReminderNotifier
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog
from rm_desktop.ui.reminders.worklist_model import ITEM_ROLE, PLAN
from rm_desktop.ui.reminders.worklist_page import WorklistPage
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets.privacy import Privacy

NOW = dt.datetime(2026, 6, 15, 10, 0)
TODAY = NOW.date()
LOAD = 20_000


@pytest.fixture
def book(vault):
    """Twelve clients a cadence late (more than the plan holds), a T-30 maturity, a meeting."""
    ids = []
    for n in range(12):
        cid = create_client(vault, {"name": f"客户{n:02d}", "aum": "300000"}, today=TODAY).id
        at = dt.datetime.combine(TODAY - dt.timedelta(days=33 + n % 5), dt.time(10))
        contacts.add_contact(vault, cid, {"channel": "phone", "content": "回访", "at": at.isoformat()}, now=at)
        ids.append(cid)
    values = {"product_type": "wealth", "name": "稳利", "amount": "200000", "maturity_date": "2026-07-15"}
    holdings.add_holding(vault, ids[0], values)
    appointments.add_appointment(vault, dt.datetime(2026, 6, 15, 14, 30), "面谈", client_id=ids[1])
    return ids


def _page(qtbot, vault) -> WorklistPage:
    page = WorklistPage(Privacy(), clock=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        page.attach(vault)
    return page


def _rows(page, kind=None):
    """(index, item) of every item row, groups expanded."""
    model, found = page.model, []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        page.tree.expand(group)
        for row in range(model.rowCount(group)):
            index = model.index(row, 0, group)
            item = index.data(ITEM_ROLE)
            if kind is None or item.kind == kind:
                found.append((index, item))
    return found


def _click(qtbot, page, index, modifier=Qt.KeyboardModifier.NoModifier):
    rect = page.tree.visualRect(index)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _press(qtbot, page, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A shortcut typed in the tree, waiting for the page to reload after the action it starts."""
    page.tree.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        qtbot.keyClick(page.tree, key, modifier)


def _keys(page):
    return {item.key for item in page.worklist.items}


def _agree(page):
    """The band, the progress bar and the model count the same worklist."""
    day = page.band.figures
    assert day.total == page.model.total() == len(page.worklist.items)
    assert f"共 {day.total} 项" in page.band.counts.text()
    assert page.progress.value() == day.done
    return day


def test_shift_select_three_bulk_dismiss_then_ctrl_z_brings_them_back(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    rows = _rows(page, "cadence")
    _click(qtbot, page, rows[0][0])
    _click(qtbot, page, rows[2][0], Qt.KeyboardModifier.ShiftModifier)
    chosen = {item.key for _i, item in rows[:3]}
    assert {item.key for item in page.selected_items()} == chosen and page.summary.text() == "已选 3 项"
    assert not page.open_button.isEnabled() and page.dismiss_button.isEnabled()
    before, undo_texts = _agree(page).total, []
    page.undo_changed.connect(undo_texts.append)

    def one_reason(dialog):
        assert any("3 项" in label.text() for label in dialog.findChildren(QLabel))  # says how many
        dialog.reason.setEditText("本周已集中回访")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(DismissDialog, "exec", one_reason)
    _press(qtbot, page, Qt.Key.Key_Delete)
    assert not chosen & _keys(page) and _agree(page).total == before - 3
    assert page.progress.value() == 3 and undo_texts == ["已忽略 3 项"]
    _press(qtbot, page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert chosen <= _keys(page) and _agree(page).total == before and page.progress.value() == 0
    assert undo_texts[-1] == "" and "已撤销" in page.status.text()
    page.undo_last()  # nothing left to undo: said, nothing changes
    assert page.status.text() == "没有可撤销的操作。"


def test_ctrl_click_bulk_snooze_skips_the_meeting(qtbot, vault, book):
    page = _page(qtbot, vault)
    [(meeting_index, meeting)] = _rows(page, "appointment")
    cadence = _rows(page, "cadence")
    _click(qtbot, page, cadence[0][0])
    _click(qtbot, page, cadence[5][0], Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, page, meeting_index, Qt.KeyboardModifier.ControlModifier)
    assert len(page.selected_items()) == 3 and page.snooze_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        page.snooze_menu.actions()[1].trigger()  # three days
    keys = _keys(page)
    assert cadence[0][1].key not in keys and cadence[5][1].key not in keys and meeting.key in keys
    assert "已推迟 2 项" in page.status.text() and "1 项不适用" in page.status.text()
    _agree(page)
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        page.undo_last()
    assert {cadence[0][1].key, cadence[5][1].key} <= _keys(page)


def test_bulk_log_contact_one_contact_per_client_and_undo_removes_them(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    rows = _rows(page, "cadence")[:4]
    _click(qtbot, page, rows[0][0])
    for index, _item in rows[1:]:
        _click(qtbot, page, index, Qt.KeyboardModifier.ControlModifier)
    clients = [item.client_id for _i, item in rows]
    seen = {}

    def same_note(dialog):
        seen["text"] = dialog.content.toPlainText()
        dialog.content.setPlainText("集中电话回访")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(LogContactDialog, "exec", same_note)
    _press(qtbot, page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert seen["text"] == ""  # no one client's script for four clients
    assert [contacts.list_contacts(vault, cid)[0].content for cid in clients] == ["集中电话回访"] * 4
    assert page.progress.value() == 4 and not {item.key for _i, item in rows} & _keys(page)
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        page.undo_last()
    assert [len(contacts.list_contacts(vault, cid)) for cid in clients] == [1] * 4
    assert {item.key for _i, item in rows} <= _keys(page)


def test_the_band_counts_by_kind_lists_the_meeting_and_jumps_to_a_group(qtbot, vault, book):
    page = _page(qtbot, vault)
    day = _agree(page)
    assert day.ahead == 1 and "提前准备 1" in page.band.counts.text()  # the T-30 notice, not today's
    assert "今日约见：14:30 客户01" in page.band.meetings.text()
    assert 'href="kind:cadence"' in page.band.kinds.text() and "定期联系" in page.band.kinds.text()
    model = page.model  # the band's counts are the group headers' numbers
    headers = {code: model.rowCount(model.index(g, 0)) for g, code in enumerate(model.group_codes())}
    assert dict(day.groups) == headers and f"今日计划 {headers[PLAN]}" in page.band.kinds.text()
    page.tree.collapseAll()
    page.band.kinds.linkActivated.emit("kind:cadence")
    current = page.tree.currentIndex()
    assert current.data(ITEM_ROLE).kind == "cadence" and page.tree.isExpanded(current.parent())
    assert page.model.group_codes()[current.parent().row()] != PLAN  # the group, not the plan
    page.privacy.set_client_present(True)
    assert "客户01" not in page.band.meetings.text()


def test_an_empty_day_shows_a_hint_not_a_blank_band(qtbot, vault):
    page = _page(qtbot, vault)
    assert page.band.figures.total == 0 and "今天没有待办事项" in page.band.counts.text()
    assert page.band.kinds.isVisible() and "会按优先级汇总在这里" in page.band.kinds.text()


def test_status_bar_undo_and_tray_counts_follow_the_page(qtbot, vault_dir, book, monkeypatch, vault):
    vault.lock()
    pages = {}

    def factory(privacy, _clipboard):
        pages["today"] = WorklistPage(privacy, clock=lambda: NOW)
        return dict(pages)

    session = VaultSession(vault_dir)
    window = MainWindow(session, page_factory=factory)
    qtbot.addWidget(window)
    window.show()
    page = pages["today"]
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        from tests.conftest import PASSWORD

        session.unlock(PASSWORD, False)
    assert not window.undo_button.isVisible()
    _click(qtbot, page, _rows(page, "cadence")[0][0])
    monkeypatch.setattr(DismissDialog, "exec", lambda d: (d.try_accept(), d.result())[1])
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        page.dismiss_button.click()
    assert window.undo_button.isVisible() and "已忽略 1 项" in window.undo_button.toolTip()
    tray = window.notifier.summary
    day = page.band.figures
    assert (tray.overdue, tray.today, tray.ahead) == (day.overdue, day.due_today, day.ahead)
    assert sum(tray.kinds.values()) == day.total
    shown = f"逾期 {day.overdue}，今天 {day.due_today}，约见 {len(day.appointments)}"
    assert shown in window.status.counts_button.text()  # the status bar's counts: the same figures
    with qtbot.waitSignal(page.loaded, timeout=LOAD):
        window.undo_button.click()
    assert not window.undo_button.isVisible() and window.notifier.summary.kinds == dict(page.band.figures.by_kind)
    session.lock()
    assert not window.undo_button.isVisible()


def test_the_notifier_counts_the_worklist_figures(qtbot, vault, book):
    notifier = ReminderNotifier(Privacy(), clock=lambda: NOW, startup_delay_ms=0)
    with qtbot.waitSignal(notifier.notified, timeout=LOAD) as shown:
        notifier.start(vault)
    body = shown.args[1]
    assert "约见 1" in body and "提前准备 1" in body and "定期联系 12" in body
    assert "今天 0" in body  # a T-30 maturity notice is not today's
    notifier.shutdown()
