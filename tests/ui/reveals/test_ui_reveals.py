"""The client file's 显示 toggles ask the reason through the real widgets (issue 18.2): every
time, once per client until the lock, or never; Esc or 取消 leaves the value masked and writes
nothing; 客户在场 keeps the toggles off; the dialog's keys and its remembered reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from rm_desktop.services.audit import reading
from rm_desktop.services.clients.files import create_client
from rm_desktop.ui.clients.client_file import ClientFileView
from rm_desktop.ui.reveals.reason_dialog import ReasonDialog
from rm_desktop.ui.widgets.privacy import Privacy

PHONE, ID_NUMBER = "13912345678", "11010519491231002X"


@pytest.fixture
def view(qtbot, vault):
    ids = [create_client(vault, {"name": n, "phone": PHONE, "id_number": ID_NUMBER}).id for n in ("单田芳", "王可发")]
    widget = ClientFileView(Privacy())
    qtbot.addWidget(widget)
    widget.show()
    widget.show_client(vault, ids[0])
    widget.ids = ids
    return widget


def _reveals(vault):
    return [e for e in reading.entries(vault, limit=None) if e.action == "reveal"]


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_always_asks_each_time_and_esc_leaves_it_masked(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "always")
    card, phone_editor = view.card, view.form.editors["phone"]
    answers.queue = [None]
    _click(qtbot, card.show_phone)
    assert answers.asked == 1 and not card.show_phone.isChecked()
    assert card.facts["phone"].text() == "139****5678" and phone_editor.echoMode() == QLineEdit.EchoMode.Password
    assert _reveals(vault) == []  # cancelled: nothing written
    answers.queue = ["transaction"]
    _click(qtbot, card.show_phone)
    assert card.show_phone.isChecked() and card.facts["phone"].text() == PHONE
    assert phone_editor.echoMode() == QLineEdit.EchoMode.Normal
    _click(qtbot, card.show_phone)  # masking again never asks
    assert answers.asked == 2 and card.facts["phone"].text() == "139****5678"
    answers.queue = ["check_records"]
    _click(qtbot, card.show_id)
    assert answers.asked == 3 and card.facts["id"].text() == ID_NUMBER
    assert [(e.counts["fields"], e.counts["reason"]) for e in reversed(_reveals(vault))] == [
        (["phone"], "transaction"),
        (["id_number"], "check_records"),
    ]


def test_once_per_session_asks_once_per_client_until_the_lock(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "once_per_session")
    answers.queue = ["client_request"]
    _click(qtbot, view.card.show_phone)
    _click(qtbot, view.card.show_phone)
    _click(qtbot, view.card.show_id)  # the same client: no second question
    assert answers.asked == 1 and view.card.facts["id"].text() == ID_NUMBER
    assert [e.counts["reason"] for e in _reveals(vault)] == ["client_request"] * 2  # each reveal logged
    view.show_client(vault, view.ids[1])
    answers.queue = [None]
    _click(qtbot, view.card.show_phone)  # another client asks; Esc
    assert answers.asked == 2 and view.card.facts["phone"].text() == "139****5678"
    view.clear()  # the lock forgets who was explained
    view.show_client(vault, view.ids[0])
    answers.queue = ["transaction"]
    _click(qtbot, view.card.show_phone)
    assert answers.asked == 3 and view.card.facts["phone"].text() == PHONE


def test_never_asks_nothing_and_logs_not_asked(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "never")
    _click(qtbot, view.card.show_phone)
    assert answers.asked == 0 and view.card.facts["phone"].text() == PHONE
    assert [e.counts for e in _reveals(vault)] == [{"fields": ["phone"], "reason": "not_asked"}]


def test_client_present_keeps_the_toggles_off(qtbot, vault, view, answers):
    vault.settings.set("reveal_reason_mode", "never")
    view.privacy.set_client_present(True)
    assert not view.card.show_phone.isEnabled() and not view.card.show_id.isEnabled()
    _click(qtbot, view.card.show_phone)
    assert view.card.facts["phone"].text() == "139****5678" and _reveals(vault) == []


def test_dialog_keys_and_the_remembered_reason(qtbot):
    dialog = ReasonDialog("单田芳", "phone", True, "check_records")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code() == "check_records"  # opens on the last reason
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.reason == ("check_records", None)

    dialog = ReasonDialog("单田芳", "id_number", False, "other", "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # 其他 without words: stays open, says why
    assert dialog.isVisible() and not dialog.error.isHidden()
    qtbot.keyClicks(dialog.note, "passbook lost")  # (QTest types Latin-1 only)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.reason == ("other", "passbook lost")

    dialog = ReasonDialog("单田芳", "id_number", False, "transaction")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.note, "x")  # typing a reason picks 其他
    assert dialog.code() == "other"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.reason is None


def test_the_audit_page_shows_the_reason(qtbot, vault, view, answers):
    from rm_desktop.ui.audit.audit_model import counts_text

    vault.settings.set("reveal_reason_mode", "always")
    answers.queue = ["verify_identity"]
    _click(qtbot, view.card.show_id)
    [entry] = _reveals(vault)
    assert counts_text(entry.counts) == "字段 id_number · 客户来电核实身份"
    assert counts_text({"fields": ["phone"], "reason": "other", "note": "补办存折"}).endswith("其他（须填写） 补办存折")
