"""The 同意 editor on a temporary vault: a client without a record says so, 保存 records it
through services/consent, a bad first save leaves nothing; the client file shows it as a tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from rm_desktop.domain.consent import Consent
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.consent import store
from rm_desktop.ui.consent.consent_editor import ConsentEditor

TODAY = dt.date(2026, 12, 2)


def test_the_editor_records_a_consent_less_client(qtbot, vault):
    cid = create_client(vault, {"name": "李未记"}).id
    editor = ConsentEditor(today=TODAY)
    qtbot.addWidget(editor)
    editor.load(vault, cid)
    assert not editor.banner.isHidden() and "尚未记录同意" in editor.banner.text()
    assert not editor.channels["sms"].isEnabled()  # channels follow the marketing box
    editor.marketing.setChecked(True)
    assert editor.channels["sms"].isEnabled()
    editor.channels["sms"].setChecked(True)
    editor.channels["wechat"].setChecked(True)
    editor.given_by.setCurrentIndex(editor.given_by.findData("recording"))
    with qtbot.waitSignal(editor.saved):
        editor.save_button.click()
    assert store.get_consent(vault, cid) == Consent(True, TODAY, "recording", ("sms", "wechat"))
    assert editor.banner.isHidden() and editor.status.text() == "已保存。"
    editor.load(vault, cid)  # read back as saved
    assert editor.marketing.isChecked() and editor.channels["wechat"].isChecked()
    assert not editor.channels["phone"].isChecked() and editor.given_by.currentData() == "recording"


def test_a_refused_save_warns_and_keeps_the_record(qtbot, vault, monkeypatch):
    cid = create_client(vault, {"name": "王可发"}).id
    store.set_consent(vault, cid, {"marketing": "是", "channels": "短信"})
    editor = ConsentEditor(today=TODAY)
    qtbot.addWidget(editor)
    editor.load(vault, cid)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    monkeypatch.setattr(editor, "values", lambda: {"marketing": True, "channels": "飞鸽"})
    editor.save_button.click()
    assert warned and "飞鸽" in warned[0]
    assert store.get_consent(vault, cid).channels == ("sms",)


def test_the_client_file_has_the_consent_tab(qtbot, vault):
    from rm_desktop.ui.clients.client_file import ClientFileView
    from rm_desktop.ui.widgets.privacy import Privacy

    cid = create_client(vault, {"name": "张三"}).id
    view = ClientFileView(Privacy())
    qtbot.addWidget(view)
    view.show_client(vault, cid)
    index = view.tabs.indexOf(view.consent)
    assert view.tabs.tabText(index) == "同意" and view.tabs.isTabEnabled(index)
    assert "尚未记录同意" in view.consent.banner.text()
    view.show_client(vault, None)  # a new client: nothing to consent to yet
    assert not view.tabs.isTabEnabled(index)


def test_record_consent_for_a_selection_all_or_none(qtbot, vault, monkeypatch):
    from rm_desktop.ui.consent.consent_batch import ConsentBatchDialog

    ids = [create_client(vault, {"name": name}).id for name in ("甲一", "乙二")]
    dialog = ConsentBatchDialog(vault, ids)
    qtbot.addWidget(dialog)
    assert dialog.editor.banner.isHidden() and dialog.editor.save_button.isHidden()
    dialog.editor.marketing.setChecked(True)
    dialog.editor.channels["sms"].setChecked(True)
    dialog.save()
    assert dialog.saved == 2 and dialog.result() == dialog.DialogCode.Accepted
    assert [store.get_consent(vault, cid).channels for cid in ids] == [("sms",), ("sms",)]
    broken = ConsentBatchDialog(vault, [*ids, 999_999])
    qtbot.addWidget(broken)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    broken.editor.channels["wechat"].setChecked(True)
    broken.editor.marketing.setChecked(True)
    broken.save()
    assert warned and broken.saved == 0
    assert store.get_consent(vault, ids[0]).channels == ("sms",)  # rolled back with the unknown id


def test_the_client_list_offers_it_for_the_selection(qtbot, vault, attached, monkeypatch):
    from rm_desktop.ui.clients.clients_page import ClientsPage
    from rm_desktop.ui.widgets.clipboard import ClipboardGuard
    from rm_desktop.ui.widgets.privacy import Privacy

    ids = [create_client(vault, {"name": name}).id for name in ("甲一", "乙二")]
    page = attached(ClientsPage(Privacy(), ClipboardGuard()))
    monkeypatch.setattr(page, "selected_client_ids", lambda: ids)
    dialog = page.record_consent_for_selection()
    assert dialog is not None and dialog.client_ids == ids
    dialog.close()
