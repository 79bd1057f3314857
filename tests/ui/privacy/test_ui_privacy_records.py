"""到期保留 › 记录 driven offscreen (issue 18.5): empty with a hint, then the ended relationship's
records past their period with counts per client; 删除记录… after the confirmation deletes the
ticked client's records only, a No deletes nothing; the receipt button comes on; Delete on the
记录 tab is its action, not the clients' 删除."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.worklist.outcomes import lost_reasons, mark_lost
from rm_desktop.ui.privacy.retention_dialog import RetentionDialog

TODAY = dt.date(2026, 3, 2)


def _lost_with_contacts(vault, name: str) -> int:
    cid = create_client(vault, {"name": name}, today=dt.date(2020, 1, 1)).id
    for day in ("2021-05-01 10:00", "2022-06-01 10:00"):
        contacts.add_contact(vault, cid, {"at": day, "channel": "phone", "content": "来电"})
    mark_lost(vault, cid, lost_reasons(vault)[0], now=dt.datetime(2024, 1, 10, 9))
    return cid


def _contacts(vault, cid: int) -> int:
    with vault.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM contacts WHERE client_id = :c"), {"c": cid}).scalar()


def _answer(monkeypatch, button):
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or button)
    return asked


def test_the_records_tab_lists_then_deletes_the_ticked_after_a_yes(qtbot, vault, monkeypatch, qtmodeltester):
    dialog = RetentionDialog(vault, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    view = dialog.records
    assert view.empty.isVisible() and not view.table.isVisible() and "往来记录 1825 天" in view.intro.text()
    assert dialog.purge_button.isVisible() and not dialog.purge_button.isEnabled()
    assert not dialog.delete_button.isVisible()  # the clients' 删除 is the 客户 tab's

    gone, kept = _lost_with_contacts(vault, "王流失"), _lost_with_contacts(vault, "赵流失")
    vault.settings.set("retention_contact_days", 365)
    dialog.reload()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 2 and view.table.isVisible()
    assert [view.model.index(0, c).data() for c in (0, 2, 3, 4)] == ["王流失", "2", "–", "–"]
    assert dialog.tabs.tabText(1) == "记录（2）"
    view.model.setData(view.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dialog.purge_button.click()
    assert asked and "1 位客户" in asked[0] and "往来记录 2 条" in asked[0]
    assert _contacts(vault, gone) == 2  # No: nothing went

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # the 记录 tab's Delete
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=20000)
    assert _contacts(vault, gone) == 0 and _contacts(vault, kept) == 2
    assert dialog.receipt_button.isEnabled() and dialog.tabs.tabText(1) == "记录（1）"


def test_the_clients_tab_keeps_its_buttons(qtbot, vault):
    dialog = RetentionDialog(vault, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tabs.currentIndex() == 0
    assert dialog.anonymise_button.isVisible() and not dialog.purge_button.isVisible()
