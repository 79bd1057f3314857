"""Drawing a :class:`PlanDocument` as an A4 PDF with fpdf2 (pure Python, no Qt).

The document base (font chain, per-glyph fallback, a character no font has refused, tables
whose header repeats on a new page) is io/pdf_draw's, shared with the reports' PDF; this module
draws the plan's blocks on it: the cover, headings, paragraphs, tables with goal progress bars,
the allocation chart and the risk disclaimer.
"""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from rm_desktop.i18n import t
from rm_desktop.io.pdf_draw import (
    BLUE,
    BODY_PT,
    FONT,
    GREY,
    LIGHT_BLUE,
    LINE,
    LINE_H,
    ORANGE,
    CjkPdf,
    MissingGlyphs,
    RenderedPdf,
    render_with_chain,
)
from rm_desktop.io.pdf_fonts import FontFile
from rm_desktop.io.watermark import stamp_pdf
from rm_desktop.services.plans.document import (
    AllocationChart,
    Disclaimer,
    Heading,
    Paragraph,
    PlanDocument,
    Table,
    percent_text,
)

__all__ = ["MissingGlyphs", "RenderedPdf", "render_pdf"]
WARN_FILL = (253, 243, 231)
WARN_TEXT = (170, 60, 20)
SUBJECT = ("规划书", "the plan document")


class _Pdf(CjkPdf):
    def __init__(self, document: PlanDocument, fonts: list[FontFile]):
        super().__init__(fonts, f"{document.title} - {document.client_name}", document.rm_name)
        self.document = document

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(
            0,
            5,
            t("理财非存款，产品有风险，投资须谨慎。", "Wealth products are not deposits; invest with care."),
            align="L",
        )
        self.set_x(self.l_margin)
        self.cell(0, 5, t("第 {} 页 / 共 {} 页", "Page {} of {}").format(self.page_no(), "{nb}"), align="R")


