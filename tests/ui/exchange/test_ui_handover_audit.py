"""The handover preview on the 导入导出 page counts what the sender's receipt counts, the consent
records and the audit log's entries included, and says what the log's check found; the merge's
message says how many audit entries were received."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.audit import log
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.consent.store import set_consent
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.ui.exchange.exchange_page import ExchangePage
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "hand-over 4711"


def test_the_preview_shows_the_consent_and_audit_counts(qtbot, vault, tmp_path):
    client = create_client(vault, {"name": "王五", "customer_no": "C9"})
    set_consent(vault, client.id, {"marketing": "是", "given_on": "2026-11-01"}, now=dt.datetime(2026, 11, 1, 9))
    for i in range(3):
        log.record_now(vault, "search", counts={"rows": i})
    receipt = export_handover(vault, tmp_path / "h.xlsx", SECRET)
    assert receipt["consents"] == 1 and receipt["audit_entries"] >= 3
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        page = ExchangePage()
        qtbot.addWidget(page)
        page.attach(receiver)
        seen = []
        page.handover_preview(
            str(tmp_path / "h.xlsx"), SECRET, confirm=lambda found, _plan: seen.append(page.describe(found)) or True
        )
        qtbot.waitUntil(lambda: page.last_result.startswith("合并完成"), timeout=10000)
        shown = seen[0]
        assert "同意记录 1" in shown and f"审计日志 {receipt['audit_entries']} 条" in shown
        assert f"接收自 {vault.header.vault_id[:8]}" in shown and "完整" in shown
        assert f"接收的审计日志 {receipt['audit_entries']} 条" in page.last_result
        page.detach()
    finally:
        receiver.lock()
