"""The zip directory and its members, inflated by hand and checked against what they declare.

The members are inflated from their raw bytes so that a member that inflates to more than its
directory entry declares (a lying zip bomb) is caught: ``zipfile`` would quietly stop at the
declared size, while other zip readers may not. Output is bounded per step, 1 MB at a time,
whatever the compression ratio.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from rm_desktop.io import limits
from rm_desktop.io.limits import bomb, hostile_xml, mb, refuse

CHUNK = 1 * limits.MiB
HOSTILE_XML = (b"<!DOCTYPE", b"<!ENTITY")
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_directory(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise refuse(name, f"文件内部条目过多（{len(infos)}）", f"the file holds too many parts ({len(infos)})")
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise refuse(
            name,
            f"解压后过大（{mb(total)}，上限 {mb(limits.MAX_UNCOMPRESSED_BYTES)}）",
            f"it would unpack to {mb(total)} (the limit is {mb(limits.MAX_UNCOMPRESSED_BYTES)})",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(name, "文件内部条目被加密，无法读取", "a part of the file is zip-encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(name, "文件使用了不支持的压缩方式", "the file uses an unsupported compression method")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.RATIO_MIN_BYTES and ratio > limits.MAX_COMPRESSION_RATIO:
            raise bomb(name)


def member_chunks(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """Inflate one member from its raw bytes, refusing output beyond its declared size."""
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(info.filename)
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced = info.compress_size, 0
    while left > 0:
        raw = fh.read(min(CHUNK, left))
        if not raw:
            raise zipfile.BadZipFile(info.filename)
        left -= len(raw)
        pending = raw
        while pending:
            if inflater is None:
                out, pending = pending, b""
            else:
                # max_length bounds each step's output whatever the ratio.
                out = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                raise bomb(name)
            if out:
                yield out
    tail = inflater.flush() if inflater is not None else b""
    produced += len(tail)
    if produced > info.file_size:
        raise bomb(name)
    if tail:
        yield tail
    if produced != info.file_size:
        raise zipfile.BadZipFile(info.filename)


def is_xml(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith(_XML_SUFFIXES)


def skim_member(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> None:
    """A member calamine does not read for data: check its real size and, for XML, refuse
    entity declarations (a byte search; the overlap catches a marker split between chunks)."""
    tail = b""
    for chunk in member_chunks(fh, info, name):
        if is_xml(info) and any(marker in tail + chunk for marker in HOSTILE_XML):
            raise hostile_xml(name)
        tail = chunk[-16:]
