"""Bounds of an xlsb workbook's sheets from their BIFF12 records, before calamine reads them.

calamine loads an xlsb sheet as a dense rectangle between its first and last valued cells; one
cell at A1 and one at row 1,000,000, column 16,000 abort the process (checked: SIGABRT under a
1 GB limit). Each sheet part is a stream of records (type and size as 7-bit varints); a row
header (BrtRowHdr) gives the row, each cell record starts with its column. Blank cells are
left out, as calamine leaves them out. Shared strings (BrtSSTItem) are counted per cell that
names them (BrtCellIsst), at most 3 UTF-8 bytes per UTF-16 unit of their record.

Only the parts the workbook's relationships name as sheets are walked (as calamine finds them):
an xlsb also holds binary parts that are not records at all (printer settings).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from rm_desktop.io.limits import Totals, unknown_format
from rm_desktop.io.zip_members import member_chunks, skim_member

_ROW_HEADER, _CELL_ST, _CELL_ISST, _FMLA_STRING = 0, 6, 7, 8
_VALUE_CELLS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 11})  # Rk … FmlaError; 1 is blank
_SST_ITEM = 19
_MAX_RECORD = 4 * 1024 * 1024  # real records are KBs; a longer one is a broken or hostile file
_SHEET_REL = re.compile(rb'<Relationship\b[^>]*?\bType="[^"]*sheet"[^>]*>')
_TARGET = re.compile(rb'\bTarget="([^"]+)"')
_WORKBOOK_RELS = "xl/_rels/workbook.bin.rels"


def scan_xlsb(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str) -> None:
    by_name = {info.filename: info for info in infos}
    sheets = _sheet_parts(fh, by_name, name)
    lengths: list[int] = []
    for info in infos:  # the shared strings first: cells refer to them
        if _is_shared_strings(info):
            lengths = _shared_lengths(member_chunks(fh, info, name), name)
    totals = Totals()
    for info in infos:
        if info.filename in sheets:
            totals.add(_sheet_bound(member_chunks(fh, info, name), lengths, name))
            totals.check(name)
        elif not _is_shared_strings(info):
            skim_member(fh, info, name)


def _is_shared_strings(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith("sharedstrings.bin")


def _sheet_parts(fh: BinaryIO, by_name: dict[str, zipfile.ZipInfo], name: str) -> set[str]:
    """Parts named by the workbook's sheet relationships, plus anything under xl/worksheets/."""
    found = {part for part in by_name if part.startswith("xl/worksheets/") and part.endswith(".bin")}
    rels = by_name.get(_WORKBOOK_RELS)
    if rels is not None:
        text = b"".join(member_chunks(fh, rels, name))
        for relationship in _SHEET_REL.findall(text):
            target = _TARGET.search(relationship)
            if target:
                path = target.group(1).decode("utf-8", "replace")
                found.add(path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join("xl", path)))
    return found


def _records(chunks: Iterable[bytes], name: str) -> Iterator[tuple[int, memoryview]]:
    """(type, body) of each record, streamed over the inflated chunks."""
    buf, pos = b"", 0
    for chunk in chunks:
        buf, pos = buf[pos:] + chunk, 0
        while True:
            head = _header(buf, pos)
            if head is None:
                break
            kind, size, start = head
            if size > _MAX_RECORD:
                raise unknown_format(name)
            if start + size > len(buf):
                break
            yield kind, memoryview(buf)[start : start + size]
            pos = start + size
    if pos < len(buf):
        raise unknown_format(name)  # a record cut short


def _header(buf: bytes, pos: int) -> tuple[int, int, int] | None:
    """(type, size, body start) of the record at ``pos``, None when the header is incomplete."""
    end = len(buf)
    if pos >= end:
        return None
    kind = buf[pos]
    pos += 1
    if kind & 0x80:
        if pos >= end:
            return None
        kind = (kind & 0x7F) | ((buf[pos] & 0x7F) << 7)
        pos += 1
    size = shift = 0
    for _ in range(4):
        if pos >= end:
            return None
        byte = buf[pos]
        pos += 1
        size |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return kind, size, pos
    return kind, size, pos


def _sheet_bound(chunks: Iterable[bytes], lengths: list[int], name: str) -> Totals:
    row = rows = cols = text = 0
    count = len(lengths)
    for kind, body in _records(chunks, name):
        if kind == _ROW_HEADER and len(body) >= 4:
            row = struct.unpack_from("<I", body)[0]
        elif kind in _VALUE_CELLS and len(body) >= 4:
            rows, cols = max(rows, row + 1), max(cols, struct.unpack_from("<I", body)[0] + 1)
            if kind == _CELL_ISST and len(body) >= 12:
                index = struct.unpack_from("<I", body, 8)[0]
                text += lengths[index] if index < count else 0
            elif kind in (_CELL_ST, _FMLA_STRING):
                text += 3 * len(body) // 2
    return Totals(rows * cols, text)


def _shared_lengths(chunks: Iterable[bytes], name: str) -> list[int]:
    return [3 * len(body) // 2 for kind, body in _records(chunks, name) if kind == _SST_ITEM]
