"""A client file saved after someone else changed the client (issue 13.2): the conflict dialog
shows both values of each field changed elsewhere and stores what the user chose, never
silently the form's stale values."""

from __future__ import annotations

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.ui.clients.client_file import ClientFileView
from rm_desktop.ui.widgets.conflict_dialog import ConflictDialog
from rm_desktop.ui.widgets.privacy import Privacy


@pytest.fixture
def opened(qtbot, vault):
    """The file open in the form; then the CLI (the same service) changes two fields."""
    record = clients.create_client(vault, {"name": "王芳", "occupation": "教师", "employer": "第一中学"})
    view = ClientFileView(Privacy())
    qtbot.addWidget(view)
    view.show_client(vault, record.id)
    clients.update_client(vault, record.id, {"occupation": "医生", "employer": "第二中学"})
    view.form.editors["occupation"].setText("律师")  # the user's own edits, on the stale form
    view.form.editors["notes"].setPlainText("周末联系")
    return view, record.id


def _answer(monkeypatch, answer):
    """Stand in for the user at the (otherwise modal) dialog; returns the dialogs shown."""
    shown: list[ConflictDialog] = []

    def exec_(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        answer(dialog)
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown


def test_the_dialog_shows_both_values_and_stores_the_choice(vault, opened, monkeypatch):
    view, client_id = opened

    def choose(dialog: ConflictDialog) -> None:
        dialog.choose("occupation", mine=False)  # theirs after all
        dialog.choose("employer", mine=True)  # the form's (older) value, on purpose
        dialog.save_button.click()

    shown = _answer(monkeypatch, choose)
    assert view.save() is True

    [dialog] = shown
    # The notes were changed by this form alone: saved without asking.
    assert dialog.fields == ["occupation", "employer"]
    assert dialog.values_shown("occupation") == ("律师", "医生")
    assert dialog.values_shown("employer") == ("第一中学", "第二中学")
    stored = clients.get_client(vault, client_id)
    assert (stored.occupation, stored.employer, stored.notes) == ("医生", "第一中学", "周末联系")
    assert view.form.editors["occupation"].text() == "医生"  # the form shows what was stored


def test_defaults_keep_my_edits_and_their_untouched_changes(vault, opened, monkeypatch):
    view, client_id = opened
    shown = _answer(monkeypatch, lambda dialog: dialog.save_button.click())
    assert view.save() is True
    assert shown[0].theirs() == {"employer"}  # the user did not touch it: the new value stays
    stored = clients.get_client(vault, client_id)
    assert (stored.occupation, stored.employer, stored.notes) == ("律师", "第二中学", "周末联系")


def test_keep_all_mine_overwrites_only_after_seeing_theirs(vault, opened, monkeypatch):
    view, client_id = opened
    shown = _answer(monkeypatch, lambda dialog: dialog.mine_button.click())
    assert view.save() is True
    assert len(shown) == 1
    stored = clients.get_client(vault, client_id)
    assert (stored.occupation, stored.employer) == ("律师", "第一中学")


def test_discard_mine_reloads_the_stored_client(vault, opened, monkeypatch):
    view, client_id = opened
    _answer(monkeypatch, lambda dialog: dialog.discard_button.click())
    assert view.save() is False
    stored = clients.get_client(vault, client_id)
    assert (stored.occupation, stored.employer, stored.notes) == ("医生", "第二中学", None)
    assert view.form.editors["occupation"].text() == "医生"
    assert view.record is not None and view.record.row_version == stored.row_version


def test_cancel_keeps_the_typing_and_stores_nothing(vault, opened, monkeypatch):
    view, client_id = opened
    _answer(monkeypatch, lambda dialog: dialog.reject())
    assert view.save() is False
    assert view.form.editors["occupation"].text() == "律师"
    assert clients.get_client(vault, client_id).occupation == "医生"


def test_a_save_with_nobody_else_in_between_asks_nothing(vault, qtbot, monkeypatch):
    record = clients.create_client(vault, {"name": "李雷", "occupation": "教师"})
    view = ClientFileView(Privacy())
    qtbot.addWidget(view)
    view.show_client(vault, record.id)
    shown = _answer(monkeypatch, lambda dialog: dialog.reject())
    view.form.editors["occupation"].setText("校长")
    assert view.save() is True and shown == []
    view.form.editors["occupation"].setText("退休")  # the second save uses the version the first stored
    assert view.save() is True and shown == []
    assert clients.get_client(vault, record.id).occupation == "退休"
