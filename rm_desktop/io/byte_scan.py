"""Upper bounds of an xlsx sheet's extent and text from its bytes, at C speed.

The exact expat scan (:mod:`xml_scan`) calls Python once per XML element: 16 s for a
100k-row, 25-column sheet, five times the read itself. Here each 1 MB chunk goes through a
handful of compiled regular expressions and ``bytes.count`` instead (about 1.5 s for the same
sheet), which is sound only for XML in the plain form that Excel, WPS, LibreOffice and openpyxl
write:

* UTF-8 (no UTF-16), and no DTD, comment, CDATA or processing instruction after the XML
  declaration, so every ``<`` starts a tag and a chunk can be cut at its last ``<``;
* no namespace prefix on the elements that matter (c, v, si);
* every cell opens as ``<c r="B7"`` with the reference first, letters A-Z and up to 7 digits;
* every shared string is a plain ``<si>`` element.

Anything else raises :class:`Unusual`, and the caller measures that part exactly instead.

The bounds: the extent counts every referenced cell (styled empty cells too, which calamine
skips); a sheet's own text is at most its bytes outside tags (every tag takes at least 3 bytes
per ``<``, one more per ``</``, 10 for a ``<c r="A1">``); shared-string text is the length
of the string each integer ``<v>`` names, and of the longest string for any other ``<v>``.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from rm_desktop.io import limits
from rm_desktop.io.limits import check_cell_count, column_number

_CELL_LETTERS = re.compile(rb'<c r=["\']([A-Z]{1,3})[0-9]')
_CELL_ROWS = re.compile(rb'<c r=["\'][A-Z]{1,3}([0-9]{1,7})["\']')
_ODD_CELL = re.compile(rb'<c(?! r=(["\'])[A-Z]{1,3}[0-9]{1,7}\1)[\s>/]')
_PREFIXED = re.compile(rb":(?:c|v|si)[\s>/]")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_ODD_SHARED = re.compile(rb"<si[^>]")
_UTF16 = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
_MAX_CARRY = 4 * limits.MiB  # a tag or shared string longer than this is measured exactly
_CELL_TAG_EXTRA = 7  # <c r="A1"> is 10 bytes: 7 more than the 3 every tag is counted for


class Unusual(Exception):
    """The part is not in the plain form this scan can bound: measure it exactly."""


@dataclass
class SheetBound:
    rows: int = 0
    cols: int = 0
    text: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.cols


def _tags(chunks: Iterable[bytes]) -> Iterable[bytes]:
    """The part re-cut at its last ``<`` per chunk (before an open ``<v>``), so no tag or
    value straddles two pieces; the gates that hold for the whole part are checked on every
    piece."""
    carry = b""
    declaration = True  # still to be skipped (or found absent) at the start of the part
    for chunk in chunks:
        if len(carry) > _MAX_CARRY:
            raise Unusual()
        buf, carry = (carry + chunk if carry else chunk), b""
        if declaration:
            head = buf.lstrip(b"\xef\xbb\xbf \t\r\n")
            end = head.find(b"?>") if head.startswith(b"<?") else 0
            if len(head) < 2 or end == -1:
                carry = buf  # too short to tell yet
                continue
            if buf.startswith(_UTF16):
                raise Unusual()
            buf, declaration = (head[end + 2 :] if end else buf), False
        cut = buf.rfind(b"<")
        value = buf.rfind(b"<v", 0, cut)
        if value != -1 and buf.find(b"</v>", value, cut) == -1:
            cut = value  # keep <v>…</v> in one piece for _shared_text
        if cut <= 0:
            carry = buf
            continue
        piece, carry = buf[:cut], buf[cut:]
        yield _plain(piece)
    if carry:
        yield _plain(carry)


def _plain(piece: bytes) -> bytes:
    """``piece`` itself, unless it holds a DTD, comment, CDATA or processing instruction."""
    # A one-byte search runs at memchr speed; "<!" alone is slow where nearly every other
    # byte is a "<" (0.13 s per 100 MB), so it is looked for only after a "!" (or "?").
    if (b"!" in piece and b"<!" in piece) or (b"?" in piece and b"<?" in piece):
        raise Unusual()
    return piece


def sheet_bound(chunks: Iterable[bytes], lengths: array) -> SheetBound:
    """Bounds of one worksheet part; ``lengths`` are the shared strings' upper lengths."""
    bound = SheetBound()
    max_letters = b""
    count = len(lengths)
    longest = max(lengths, default=0)
    for piece in _tags(chunks):
        if b":" in piece and _PREFIXED.search(piece):
            raise Unusual()
        bound.rows, max_letters = _checked_extent(piece, bound.rows, max_letters)
        # Past _checked_extent every "<c r=" opens a plain reference: one per cell of the piece.
        markup = 3 * piece.count(b"<") + piece.count(b"</") + _CELL_TAG_EXTRA * piece.count(b"<c r=")
        bound.text += max(0, len(piece) - markup)
        if count:
            bound.text += _shared_text(piece, lengths, count, longest)
    bound.cols = column_number(max_letters.decode("ascii"))
    return bound


