"""Exact measures of XML parts, streamed through expat (C, incremental, one 1 MB chunk at a time).

The byte scan of :mod:`byte_scan` bounds the plain parts Excel, WPS and LibreOffice write; these
scans take everything else (and decide when that bound is over a limit): any XML form, namespace
prefixes stripped by the handlers. Any DTD refuses the file (calamine does not expand entities,
but nothing needs them). ODS content is always measured here.
"""

from __future__ import annotations

import zipfile
from array import array
from typing import BinaryIO
from xml.parsers import expat

from rm_desktop.io import limits
from rm_desktop.io.limits import (
    Totals,
    check_cell_count,
    check_text_bytes,
    column_number,
    hostile_xml,
    refuse,
)
from rm_desktop.io.zip_members import member_chunks

_TEXT_TYPES = ("str", "inlineStr", "e")


def _local(tag: str) -> str:
    return tag[tag.find(":") + 1 :]


class XmlScan:
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
        raise hostile_xml(self.name)

    def run(self, fh: BinaryIO, info: zipfile.ZipInfo) -> None:
        try:
            for chunk in member_chunks(fh, info, self.name):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError:
            raise refuse(
                self.name,
                f"文件已损坏（{info.filename} 不是有效的 XML）",
                f"the file is damaged ({info.filename} is not valid XML)",
            ) from None

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        raise NotImplementedError

    def _end(self, tag: str) -> None:
        raise NotImplementedError


class SharedStringsScan(XmlScan):
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
            if len(self.lengths) > limits.MAX_CELLS:
                check_cell_count(len(self.lengths), self.name)


class SheetScan(XmlScan):
    """Extent (rows x columns from A1, as calamine hands them over) and text of one sheet.

    Runs once per element of the largest part of the file, so the handlers are kept lean:
    the end and text handlers are attached only while a string value is open."""

    def __init__(self, name: str, lengths: array, totals: Totals):
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
        self.totals.check(self.name)

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
                self.col, self.row = col, int(ref[len(letters) :])
        elif tag == "v" or tag == "is":
            if self.cell_type is None or self.counted:
                return
            self.counted = True
            if self.row > self.max_row or self.col > self.max_col:
                self.max_row, self.max_col = max(self.max_row, self.row), max(self.max_col, self.col)
                if self.max_row * self.max_col > limits.MAX_CELLS:
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

    def _open_cell(self, attrs: dict[str, str]) -> None:
        self.cell_type, self.counted = attrs.get("t", "n"), False
        ref = attrs.get("r", "")
        letters = ref.rstrip("0123456789")
        if not letters or len(letters) == len(ref) or len(letters) > 3 or not letters.isalpha():
            self.col += 1  # no (usable) reference: the next column, as calamine counts
            return
        col = self.columns.get(letters)
        if col is None:
            col = self.columns[letters] = column_number(letters)
        self.col, self.row = col, int(ref[len(letters) :])

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
        if self.text > limits.MAX_TEXT_BYTES:
            check_text_bytes(self.totals.text + self.text, self.name)


class OdsScan(XmlScan):
    """ODS repeats rows and cells by attribute; calamine expands the repeats of cells with a
    value, so the estimate multiplies them out, per sheet, from the first row and column.
    Attribute names are matched with the usual ``table:`` prefix, as calamine does."""

    def __init__(self, name: str, totals: Totals):
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
            check_text_bytes(self.totals.text, self.name)
        elif tag == "table":
            self.totals.cells += self.max_row * self.max_col
            check_cell_count(self.totals.cells, self.name)
            self._new_sheet()


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
