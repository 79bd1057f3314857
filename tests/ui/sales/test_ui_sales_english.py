"""The 商机 page and its dialogs in the English UI: no Chinese left but the client's own data."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.clients import files
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales import referrals
from rm_desktop.ui.sales.note_dialog import NoteDialog
from rm_desktop.ui.sales.opportunity_dialog import OpportunityDialog
from rm_desktop.ui.sales.sales_page import SalesPage
from rm_desktop.ui.sales.walk_in_dialog import WalkInDialog
from rm_desktop.ui.widgets.privacy import Privacy
from tests.ui.test_english_ui import english  # noqa: F401  (the fixture: English from the committed .ts)
from tests.ui.visible_texts import chinese_left, cut_headers, mnemonic_slips

TODAY = dt.date(2026, 12, 2)
DATA = ["王芳", "成长基金", "送方案", "李娜", "陈明"]


def test_the_sales_page_and_dialogs_are_english(english, qtbot, attached, vault):  # noqa: F811
    client = files.create_client(vault, {"name": "王芳", "risk_grade": "C3"}, today=TODAY)
    made = opp.add_opportunity(
        vault,
        client.id,
        {"product_type": "fund", "product_name": "成长基金", "amount": "1万", "next_step": "送方案",
         "next_step_on": "2026-12-03", "source": "salon"},
        today=TODAY,
    )  # fmt: skip
    referrals.walk_in(vault, {"name": "陈明"}, {"referrer_role": "teller", "referrer_name": "李娜"}, today=TODAY)
    page = attached(SalesPage(Privacy(), clock=lambda: TODAY))
    page.resize(1366, 700)
    found = []
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        found += chinese_left(page, DATA) + mnemonic_slips(page) + cut_headers(page)
    for dialog in (
        OpportunityDialog(vault, TODAY, parent=page),
        OpportunityDialog(vault, TODAY, opp.get_opportunity(vault, made.id), parent=page),
        WalkInDialog(vault, TODAY, parent=page),
        NoteDialog(page.tr("未成交原因"), page.tr("写明未成交的原因："), page.tr("如 利率不如他行"), page),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        found += chinese_left(dialog, DATA) + mnemonic_slips(dialog)
        dialog.reject()
    menu = page.board.move_menu(made.id, "intent")
    found += [a.text() for a in menu.actions() if any("\u4e00" <= ch <= "\u9fff" for ch in a.text())]
    assert not found, "\n".join(found)
