"""The vault lock through the services: unlock as the GUI (owner) or as a CLI command, and the
operations that need the vault alone (restore, re-key, passwd) refused beside another holder,
the vault unchanged. Real processes: tests/cli/test_cli_vault_owner.py."""

from __future__ import annotations

import os

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.services.vault.maintenance import restore
from rm_desktop.storage.vault_lock import VaultBusy
from tests.conftest import PASSWORD
from tests.vault_content import vault_content


@pytest.fixture
def gui(vault, vault_dir):
    vault.lock()
    opened = vs.unlock(vault_dir, PASSWORD, backup=False, owner=True)
    yield opened
    opened.lock()


def test_a_second_owner_is_refused_before_any_password_is_checked(gui, vault_dir):
    with pytest.raises(VaultBusy) as refused:
        vs.unlock(vault_dir, "not even the password", owner=True)
    assert f"进程 {os.getpid()}" in str(refused.value)


def test_cli_commands_read_and_write_beside_the_gui(gui, vault_dir):
    cli = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        clients.create_client(cli, {"name": "命令行"})
    finally:
        cli.lock()
    assert [row.name for row in search_clients(gui, ClientQuery())] == ["命令行"]  # seen by the window


def test_restore_and_passwd_from_the_cli_are_refused_beside_the_gui(gui, vault_dir):
    snapshot = vs.backup_now(gui)
    before = vault_content(vault_dir, key=gui.key)  # the CLI's unlock below is an audit entry
    with pytest.raises(VaultBusy, match="RM Desktop 窗口"):
        restore(vault_dir, snapshot, password=PASSWORD)
    cli = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        for change in (
            lambda: rekeying.change_password(cli, PASSWORD, "another long one"),
            lambda: rekeying.rekey(cli, PASSWORD),
        ):
            with pytest.raises(VaultBusy, match="RM Desktop 窗口"):
                change()
    finally:
        cli.lock()
    assert vault_content(vault_dir, key=gui.key) == before


def test_the_gui_rekeys_only_when_no_cli_command_has_the_vault(gui, vault_dir):
    cli = vs.unlock(vault_dir, PASSWORD, backup=False)
    header = (vault_dir / "vault.header").read_bytes()
    with pytest.raises(VaultBusy, match="rm-desktop-cli") as refused:
        rekeying.rekey(gui, PASSWORD)
    assert refused.value.holder.pid == os.getpid()
    with pytest.raises(VaultBusy):
        rekeying.change_password(gui, PASSWORD, "another long one")
    assert (vault_dir / "vault.header").read_bytes() == header
    cli.lock()
    rekeying.rekey(gui, PASSWORD)  # alone now
    assert (vault_dir / "vault.header").read_bytes() != header


def test_a_vault_made_before_the_window_is_claimed_by_it(vault, vault_dir):
    vault.claim_owner()  # first run, demo: created, then adopted by the window
    with pytest.raises(VaultBusy):
        vs.unlock(vault_dir, PASSWORD, owner=True)
    vault.lock()
    vs.unlock(vault_dir, PASSWORD, backup=False, owner=True).lock()
