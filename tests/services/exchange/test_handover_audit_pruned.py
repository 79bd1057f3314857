"""A sender whose audit log was pruned past retention (issue 18.5) hands over a chain that starts
after its anchor: the receiver checks it from that anchor, stores it, and verify_received says
intact; a row deleted after the anchor is still named."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.audit import chain, log, reading
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.audit_sheets import AUDIT_SHEET
from rm_desktop.services.exchange.handover import export_handover, merge_handover, preview_handover
from rm_desktop.services.privacy import housekeeping
from rm_desktop.services.vault.lifecycle import create_vault
from tests.conftest import FAST_KDF, PASSWORD
from tests.services.exchange.test_handover_audit import SECRET, _cell, _rewritten

NOW = dt.datetime(2036, 3, 2, 9)


def _pruned_sender(vault, tmp_path):
    create_client(vault, {"name": "王芳", "customer_no": "C1"})
    for i, age in enumerate([4000, 3900, 100, 90, 80]):
        log.record_now(vault, "search", counts={"rows": i}, now=NOW - dt.timedelta(days=age))
    assert housekeeping.prune_audit(vault, NOW) == 2
    path = tmp_path / "h.xlsx"
    export_handover(vault, path, SECRET)
    return path


def test_a_pruned_senders_chain_is_checked_from_its_anchor(vault, tmp_path):
    path = _pruned_sender(vault, tmp_path)
    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        found = preview_handover(receiver, path, SECRET)
        (check,) = found.audit.checks
        assert check.ok and check.result.pruned_through == 2 and check.entries == 4  # #3–#5 and the anchor #6
        merge_handover(receiver, found)
        result = reading.verify_received(receiver)[vault.header.vault_id]
        assert result.ok and result.pruned_through == 2
    finally:
        receiver.lock()


def test_a_row_deleted_after_the_anchor_is_still_named(vault, tmp_path):
    path = _pruned_sender(vault, tmp_path)

    def cut(book):
        book[AUDIT_SHEET].delete_rows(_cell(book, 4, "序号").row)

    receiver = create_vault(tmp_path / "receiver", PASSWORD, kdf=FAST_KDF)
    try:
        found = preview_handover(receiver, _rewritten(path, tmp_path / "cut.xlsx", cut), SECRET)
        (check,) = found.audit.checks
        assert (check.result.broken_seq, check.result.reason) == (5, chain.DELETED)
    finally:
        receiver.lock()
