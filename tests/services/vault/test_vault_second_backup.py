"""The second backup folder: each backup is also copied there, with its own keep-N; a failure
there is a notice, never a failed backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage import backups
from tests.conftest import PASSWORD


def _names(folder: Path) -> list[str]:
    return [b.path.name for b in backups.list_backups(folder)]


def test_each_backup_is_copied_and_the_copies_rotate(vault: vs.Vault, tmp_path: Path) -> None:
    second = tmp_path / "usb" / "RM 备份"  # created on first use
    vault.settings.set("backup_second_folder", f'  "{second}" ')  # as pasted from Explorer
    assert vault.settings.get("backup_second_folder") == str(second)
    vault.settings.set("backup_second_kept", 2)
    (tmp_path / "usb").mkdir()
    made = [vs.backup_now(vault) for _ in range(3)]
    assert vault.backup_notice is None
    assert len(_names(vault.paths.backups)) == 3  # the vault's own folder keeps its 10
    assert _names(second) == [made[2].name, made[1].name]  # the newest two, same names
    assert (second / made[2].name).read_bytes() == made[2].read_bytes()
    (second / "说明.txt").write_text("not a backup", encoding="utf-8")
    vs.backup_now(vault)
    assert len(_names(second)) == 2 and (second / "说明.txt").exists()  # only backups are rotated
    assert not [p for p in second.iterdir() if p.name.endswith(".tmp")]


def test_a_copy_that_cannot_be_written_is_a_notice(vault: vs.Vault, tmp_path: Path) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("x", encoding="utf-8")
    vault.settings.set("backup_second_folder", str(blocked / "backups"))
    path = vs.backup_now(vault)  # no exception
    assert path.exists() and path.parent == vault.paths.backups
    assert vault.backup_notice and "第二备份文件夹" in vault.backup_notice
    vault.settings.set("backup_second_folder", "")
    vs.backup_now(vault)
    assert vault.backup_notice is None  # the next backup's outcome, not the last failure's


def test_no_second_folder_no_copy_and_a_backup_elsewhere_is_not_copied(vault: vs.Vault, tmp_path: Path) -> None:
    second = tmp_path / "second"
    vs.backup_now(vault)
    assert not second.exists()
    vault.settings.set("backup_second_folder", str(second))
    vs.backup_now(vault, tmp_path / "by hand.rmbak")  # a file named by the user: just that file
    assert not second.exists()


def test_the_folder_must_be_absolute(vault: vs.Vault) -> None:
    with pytest.raises(ValidationError, match="第二备份文件夹"):
        vault.settings.set("backup_second_folder", "relative/folder")


def test_cli_backup_says_the_notice_on_stderr(run_cli, tmp_path: Path) -> None:
    assert run_cli("init")[0] == 0
    blocked = tmp_path / "blocked"
    blocked.write_text("x", encoding="utf-8")
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    vault.settings.set("backup_second_folder", str(blocked / "sub"))
    vault.lock()
    code, out, err = run_cli("backup")
    assert code == 0 and "备份已写入" in out and "第二备份文件夹" in err
