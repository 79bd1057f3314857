"""The CLI and a handover's audit log: ``handover import`` stores the sender's entries apart,
``audit list --origin`` lists this vault's or the received ones, ``audit verify`` checks each
received chain too (exit 1 naming a changed received entry)."""

from __future__ import annotations

import json

from rm_desktop.services.audit import log
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.services.vault.lifecycle import create_vault
from tests.cli.test_cli_audit import _tamper
from tests.conftest import FAST_KDF, PASSWORD

SECRET = "hand-over 4711"


def test_received_entries_listed_by_origin_and_verified(run_cli, tmp_path, monkeypatch):
    sender = create_vault(tmp_path / "sender", PASSWORD, kdf=FAST_KDF)
    client = create_client(sender, {"name": "王五", "customer_no": "C9"})
    for _ in range(3):
        log.record_now(sender, "copy", object=log.client_object(client.id, "王五"), counts={"fields": ["phone"]})
    receipt = export_handover(sender, tmp_path / "h.xlsx", SECRET)
    sender_id = sender.header.vault_id
    sender.lock()
    assert run_cli("init")[0] == 0
    monkeypatch.setenv("HANDOVER_PASSWORD", SECRET)
    args = ("handover", "import", str(tmp_path / "h.xlsx"), "--password-env", "HANDOVER_PASSWORD")
    code, out, err = run_cli(*args, "--dry-run", "--json")
    (chain,) = json.loads(out)["audit"]
    assert code == 0 and (chain["sender"], chain["new"], chain["ok"]) == (sender_id, receipt["audit_entries"], True)
    code, out, err = run_cli(*args)
    assert code == 0, err
    assert f"接收自 {sender_id[:8]}" in out and "完整" in out
    code, out, _ = run_cli("audit", "list", "--origin", "received", "--json")
    theirs = json.loads(out)
    assert len(theirs) == receipt["audit_entries"] and {e["origin"] for e in theirs} == {f"received:{sender_id}"}
    assert json.loads(run_cli("audit", "list", "--origin", sender_id, "--json")[1]) == theirs
    assert json.loads(run_cli("audit", "list", "--origin", "someone-else", "--json")[1]) == []
    # --client names this vault's client; the received copies name the sender's client:1
    assert {e["origin"] for e in json.loads(run_cli("audit", "list", "--client", "1", "--json")[1])} <= {"local"}
    assert len(json.loads(run_cli("audit", "list", "--origin", "received", "--client", "1", "--json")[1])) == 3
    mine = json.loads(run_cli("audit", "list", "--origin", "local", "--json")[1])
    assert mine and {e["origin"] for e in mine} == {"local"}
    code, out, _ = run_cli("audit", "verify", "--json")
    assert code == 0 and json.loads(out)["received"][sender_id]["ok"]
    _tamper(tmp_path, """UPDATE audit_received SET counts = '{"rows":99}' WHERE seq = 2""")
    code, out, err = run_cli("audit", "verify")
    assert code == 1 and f"接收自 {sender_id}：第 2 条记录被改动过" in out
