"""The vault lock's rules, in one process (each lock an OS lock on its own open file, so two holds
here contend as two programs would): one owner, CLI commands beside it and beside each other, an
exclusive operation alone. Across real processes: tests/cli/test_cli_vault_owner.py."""

from __future__ import annotations

import os

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.storage import vault_lock
from rm_desktop.storage.vault_lock import VaultBusy, exclusive, hold_owner, hold_user


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "vault"
    folder.mkdir()
    return folder


@pytest.fixture
def holds():
    """Holds made by a test, released at its end whatever happens."""
    made: list[vault_lock.VaultHold] = []

    def keep(hold: vault_lock.VaultHold) -> vault_lock.VaultHold:
        made.append(hold)
        return hold

    yield keep
    for hold in made:
        hold.release()


def test_one_owner_at_a_time_and_the_refusal_names_it(root, holds):
    holds(hold_owner(root))
    with pytest.raises(VaultBusy) as refused:
        hold_owner(root)
    assert refused.value.holder == vault_lock.Holder(os.getpid(), vault_lock.GUI)
    assert "已在 RM Desktop 窗口中打开" in str(refused.value) and f"进程 {os.getpid()}" in str(refused.value)


def test_the_owner_lock_is_free_again_after_release(root):
    first = hold_owner(root)
    first.release()
    first.release()  # twice is harmless
    hold_owner(root).release()
    assert not (root / "locks" / "owner.json").exists()


def test_cli_commands_share_the_vault_with_the_owner_and_each_other(root, holds):
    holds(hold_owner(root))
    holds(hold_user(root))
    holds(hold_user(root))
    assert len(list((root / "locks").glob("cli-*.lock"))) == 2


def test_exclusive_is_refused_while_the_gui_owns_the_vault(root, holds):
    holds(hold_owner(root))
    with pytest.raises(VaultBusy) as refused, exclusive(root):
        pytest.fail("ran beside the owner")
    assert refused.value.holder.kind == vault_lock.GUI


def test_exclusive_is_refused_while_a_cli_command_has_the_vault(root, holds):
    user = holds(hold_user(root))
    with pytest.raises(VaultBusy) as refused, exclusive(root):
        pytest.fail("ran beside a CLI command")
    assert refused.value.holder == vault_lock.Holder(os.getpid(), vault_lock.CLI)
    assert "rm-desktop-cli" in str(refused.value)
    # The command's own hold does not count against itself (CLI passwd, rekey).
    with exclusive(root, held=user):
        pass
    # After the refusal the owner lock is free again: nothing half-taken stays behind.
    holds(hold_owner(root))


def test_the_owner_runs_exclusive_operations_with_its_own_lock(root, holds):
    owner = holds(hold_owner(root))
    with exclusive(root, held=owner), pytest.raises(VaultBusy):
        hold_owner(root)
    assert owner.is_owner  # still the owner afterwards
    holds(hold_user(root))
    with pytest.raises(VaultBusy), exclusive(root, held=owner):
        pass


def test_cli_commands_wait_briefly_then_give_up_during_an_exclusive_operation(root, holds, monkeypatch):
    monkeypatch.setattr(vault_lock, "GATE_WAIT_SECONDS", 0.05)
    with exclusive(root, vault_lock.CLI):
        with pytest.raises(VaultBusy) as refused:
            hold_user(root)
        assert "正在恢复备份、更换密钥或更改主密码" in str(refused.value)
        assert f"进程 {os.getpid()}" in str(refused.value)
        with pytest.raises(VaultBusy):
            hold_owner(root)
    holds(hold_user(root))  # and come in once it is over


def test_a_lock_file_nobody_holds_is_taken_over_and_removed(root, holds):
    stale = hold_user(root)
    path = next((root / "locks").glob("cli-*.lock"))
    stale._user.release()  # what the OS does when the holder dies: the file stays, the lock goes
    assert path.exists()
    with exclusive(root):
        pass
    assert not path.exists()
    stale.release()


def test_a_folder_the_locks_cannot_be_made_in_is_one_clear_error(tmp_path):
    with pytest.raises(UserError) as refused:
        hold_user(tmp_path / "missing")
    assert "无法在档案库文件夹中创建锁文件" in str(refused.value)
