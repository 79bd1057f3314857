"""Unsaved changes in the client file (issue 14.1): leaving asks 保存 / 放弃 / 取消, a lock keeps a
draft without asking, the next unlock offers it back; nothing is asked when nothing changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.clients import drafts
from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.ui.clients.client_file import DRAFT_KIND
from rm_desktop.ui.clients.clients_page import ClientsPage
from rm_desktop.ui.shell.main_window import MainWindow
from rm_desktop.ui.shell.session import VaultSession
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

B = QMessageBox.StandardButton


@pytest.fixture
def page(attached):
    return attached(ClientsPage(Privacy(), ClipboardGuard()))


def _open(page, vault, name="张伟"):
    client = clients.create_client(vault, {"name": name, "occupation": "教师"})
    page.open_client(client.id)
    assert page.stack.currentWidget() is page.file
    return client


def _type(page, text):
    editor = page.file.form.editors["occupation"]
    editor.setText(text)
    editor.textEdited.emit(text)


def test_back_with_changes_asks_and_cancel_stays(page, vault, answers):
    queue, asked = answers
    _open(page, vault)
    _type(page, "律师")
    queue.append(B.Cancel)
    page.file.leave()  # ← 返回列表
    assert asked == ["未保存的修改"] and page.stack.currentWidget() is page.file
    assert page.file.form.values()["occupation"] == "律师"  # what was typed stays


def test_save_saves_and_discard_discards(page, vault, answers):
    queue, asked = answers
    client = _open(page, vault)
    _type(page, "律师")
    queue.append(B.Save)
    page.file.leave()
    assert page.stack.currentWidget() is page.list
    assert clients.get_client(vault, client.id).occupation == "律师"
    page.open_client(client.id)
    _type(page, "医生")
    queue.append(B.Discard)
    page.file.leave()
    assert page.stack.currentWidget() is page.list and len(asked) == 2
    assert clients.get_client(vault, client.id).occupation == "律师"
    assert drafts.load_drafts(vault, DRAFT_KIND) == []


def test_no_question_when_nothing_changed(qtbot, page, vault, answers):
    _open(page, vault)
    _type(page, "律师")
    _type(page, "教师")  # typed and undone by hand: the values are the loaded ones
    qtbot.keyClick(page.file.form.editors["occupation"], Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.list
    page.open_client(page.file.record.id)
    _type(page, "律师")
    assert page.file.save()
    page.file.leave()  # just saved: nothing to ask
    assert page.stack.currentWidget() is page.list and answers[1] == []


def test_opening_another_client_asks_first(page, vault, answers):
    queue, asked = answers
    _open(page, vault)
    other = clients.create_client(vault, {"name": "李娜"})
    _type(page, "律师")
    queue.append(B.Cancel)
    page.open_client(other.id)
    assert page.file.record.name == "张伟" and asked == ["未保存的修改"]


@pytest.fixture
def window(qtbot, vault_dir, vault):
    session = VaultSession(vault_dir)
    w = MainWindow(session, page_factory=lambda privacy, clipboard: {"clients": ClientsPage(privacy, clipboard)})
    qtbot.addWidget(w)
    w.show()
    session.adopt(vault)
    w.nav.setCurrentRow(list(w.pages).index("clients"))
    yield w
    session.lock()


def test_switching_area_and_quitting_ask(qtbot, window, vault, answers):
    queue, asked = answers
    page = window.pages["clients"]
    _open(page, vault)
    _type(page, "律师")
    clients_row = window.nav.currentRow()
    queue.append(B.Cancel)
    window.nav.setCurrentRow(0)  # 今日
    assert window.nav.currentRow() == clients_row and window.area.currentWidget() is page
    queue.append(B.Cancel)
    window.close()
    assert window.isVisible() and window.session.vault is not None and len(asked) == 2
    queue.append(B.Discard)
    window.nav.setCurrentRow(0)
    assert window.area.currentIndex() == 0 and drafts.load_drafts(vault, DRAFT_KIND) == []


def test_lock_keeps_a_draft_and_unlock_offers_it(qtbot, window, vault_dir, vault, answers):
    queue, asked = answers
    page = window.pages["clients"]
    client = _open(page, vault)
    _type(page, "律师")
    window.lock()  # as the idle lock does: no question
    assert asked == [] and window.session.vault is None
    queue.append(B.Yes)
    again = window.session.adopt(vs.unlock(vault_dir))
    qtbot.waitUntil(lambda: asked == ["未保存的客户资料"], timeout=10_000)  # (after the first paint)
    assert window.area.currentWidget() is page and page.stack.currentWidget() is page.file
    assert page.file.record.id == client.id and page.file.form.values()["occupation"] == "律师"
    assert page.file.is_dirty()  # restored, not yet saved
    queue.append(B.Save)
    page.file.leave()
    assert clients.get_client(again, client.id).occupation == "律师"
    assert drafts.load_drafts(again, DRAFT_KIND) == []


def test_a_crash_leaves_the_draft_and_discard_drops_it(qtbot, page, vault, vault_dir, answers):
    queue, _asked = answers
    client = _open(page, vault)
    _type(page, "律师")
    page.file.keeper.save()  # what the 3-second timer does
    (draft,) = drafts.load_drafts(vault, DRAFT_KIND)
    assert draft.client_id == client.id and draft.payload["values"]["occupation"] == "律师"
    page.file.keeper.save()
    assert [d.id for d in drafts.load_drafts(vault, DRAFT_KIND)] == [draft.id]  # one row per open form
    queue.append(B.Discard)
    assert not page.file.offer_draft(vault)
    assert drafts.load_drafts(vault, DRAFT_KIND) == []


# -- the holding dialog -----------------------------------------------------------------------
def _holding_dialog(qtbot, vault, page):
    from rm_desktop.services.clients import holdings
    from rm_desktop.ui.clients.holding_dialog import HoldingDialog

    client = _open(page, vault)
    row = holdings.add_holding(vault, client.id, {"product_type": "fund", "name": "稳健一号", "amount": "100000"})
    dialog = HoldingDialog(vault, client.id, page, row)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, client


def _rename(dialog, text):
    dialog.form.set_value("name", text)


def test_holding_dialog_asks_only_with_changes(qtbot, page, vault, answers):
    from rm_desktop.services.clients import holdings

    queue, asked = answers
    dialog, client = _holding_dialog(qtbot, vault, page)
    _rename(dialog, "进取二号")
    queue.append(B.Cancel)
    dialog.reject()  # Esc, the Cancel button and the close button all end here
    assert dialog.isVisible() and asked == ["未保存的修改"]
    queue.append(B.Save)
    dialog.reject()
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
    assert [h.name for h in holdings.list_holdings(vault, client.id)] == ["进取二号"]
    (row,) = holdings.list_holdings(vault, client.id)
    from rm_desktop.ui.clients.holding_dialog import HoldingDialog

    again = HoldingDialog(vault, client.id, page, row)
    qtbot.addWidget(again)
    again.show()
    again.reject()  # unchanged: closes without a question
    assert not again.isVisible() and len(asked) == 2


def test_holding_draft_at_lock_is_offered_back(qtbot, page, vault, answers):
    from rm_desktop.ui.clients.holding_dialog import DRAFT_KIND as HOLDING_DRAFT
    from rm_desktop.ui.clients.holding_dialog import HoldingDialog

    queue, asked = answers
    dialog, client = _holding_dialog(qtbot, vault, page)
    _rename(dialog, "进取")
    dialog.keeper.save()  # what the 3-second autosave does: a crash now would keep it
    (autosaved,) = drafts.load_drafts(vault, HOLDING_DRAFT)
    _rename(dialog, "进取二号")
    dialog.close_for_lock()
    assert not dialog.isVisible() and asked == []
    assert [(d.id, d.payload["values"]["name"]) for d in drafts.load_drafts(vault, HOLDING_DRAFT)] == [
        (autosaved.id, "进取二号")
    ]
    queue.append(B.Yes)
    assert page.file.offer_draft(vault)
    (restored,) = [w for w in page.file.findChildren(HoldingDialog) if w.isVisible()]
    assert restored.form.values()["name"] == "进取二号" and restored.changes.dirty()
    restored._save()
    assert drafts.load_drafts(vault, HOLDING_DRAFT) == [] and page.file.record.id == client.id
