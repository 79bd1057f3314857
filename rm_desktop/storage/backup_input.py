"""What a ``.rmbak`` given to a restore must look like before anything is extracted from it: it
is hostile input until shown otherwise.

Only stored members (RM Desktop never compresses ciphertext, and a deflated member could unpack
to far more than the file holds), the two members (and a raw copy's log) and no others, a bounded
central directory (read from the end record before zipfile parses all of it into memory) and a
bounded header. storage/backups.py then extracts the database with the disk space for it.
"""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

HEADER_MEMBER = "header.json"
DB_MEMBER = "vault.db"
WAL_MEMBER = "vault.db-wal"  # only in a raw copy of a vault whose key was not at hand
MAX_HEADER = 64 << 10
MAX_ENTRIES = 16
SPARE_DISK = 8 << 20  # left free after extracting a backup's database


class BackupError(UserError):
    pass


def unreadable(path: Path, why: str) -> BackupError:
    return BackupError(
        t("备份文件无法读取或已损坏：{}（{}）", "The backup file cannot be read or is damaged: {} ({})").format(
            path, why
        )
    )


def directory_bounds(path: Path) -> None:
    """Refuse a zip whose central directory is large before zipfile parses all of it into memory."""
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - (1 << 16) - 22))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise unreadable(path, t("不是备份文件", "not a backup file"))
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries > MAX_ENTRIES or (directory_size != 0xFFFFFFFF and directory_size > 1 << 20):
        raise unreadable(path, t("不是 RM Desktop 备份", "not an RM Desktop backup"))


def check_archive(zf: zipfile.ZipFile, path: Path) -> dict[str, zipfile.ZipInfo]:
    """The members of a backup by name; BackupError for any other zip."""
    infos = {info.filename: info for info in zf.infolist()}
    if not {HEADER_MEMBER, DB_MEMBER} <= set(infos) or set(infos) - {HEADER_MEMBER, DB_MEMBER, WAL_MEMBER}:
        raise unreadable(path, t("成员不符", "unexpected members"))
    for info in infos.values():
        # RM Desktop stores its (encrypted) members: anything compressed or encrypted is not ours,
        # and reading it could unpack far more than the file holds.
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1 or info.file_size != info.compress_size:
            raise unreadable(path, t("成员经过压缩或加密", "compressed or encrypted members"))
    if infos[HEADER_MEMBER].file_size > MAX_HEADER:
        raise unreadable(path, t("头部过大", "header too large"))
    return infos
