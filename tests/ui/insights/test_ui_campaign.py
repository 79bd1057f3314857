"""加入工作清单 from a bar's client list, offscreen with a fake clock: the dialog's defaults, the
items on the worklist page, the second press skipping everyone, Ctrl+Z, a refused title."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from rm_desktop.domain.tiers import tier_for
from rm_desktop.services.worklist.build import build_worklist
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_reminders import CustomReminder
from rm_desktop.ui.insights.campaign_dialog import CampaignDialog
from rm_desktop.ui.insights.insights_page import InsightsPage
from rm_desktop.ui.reminders.worklist_page import WorklistPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

TODAY = dt.date(2026, 6, 15)  # not the machine's today: the dialog must take the page's clock


@pytest.fixture
def wealthy(vault):
    ids = []
    with vault.sessions.begin() as s:
        for k in range(3):
            client = Client(name=f"财富{k}", aum=Decimal(600_000 + k), tier=tier_for(Decimal(600_000)).code)
            s.add(client)
            s.flush()
            ids.append(client.id)
        s.add(Client(name="别人", aum=Decimal(10), tier=tier_for(Decimal(10)).code))
    return ids


def _segment(qtbot, vault):
    page = InsightsPage(Privacy(), ClipboardGuard(), clock=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.attach(vault)
    return page.open_segment("tier:wealth")


def _campaign(qtbot, segment) -> CampaignDialog:
    assert segment.worklist_button.isEnabled() and segment.worklist_button.text() == "加入工作清单…"
    qtbot.mouseClick(segment.worklist_button, Qt.MouseButton.LeftButton)
    dialogs = segment.findChildren(CampaignDialog)
    assert dialogs
    return dialogs[-1]


def _campaign_keys(vault) -> dict[int | None, str]:
    return {i.client_id: i.key for i in build_worklist(vault, TODAY).items if i.kind == "custom"}


def test_the_button_adds_one_item_per_client_the_worklist_shows_them_and_ctrl_z_undoes(qtbot, vault, wealthy):
    segment = _segment(qtbot, vault)
    dialog = _campaign(qtbot, segment)
    assert dialog.title.text() == "财富客户 回访" and dialog.chosen_date() == TODAY
    assert dialog.date.minimumDate().toPython() == TODAY  # no day before today
    dialog.note.setPlainText("介绍新一期理财")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已加入工作清单 3 项" in dialog.outcome.text(), timeout=10_000)
    assert "已加入工作清单 3 项" in segment.note.text() and not dialog.add_button.isEnabled()
    keys = _campaign_keys(vault)
    assert sorted(keys) == sorted(wealthy)

    worklist = WorklistPage(Privacy(), clock=lambda: dt.datetime.combine(TODAY, dt.time(9)))
    qtbot.addWidget(worklist)
    worklist.show()
    with qtbot.waitSignal(worklist.loaded, timeout=20_000):
        worklist.attach(vault)
    assert all(worklist.model.find(key) is not None for key in keys.values())
    assert any(item.why().startswith("提醒 今天：财富客户 回访") for item in worklist.worklist.items)

    # The undo has the focus: Ctrl+Z is not a text field's own undo.
    assert dialog.undo_button.isVisible() and dialog.focusWidget() is dialog.undo_button
    worklist.hide()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    qtbot.keyClick(dialog.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已撤销" in dialog.outcome.text(), timeout=10_000)
    assert "移除 3 项" in segment.note.text() and dialog.add_button.isEnabled()
    assert _campaign_keys(vault) == {}
    with qtbot.waitSignal(worklist.loaded, timeout=20_000):
        worklist.reload()
    assert not any(worklist.model.find(key) for key in keys.values())


def test_pressed_again_nobody_is_added_twice(qtbot, vault, wealthy):
    segment = _segment(qtbot, vault)
    first = _campaign(qtbot, segment)
    first.submit()
    qtbot.waitUntil(lambda: first.result_value is not None, timeout=10_000)
    first.accept()
    again = _campaign(qtbot, segment)
    again.submit()
    qtbot.waitUntil(lambda: again.result_value is not None, timeout=10_000)
    assert again.result_value.created == 0
    assert "跳过 3 位：已有相同的未完成事项 3" in again.outcome.text()
    assert not again.undo_button.isVisible() and len(_campaign_keys(vault)) == 3


def test_a_refused_title_shows_in_the_dialog_and_stores_nothing(qtbot, vault, wealthy):
    dialog = _campaign(qtbot, _segment(qtbot, vault))
    dialog.title.setText("   ")
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "不能为空" in dialog.error.text() and dialog.add_button.isEnabled()
    with vault.sessions() as s:
        assert s.query(CustomReminder).count() == 0
    dialog.title.setText("节前问候")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)
    assert dialog.result_value.created == 3 and not dialog.error.isVisible()


def test_the_client_lists_selection_goes_to_the_worklist_from_its_context_menu(qtbot, vault, wealthy, attached):
    from PySide6.QtCore import QItemSelectionModel

    from rm_desktop.ui.clients.clients_page import ClientsPage

    page = attached(ClientsPage(Privacy(), ClipboardGuard()))
    table = page.list.table
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10_000)
    chosen = page.model.index(0, 0), page.model.index(2, 0)
    for index in chosen:
        table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    dialog = page.add_selection_to_worklist()
    assert dialog is not None and dialog.title.text() == "所选客户 回访"
    assert sorted(dialog.client_ids) == sorted(page.model.row_at(index.row()).id for index in chosen)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10_000)
    on = dialog.today
    made = [i.client_id for i in build_worklist(vault, on).items if i.kind == "custom"]
    assert sorted(made) == sorted(dialog.client_ids)
    table.clearSelection()
    assert page.add_selection_to_worklist() is None  # nothing selected, nothing offered