def _checked_extent(piece: bytes, rows: int, letters: bytes) -> tuple[int, bytes]:
    """The highest row and the last column letters so far, the piece included; :class:`Unusual`
    for a cell in an odd form (:data:`_ODD_CELL`). Rows are written in order, so the piece's
    last cell nearly always holds its highest row, and past the first piece a later column is
    rare: one regex pass looks for an odd cell, a higher row or a later column at once, and
    only a piece that holds one is searched again and has its references listed."""
    last = _CELL_ROWS.match(piece, max(piece.rfind(b"<c r="), 0))
    candidate = max(rows, int(last.group(1))) if last else rows
    narrow = len(letters) <= 1  # a later column than one letter: listed per piece (_max_letters)
    if _beyond(candidate, letters if narrow else None).search(piece) is None:
        return candidate, (letters if narrow or last is None else _max_letters(piece, letters))
    if _ODD_CELL.search(piece):
        raise Unusual()
    if last is None:
        return candidate, letters
    return max(candidate, _largest(_CELL_ROWS.findall(piece), int)), _max_letters(piece, letters)


@functools.lru_cache(maxsize=64)
def _beyond(row: int, letters: bytes | None) -> re.Pattern[bytes]:
    """:data:`_ODD_CELL`, a plain reference to a row after ``row`` (leading zeros allowed, as
    int() reads them), or, unless ``letters`` is None, one to a column after ``letters``."""
    later = b"|" + _later_column(letters).pattern[len(b"<c") :] if letters is not None else b""
    return re.compile(b"<c(?:" + _ODD_CELL.pattern[len(b"<c") :] + _row_above(row) + later + b")")


def _row_above(row: int) -> bytes:
    """The alternative of :func:`_beyond` for a row after ``row``, with its leading "|"."""
    digits = str(row)
    if row == 0:
        above = "[1-9][0-9]*"
    else:  # more significant digits, or as many with a higher digit after a common start
        longer = f"[1-9][0-9]{{{len(digits)},}}"
        same = [
            f"{digits[:i]}[{int(digit) + 1}-9][0-9]{{{len(digits) - i - 1}}}"
            for i, digit in enumerate(digits)
            if digit != "9"
        ]
        above = "|".join([longer, *same])
    return rb"| r=[\"'][A-Z]{1,3}+0*+(?:" + above.encode() + rb")[\"']"


def _max_letters(piece: bytes, so_far: bytes) -> bytes:
    """The later of ``so_far`` and the piece's last column letters. Past the first piece of a
    sheet, a piece rarely holds a later column than the ones before, which one regex search
    tells (one pass, no list of every cell's letters); only a piece that does is listed."""
    if len(so_far) <= 1 and _later_column(so_far).search(piece) is None:
        return so_far
    return max(_largest(_CELL_LETTERS.findall(piece), _letters_key), _letters_key(so_far))[1]


@functools.cache
def _later_column(so_far: bytes) -> re.Pattern[bytes]:
    """A cell reference to a column after ``so_far`` (one letter, or none yet)."""
    first = so_far[0] + 1 if so_far else ord("A")
    single = f"[{chr(first)}-Z]|" if first <= ord("Z") else ""
    return re.compile(rb"<c r=[\"'](?:" + single.encode() + rb"[A-Z]{2})")


def _letters_key(letters: bytes) -> tuple[int, bytes]:
    return len(letters), letters  # longer letters are a later column; same length: A-Z order


_Key = TypeVar("_Key", int, tuple[int, bytes])


def _largest(found: list[bytes], key: Callable[[bytes], _Key]) -> _Key:
    """``max(found, key=key)`` for row digits (key int) or column letters, C-fast in the usual
    case: when the lexicographic maximum is also the longest item (and, for digits, has no
    leading zero) no item can exceed it, so only a piece where the width changes (row 99999 →
    100000) pays for the keyed comparison."""
    top = max(found)
    if len(top) == max(map(len, found)) and top[:1] != b"0":
        return key(top)
    return max(map(key, found))


def _shared_text(piece: bytes, lengths: array, count: int, longest: int) -> int:
    values = _VALUE.findall(piece)
    if len(values) != piece.count(b"<v"):
        raise Unusual()  # a <v> with attributes or self-closed
    indices = [int(v) for v in filter(bytes.isdigit, values)]
    others = len(values) - len(indices)
    # A value that is not plain digits (an amount, " 3", "&#51;") might still name a string.
    return sum(map(lengths.__getitem__, filter(count.__gt__, indices))) + others * longest


def shared_lengths(chunks: Iterable[bytes], lengths: array, name: str) -> None:
    """Append the byte length of every <si> (an upper bound of its text) to ``lengths``.
    Pieces are cut at a ``<``, so a ``<si>`` never straddles two of them."""
    open_length = -1  # bytes so far of the <si> still open at the end of the last piece
    for piece in _tags(chunks):
        if _ODD_SHARED.search(piece) or b":si" in piece:
            raise Unusual()
        parts = piece.split(b"<si>")
        if open_length >= 0:
            open_length += len(parts[0])
        if len(parts) > 1:
            if open_length >= 0:
                lengths.append(open_length)
            lengths.extend(map(len, parts[1:-1]))
            open_length = len(parts[-1])
            if len(lengths) > limits.MAX_CELLS:
                check_cell_count(len(lengths), name)
    if open_length >= 0:
        lengths.append(open_length)
