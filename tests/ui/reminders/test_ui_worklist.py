"""The 今日工作清单 page driven through real widgets offscreen with a fake clock: the plan first
with its reasons, groups by kind, privacy, and each action in place (log a contact with the
suggested script, record a maturity outcome, mark lost, snooze, dismiss), the progress bar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from rm_desktop.domain.worklist import Candidate, ClientContext, WorklistSettings, rank
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.scripts import library
from rm_desktop.services.worklist import outcomes
from rm_desktop.services.worklist.build import Worklist
from rm_desktop.services.worklist.retention import retention_by_month
from rm_desktop.ui.reminders.reminder_dialogs import DismissDialog, LogContactDialog
from rm_desktop.ui.reminders.worklist_dialogs import LostDialog, OutcomeDialog
from rm_desktop.ui.reminders.worklist_model import ITEM_ROLE, PLAN, Col, WorklistModel
from rm_desktop.ui.reminders.worklist_page import WorklistPage
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy

NOW = dt.datetime(2026, 6, 15, 10, 0)
TODAY = NOW.date()


@pytest.fixture
def book(vault):
    """A private client's 50万 maturing tomorrow, matured money without an outcome, a quiet client."""
    library.ensure_builtins(vault)
    ids = {}
    ids["rich"] = create_client(vault, {"name": "王大户", "aum": "5000000"}, today=TODAY).id
    ids["held"] = holdings.add_holding(
        vault,
        ids["rich"],
        {"product_type": "wealth", "name": "稳享理财", "amount": "500000", "maturity_date": "2026-06-16"},
    ).id
    ids["done"] = create_client(vault, {"name": "李四", "aum": "300000"}, today=TODAY).id
    ids["matured"] = holdings.add_holding(
        vault,
        ids["done"],
        {"product_type": "deposit", "name": "大额存单", "amount": "200000", "maturity_date": "2026-06-12"},
    ).id
    ids["quiet"] = create_client(vault, {"name": "赵六", "aum": "300000"}, today=TODAY).id
    at = dt.datetime(2026, 4, 1, 10)
    contacts.add_contact(vault, ids["quiet"], {"channel": "phone", "content": "回访", "at": at.isoformat()}, now=at)
    return ids


