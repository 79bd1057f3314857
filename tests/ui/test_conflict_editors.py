"""The other editors on a stale save (issue 13.2): the holding dialog and the script editor show
both values per field and store the choice; the plan editor shows the differences and saves
over the newer version only when told (that version stays in the plan's history)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients import holdings
from rm_desktop.services.plans import store as plans
from rm_desktop.services.scripts import library as scripts
from rm_desktop.ui.clients.holding_dialog import HoldingDialog
from rm_desktop.ui.plans.plans_page import PlansPage
from rm_desktop.ui.scripts.scripts_page import ScriptsPage
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.conflict_dialog import ConflictDialog
from rm_desktop.ui.widgets.privacy import Privacy


@pytest.fixture
def client_id(vault):
    return clients.create_client(vault, {"name": "周敏", "birth_date": "1985-01-20", "risk_grade": "C3"}).id


def _answer(monkeypatch, answer):
    shown: list[ConflictDialog] = []

    def exec_(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        answer(dialog)
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown


def test_holding_dialog(qtbot, vault, client_id, monkeypatch):
    row = holdings.add_holding(vault, client_id, {"product_type": "fund", "name": "稳健一号", "amount": "100000"})
    dialog = HoldingDialog(vault, client_id, None, row)
    qtbot.addWidget(dialog)
    holdings.update_holding(vault, row.id, {"amount": "200000", "notes": "追加"})  # elsewhere, meanwhile
    dialog.form.editors["amount"].setText("150000")

    def keep_mine(conflict: ConflictDialog) -> None:
        assert conflict.fields == ["amount", "notes"]
        assert conflict.values_shown("amount") == ("150000.00", "200000.00")
        assert conflict.theirs() == {"notes"}  # untouched here: their note stays by default
        conflict.save_button.click()

    shown = _answer(monkeypatch, keep_mine)
    dialog._save()
    assert len(shown) == 1 and dialog.result() == dialog.DialogCode.Accepted
    [stored] = holdings.list_holdings(vault, client_id)
    assert (stored.amount, stored.notes) == (Decimal("150000"), "追加")


def test_script_editor(qtbot, vault, monkeypatch):
    record = scripts.create_template(vault, {"name": "问候", "category": "follow_up", "channel": "sms", "body": "您好"})
    page = ScriptsPage(Privacy(), ClipboardGuard(seconds=45))
    qtbot.addWidget(page)
    page.attach(vault)
    page.ask = lambda title, question: True
    assert page.select_template(record.id)
    scripts.update_template(vault, record.id, {"name": "节日问候"})  # another window renamed it
    page.editor.body.setPlainText("您好，节日快乐")

    def take_theirs_name(conflict: ConflictDialog) -> None:
        assert conflict.fields == ["name"]  # the body was changed here alone: saved without asking
        assert conflict.values_shown("name") == ("问候", "节日问候")
        conflict.save_button.click()  # the default: their name, untouched here

    shown = _answer(monkeypatch, take_theirs_name)
    page.save()
    assert len(shown) == 1
    stored = scripts.get_template(vault, record.id)
    assert (stored.name, stored.body) == ("节日问候", "您好，节日快乐")
    page.detach()


@pytest.mark.parametrize("choice", ["save", "discard"])
def test_plan_editor(qtbot, vault, client_id, monkeypatch, choice):
    first = plans.create_plan(vault, client_id)
    page = PlansPage()
    qtbot.addWidget(page)
    page.attach(vault)
    page.open_client(client_id)
    plans.save_revision(vault, first.plan_id, dataclasses.replace(first.content, title="他人的标题"))
    page.editor.profile.title.setText("我的标题")

    def answer(conflict: ConflictDialog) -> None:
        assert conflict.values_shown(conflict.fields[0]) == ("我的标题", "他人的标题")
        (conflict.save_button if choice == "save" else conflict.discard_button).click()

    shown = _answer(monkeypatch, answer)
    assert page.save() is (choice == "save")
    assert len(shown) == 1
    latest = plans.get_plan(vault, first.plan_id)
    if choice == "save":
        assert (latest.version, latest.content.title) == (3, "我的标题")
        assert plans.get_plan(vault, first.plan_id, 2).content.title == "他人的标题"  # kept in the history
    else:
        assert (latest.version, latest.content.title) == (2, "他人的标题")
        assert page.editor.profile.title.text() == "他人的标题"
    page.detach()
