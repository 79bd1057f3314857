"""The 商机 page offscreen on a fake clock: the board's columns and figures, moves by keys, by
drop and by menu, the acknowledgement asked at an unsuitable 成交, the filters, privacy, the
add dialog's refusals, the walk-in and the referrals tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from rm_desktop.services.clients import files, holdings
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales import referrals
from rm_desktop.ui.sales.board_model import ID_ROLE
from rm_desktop.ui.sales.note_dialog import NoteDialog
from rm_desktop.ui.sales.opportunity_dialog import OpportunityDialog
from rm_desktop.ui.sales.sales_page import SalesPage
from rm_desktop.ui.sales.walk_in_dialog import WalkInDialog
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy

TODAY = dt.date(2026, 12, 2)
FUND = {"product_type": "fund", "product_name": "成长基金", "product_risk": "R4", "amount": "20万"}


@pytest.fixture
def book(vault):
    c2 = files.create_client(vault, {"name": "王芳", "risk_grade": "C2", "risk_expires_on": "2027-12-01"}, today=TODAY)
    c4 = files.create_client(vault, {"name": "李强", "risk_grade": "C4", "risk_expires_on": "2027-12-01"}, today=TODAY)
    first = opp.add_opportunity(vault, c2.id, FUND, today=TODAY)
    second = opp.add_opportunity(vault, c4.id, {**FUND, "source": "沙龙", "amount": "10万"}, today=TODAY)
    return c2, c4, first, second


@pytest.fixture
def page(attached, book):
    privacy = Privacy()
    made = SalesPage(privacy, clock=lambda: TODAY)
    made.privacy_switch = privacy
    attached(made)
    return made


def _ids(page, stage):
    model = page.board.columns[stage].model
    return [model.index(row).data(ID_ROLE) for row in range(model.rowCount())]


def _answer_next_dialog(qtbot, fill):
    """Answer the modal dialog the next action opens (a real exec(), answered from the event loop)."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        fill(dialog)

    QTimer.singleShot(0, answer)


def test_board_columns_counts_and_the_model(page, book, qtmodeltester):
    _c2, _c4, first, second = book
    assert sorted(_ids(page, "intent")) == sorted([first.id, second.id])
    assert page.board.columns["intent"].title.text() == "意向（2）"
    assert "30.00 万" in page.board.columns["intent"].figures.text()  # 20万 + 10万
    assert "加权 3.00 万（10%）" in page.board.columns["intent"].figures.text()
    assert "进行中 2 个" in page.summary.text() and not page.hint.isVisible()
    qtmodeltester.check(page.board.columns["intent"].model)


def test_ctrl_right_moves_the_selected_card_to_the_next_stage(page, book, qtbot):
    _c2, _c4, first, _second = book
    assert page.board.select(first.id)
    view = page.board.columns["intent"].view
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert opp.get_opportunity(page.vault, first.id).stage == "proposal"
    assert first.id in _ids(page, "proposal")
    assert page.board.columns["proposal"].view.hasFocus()  # the card keeps the keyboard's place
    qtbot.keyClick(page.board.columns["proposal"].view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert opp.get_opportunity(page.vault, first.id).stage == "intent"


def test_a_drop_on_another_column_moves_the_card(page, book):
    _c2, _c4, _first, second = book
    source = page.board.columns["intent"].model
    row = _ids(page, "intent").index(second.id)
    data = source.mimeData([source.index(row)])
    target = page.board.columns["assessment"].model
    assert target.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target.index(0).parent())
    target.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target.index(0).parent())
    assert opp.get_opportunity(page.vault, second.id).stage == "assessment"
    assert _ids(page, "assessment") == [second.id]


def test_unsuitable_close_asks_for_the_written_acknowledgement(page, book, qtbot):
    c2, _c4, first, _second = book
    _answer_next_dialog(qtbot, lambda d: d.reject())  # cancelled: nothing moves
    assert page.move_card(first.id, "won") is False
    assert opp.get_opportunity(page.vault, first.id).stage == "intent"

    def acknowledge(dialog):
        assert (
            isinstance(dialog, NoteDialog) and "R4" in dialog.explanation.text() and "C2" in dialog.explanation.text()
        )
        dialog.note.setPlainText("客户签署风险揭示书")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    _answer_next_dialog(qtbot, acknowledge)
    assert page.move_card(first.id, "won") is True
    assert opp.get_opportunity(page.vault, first.id).acknowledgement == "客户签署风险揭示书"
    assert len(holdings.list_holdings(page.vault, c2.id)) == 1
    assert _ids(page, "won") == [first.id] and "已成交" in page.summary.text()