def _cover(pdf: _Pdf, doc: PlanDocument) -> None:
    pdf.set_font(FONT, size=22)
    with pdf.bold(BLUE):
        pdf.cell(0, 12, doc.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=12)
    pdf.set_text_color(*GREY)
    if doc.plan_title:
        pdf.cell(0, 8, doc.plan_title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_fill_color(*LIGHT_BLUE)
    top = pdf.get_y()
    lines = doc.header_lines()
    pdf.rect(pdf.l_margin, top, pdf.epw, LINE_H * len(lines) + 4, style="F")
    pdf.set_y(top + 2)
    for key, value in lines:
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_text_color(*GREY)
        pdf.cell(36, LINE_H, key)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(0, LINE_H, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)


def _keep_with(block) -> float:
    """Room the start of a block needs, so that a heading is never left alone at a page's foot."""
    if isinstance(block, AllocationChart):
        return _chart_height(block)
    return 22 if isinstance(block, (Table, Disclaimer)) else 12


def _heading(pdf: _Pdf, block: Heading, following) -> None:
    size = 14 if block.level == 1 else 11.5
    pdf.ensure_space(12 + _keep_with(following))
    pdf.ln(3 if block.level == 1 else 1)
    level1 = block.level == 1
    pdf.heading(block.text, size, BLUE if level1 else (0, 0, 0), rule=level1)


def _paragraph(pdf: _Pdf, text: str) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    pdf.multi_cell(0, LINE_H, text, wrapmode=pdf.wrap, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _table(pdf: _Pdf, block: Table) -> None:
    if block.note:
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 5, block.note, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.draw_table(block.headers, block.widths, block.right, list(block.rows), block.progress)


BAR_H, BAR_GAP = 4.0, 3.5


def _chart_height(block: AllocationChart) -> float:
    return 10 + len(block.rows) * (2 * BAR_H + BAR_GAP) + 4


def _chart(pdf: _Pdf, block: AllocationChart) -> None:
    bar_h, gap, label_w, value_w = BAR_H, BAR_GAP, 38.0, 16.0
    height = _chart_height(block)
    pdf.ensure_space(height)
    top = pdf.get_y()
    scale_w = pdf.epw - label_w - value_w
    pdf.set_font(FONT, size=8.5)
    x0 = pdf.l_margin + label_w
    for k, (color, label) in enumerate(((BLUE, block.target_label), (ORANGE, block.current_label))):
        pdf.set_fill_color(*color)
        pdf.rect(x0 + k * 45, top + 1, 4, 3, style="F")
        pdf.set_xy(x0 + k * 45 + 5, top)
        pdf.cell(38, 5, label)
    axis_top = top + 8
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.15)
    for tick in (0, 25, 50, 75, 100):  # light grid lines every 25 %
        x = x0 + scale_w * tick / 100
        pdf.line(x, axis_top, x, top + height - 4)
        pdf.set_xy(x - 5, top + height - 4)
        pdf.set_text_color(*GREY)
        pdf.cell(10, 4, f"{tick}%", align="C")
    pdf.set_text_color(0, 0, 0)
    y = axis_top + 1
    for label, target, current in block.rows:
        pdf.set_xy(pdf.l_margin, y + bar_h - 2.5)
        pdf.cell(label_w - 2, 5, label, align="R")
        for k, (color, value) in enumerate(((BLUE, target), (ORANGE, current))):
            top_k = y + k * bar_h
            width = scale_w * float(value or 0) / 100
            pdf.set_fill_color(*color)
            if width > 0:
                pdf.rect(x0, top_k + 0.3, width, bar_h - 0.6, style="F")
            pdf.set_xy(x0 + width + 1, top_k)
            pdf.cell(value_w, bar_h, percent_text(value))
        y += 2 * bar_h + gap
    pdf.set_xy(pdf.l_margin, top + height + 2)
    pdf.set_font(FONT, size=BODY_PT)


def _disclaimer(pdf: _Pdf, block: Disclaimer) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    width = pdf.epw - 8
    height = 8 + 7 + pdf.lines_for(width, block.text) * LINE_H + 4
    pdf.ensure_space(height + 4)
    pdf.ln(3)
    top = pdf.get_y()
    pdf.set_fill_color(*WARN_FILL)
    pdf.set_draw_color(*ORANGE)
    pdf.set_line_width(0.4)
    pdf.rect(pdf.l_margin, top, pdf.epw, height, style="DF")
    pdf.set_xy(pdf.l_margin + 4, top + 2)
    pdf.set_font(FONT, size=12)
    with pdf.bold(WARN_TEXT):
        pdf.cell(width, 7, block.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(pdf.l_margin + 4)
        pdf.cell(width, 7, block.headline, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_x(pdf.l_margin + 4)
    pdf.multi_cell(width, LINE_H, block.text, wrapmode=pdf.wrap, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(top + height + 6)


def render_pdf(document: PlanDocument, mark: tuple[str, str] | None = None) -> RenderedPdf:
    """The document as PDF bytes (A4, its fonts embedded as subsets) and the fonts used;
    ``mark``: the export's (visible, hidden) watermark (io/watermark), on every page.

    :class:`MissingGlyphs` (a UserError) when a character is in no font of the chain."""
    return render_with_chain(lambda fonts: _draw(document, fonts, mark), SUBJECT)


def _draw(document: PlanDocument, fonts: list[FontFile], mark: tuple[str, str] | None = None) -> _Pdf:
    pdf = _Pdf(document, fonts)
    if mark is not None:
        stamp_pdf(pdf, *mark, font=FONT)
    pdf.table_header = None
    pdf.add_page()
    _cover(pdf, document)
    for k, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            _heading(pdf, block, document.blocks[k + 1] if k + 1 < len(document.blocks) else None)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block.text)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, AllocationChart):
            _chart(pdf, block)
        elif isinstance(block, Disclaimer):
            _disclaimer(pdf, block)
    return pdf