def _page(qtbot, vault, privacy=None) -> WorklistPage:
    page = WorklistPage(privacy or Privacy(), clock=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.attach(vault)
    return page


def _select(page, predicate):
    model = page.model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for row in range(model.rowCount(group)):
            index = model.index(row, 0, group)
            item = index.data(ITEM_ROLE)
            if predicate(item):
                page.tree.expand(group)
                page.select_only(index)  # (setCurrentIndex would add to the selection while Ctrl is down)
                return item
    raise AssertionError("no such item on the page")


def _keys(page) -> list[str]:
    return [item.key for item in page.worklist.items]


def test_the_model_passes_the_model_tester(qapp, qtmodeltester):
    client = ClientContext(1, "王小明", "private", "私行客户", Decimal(1_000_000))
    candidates = [
        Candidate(f"cadence:{n}:x", "cadence" if n % 2 else "birthday", client, TODAY, "定期", "regular")
        for n in range(12)
    ]
    model = WorklistModel(Privacy())
    model.set_worklist(Worklist(TODAY, 3, rank(candidates, TODAY, WorklistSettings())))
    assert model.group_codes()[0] == PLAN and model.rowCount(model.index(0, 0)) == 3
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_plan_first_with_reasons_then_groups_and_privacy(qtbot, vault, book):
    privacy = Privacy()
    page = _page(qtbot, vault, privacy)
    plan = page.model.index(0, 0)
    assert page.model.group_codes()[0] == PLAN and "今日计划" in plan.data()
    first = page.model.index(0, Col.WHY, plan)
    assert page.model.index(0, Col.CLIENT, plan).data() == "王大户"
    assert first.data().startswith("到期 50万 T-1（稳享理财） · 私行客户")
    assert f"maturity_outcome:{book['matured']}" in _keys(page)
    assert any(item.candidate.rule == "no_contact" for item in page.worklist.items)
    assert page.progress.value() == 0 and page.progress.maximum() == 8
    privacy.set_client_present(True)
    assert page.model.index(0, Col.CLIENT, plan).data() == "W.D.H."
    assert "50万" not in first.data() and HIDDEN in first.data()


def test_log_contact_fills_in_the_suggested_script_and_ticks_progress(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    quiet = _select(page, lambda item: item.candidate.rule == "no_contact")
    seen = {}

    def accept(dialog):
        seen["text"] = dialog.content.toPlainText()
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(LogContactDialog, "exec", accept)
    page.tree.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(page.tree, Qt.Key_R, Qt.ControlModifier)
    assert "有段时间没和您联系了" in seen["text"]  # the built-in follow-up (回访) phone script
    assert quiet.key not in _keys(page)
    assert contacts.list_contacts(vault, book["quiet"])[0].content == seen["text"]
    assert page.progress.value() == 1 and page.status.text() == "已记录联系。"


def test_record_a_maturity_outcome_in_place(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    _select(page, lambda item: item.kind == "maturity")
    assert not page.outcome_button.isEnabled()  # not matured yet
    _select(page, lambda item: item.kind == "maturity_outcome")
    assert page.outcome_button.isEnabled()

    def keep_half_into(dialog):
        assert dialog.kept.text() == "200000.00"  # the matured amount is the default
        dialog.kept.setText("-1")
        dialog.try_accept()
        assert "负数" in dialog.error.text()  # refused in the dialog, which stays open
        dialog.kept.setText("10万")
        dialog.into.setText("养老理财")
        dialog.reason.setEditText("利率")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(OutcomeDialog, "exec", keep_half_into)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.outcome_button.click()
    assert f"maturity_outcome:{book['matured']}" not in _keys(page)
    assert "部分留存" in page.status.text() and page.progress.value() == 1
    [june] = retention_by_month(vault, 1, today=TODAY)
    assert (june.recorded, june.kept) == (200_000, 100_000)
    assert any(item.candidate.rule == "not_kept" for item in page.worklist.items)
    [moved] = [h for h in holdings.list_holdings(vault, book["done"]) if h.name == "养老理财"]
    assert moved.amount == 100_000


def test_mark_lost_dismiss_and_snooze(qtbot, vault, book, monkeypatch):
    page = _page(qtbot, vault)
    _select(page, lambda item: item.candidate.rule == "no_contact")

    def lost(dialog):
        assert dialog.reason.itemText(0) == "利率"
        dialog.reason.setCurrentText("他行营销")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(LostDialog, "exec", lost)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.lost_button.click()
    assert outcomes.lost_clients(vault) == {book["quiet"]: "他行营销"}
    assert not [item for item in page.worklist.items if item.client_id == book["quiet"]]

    maturity = _select(page, lambda item: item.kind == "maturity")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.snooze_menu.actions()[0].trigger()  # one day
    assert maturity.key not in _keys(page)

    prompt = _select(page, lambda item: item.kind == "maturity_outcome")

    def reason(dialog):
        dialog.reason.setEditText("客户来电说明")
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(DismissDialog, "exec", reason)
    page.tree.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        qtbot.keyClick(page.tree, Qt.Key_Delete)
    assert prompt.key not in _keys(page) and page.progress.value() == 2


def test_all_reminders_tab_and_lock_clears(qtbot, vault, book):
    page = _page(qtbot, vault)
    with qtbot.waitSignal(page.reminders_page.loaded, timeout=20_000):
        page.tabs.setCurrentIndex(1)
    assert page.reminders_page.model.total() > 0
    page.detach()
    assert page.model.total() == 0 and page.reminders_page.view is None and page.heading.text() == ""


def test_the_current_item_stays_current_across_a_reload(qtbot, vault, book):
    page = _page(qtbot, vault)
    assert page.current_item() is page.worklist.plan[0]  # the plan's first item to begin with
    prompt = _select(page, lambda item: item.kind == "maturity_outcome")
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    assert page.current_item() is not None and page.current_item().key == prompt.key


def test_group_titles_span_the_row_and_the_progress_text_fits(qtbot, vault, book):
    page = _page(qtbot, vault)
    from PySide6.QtCore import QModelIndex

    assert page.model.rowCount() >= 1  # the plan (the small book fits in it)
    assert all(page.tree.isFirstColumnSpanned(row, QModelIndex()) for row in range(page.model.rowCount()))
    bar = page.progress
    text = bar.format().replace("%v", "88").replace("%m", "88")
    assert bar.minimumWidth() > bar.fontMetrics().horizontalAdvance(text)
    header = page.tree.header()  # the reason, not the due date, takes the spare width
    assert header.sectionSize(Col.WHY) > 3 * header.sectionSize(Col.DUE)
    page.detach()
