"""Writing client data to xlsx without creating formulas.

openpyxl turns any string starting with "=" into a formula and "#N/A"-like strings into error
cells, so every string is written as an explicit text cell (``data_type = "s"``). That alone
keeps our own file inert, but a user may re-save it as CSV in Excel/WPS, where a formula-like
string becomes live again: such strings get the reversible escape of :mod:`formula_escape`
(whose :func:`unescape_text` the importer uses, without loading openpyxl).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
import zlib
from collections.abc import Collection, Generator, Iterable, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

# The escape itself lives in formula_escape (no openpyxl: the importer needs the inverse only).
from rm_desktop.io.formula_escape import FORMULA_TRIGGERS as FORMULA_TRIGGERS
from rm_desktop.io.formula_escape import escape_text
from rm_desktop.io.formula_escape import unescape_text as unescape_text
from rm_desktop.io.xlsx_rows import RowRenderer

if TYPE_CHECKING:
    from openpyxl import _Decodable, _ZipFileFileWriteProtocol  # names of types-openpyxl only


def safe_cell_value(value: object) -> object:
    """The value to write: strings escaped and stripped of the control characters XML 1.0
    cannot hold (openpyxl would refuse the whole file); other values unchanged."""
    if isinstance(value, str):
        return _safe_text(value)
    return value


def _safe_text(value: str) -> str:
    return escape_text(ILLEGAL_CHARACTERS_RE.sub("", value))


def _text_cell(ws: WriteOnlyWorksheet, safe: str) -> Cell:
    cell = WriteOnlyCell(ws, value=safe)
    cell.data_type = "s"  # after assignment: openpyxl guessed 'f' or 'e' from the text
    return cell


def write_rows(
    ws: WriteOnlyWorksheet,
    rows: Iterable[Sequence[object]],
    text_columns: Collection[int] = (),
    money_columns: Collection[int] = (),
    written: list[list[object]] | None = None,
) -> None:
    """Append ``rows`` to a write-only sheet. Strings become text cells; values in
    ``text_columns`` (0-based: IDs, phones, customer numbers) are written as text even when
    given as numbers, so Excel never shows 1.1E+17 or drops a leading zero; numbers in
    ``money_columns`` get the :data:`MONEY_FORMAT`.

    An escaped string is appended as it is: openpyxl types a plain string as text unless it
    starts with "=" (never, once escaped) or is an error code like "#N/A", and only those (and
    money) get a cell object (one per string costs about half the export's time).

    ``written``: each row's values as written (:func:`written_value`) are appended to it, for a
    digest of the sheet without working them out a second time (~5 % of an archive export)."""
    # A write-only sheet writes each appended row at once, so one formatted cell per money
    # column can carry every row's amount (a new cell per amount cost ~10 % of the export).
    money = {col: _money_cell(ws) for col in money_columns}
    # Our books' sheets take a row rendered to XML (io/xlsx_rows, the bytes openpyxl writes):
    # its per-cell objects and serialiser were most of an export's time.
    ours = ws if isinstance(ws, _MemorySheet) else None
    renderer = RowRenderer(ws, money) if ours is not None else None
    for row in rows:
        values = [written_value(value, col in text_columns) for col, value in enumerate(row)]
        if written is not None:
            written.append(values)
        if ours is not None and renderer is not None:
            xml = renderer.render(ours.next_row, values)
            if xml is not None:
                ours.append_rendered(xml)
                continue
        cells: list[object] = []
        for col, stored in enumerate(values):
            if isinstance(stored, str):
                cells.append(_text_cell(ws, stored) if stored in ERROR_CODES else stored)
            elif col in money and isinstance(stored, _NUMBERS) and not isinstance(stored, bool):
                cell = money[col]
                cell.value = stored
                cells.append(cell)
            else:
                cells.append(stored)
        ws.append(cells)


# Amounts get a number format (thousands separators, two decimals); xlsx_look sets the rest of
# a sheet's look (widths, the frozen bold header).
MONEY_FORMAT = "#,##0.00"
_NUMBERS = (int, float, Decimal)


def _money_cell(ws: WriteOnlyWorksheet) -> Cell:
    cell = WriteOnlyCell(ws)
    cell.number_format = MONEY_FORMAT
    return cell


def text_cell(ws: WriteOnlyWorksheet, value: str) -> Cell:
    """A text cell holding ``value`` escaped and cleaned as write_rows writes strings (to style it)."""
    return _text_cell(ws, _safe_text(value))


def written_value(value: object, as_text: bool = False) -> object:
    """What :func:`write_rows` stores for ``value`` (``as_text``: a text column): the escaped,
    cleaned string, or the value itself. The handover's receipt digests these values."""
    if value is not None and (isinstance(value, str) or as_text):
        return _safe_text(_as_text(value))
    return safe_cell_value(value)


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13800138000.0 → "13800138000"
    return str(value)


def new_book() -> Workbook:
    """A write-only workbook (rows stream out; nothing is read back) whose sheets are written
    in memory, never to a temp file (see _MemoryBook)."""
    return _MemoryBook()


def book_bytes(book: Workbook) -> bytes:
    """The finished workbook as bytes, built in memory (so it can be encrypted before any disk write)."""
    out = io.BytesIO()
    try:
        book.save(out)
    except BaseException:
        discard_book(book)
        raise
    return out.getvalue()


def discard_book(book: Workbook) -> None:
    """Close an unsaved write-only book's sheets and drop what they hold (a cancelled export).

    A sheet left open keeps a row generator and an XML stream generator alive; garbage
    collection finalises them in no set order and the late one raises "I/O operation on
    closed file". Closing each sheet ends both in order."""
    for sheet in book.worksheets:
        if isinstance(sheet, WriteOnlyWorksheet) and not sheet.closed:
            try:
                sheet.close()
            except Exception:  # noqa: BLE001 - a sheet broken mid-row; it is dropped all the same
                pass
        writer = getattr(sheet, "_writer", None)
        if isinstance(writer, _MemorySheetWriter):
            writer.cleanup()


# -- sheets in memory ---------------------------------------------------------------------------
# openpyxl's write-only sheets stream their XML to "openpyxl.*" files in the system temp folder
# (WorksheetWriter(ws) without ``out`` calls create_temporary_file()) and zip them only at save:
# every name, phone and note of an export, the encrypted handover included, sat in %TEMP% in
# the clear, and stayed there after a crash or kill (openpyxl deletes them at exit). The normal
# (not write-only) mode saves through the same WorksheetWriter, so it is no way out.
#
# Our books give each sheet a WorksheetWriter with its own ``out``, an argument openpyxl has for
# this (its stubs type it as anything with write() and close()): a _DeflatedXml, which keeps the
# XML deflated in memory (about a tenth of its size: +11 MB at 100k clients against +85 MB as a
# plain BytesIO; benchmarks/bench_excel.py). At save, ExcelWriter copies a finished sheet into
# the package with ``archive.write(writer.out, name)``, which zipfile only takes as a path, so
# the package is a ZipFile whose write() also takes a _DeflatedXml, and the writer's cleanup()
# drops it instead of deleting a file. Nothing global is patched (exports run on worker
# threads, the importer reads on others): only books from new_book() write this way.


class _DeflatedXml:
    """A write-only file that keeps what it is given deflated in memory."""

    def __init__(self) -> None:
        self._deflate = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate, fast
        self._data = io.BytesIO()
        self.size = 0
        self.closed = False

    def write(self, data: Any) -> int:  # any bytes-like object (typeshed's ReadableBuffer)
        size = memoryview(data).nbytes
        self.size += size
        self._data.write(self._deflate.compress(data))
        return size

    def close(self) -> None:
        if not self.closed:
            self._data.write(self._deflate.flush())
            self.closed = True

    def copy_into(self, dest: IO[bytes], chunk: int = 1 << 20) -> None:
        """Write the XML, inflated a chunk at a time, to ``dest``."""
        self.close()
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        with self._data.getbuffer() as deflated:
            for start in range(0, len(deflated), chunk):
                dest.write(inflate.decompress(deflated[start : start + chunk]))
        dest.write(inflate.flush())


class _MemorySheetWriter(WorksheetWriter):
    def __init__(self, ws: WriteOnlyWorksheet):
        self.xml = _DeflatedXml()
        super().__init__(ws, out=self.xml)

    def read(self) -> bytes:
        self.close()
        xml = io.BytesIO()
        self.xml.copy_into(xml)
        return xml.getvalue()

    def cleanup(self) -> None:
        self.xml = _DeflatedXml()  # the base class deletes its temp file
        self.out = self.xml


class _MemorySheet(WriteOnlyWorksheet):
    _writer: WorksheetWriter | None = None  # as in WriteOnlyWorksheet (types-openpyxl leaves it out)
    _rows: Generator[None, object, None] | None = None
    next_row = 1  # the number the next appended row gets

    def append_rendered(self, xml: str) -> None:
        """Append row :attr:`next_row` given as its XML (io/xlsx_rows.RowRenderer)."""
        self._get_writer()
        if self._rows is None:  # as WriteOnlyWorksheet.append starts the rows
            self._rows = self._write_rows()
            next(self._rows)
        self._rows.send(xml)

    def _write_rows(self) -> Generator[None, object, None]:
        """As WriteOnlyWorksheet._write_rows (openpyxl 3.1), taking a rendered row (a str: append
        never lets one through) as it is and counting rows in :attr:`next_row`."""
        assert self._writer is not None  # _get_writer ran
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()  # type: ignore[attr-defined]  # stubs omit it
        assert xf is not None  # the stream's generator hands its writer over
        with xf.element("sheetData"):
            try:
                while True:
                    row = yield
                    if isinstance(row, str):
                        xf._file(row)
                    else:
                        cells = self._values_to_row(row, self.next_row)  # type: ignore[attr-defined]
                        self._writer.write_row(xf, cells, self.next_row)
                    self.next_row += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    def _get_writer(self) -> None:
        if self._writer is None:  # as WriteOnlyWorksheet._get_writer, with our writer
            self._writer = _MemorySheetWriter(self)
            self._writer.write_top()


class _Package(zipfile.ZipFile):
    def write(
        self,
        filename: str | os.PathLike[str] | _DeflatedXml,
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(filename, _DeflatedXml):
            super().write(filename, arcname, compress_type, compresslevel)
            return
        if arcname is None:
            raise TypeError("an in-memory member needs an arcname")
        member = zipfile.ZipInfo(os.fspath(arcname), dt.datetime.now().timetuple()[:6])
        member.compress_type = self.compression if compress_type is None else compress_type
        member.file_size = filename.size  # lets zipfile choose ZIP64 for a member over 2 GiB
        with self.open(member, "w") as dest:
            filename.copy_into(dest)


class _MemoryBook(Workbook):
    def __init__(self) -> None:
        super().__init__(write_only=True)

    def create_sheet(self, title: str | _Decodable | None = None, index: int | None = None) -> _MemorySheet:
        sheet = _MemorySheet(parent=self, title=title)
        self._add_sheet(sheet, index)  # type: ignore[attr-defined]  # as Workbook.create_sheet does
        return sheet

    def save(self, filename: _ZipFileFileWriteProtocol) -> None:
        """As openpyxl's Workbook.save and save_workbook, into a _Package."""
        if not self.worksheets:
            self.create_sheet()
        self.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
        # As save_workbook: zipfile writes to any binary writable, its stubs name fewer.
        with _Package(filename, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:  # type: ignore[call-overload]
            ExcelWriter(self, archive).save()
