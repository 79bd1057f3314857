"""Refuse a hostile or oversized legacy .xls (BIFF5/BIFF8) before calamine opens it.

calamine reads every sheet of an .xls when the workbook is opened, as a dense rectangle from
its first to its last valued cell; a few hundred bytes holding cells at A1 and at row 60000,
column 60000 (BIFF8 keeps both as 16-bit numbers) ask for 115 GB and abort the process
(checked: SIGABRT under a 1 GB limit). A shared string is cloned into every cell naming it.

So the workbook stream is walked record by record here (4-byte headers: type, length): the
value cells' rows and columns give each sheet's extent, and the shared-string table (SST,
continued over CONTINUE records) gives each string's length, counted once per cell naming it.
Blank cells (BLANK, MULBLANK) are left out, as calamine leaves them out.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

import olefile

from rm_desktop.io.limits import Totals, check_cell_count, unknown_format

_BOF, _EOF, _SST, _CONTINUE, _STRING = 0x0809, 0x000A, 0x00FC, 0x003C, 0x0207
_LABELSST, _MULRK = 0x00FD, 0x00BD
_NUMBERS = frozenset({0x0203, 0x027E, _MULRK})  # NUMBER, RK, MULRK: no text
# Value cells that start with row (u16) and column (u16): the numbers, LABEL, BOOLERR, FORMULA,
# RSTRING, LABELSST; MULRK holds several columns, the last in its final two bytes.
_CELLS = _NUMBERS | {0x0204, 0x0205, 0x0006, 0x0406, 0x00D6, _LABELSST}
_UTF8_PER_CHAR = 3  # a BIFF character (Latin-1 or UTF-16 unit) is at most 3 bytes of UTF-8


def check_xls(data: bytes, name: str) -> None:
    """UserError naming ``name`` when the .xls would exceed the cell or text limits."""
    try:
        # A file object, not the bytes: olefile takes short bytes for a file name.
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
            if stream is None:
                return  # not a workbook: calamine says so with its own message
            book = ole.openstream(stream).read()
    except (OSError, ValueError, struct.error, IndexError):  # olefile's ways to say "damaged"
        raise unknown_format(name) from None
    totals = _walk(book, name)
    totals.check(name)


def _records(book: bytes, name: str) -> Iterator[tuple[int, int, int]]:
    pos, size = 0, len(book)
    while pos + 4 <= size:
        kind, length = struct.unpack_from("<HH", book, pos)
        if pos + 4 + length > size:
            raise unknown_format(name)
        yield kind, pos + 4, length
        pos += 4 + length


def _walk(book: bytes, name: str) -> Totals:
    totals = Totals()
    sst: list[int] = []
    sst_parts: list[bytes] | None = None  # the SST record being collected with its CONTINUEs
    rows = cols = 0  # the current sheet's extent: last valued row and column + 1
    for kind, start, length in _records(book, name):
        if sst_parts is not None:
            if kind == _CONTINUE:
                sst_parts.append(book[start : start + length])
                continue
            sst = _sst_lengths(sst_parts, name)
            sst_parts = None
        if kind in _CELLS:
            if length < 6:
                raise unknown_format(name)
            row, col = struct.unpack_from("<HH", book, start)
            if kind == _MULRK:
                col = struct.unpack_from("<H", book, start + length - 2)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            if kind == _LABELSST:
                index = struct.unpack_from("<I", book, start + 6)[0] if length >= 10 else -1
                totals.text += sst[index] if 0 <= index < len(sst) else 0
            elif kind not in _NUMBERS:
                totals.text += length  # inline text (LABEL, RSTRING) or a formula's value
        elif kind == _STRING:
            totals.text += length  # a formula's text result
        elif kind == _SST:
            sst_parts = [book[start : start + length]]
        elif kind in (_BOF, _EOF):
            totals.cells += rows * cols
            rows = cols = 0
            check_cell_count(totals.cells, name)
    if sst_parts is not None:
        _sst_lengths(sst_parts, name)
    totals.cells += rows * cols
    return totals


def _sst_lengths(parts: list[bytes], name: str) -> list[int]:
    """UTF-8 upper bound of each shared string ([MS-XLS] 2.4.265): character count, flags,
    optional run count and extension size, characters (a CONTINUE inside them starts with a
    fresh flags byte), then the runs and the extension, which may be split anywhere."""
    if not parts or len(parts[0]) < 8:
        raise unknown_format(name)
    unique = struct.unpack_from("<I", parts[0], 4)[0]
    lengths: list[int] = []
    part, pos = 0, 8
    try:
        while len(lengths) < unique:
            if pos >= len(parts[part]):
                part, pos = part + 1, 0
            chunk = parts[part]
            chars, flags = struct.unpack_from("<HB", chunk, pos)
            pos += 3
            runs = ext = 0
            if flags & 0x08:
                runs = struct.unpack_from("<H", chunk, pos)[0]
                pos += 2
            if flags & 0x04:
                ext = struct.unpack_from("<I", chunk, pos)[0]
                pos += 4
            width, left = (2 if flags & 0x01 else 1), chars
            while True:
                take = min(left, (len(parts[part]) - pos) // width)
                pos, left = pos + take * width, left - take
                if not left:
                    break
                part += 1  # the characters go on in the next CONTINUE, after its own flags byte
                width, pos = (2 if parts[part][0] & 0x01 else 1), 1
            skip = runs * 4 + ext
            while skip:
                if pos >= len(parts[part]):
                    part, pos = part + 1, 0
                step = min(skip, len(parts[part]) - pos)
                pos, skip = pos + step, skip - step
            lengths.append(chars * _UTF8_PER_CHAR)
    except (IndexError, struct.error):
        raise unknown_format(name) from None
    return lengths
