"""A vault folder whose vault.db is gone (issue 13.6): the unlock says so and names the latest
backup instead of opening a new, empty database; the CLI names the restore command; restoring
that backup brings the clients back."""

from __future__ import annotations

import pytest

from rm_desktop.services.clients import files as clients
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.services.vault import integrity
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.maintenance import restore
from tests.conftest import PASSWORD


@pytest.fixture
def gone(vault, vault_dir):
    """The vault had 张三 and a backup of him; then vault.db (and its log files) went missing."""
    clients.create_client(vault, {"name": "张三"})
    latest = vs.backup_now(vault)
    vault.lock()
    for name in ("vault.db", "vault.db-wal", "vault.db-shm"):
        (vault_dir / name).unlink(missing_ok=True)
    return latest


@pytest.mark.parametrize("password", [PASSWORD, None], ids=["password", "keyring"])
def test_unlock_says_the_database_is_missing_and_creates_none(vault_dir, gone, password):
    with pytest.raises(integrity.DatabaseMissing) as missing:
        vs.unlock(vault_dir, password)
    assert missing.value.latest == gone
    assert "数据库文件不见了" in str(missing.value) and str(gone) in str(missing.value)
    assert not (vault_dir / "vault.db").exists()  # not silently a new, empty vault


def test_without_any_backup_it_says_so(vault, vault_dir):
    vault.lock()
    (vault_dir / "vault.db").unlink()
    for kept in (vault_dir / "backups").glob("*.rmbak"):
        kept.unlink()
    with pytest.raises(integrity.DatabaseMissing, match="也没有可用的备份"):
        vs.unlock(vault_dir, PASSWORD)


def test_restoring_the_latest_backup_brings_the_clients_back(vault_dir, gone):
    plan = restore(vault_dir, gone, password=PASSWORD)
    assert plan.current_changed is None and "当前没有数据库文件" in "\n".join(plan.lines())
    vault = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        assert [row.name for row in search_clients(vault, ClientQuery())] == ["张三"]
    finally:
        vault.lock()


def test_cli_names_the_restore_command(run_cli, tmp_path):
    root = tmp_path / "v"
    assert run_cli("init")[0] == 0
    run_cli("client", "add", "--set", "name=张三")
    run_cli("backup")
    (root / "vault.db").unlink()
    for argv in (("client", "list"), ("verify",), ("backup",)):
        code, _out, err = run_cli(*argv)
        assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
        assert "数据库文件不见了" in err and "rm-desktop-cli restore" in err and str(root / "backups") in err
    assert not (root / "vault.db").exists()
