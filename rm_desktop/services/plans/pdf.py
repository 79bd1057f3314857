"""Drawing a :class:`PlanDocument` as an A4 PDF with fpdf2 (pure Python, no Qt).

Why fpdf2: the command line must export without a GUI and the services layer may not import Qt,
so QPdfWriter is out; fpdf2 embeds a subset of a TrueType/TTC CJK font (pdf_fonts.py) and draws
rectangles for the charts, with Pillow and fontTools as its only compiled/large dependencies
(ReportLab needs the same and brings its own C accelerators). Tables are drawn by hand so that
a long table breaks across pages with its header repeated and goal rows carry progress bars.

No character is ever dropped: a document is drawn with the CJK font alone, and if that font
lacks a character (a rare one in a name, 䶮 or 𠮷) drawn again with the whole fallback chain of
pdf_fonts.font_chain, fpdf2 taking each missing glyph from the first fallback that has it. A
character no font of the chain has is refused (:class:`MissingGlyphs`, naming it and its U+ code)
instead of printing as a box or a gap. The fonts that drew the text are returned with the PDF.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from fpdf import FPDF
from fpdf.enums import TextMode, WrapMode, XPos, YPos
from fpdf.fonts import TTFFont

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import language, t
from rm_desktop.io.pdf_fonts import FALLBACK_ENV, FontFile, font_chain
from rm_desktop.services.plans.document import (
    AllocationChart,
    Disclaimer,
    Heading,
    Paragraph,
    PlanDocument,
    Table,
    percent_text,
)

LOG = logging.getLogger(__name__)
FONT = "cjk"
BLUE = (31, 78, 121)
LIGHT_BLUE = (222, 234, 246)
ORANGE = (230, 126, 34)
GREEN = (46, 139, 87)
GREY = (120, 120, 120)
LINE = (190, 190, 190)
WARN_FILL = (253, 243, 231)
WARN_TEXT = (170, 60, 20)
LINE_H = 5.6  # mm per text line at 10 pt
BODY_PT = 10


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    fonts: tuple[str, ...]  # the fonts that drew the text, "Family (file)", the CJK font first


class MissingGlyphs(UserError):
    """Characters of the document that no font of the chain can draw."""

    def __init__(self, characters: list[str], fonts: list[str]):
        self.characters = characters
        named = "、".join(f"{c} (U+{ord(c):04X})" for c in characters)
        super().__init__(
            t(
                "规划书中有 {} 个字符没有任何可用字体能显示：{}。已尝试的字体：{}。请安装含这些字符的字体"
                "（如花园明朝 HanaMinA/HanaMinB、Noto CJK；Windows：SimSun-ExtB），或用环境变量 {} 指定字体文件；"
                "未生成 PDF。",
                "{} characters of the plan document are in none of the available fonts: {}. Fonts tried: {}. "
                "Install a font that has them (such as Hanazono HanaMinA/HanaMinB or Noto CJK; Windows: "
                "SimSun-ExtB) or name font files in the environment variable {}; no PDF was written.",
            ).format(len(characters), named, "; ".join(fonts), FALLBACK_ENV)
        )


def _font_label(font: TTFFont, file: FontFile) -> str:
    name = font.ttfont["name"].getBestFullName() or font.name
    return f"{name} ({file.path.name})"


class _Pdf(FPDF):
    def __init__(self, document: PlanDocument, fonts: list[FontFile]):
        super().__init__(format="A4", unit="mm")
        self.document = document
        # (headers, widths, right-aligned columns) of the table being drawn, repeated on a new page
        self.table_header: tuple[tuple[str, ...], list[float], frozenset[int]] | None = None
        # font key -> label, in chain order; the keys of the fallbacks that drew a glyph
        self.font_labels: dict[str, str] = {}
        self.used_fallbacks: set[str] = set()
        for k, font in enumerate(fonts):
            key = FONT if k == 0 else f"fallback{k}"
            try:
                self.add_font(key, fname=str(font.path), collection_font_number=font.index)
            except Exception:  # fontTools raises many kinds of error for a damaged file
                if k == 0:
                    raise  # the CJK font is required; a fallback fpdf2 cannot read is passed over
                LOG.warning("PDF fallback font skipped, unreadable: %s", font.path.name)
                continue
            self.font_labels[key] = _font_label(cast("TTFFont", self.fonts[key]), font)
        if len(self.font_labels) > 1:
            # One face each, no bold (bold is drawn by stroking): any fallback style will do.
            self.set_fallback_fonts(list(self.font_labels)[1:], exact_match=False)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(f"{document.title} - {document.client_name}")
        self.set_author(document.rm_name or "RM Desktop")
        self.set_creator("RM Desktop")
        # Chinese has no spaces to break at: wrap anywhere; English wraps at words.
        self.wrap = WrapMode.WORD if language() == "en" else WrapMode.CHAR

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        key = super().get_fallback_font(char, style)
        if key is not None:
            self.used_fallbacks.add(key)
        return key

    def missing(self) -> list[str]:
        """Characters drawn so far that their font lacks (fpdf2 would draw them as boxes)."""
        codes = {code for font in self.fonts.values() if isinstance(font, TTFFont) for code in font.missing_glyphs}
        return [chr(code) for code in sorted(codes)]

    def used_fonts(self) -> tuple[str, ...]:
        return tuple(label for key, label in self.font_labels.items() if key == FONT or key in self.used_fallbacks)

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

    @contextmanager
    def bold(self, color=(0, 0, 0)):
        """Stroke the glyph outlines too: the embedded CJK font has no bold face."""
        self.set_text_color(*color)
        self.set_draw_color(*color)
        self.set_line_width(0.18)
        self.text_mode = TextMode.FILL_STROKE
        try:
            yield
        finally:
            self.text_mode = TextMode.FILL
            self.set_text_color(0, 0, 0)

    def lines_for(self, width: float, text: str) -> int:
        # fpdf2 types the result as the union of every output mode; "LINES" gives the lines.
        lines = cast(
            "list[str]", self.multi_cell(width, LINE_H, text, dry_run=True, output="LINES", wrapmode=self.wrap)
        )
        return len(lines) or 1

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


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
    pdf.set_font(FONT, size=size)
    with pdf.bold(BLUE if block.level == 1 else (0, 0, 0)):
        pdf.cell(0, 8, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if block.level == 1:
        pdf.set_draw_color(*BLUE)
        pdf.set_line_width(0.4)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(2)
    pdf.set_font(FONT, size=BODY_PT)


def _paragraph(pdf: _Pdf, text: str) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    pdf.multi_cell(0, LINE_H, text, wrapmode=pdf.wrap, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _row(
    pdf: _Pdf,
    cells: tuple[str, ...],
    widths: list[float],
    right: frozenset[int],
    *,
    header: bool = False,
    progress: Decimal | None = None,
) -> None:
    pad = 1.5
    bar_w = widths[-1] * 0.45 if progress is not None else 0
    height = (
        max(
            pdf.lines_for(w - 2 * pad - (bar_w if k == len(cells) - 1 else 0), text)
            for k, (w, text) in enumerate(zip(widths, cells, strict=False))
        )
        * LINE_H
        + 2
    )
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        if pdf.table_header:
            _row(pdf, *pdf.table_header, header=True)
    top, x = pdf.get_y(), pdf.l_margin
    if header:
        pdf.set_fill_color(*LIGHT_BLUE)
        pdf.rect(x, top, sum(widths), height, style="F")
    for k, (width, text) in enumerate(zip(widths, cells, strict=False)):
        inset = bar_w + 1 if progress is not None and k == len(cells) - 1 else 0
        pdf.set_xy(x + pad + inset, top + 1)
        pdf.multi_cell(
            width - 2 * pad - inset,
            LINE_H,
            text,
            align="R" if k in right else "L",
            wrapmode=pdf.wrap,
            new_x=XPos.RIGHT,
            new_y=YPos.TOP,
        )
        if inset and progress is not None:
            bar_top = top + height / 2 - 1.5
            pdf.set_fill_color(225, 225, 225)
            pdf.rect(x + pad, bar_top, bar_w, 3, style="F")
            pdf.set_fill_color(*GREEN)
            pdf.rect(x + pad, bar_top, bar_w * float(min(progress, Decimal(1))), 3, style="F")
        x += width
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, top + height, pdf.l_margin + sum(widths), top + height)
    pdf.set_xy(pdf.l_margin, top + height)


def _table(pdf: _Pdf, block: Table) -> None:
    if block.note:
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 5, block.note, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, size=9.5)
    total = sum(block.widths)
    widths = [pdf.epw * w / total for w in block.widths]
    pdf.table_header = (block.headers, widths, block.right)
    _row(pdf, block.headers, widths, block.right, header=True)
    for k, row in enumerate(block.rows):
        _row(pdf, row, widths, block.right, progress=block.progress.get(k))
    pdf.table_header = None
    pdf.set_font(FONT, size=BODY_PT)
    pdf.ln(3)


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


def render_pdf(document: PlanDocument) -> RenderedPdf:
    """The document as PDF bytes (A4, its fonts embedded as subsets) and the fonts used.

    :class:`MissingGlyphs` (a UserError) when a character is in no font of the chain."""
    chain = font_chain()
    pdf = _draw(document, chain[:1])
    if pdf.missing() and len(chain) > 1:
        pdf = _draw(document, chain)
    if missing := pdf.missing():
        raise MissingGlyphs(missing, list(pdf.font_labels.values()))
    return RenderedPdf(bytes(pdf.output()), pdf.used_fonts())


def _draw(document: PlanDocument, fonts: list[FontFile]) -> _Pdf:
    pdf = _Pdf(document, fonts)
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
