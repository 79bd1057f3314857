"""HTML tables saved as ".xls": the "export to Excel" of many web-based bank systems.

Such a file is a web page whose ``<table>`` Excel opens as a sheet. Each table becomes a
sheet; ``colspan``/``rowspan`` are expanded the way Excel shows merged cells (the value in the
top-left cell, the rest empty) so that columns stay aligned under their header. Cell values are
the displayed text, always ``str``. The charset comes from a BOM or a ``<meta>`` declaration
(GB2312 is read as its superset GB18030), else the same guessing as for CSV.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from html.parser import HTMLParser

from rm_desktop.io.csv_text import decode_text
from rm_desktop.io.limits import check_cell_count

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?([\w\-]{2,30})""", re.I)
# Declared charsets whose superset is the safer decoder: GB2312/GBK pages often hold
# characters outside the declared set (rare surnames), which GB18030 covers.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}
# A rowspan/colspan past this is junk (Excel's own limits are 1,048,576 rows, 16,384 columns).
_MAX_SPAN = 16384


def looks_like_html(head: bytes) -> bool:
    """True if the first bytes of a file hold an HTML page or a bare table (an XML prolog,
    comments or a long <style> may come first)."""
    text = head[:4096].lower()
    return any(marker in text for marker in (b"<html", b"<table", b"<!doctype html"))


def decode_html(data: bytes, name: str) -> str:
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            charset = declared.group(1).decode("ascii").lower()
            try:
                return data.decode(_SUPERSETS.get(charset, charset))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall back to detection
    return decode_text(data, name)


class _TableParser(HTMLParser):
    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.tables: list[list[list[object]]] = []
        self._stack: list[_Table] = []  # nested tables: the innermost collects the text
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._stack.append(_Table(self._count))
        elif not self._stack:
            return
        elif tag == "tr":
            self._stack[-1].start_row()
        elif tag in ("td", "th"):
            spans = dict(attrs)
            self._stack[-1].start_cell(_span(spans.get("rowspan")), _span(spans.get("colspan")))
        elif tag == "br":
            self._stack[-1].text("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        if tag == "table":
            table = self._stack.pop()
            table.end_row()
            if table.rows:
                self.tables.append(table.rows)
        elif tag == "tr":
            self._stack[-1].end_row()
        elif tag in ("td", "th"):
            self._stack[-1].end_cell()

    def handle_data(self, data: str) -> None:
        if self._stack:
            self._stack[-1].text(data)

    def _count(self, cells: int) -> None:
        """Cells are counted as they are added: a colspan can add thousands at once."""
        self._cells += cells
        check_cell_count(self._cells, self.name)

    def close(self) -> None:
        super().close()
        while self._stack:  # tables left open by a truncated page still count
            self.handle_endtag("table")


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


class _Table:
    """Rows of one table with merged cells expanded; tolerant of missing </td> and </tr>."""

    def __init__(self, count: Callable[[int], None]) -> None:
        self._count = count
        self.rows: list[list[object]] = []
        self._row: list[object] | None = None
        self._cell: list[str] | None = None
        self._cell_span = (1, 1)
        self._pending: dict[int, int] = {}  # column → rows below still covered by a rowspan
        self._covered: set[int] = set()  # columns of the current row taken by a rowspan above

    def start_row(self) -> None:
        self.end_row()
        self._row = []
        self._covered = {col for col, left in self._pending.items() if left > 0}
        self._pending = {col: left - 1 for col, left in self._pending.items() if left > 1}
        self._skip_covered()

    def end_row(self) -> None:
        self.end_cell()
        if self._row is None:
            return
        while self._row and self._row[-1] is None:
            self._row.pop()
        self.rows.append(self._row)
        self._row = None

    def start_cell(self, rowspan: int, colspan: int) -> None:
        self.end_cell()
        if self._row is None:
            self.start_row()
        self._cell, self._cell_span = [], (rowspan, colspan)

    def text(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        value = "".join(self._cell).replace("\xa0", " ").strip()
        rowspan, colspan = self._cell_span
        first = len(self._row)
        self._count(colspan)
        self._row.append(value or None)
        self._row.extend([None] * (colspan - 1))
        for col in range(first, first + colspan) if rowspan > 1 else ():
            self._pending[col] = rowspan - 1
        self._cell = None
        self._skip_covered()

    def _skip_covered(self) -> None:
        assert self._row is not None
        while len(self._row) in self._covered:
            self._count(1)
            self._row.append(None)


def read_html_tables(data: bytes, name: str) -> list[list[list[object]]]:
    """Each ``<table>`` of the page as rows of str/None cells (tables with no rows left out)."""
    parser = _TableParser(name)
    parser.feed(decode_html(data, name))
    parser.close()
    return parser.tables
