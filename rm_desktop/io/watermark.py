"""Watermarks (JR/T 0223-2021) on exported files: a visible line and a hidden mark.

- xlsx (openpyxl, write-only books included): the visible line in every sheet's page header
  and footer (printed on every page), a 导出说明 sheet placed last holding it as a note (not for
  the archive, whose receipt digest covers every sheet read back), and the hidden mark in the
  document properties (``identifier``, ``keywords`` and a custom property).
  The note is its own sheet rather than a first row of the data sheets: the importer and any
  reader take row 1 as the header, so an archive still reads back whole.
- PDF (fpdf2): the visible line in every page's footer, a light grey diagonal copy across the
  page, and the hidden mark in the metadata (keywords, subject suffix). :func:`stamp_pdf` must
  be called before the first page is added; the document's own ``footer`` still runs first.

Nothing here knows the register: callers pass the texts (services/export_controls/marks).
"""

from __future__ import annotations

import math
from typing import Any

from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from rm_desktop.i18n import t
from rm_desktop.io.xlsx_look import write_table

NOTE_SHEET = "导出说明"
CUSTOM_PROPERTY = "RM-Desktop-Export"
_GREY = (200, 200, 200)


def _header_text(text: str) -> str:
    # '&' starts a header/footer code in Excel's syntax; a literal one is doubled.
    return text.replace("&", "&&")[:250]


def stamp_workbook(book: Workbook, visible: str, hidden: str, *, note_sheet: bool = True) -> None:
    """Stamp every sheet of ``book`` (a write-only book from io/xlsx_safe.new_book, not yet
    saved) and its properties; add the note sheet (bold frozen header like the others)."""
    for sheet in book.worksheets:
        _stamp_sheet(sheet, visible)
    if note_sheet:  # off for the archive: its receipt digests every sheet a reader gets back
        note = book.create_sheet(NOTE_SHEET)
        write_table(note, [t("导出说明", "About this export")], [[visible], [hidden]], text_columns=(0,))
        _stamp_sheet(note, visible)
    props = book.properties
    props.identifier = hidden
    props.keywords = hidden
    custom: Any = book.custom_doc_props  # type: ignore[attr-defined]  # openpyxl 3.1; the stubs predate it
    custom.append(StringProperty(name=CUSTOM_PROPERTY, value=hidden))


def _stamp_sheet(sheet: Any, visible: str) -> None:
    text = _header_text(visible)
    sheet.oddHeader.center.text = text
    sheet.oddFooter.center.text = text + " · &P/&N"
    sheet.evenHeader.center.text = text
    sheet.evenFooter.center.text = text + " · &P/&N"


def workbook_mark(book: Any) -> tuple[str | None, str | None]:
    """(the visible line of the first sheet's footer, the hidden mark) of a loaded workbook."""
    footer = book.worksheets[0].oddFooter.center.text if book.worksheets else None
    return footer, book.properties.identifier


def stamp_pdf(pdf: FPDF, visible: str, hidden: str, *, font: str | None = None) -> None:
    """Footer line and diagonal mark on every page ``pdf`` adds from now on; hidden mark in its
    metadata. ``font``: a loaded font family able to draw ``visible`` (CJK), else the current."""
    pdf.set_keywords(hidden)
    own_footer = pdf.footer

    def footer() -> None:
        own_footer()
        _draw_marks(pdf, visible, font)

    pdf.footer = footer  # type: ignore[method-assign]  # per document: fpdf2 calls self.footer()


def _draw_marks(pdf: FPDF, visible: str, font: str | None) -> None:
    # Keep the page's own state: the marks are drawn while the page is being closed.
    family, style, size = pdf.font_family, pdf.font_style, pdf.font_size_pt
    auto, margin = pdf.auto_page_break, pdf.b_margin
    pdf.set_auto_page_break(False)
    try:
        if font is not None:
            pdf.set_font(font, "", 7)
        else:
            pdf.set_font_size(7)
        with pdf.local_context(text_color=(120, 120, 120)):
            pdf.set_xy(pdf.l_margin, pdf.h - 6)  # below a document's own footer line (at -12)
            pdf.cell(pdf.w - pdf.l_margin - pdf.r_margin, 4, visible, align="C")
        # Along the page's diagonal, at most 20 pt and fitting within 80 % of its length.
        diagonal, angle = math.hypot(pdf.w, pdf.h), math.degrees(math.atan2(pdf.h, pdf.w))
        pdf.set_font_size(20)
        pdf.set_font_size(min(20.0, 20.0 * 0.8 * diagonal / max(pdf.get_string_width(visible), 1.0)))
        with pdf.local_context(fill_opacity=0.35, text_color=_GREY), pdf.rotation(angle, pdf.w / 2, pdf.h / 2):
            width = pdf.get_string_width(visible)
            pdf.text(pdf.w / 2 - width / 2, pdf.h / 2, visible)
    finally:
        pdf.set_auto_page_break(auto, margin)
        if family:
            pdf.set_font(family, style, size)
