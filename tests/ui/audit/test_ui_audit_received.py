"""审计日志 dialog and the entries received with a handover: the 来源 filter (本机, every received
one, one sender's), the sender in the origin's tooltip, and 校验 checking each received chain."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rm_desktop.services.audit import log
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.keyed import raw_connect
from rm_desktop.ui.audit.audit_dialog import AuditDialog
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "hand-over 4711"


def _received(vault, tmp_path):
    """A receiver holding ``vault``'s entries as received ones."""
    client = create_client(vault, {"name": "王五", "customer_no": "C9"})
    for _ in range(3):
        log.record_now(vault, "copy", object=log.client_object(client.id, "王五"), counts={"fields": ["phone"]})
    export_handover(vault, tmp_path / "h.xlsx", SECRET)
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    log.record_now(receiver, "search", counts={"rows": 1})
    merge_handover(receiver, preview_handover(receiver, tmp_path / "h.xlsx", SECRET))
    return receiver


def test_the_origin_filter_and_the_received_chains_check(qtbot, vault, tmp_path, qtmodeltester, monkeypatch):
    receiver = _received(vault, tmp_path)
    sender = vault.header.vault_id
    try:
        d = AuditDialog(receiver, today=dt.date(2026, 3, 2))
        qtbot.addWidget(d)
        everything = d.model.rowCount()
        d.origin.setCurrentIndex(d.origin.findData(f"received:{sender}"))
        assert d.origin.currentText() == f"接收自 {sender[:8]}"
        assert d.origin.itemData(d.origin.currentIndex(), Qt.ItemDataRole.ToolTipRole) == sender
        qtmodeltester.check(d.model)
        theirs = d.model.rowCount()
        assert theirs > 0 and {e.origin for e in d.model.entries} == {f"received:{sender}"}
        assert d.model.index(0, 4).data() == f"接收自 {sender[:8]}"
        assert sender in d.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
        d.action.setCurrentIndex(d.action.findData("copy"))
        assert d.model.rowCount() == 3  # the sender's copies, the filters as for this vault's own
        d.action.setCurrentIndex(0)
        d.origin.setCurrentIndex(d.origin.findData("local"))
        assert {e.origin for e in d.model.entries} == {"local"} and d.model.rowCount() == everything - theirs
        d.origin.setCurrentIndex(d.origin.findData("received:"))
        assert d.model.rowCount() == theirs
        # The receiver's client #1 is not the sender's client:1 the received copies name.
        d.origin.setCurrentIndex(0)
        d.client.set_client(1, "王五")
        assert d.model.rowCount() == 0 and "筛选" in d.empty.text()
        d.client.set_client(None, "")
        d.verify()
        qtbot.waitUntil(lambda: f"接收自 {sender[:8]}" in d.verdict.text())
        assert d.verdict.text().count("完整") == 2
        conn = raw_connect(str(receiver.paths.db), receiver.key)
        conn.execute("UPDATE audit_received SET counts = '{}' WHERE seq = 2")
        conn.commit()
        conn.close()
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
        d.verify()
        qtbot.waitUntil(lambda: bool(warned))
        assert f"接收自 {sender[:8]}：第 2 条记录被改动过" in warned[0] and d.verdict.text().startswith("完整")
    finally:
        receiver.lock()
