"""Text files the user hands the app (a column mapping, a template list), in whatever encoding
a Windows tool saved them.

On a Chinese Windows, PowerShell 5.1 writes ANSI (GBK) with ``Set-Content``, UTF-16 LE with a BOM
with ``>`` and ``Out-File``, UTF-8 *with* a BOM with ``-Encoding utf8``; Notepad writes UTF-8,
older versions ANSI or UTF-8 with a BOM. So: a BOM first, then strict UTF-8, then strict GB18030
(a superset of GBK); anything else is one clear error naming the file.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io import limits

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WITHOUT_BOM = ("utf-8", "gb18030")


def decode_user_text(data: bytes, name: str) -> str:
    """The text of ``data`` (BOM removed); UserError naming ``name`` when no encoding fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise _unknown_encoding(name) from None
    for encoding in _WITHOUT_BOM:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _unknown_encoding(name)


def read_user_text(path: str | Path) -> str:
    """The text of the file at ``path`` (see :func:`decode_user_text`); UserError when it cannot
    be read."""
    path = Path(path)
    return decode_user_text(read_user_bytes(path), path.name)


def read_user_bytes(path: str | Path) -> bytes:
    """The bytes of a file the user chose; UserError naming it when it cannot be read.

    Only a regular file (or a link to one) is read, and at most ``limits.MAX_FILE_BYTES`` of it:
    ``/dev/zero`` reports size 0 and streams forever (23 GB before the process died), a FIFO
    blocks the open until someone writes, a folder is an OS error. So the target is stat'ed
    before it is opened, opened without blocking, and checked again on the open handle (a file
    swapped in between is refused too)."""
    path = Path(path)
    try:
        found = os.stat(path)  # follows links: a link to /dev/zero is a device
        _check_regular(found.st_mode, path)
        limits.check_file_size(found.st_size, path.name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            _check_regular(os.fstat(handle.fileno()).st_mode, path)
            data = handle.read(limits.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(
            t("无法读取文件 {}：{}", "Cannot read the file {}: {}").format(path, exc.strerror or exc)
        ) from None
    limits.check_file_size(len(data), path.name)  # grew while it was read
    return data


def _check_regular(mode: int, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise UserError(t("这是一个文件夹，不是文件：{}", "This is a folder, not a file: {}").format(path))
    if not stat.S_ISREG(mode):
        raise UserError(
            t(
                "不是普通文件（设备、管道或套接字），不能读取：{}",
                "Not a regular file (a device, pipe or socket); it is not read: {}",
            ).format(path)
        )


def _unknown_encoding(name: str) -> UserError:
    return UserError(
        t(
            "{}：无法识别文件编码（支持 UTF-8、UTF-16 和 GBK/GB18030），请另存为 UTF-8 后重试",
            "{}: unknown text encoding (UTF-8, UTF-16 and GBK/GB18030 are read); save it as UTF-8 and retry",
        ).format(name)
    )
