"""The client file's smaller points (issue 14.11): the profile masks the phone and ID until the
header's 显示, the 持仓 and 关系 tabs say what to do when empty, 修改/删除 need a selected row, and
Ctrl+F goes to the list's search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients import holdings
from rm_desktop.ui.clients.clients_page import ClientsPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

HIDDEN, SHOWN = QLineEdit.EchoMode.Password, QLineEdit.EchoMode.Normal


@pytest.fixture
def page(qtbot, vault):
    widget = ClientsPage(Privacy(), ClipboardGuard())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.attach(vault)
    yield widget
    widget.detach()


@pytest.fixture
def client(vault):
    return clients.create_client(
        vault, {"name": "张伟", "phone": "13812345678", "id_type": "resident_id", "id_number": "11010519491231002X"}
    )


def _echo(page, key):
    return page.file.form.editors[key].echoMode()


def test_profile_masks_phone_and_id_until_shown(page, client):
    page.open_client(client.id)
    assert _echo(page, "phone") == HIDDEN and _echo(page, "id_number") == HIDDEN
    assert "****" in page.file.card.facts["phone"].text()
    page.file.card.show_phone.setChecked(True)
    assert _echo(page, "phone") == SHOWN and _echo(page, "id_number") == HIDDEN
    page.file.card.show_id.setChecked(True)
    assert _echo(page, "id_number") == SHOWN
    assert page.file.form.values()["phone"] == "13812345678"  # masked on screen, never in the value
    page.file.privacy.set_client_present(True)
    assert _echo(page, "phone") == HIDDEN and _echo(page, "id_number") == HIDDEN
    page.file.privacy.set_client_present(False)
    page.open_client(None)  # a new client: nothing stored to hide while typing
    assert _echo(page, "phone") == SHOWN and _echo(page, "id_number") == SHOWN


def test_empty_tabs_hint_and_row_buttons_need_a_selection(page, vault, client):
    page.open_client(client.id)
    tab = page.file.holdings
    assert tab.empty.isVisibleTo(tab) and not tab.table.isVisibleTo(tab) and "添加持仓" in tab.empty.text()
    relations = page.file.relations
    assert relations.empty.isVisibleTo(relations) and "添加关系" in relations.empty.text()
    assert tab.row_buttons and not any(b.isEnabled() for b in tab.row_buttons)
    holdings.add_holding(vault, client.id, {"product_type": "fund", "name": "稳健一号", "amount": "1000"})
    tab.reload()
    assert tab.table.isVisibleTo(tab) and not tab.empty.isVisibleTo(tab)
    assert not any(b.isEnabled() for b in tab.row_buttons)  # a row, but none selected yet
    tab.table.selectRow(0)
    assert all(b.isEnabled() for b in tab.row_buttons)
    contacts_tab = page.file.contacts
    assert contacts_tab.row_buttons and not any(b.isEnabled() for b in contacts_tab.row_buttons)


def test_ctrl_f_in_a_client_file_goes_to_the_search(qtbot, page, client):
    page.open_client(client.id)
    qtbot.keyClick(page.file.form.editors["name"], Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.stack.currentWidget() is page.list and page.list.search.hasFocus()


def test_a_client_added_a_minute_ago_is_not_overdue(page, vault):
    added = clients.create_client(vault, {"name": "李娜", "aum": "30万"})  # a tier with a contact cadence
    assert added.contact_due is not None
    page.open_client(added.id)
    assert page.file.card.facts["last"].text() == "从未联系"  # due one cadence after being added, not late