def test_the_move_menu_offers_every_other_stage(page, book):
    _c2, _c4, first, _second = book
    menu = page.board.move_menu(first.id, "intent")
    moves = next(a.menu() for a in menu.actions() if a.menu() is not None)
    enabled = [a.text() for a in moves.actions() if a.isEnabled()]
    assert enabled == ["方案", "风评/双录", "成交", "未成交"]
    closed = page.board.move_menu(first.id, "won")
    assert not any(a.isEnabled() for a in next(a.menu() for a in closed.actions() if a.menu()).actions())


def test_filters_and_privacy(page, book):
    _c2, _c4, _first, second = book
    page.source.setCurrentIndex(page.source.findData("salon"))
    assert _ids(page, "intent") == [second.id]
    page.source.setCurrentIndex(0)
    page.privacy_switch.set_client_present(True)
    assert HIDDEN in page.board.columns["intent"].figures.text() and HIDDEN in page.summary.text()
    text = page.board.columns["intent"].model.index(0).data()
    assert HIDDEN in text and "20.00" not in text


def test_the_add_dialog_refuses_a_zero_amount_and_saves_a_good_one(page, book, qtbot):
    c2, _c4, _first, _second = book
    dialog = OpportunityDialog(page.vault, TODAY, parent=page)
    qtbot.addWidget(dialog)
    dialog.set_client(c2.id, "王芳")
    dialog.form.set_value("product_name", "月月盈")
    dialog.form.set_value("amount", "0")
    dialog._save()
    assert dialog.saved is None and "大于 0" in dialog.form.errors["amount"].text()
    dialog.form.set_value("amount", "5万")
    dialog.form.set_value("referrer_role", "teller")
    dialog.form.set_value("referrer_name", "王五")
    dialog._save()
    assert dialog.saved is not None and dialog.saved.amount == 50000
    assert referrals.list_referrals(page.vault, referrer_name="王五")[0].opportunity_id == dialog.saved.id


def test_walk_in_becomes_a_client_and_shows_under_referrals(page, qtbot):
    dialog = WalkInDialog(page.vault, TODAY, parent=page)
    qtbot.addWidget(dialog)
    dialog.form.set_value("name", "陈明")
    dialog.form.set_value("referrer_name", "李娜")
    dialog._save()
    assert (
        dialog.created is not None and files.get_client(page.vault, dialog.created.id).referrer_staff == "大堂经理 李娜"
    )
    page.load()
    assert page.referrals.table.rowCount() == 1 and page.referrals.table.item(0, 0).text() == "大堂经理 李娜"
    page.referrals.table.selectRow(0)
    assert "陈明" in page.referrals.clients.text()


def test_an_empty_book_says_what_to_do(attached, vault):
    page = attached(SalesPage(Privacy(), clock=lambda: TODAY))
    assert page.hint.isVisible() and "新建商机" in page.hint.text()
    assert not page.referrals.hint.isHidden()  # on its tab


def test_ctrl_shift_n_opens_the_new_opportunity_dialog_in_the_window(qtbot, page, monkeypatch):
    opened = []
    monkeypatch.setattr(OpportunityDialog, "exec", lambda self: opened.append(self) or 0)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(opened) == 1 and opened[0].windowTitle() == "新建商机"


def test_a_client_can_be_the_referrer_but_not_together_with_a_colleague(page, book, qtbot):
    c2, c4, _first, _second = book
    dialog = OpportunityDialog(page.vault, TODAY, parent=page)
    qtbot.addWidget(dialog)
    dialog.set_client(c2.id, "王芳")
    dialog.referrer_client.set_client(c4.id, "李强")
    dialog.form.set_value("product_name", "月月盈")
    dialog.form.set_value("amount", "5万")
    dialog.form.set_value("referrer_name", "王五")
    dialog._save()
    assert dialog.saved is None and "二选一" in dialog.form.errors["referrer_name"].text()
    dialog.form.set_value("referrer_name", "")
    dialog._save()
    assert dialog.saved is not None
    [summary] = referrals.referrer_summaries(page.vault)
    assert summary.label == "李强" and summary.referred == 1 and summary.opportunities == 2  # all of 王芳's
