"""The client's balances in the file (issue 18.2), through the real widgets: the header's AUM,
the profile's AUM field and the 持仓 tab's amounts and total are masked until 显示 beside the
AUM; it asks the reason by the mode and writes one entry of kind balance; Esc leaves all masked
and writes nothing; another client, or 客户在场, masks them again; 修改 on a masked holding asks
first (its dialog shows the amount)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from rm_desktop.services.audit import reading
from rm_desktop.services.clients import holdings
from rm_desktop.services.clients.files import create_client
from rm_desktop.ui.clients import client_file
from rm_desktop.ui.clients.client_file import ClientFileView
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy

AUM = "1234567.89"  # 123.46 万元 in the header (the default unit), 元 in the 持仓 column
HELD, REDEEMED = "876543.21", "20000.00"
FULL = ("123.46", "1,234,567.89", "876,543.21", "20,000.00")
AMOUNT = 3  # the 持仓 column of the amounts


@pytest.fixture
def view(qtbot, vault, monkeypatch):
    first = create_client(vault, {"name": "单田芳", "phone": "13912345678", "aum": AUM}).id
    holdings.add_holding(vault, first, {"product_type": "fund", "name": "稳健一号", "amount": HELD})
    holdings.add_holding(vault, first, {"product_type": "wealth", "name": "旧理财", "amount": REDEEMED})
    for holding in holdings.list_holdings(vault, first):
        if holding.name == "旧理财":
            holdings.update_holding(vault, holding.id, {"status": "redeemed"})
    second = create_client(vault, {"name": "王可发", "aum": "300000"}).id
    widget = ClientFileView(Privacy())
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.show_client(vault, first)
    widget.ids = (first, second)
    widget.edits = []  # the holding dialogs that would have opened
    monkeypatch.setattr(client_file.HoldingDialog, "exec", lambda dialog: widget.edits.append(dialog.holding) or 0)
    return widget


def _texts(view) -> str:
    """Every balance the file shows: header, 持仓 cells and total (the profile field is echo-masked)."""
    tab = view.holdings
    cells = [tab.model.index(row, AMOUNT).data() for row in range(tab.model.rowCount())]
    return " ".join([view.card.facts["aum"].text(), *cells, tab.total.text()])


def _masked(view) -> bool:
    text = _texts(view)
    echo = view.form.editors["aum"].echoMode()
    return not [v for v in FULL if v in text] and echo == QLineEdit.EchoMode.Password


def _balance_entries(vault):
    return [e.counts for e in reading.entries(vault, action="reveal", limit=None)]


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_masked_until_shown_with_a_reason_esc_writes_nothing(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "always")
    assert _masked(view) and view.card.facts["aum"].text() == "****"
    assert view.holdings.model.index(0, AMOUNT).data() == "****" and "****" in view.holdings.total.text()
    assert view.holdings.model.index(0, 1).data() in ("稳健一号", "旧理财")  # names and dates stay
    answers.queue = [None]
    _click(qtbot, view.card.show_balance)
    assert answers.asked == 1 and not view.card.show_balance.isChecked() and _masked(view)
    assert _balance_entries(vault) == []
    answers.queue = ["check_records"]
    _click(qtbot, view.card.show_balance)
    assert view.card.facts["aum"].text() == "123.46 万元"
    assert sorted(view.holdings.model.index(r, AMOUNT).data() for r in range(2)) == ["20,000.00", "876,543.21"]
    assert view.holdings.total.text() == "持有中合计：876,543.21 元"  # the redeemed one is not held
    assert view.form.editors["aum"].echoMode() == QLineEdit.EchoMode.Normal
    assert _balance_entries(vault) == [{"fields": ["balance"], "reason": "check_records"}]
    _click(qtbot, view.card.show_balance)  # masking again never asks
    assert answers.asked == 2 and _masked(view)


def test_another_client_or_the_lock_masks_again(qtbot, vault, view, answers):
    answers.queue = ["transaction"]  # once per client and session, the default
    _click(qtbot, view.card.show_balance)
    assert not _masked(view)
    view.show_client(vault, view.ids[1])
    assert view.card.facts["aum"].text() == "****" and not view.card.show_balance.isChecked()
    view.show_client(vault, view.ids[0])  # reopened: masked; this session explained it, so no question
    assert _masked(view)
    _click(qtbot, view.card.show_balance)
    assert answers.asked == 1 and not _masked(view)
    assert [c["reason"] for c in _balance_entries(vault)] == ["transaction", "transaction"]
    view.clear()  # the lock
    view.show_client(vault, view.ids[0])
    assert _masked(view)


def test_client_present_hides_them_and_keeps_show_off(qtbot, vault, view, answers, monkeypatch):
    vault.settings.set("reveal_reason_mode", "never")
    _click(qtbot, view.card.show_balance)
    assert not _masked(view)
    view.privacy.set_client_present(True)
    assert view.card.facts["aum"].text() == HIDDEN and not view.card.show_balance.isEnabled() and _masked(view)
    _click(qtbot, view.card.show_balance)
    assert _masked(view)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, _text: told.append(title))
    view.holdings.table.selectRow(0)
    view.holdings.row_buttons[0].click()  # 修改: the dialog would show the amount
    assert told == ["修改持仓"] and view.edits == [] and _masked(view)
    assert len(_balance_entries(vault)) == 1


def test_mode_never_shows_without_a_dialog_and_logs_not_asked(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "never")
    _click(qtbot, view.card.show_balance)
    assert answers.asked == 0 and not _masked(view)
    assert _balance_entries(vault) == [{"fields": ["balance"], "reason": "not_asked"}]


def test_editing_a_masked_holding_asks_first(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "always")
    view.holdings.table.selectRow(0)
    answers.queue = [None]
    view.holdings.row_buttons[0].click()  # 修改
    assert answers.asked == 1 and view.edits == [] and _masked(view)
    answers.queue = ["transaction"]
    index = view.holdings.model.index(0, 1)
    view.holdings.table.doubleClicked.emit(index)
    assert [h.id for h in view.edits] == [index.data(Qt.ItemDataRole.UserRole + 1).id] and not _masked(view)
    view.holdings.row_buttons[0].click()  # shown already: no second question
    assert answers.asked == 2 and len(view.edits) == 2
    assert len(_balance_entries(vault)) == 1


def test_the_holdings_model_masked_and_shown(qtbot, view, qtmodeltester):
    qtmodeltester.check(view.holdings.model)
    view.holdings.set_amounts_shown(True)
    qtmodeltester.check(view.holdings.model)


def test_a_save_keeps_them_shown_reopening_masks(qtbot, vault, view, answers):
    answers.queue = ["transaction"]
    _click(qtbot, view.card.show_balance)
    view.form.editors["occupation"].setText("教师")
    assert view.save() and not _masked(view) and view.card.show_balance.isChecked()  # the same file
    assert answers.asked == 1
    view.show_client(vault, view.ids[0])  # back to the list and the same client opened again
    assert _masked(view) and not view.card.show_phone.isChecked()
