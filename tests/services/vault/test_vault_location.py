"""A vault folder on a network, mapped or OneDrive drive is named (SQLite's WAL is unsafe there):
the Linux check reads the mount's type from /proc/mounts, the Windows one asks GetDriveTypeW,
and knows UNC paths and the OneDrive folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rm_desktop.services.vault import paths
from rm_desktop.services.vault.paths import NETWORK, ONEDRIVE, UNC, windows_network_location

DRIVE_FIXED = 3


def _mounts(tmp_path: Path, lines: list[str]) -> str:
    table = tmp_path / "mounts"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(table)


@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs"])
def test_a_network_mount_is_named_with_its_warning(tmp_path: Path, fstype: str) -> None:
    share = tmp_path / "share dir"  # a space: /proc/mounts writes it as \040
    (share / "sub").mkdir(parents=True)
    mounts = _mounts(
        tmp_path,
        [
            "/dev/sda1 / ext4 rw,relatime 0 0",
            f"//server/rm {str(share).replace(' ', chr(92) + '040')} {fstype} rw 0 0",
        ],
    )
    vault = share / "sub" / "vault"  # not created yet: its nearest existing parent decides
    assert paths.network_location(vault, mounts=mounts) == NETWORK
    warning = paths.location_warning(vault, mounts=mounts)
    assert warning is not None and str(vault) in warning and "网络" in warning


def test_a_local_disk_is_not_named(tmp_path: Path) -> None:
    nested = tmp_path / "local"
    nested.mkdir()
    mounts = _mounts(
        tmp_path,
        [
            "/dev/sda1 / ext4 rw 0 0",
            f"//server/rm {tmp_path / 'elsewhere'} cifs rw 0 0",  # a share beside, not above
            f"tmpfs {nested} tmpfs rw 0 0",  # the longest mount point above the folder wins
            f"//server/rm {tmp_path} cifs rw 0 0",
        ],
    )
    assert paths.network_location(nested / "vault", mounts=mounts) is None
    assert paths.location_warning(nested / "vault", mounts=mounts) is None
    assert paths.network_location(tmp_path / "vault", mounts=mounts) == NETWORK
    assert paths.network_location(tmp_path, mounts=str(tmp_path / "no such table")) is None


def test_windows_unc_onedrive_and_remote_drives() -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return paths.DRIVE_REMOTE if root.upper() == "Z:\\" else DRIVE_FIXED

    env = {"OneDrive": r"C:\Users\wang\OneDrive", "OneDriveCommercial": r"C:\Users\wang\OneDrive - 某银行"}

    def reason(folder: str) -> str | None:
        return windows_network_location(folder, env, drive_type)

    assert reason(r"\\fileserver\rm\vault") == UNC
    assert reason(r"\\?\UNC\fileserver\rm\vault") == UNC
    assert reason(r"c:\users\WANG\onedrive\文档\RM Desktop\vault") == ONEDRIVE  # any case
    assert reason(r"C:\Users\wang\OneDrive - 某银行\vault") == ONEDRIVE
    assert reason(r"Z:\RM\vault") == NETWORK
    assert reason(r"\\?\Z:\RM\vault") == NETWORK
    assert asked[-1] == "Z:\\"
    assert reason(r"C:\Users\wang\AppData\Local\RMDesktop\RM Desktop\vault") is None
    assert reason(r"C:\Users\wang\OneDriveBackup\vault") is None  # beside the OneDrive folder, not in it
    assert reason(r"D:\RM\vault") is None


def test_on_windows_the_check_uses_the_environment_and_the_drive_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(paths.os.path, "abspath", lambda p: str(p))  # Windows paths as given
    monkeypatch.setenv("OneDrive", r"C:\Users\wang\OneDrive")
    monkeypatch.setattr(paths, "_windows_drive_type", lambda root: paths.DRIVE_REMOTE if root == "M:\\" else 3)
    assert paths.network_location(r"M:\vault") == NETWORK
    assert paths.network_location(r"C:\Users\wang\OneDrive\vault") == ONEDRIVE
    assert paths.network_location(r"C:\vault") is None
    warning = paths.location_warning(r"C:\Users\wang\OneDrive\vault")
    assert warning is not None and "OneDrive" in warning


def test_cli_init_prints_the_warning_on_stderr(run_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "network_location", lambda folder, mounts="/proc/mounts": None)
    code, _out, err = run_cli("init")
    assert code == 0 and "网络驱动器" not in err
    monkeypatch.setenv("RM_DESKTOP_VAULT", str(tmp_path / "on the share"))
    monkeypatch.setattr(paths, "network_location", lambda folder, mounts="/proc/mounts": NETWORK)
    code, _out, err = run_cli("init")
    assert code == 0 and "网络驱动器" in err and str(tmp_path / "on the share") in err  # said, not refused
