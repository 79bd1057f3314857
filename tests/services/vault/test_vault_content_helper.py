"""tests/vault_content, the "changes nothing" comparison: blind to an unlock's audit entries, not
to anything stored."""

from __future__ import annotations

from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD
from tests.vault_content import vault_content


def test_an_unlock_changes_nothing_a_stored_client_does(vault, vault_dir):
    clients.create_client(vault, {"name": "王小明"})
    vault.lock()
    before = vault_content(vault_dir, password=PASSWORD)
    vs.unlock(vault_dir, PASSWORD, backup=False).lock()  # two audit entries, nothing else
    assert vault_content(vault_dir, password=PASSWORD) == before
    again = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        clients.create_client(again, {"name": "李四"})
    finally:
        again.lock()
    assert vault_content(vault_dir, password=PASSWORD) != before
