"""Where a vault lives: ``--vault DIR``, else env RM_DESKTOP_VAULT, else the per-user data folder;
and whether that place is safe for it.

SQLite's write-ahead log needs shared memory and byte-range locks that network file systems
(SMB, NFS, sshfs) and sync clients (OneDrive) do not give reliably: a vault there can be damaged.
:func:`network_location` says why a folder is such a place (Windows: a remote drive as
``GetDriveTypeW`` reports it, a UNC path, a folder under ``%OneDrive%``; elsewhere: the file
system type of its mount in ``/proc/mounts``); :func:`location_warning` turns that into the
warning the first-run dialog, the lock screen and ``rm-desktop-cli init`` show.
"""

from __future__ import annotations

import ntpath
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from rm_desktop.i18n import t

APP_NAME = "RM Desktop"
APP_AUTHOR = "RMDesktop"


@dataclass(frozen=True)
class VaultPaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "vault.db"

    @property
    def header(self) -> Path:
        return self.root / "vault.header"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        """The GUI's log files (no client data: see rm_desktop/logsafe.py)."""
        return self.root / "logs"

    def exists(self) -> bool:
        return self.header.exists() or self.db.exists()

    def sidecars(self) -> list[Path]:
        return [self.db.with_name(self.db.name + suffix) for suffix in ("-wal", "-shm")]


def default_vault_dir() -> Path:
    # %LOCALAPPDATA% on Windows (not roaming: the vault must not follow the user to other PCs).
    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / "vault"


def resolve_vault_dir(option: str | os.PathLike | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get("RM_DESKTOP_VAULT")
    return Path(env).expanduser() if env else default_vault_dir()


# -- network, mapped and synced folders -------------------------------------------------------------
NETWORK = "network"  # a network (or mapped network) drive, or a network file system
UNC = "unc"  # \\server\share
ONEDRIVE = "onedrive"  # under a OneDrive folder (Documents is often redirected there)

# Mount types of network and remote file systems (Linux /proc/mounts, third field).
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph",
        "glusterfs", "lustre", "gfs2", "ocfs2", "davfs", "fuse.sshfs", "sshfs", "fuse.glusterfs",
        "fuse.cephfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs2", "fuse.onedriver",
    }
)  # fmt: skip
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
DRIVE_REMOTE = 4  # GetDriveTypeW


def _nearest_existing(path: Path) -> Path:
    """The folder itself, or (not created yet) its nearest existing parent."""
    path = Path(os.path.abspath(path))
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes a space as \\040 (tab \\011, newline \\012, backslash \\134)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def mount_fstype(path: Path, mounts: str = "/proc/mounts") -> str | None:
    """The file system type of the mount holding ``path`` (the longest mount point above it)."""
    try:
        with open(mounts, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    target = os.path.realpath(_nearest_existing(path))
    best: tuple[int, str] | None = None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape_mount(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), fields[2])
    return best[1] if best else None


def _windows_drive_type(root: str) -> int:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.GetDriveTypeW.argtypes = (ctypes.c_wchar_p,)
    kernel32.GetDriveTypeW.restype = ctypes.c_uint
    return int(kernel32.GetDriveTypeW(root))


def _under(folder: str, parent: str) -> bool:
    folder, parent = ntpath.normcase(folder).rstrip("\\"), ntpath.normcase(parent).rstrip("\\")
    return bool(parent) and (folder == parent or folder.startswith(parent + "\\"))


def windows_network_location(
    folder: str, environ: Mapping[str, str], drive_type: Callable[[str], int] | None = None
) -> str | None:
    """Why ``folder`` (an absolute Windows path) is unsafe for a vault, or None. ``drive_type``
    is GetDriveTypeW (asked only for a drive letter's root, after the UNC and OneDrive checks)."""
    drive_type = drive_type or _windows_drive_type
    text = folder
    if text.startswith("\\\\?\\"):  # \\?\C:\... and \\?\UNC\server\share\...
        text = "\\\\" + text[8:] if text[4:8].upper() == "UNC\\" else text[4:]
    drive = ntpath.splitdrive(text)[0]
    if drive.startswith(("\\\\", "//")):
        return UNC
    for name in ONEDRIVE_VARIABLES:
        synced = environ.get(name)
        if synced and _under(text, synced):
            return ONEDRIVE
    if drive and drive_type(drive + "\\") == DRIVE_REMOTE:
        return NETWORK
    return None


def network_location(folder: os.PathLike[str] | str, *, mounts: str = "/proc/mounts") -> str | None:
    """NETWORK, UNC or ONEDRIVE when ``folder`` is on a network, mapped or synced drive, else None."""
    if sys.platform == "win32":
        return windows_network_location(os.path.abspath(folder), os.environ)
    fstype = mount_fstype(Path(folder), mounts)
    return NETWORK if fstype in NETWORK_FILESYSTEMS else None


def location_warning(folder: os.PathLike[str] | str, *, mounts: str = "/proc/mounts") -> str | None:
    """The warning to show for a vault folder on a network, mapped or OneDrive folder, else None."""
    reason = network_location(folder, mounts=mounts)
    if reason is None:
        return None
    where = {
        ONEDRIVE: t("OneDrive 同步文件夹", "a OneDrive folder"),
        UNC: t("网络共享文件夹", "a network share"),
        NETWORK: t("网络驱动器（或映射的网络盘）", "a network (or mapped) drive"),
    }[reason]
    return t(
        "注意：档案库文件夹位于{}（{}）。数据库在网络或同步文件夹上可能损坏，请放在本机磁盘上（如默认位置）；"
        "如需在网络盘上留副本，请在设置中填写“第二备份文件夹”。",
        "Warning: the vault folder is on {} ({}). The database can be damaged on a network or synced "
        "folder; keep it on a local disk (such as the default location) and, for a copy on a network "
        "drive, set the second backup folder in Settings.",
    ).format(where, folder)
