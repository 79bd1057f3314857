"""Refuse hostile or oversized spreadsheets before any parser sees them.

calamine materialises a sheet as a dense rectangle of 32-byte cells spanning the first to the
last cell that holds a value, and clones a shared string into every cell that refers to it. A
few kilobytes of zip can therefore ask for hundreds of gigabytes (two cells at A1 and
XFD1048576, or one long shared string referenced by every cell), and a failed Rust allocation
aborts the whole process instead of raising. The declared ``<dimension>`` of a sheet can lie, so
the XML of every xlsx sheet and of the ods content is streamed through expat here (memory: one
1 MB chunk at a time) and the real extent and text volume are estimated from the cells
themselves. Any DTD is refused (calamine does not expand entities, but nothing needs them).

The zip members are inflated by hand from their raw bytes so that a member that inflates to
more than its directory entry declares (a lying zip bomb) is caught: ``zipfile`` would quietly
stop at the declared size, while other zip readers may not.

Not covered before parsing: the binary sheets of xlsb and legacy xls (no sample files to test a
record scanner against); for those the zip checks (xlsb), the file size cap and a cell count
check right after calamine loads each sheet apply.

Every refusal is a :class:`UserError` naming the file.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.parsers import expat

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

MiB = 1024 * 1024
MAX_FILE_BYTES = 100 * MiB
MAX_ZIP_MEMBERS = 2000
MAX_UNCOMPRESSED_BYTES = 512 * MiB
# Sheet XML compresses 10-30x; deflate tops out near 1030x. Small members (a repetitive
# styles.xml) may exceed any ratio harmlessly, so only members past RATIO_MIN_BYTES count.
MAX_COMPRESSION_RATIO = 200
RATIO_MIN_BYTES = 1 * MiB
# Measured: 1 M cells of a realistic client list peak at ~130 MB while read; 3 M cells keep
# reading plus normalising well under 1 GB.
MAX_CELLS = 3_000_000
# Characters of cell text (shared strings counted once per referencing cell).
MAX_TEXT_BYTES = 128 * MiB

_CHUNK = 1 * MiB
_HOSTILE_XML = (b"<!DOCTYPE", b"<!ENTITY")
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def refuse(name: str, zh: str, en: str) -> UserError:
    """A UserError 'cannot import <file>: <reason>'; ``zh``/``en`` are the reason texts."""
    return UserError(
        t("无法导入“{}”：", "Cannot import \"{}\": ").format(name) + t(zh, en)
    )


def _mb(size: int) -> str:
    return f"{size / MiB:.0f} MB"


def check_file_size(size: int, name: str) -> None:
    if size > MAX_FILE_BYTES:
        raise refuse(
            name,
            "文件过大（{}，上限 {}）".format(_mb(size), _mb(MAX_FILE_BYTES)),
            "the file is too large ({}; the limit is {})".format(_mb(size), _mb(MAX_FILE_BYTES)),
        )


def check_cell_count(cells: int, name: str) -> None:
    """Refuse a workbook holding more than MAX_CELLS cells (also used by the text readers)."""
    if cells > MAX_CELLS:
        raise refuse(
            name,
            "表格过大（约 {:,} 个单元格，上限 {:,}），请拆分后分批导入".format(cells, MAX_CELLS),
            "the sheet is too large (about {:,} cells; the limit is {:,}): split it and import "
            "the parts one by one".format(cells, MAX_CELLS),
        )


def _check_text_bytes(size: int, name: str) -> None:
    if size > MAX_TEXT_BYTES:
        raise refuse(
            name,
            "表格中的文字总量过大（约 {}，上限 {}）".format(_mb(size), _mb(MAX_TEXT_BYTES)),
            "the sheets hold too much text (about {}; the limit is {})".format(
                _mb(size), _mb(MAX_TEXT_BYTES)),
        )


@dataclass
class _Totals:
    """Running estimate over all sheets of a workbook (all sheets are read into memory)."""

    cells: int = 0
    text: int = 0


# ---------------------------------------------------------------- zip directory and members


def check_zip(fh: BinaryIO, name: str, kind: str) -> None:
    """Refuse a zip package (``kind`` 'xlsx', 'xlsb' or 'ods') that is too big or hostile.

    ``fh`` is a seekable binary file (an open file or a BytesIO of decrypted data).
    """
    try:
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
            _check_directory(infos, name)
            totals = _Totals()
            if kind == "xlsx":
                _scan_xlsx(fh, infos, name, totals)
            elif kind == "ods":
                _scan_ods(fh, infos, name, totals)
            else:  # xlsb: binary sheets; check every member's real size and the XML parts
                for info in infos:
                    _skim_member(fh, info, name)
    except zipfile.BadZipFile:
        raise refuse(name, "文件已损坏或不完整（zip 结构无效）",
                     "the file is damaged or incomplete (invalid zip structure)") from None


def _check_directory(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > MAX_ZIP_MEMBERS:
        raise refuse(name, "文件内部条目过多（{}）".format(len(infos)),
                     "the file holds too many parts ({})".format(len(infos)))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise refuse(
            name,
            "解压后过大（{}，上限 {}）".format(_mb(total), _mb(MAX_UNCOMPRESSED_BYTES)),
            "it would unpack to {} (the limit is {})".format(_mb(total), _mb(MAX_UNCOMPRESSED_BYTES)),
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(name, "文件内部条目被加密，无法读取", "a part of the file is zip-encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(name, "文件使用了不支持的压缩方式", "the file uses an unsupported compression method")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _bomb(name)


def _bomb(name: str) -> UserError:
    return refuse(name, "文件压缩比异常（疑似“压缩炸弹”），已拒绝",
                  "the file's compression ratio is abnormal (a suspected zip bomb)")


def _member_chunks(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
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
        raw = fh.read(min(_CHUNK, left))
        if not raw:
            raise zipfile.BadZipFile(info.filename)
        left -= len(raw)
        pending = raw
        while pending:
            if inflater is None:
                out, pending = pending, b""
            else:
                # max_length bounds each step's output whatever the ratio.
                out = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                raise _bomb(name)
            if out:
                yield out
    tail = inflater.flush() if inflater is not None else b""
    produced += len(tail)
    if produced > info.file_size:
        raise _bomb(name)
    if tail:
        yield tail
    if produced != info.file_size:
        raise zipfile.BadZipFile(info.filename)


def _is_xml(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith(_XML_SUFFIXES)


def _hostile_xml(name: str) -> UserError:
    return refuse(name, "文件含有 XML 实体声明（DOCTYPE/ENTITY），可能是恶意文件，已拒绝",
                  "the file declares XML entities (DOCTYPE/ENTITY), a known attack; refused")


def _skim_member(fh: BinaryIO, info: zipfile.ZipInfo, name: str) -> None:
    """A member calamine does not read for data: check its real size and, for XML, refuse
    entity declarations (a byte search; the overlap catches a marker split between chunks)."""
    tail = b""
    for chunk in _member_chunks(fh, info, name):
        if _is_xml(info) and any(marker in tail + chunk for marker in _HOSTILE_XML):
            raise _hostile_xml(name)
        tail = chunk[-16:]


class _XmlScan:
    """Streams one XML member through expat (C, incremental, namespace prefixes stripped by
    the handlers). Subclasses count what matters; any DTD refuses the file."""

    def __init__(self, name: str):
        self.name = name
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._refuse_dtd
        self.parser.EntityDeclHandler = self._refuse_dtd
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    def _refuse_dtd(self, *_args: object) -> None:
        raise _hostile_xml(self.name)

    def run(self, fh: BinaryIO, info: zipfile.ZipInfo) -> None:
        try:
            for chunk in _member_chunks(fh, info, self.name):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError:
            raise refuse(self.name, "文件已损坏（{} 不是有效的 XML）".format(info.filename),
                         "the file is damaged ({} is not valid XML)".format(info.filename)) from None

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        raise NotImplementedError

    def _end(self, tag: str) -> None:
        raise NotImplementedError


# ---------------------------------------------------------------------------- xlsx sheets

_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,9})")
_TEXT_TYPES = ("str", "inlineStr", "e")


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) - 64)
    return number


def _local(tag: str) -> str:
    return tag[tag.find(":") + 1:]


def _scan_xlsx(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str, totals: _Totals) -> None:
    """First a quick pass that over-estimates (:class:`_QuickSheetScan`); only a workbook whose
    estimate passes a limit is scanned again exactly, and that exact scan decides the refusal."""
    try:
        _scan_xlsx_parts(fh, infos, name, _Totals(), quick=True)
    except _BoundExceeded:
        _scan_xlsx_parts(fh, infos, name, totals, quick=False)


def _scan_xlsx_parts(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str, totals: _Totals, quick: bool) -> None:
    lengths = array("I")
    # calamine reads the shared strings first; they must be measured before the sheets.
    ordered = sorted(infos, key=lambda i: not _is_shared_strings(i))
    for info in ordered:
        if _is_shared_strings(info):
            _SharedStringsScan(name, lengths).run(fh, info)
        elif _is_xml(info):
            # Every XML part: the workbook's rels may point a sheet anywhere in the package,
            # and parts that are not sheets simply hold no cells.
            if quick:
                _QuickSheetScan(name, lengths, totals, info).run(fh, info)
            else:
                _SheetScan(name, lengths, totals).run(fh, info)
        else:
            _skim_member(fh, info, name)


class _BoundExceeded(Exception):
    """The quick over-estimate passed a limit: the workbook is measured exactly instead."""


def _is_shared_strings(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith("sharedstrings.xml")


class _SharedStringsScan(_XmlScan):
    """Byte length of each shared string (<si>), an upper bound of its text."""

    def __init__(self, name: str, lengths: array):
        super().__init__(name)
        self.lengths = lengths
        self.start = 0

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "si":
            self.start = self.parser.CurrentByteIndex

    def _end(self, tag: str) -> None:
        if _local(tag) == "si":
            self.lengths.append(min(self.parser.CurrentByteIndex - self.start, 2**32 - 1))
            if len(self.lengths) > MAX_CELLS:
                check_cell_count(len(self.lengths), self.name)


class _SheetScan(_XmlScan):
    """Extent (rows x columns from A1, as calamine hands them over) and text of one sheet.

    Runs once per element of the largest part of the file, so the handlers are kept lean:
    the end and text handlers are attached only while a string value is open."""

    def __init__(self, name: str, lengths: array, totals: _Totals):
        super().__init__(name)
        self.parser.EndElementHandler = None
        self.lengths, self.totals = lengths, totals
        self.row = self.col = self.max_row = self.max_col = 0
        self.cell_type: str | None = None  # t= of the current <c>, None before the first
        self.counted = False  # the current cell has a value and was counted
        self.columns: dict[str, int] = {}
        self.index_text: list[str] = []  # digits of a shared-string <v>
        self.text_start = 0
        self.text = 0

    def run(self, fh: BinaryIO, info: zipfile.ZipInfo) -> None:
        super().run(fh, info)
        self.totals.cells += self.max_row * self.max_col
        self.totals.text += self.text
        check_cell_count(self.totals.cells, self.name)
        _check_text_bytes(self.totals.text, self.name)

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag == "c":  # inlined _open_cell's common case: this runs once per cell
            self.cell_type, self.counted = attrs.get("t", "n"), False
            ref = attrs.get("r") or ""
            letters = ref.rstrip("0123456789")
            col = self.columns.get(letters) if len(letters) < len(ref) else None
            if col is None:
                self._open_cell(attrs)
            else:
                self.col, self.row = col, int(ref[len(letters):])
        elif tag == "v" or tag == "is":
            if self.cell_type is None or self.counted:
                return
            self.counted = True
            if self.row > self.max_row or self.col > self.max_col:
                self.max_row, self.max_col = max(self.max_row, self.row), max(self.max_col, self.col)
                if self.max_row * self.max_col > MAX_CELLS:
                    check_cell_count(self.totals.cells + self.max_row * self.max_col, self.name)
            if tag == "v" and self.cell_type == "s":
                self.index_text = []
                self.parser.CharacterDataHandler = self.index_text.append
                self.parser.EndElementHandler = self._end_shared
            elif tag == "is" or self.cell_type in _TEXT_TYPES:
                self.text_start = self.parser.CurrentByteIndex
                self.parser.EndElementHandler = self._end_text
        elif tag == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() else self.row + 1
            self.col = 0
        elif tag == "dimension":
            self._check_dimension(attrs.get("ref", ""))

    def _open_cell(self, attrs: dict[str, str]) -> None:
        self.cell_type, self.counted = attrs.get("t", "n"), False
        ref = attrs.get("r")
        letters = ref.rstrip("0123456789") if ref else ""
        if not letters or len(letters) == len(ref) or len(letters) > 3 or not letters.isalpha():
            self.col += 1  # no (usable) reference: the next column, as calamine counts
            return
        col = self.columns.get(letters)
        if col is None:
            col = self.columns[letters] = _column_number(letters)
        self.col, self.row = col, int(ref[len(letters):])

    def _end_shared(self, tag: str) -> None:
        self.parser.CharacterDataHandler = self.parser.EndElementHandler = None
        index = "".join(self.index_text[:4]).strip()
        if index.isdigit() and int(index) < len(self.lengths):
            self._add_text(self.lengths[int(index)])

    def _end_text(self, tag: str) -> None:
        self.parser.EndElementHandler = None
        self._add_text(self.parser.CurrentByteIndex - self.text_start)

    def _add_text(self, size: int) -> None:
        self.text += size
        if self.text > MAX_TEXT_BYTES:
            _check_text_bytes(self.totals.text + self.text, self.name)

    def _check_dimension(self, ref: str) -> None:
        """The declared size: a cheap early refusal (a lying one is caught by the scan)."""
        found = _CELL_REF.fullmatch(ref.split(":")[-1])
        if found and ":" in ref:
            rows, cols = int(found.group(2)), _column_number(found.group(1))
            check_cell_count(self.totals.cells + rows * cols, self.name)


class _QuickSheetScan(_SheetScan):
    """An over-estimate of one sheet with one handler call per element and no text handlers:
    every <c> counts towards the extent (with or without a value), every shared-string cell
    as the longest shared string, and inline text as the part's whole (checked) unpacked
    size. Passing the limits on these bounds means the exact scan would pass too; otherwise
    :class:`_BoundExceeded` asks for the exact scan."""

    def __init__(self, name: str, lengths: array, totals: _Totals, info: zipfile.ZipInfo):
        super().__init__(name, lengths, totals)
        self.longest = max(lengths, default=0)
        # _member_chunks refuses a member that unpacks past its declared size: a true bound.
        self.text = info.file_size

    def run(self, fh: BinaryIO, info: zipfile.ZipInfo) -> None:
        _XmlScan.run(self, fh, info)
        self.totals.cells += self.max_row * self.max_col
        self.totals.text += self.text
        if self.totals.cells > MAX_CELLS or self.totals.text > MAX_TEXT_BYTES:
            raise _BoundExceeded()

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag == "c":
            ref = attrs.get("r") or ""
            letters = ref.rstrip("0123456789")
            col = self.columns.get(letters) if len(letters) < len(ref) else None
            if col is None:
                self._open_cell(attrs)
            else:
                self.col, self.row = col, int(ref[len(letters):])
            if self.row > self.max_row or self.col > self.max_col:
                self.max_row, self.max_col = max(self.max_row, self.row), max(self.max_col, self.col)
                if self.totals.cells + self.max_row * self.max_col > MAX_CELLS:
                    raise _BoundExceeded()
            if attrs.get("t") == "s":
                self.text += self.longest
                if self.totals.text + self.text > MAX_TEXT_BYTES:
                    raise _BoundExceeded()
        elif tag == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() else self.row + 1
            self.col = 0
        elif tag == "dimension":
            try:
                self._check_dimension(attrs.get("ref", ""))
            except UserError:
                raise _BoundExceeded() from None  # the exact scan refuses it with its message


# ----------------------------------------------------------------------------- ods content


def _scan_ods(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str, totals: _Totals) -> None:
    for info in infos:
        if info.filename == "content.xml":
            _OdsScan(name, totals).run(fh, info)
        else:
            _skim_member(fh, info, name)


class _OdsScan(_XmlScan):
    """ODS repeats rows and cells by attribute; calamine expands the repeats of cells with a
    value, so the estimate multiplies them out, per sheet, from the first row and column.
    Attribute names are matched with the usual ``table:`` prefix, as calamine does."""

    def __init__(self, name: str, totals: _Totals):
        super().__init__(name)
        self.totals = totals
        self._new_sheet()
        self.cell: tuple[int, int] | None = None  # open valued cell: (start byte, repeats)

    def _new_sheet(self) -> None:
        self.row = self.col = self.max_row = self.max_col = 0
        self.row_repeat = 1

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = _local(tag)
        if tag == "table-row":
            self.row_repeat = _repeat(attrs.get("table:number-rows-repeated"))
            self.col = 0
        elif tag in ("table-cell", "covered-table-cell"):
            repeat = _repeat(attrs.get("table:number-columns-repeated"))
            self.col += repeat
            value_type = next((v for k, v in attrs.items() if k.endswith("value-type")), None)
            if value_type is not None:
                self.max_col = max(self.max_col, self.col)
                self.max_row = max(self.max_row, self.row + self.row_repeat)
                check_cell_count(self.totals.cells + self.max_row * self.max_col, self.name)
            if value_type == "string":
                self.cell = (self.parser.CurrentByteIndex, repeat * self.row_repeat)

    def _end(self, tag: str) -> None:
        tag = _local(tag)
        if tag == "table-row":
            self.row += self.row_repeat
            self.row_repeat = 1
        elif tag in ("table-cell", "covered-table-cell") and self.cell is not None:
            start, repeats = self.cell
            self.cell = None
            # The cell's XML size stands for its text, which calamine copies per repeat.
            self.totals.text += (self.parser.CurrentByteIndex - start) * repeats
            _check_text_bytes(self.totals.text, self.name)
        elif tag == "table":
            self.totals.cells += self.max_row * self.max_col
            check_cell_count(self.totals.cells, self.name)
            self._new_sheet()


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
