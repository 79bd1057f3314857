"""The fpdf2 document base every PDF of the app draws on (the plan document, the reports).

Why fpdf2: the command line must export without a GUI and the services layer may not import Qt,
so QPdfWriter is out; fpdf2 embeds a subset of a TrueType/TTC CJK font (pdf_fonts.py) and draws
rectangles for the charts, with Pillow and fontTools as its only compiled/large dependencies
(ReportLab needs the same and brings its own C accelerators). Tables are drawn by hand so that
a long table breaks across pages with its header repeated.

No character is ever dropped: a document is drawn with the CJK font alone, and if that font
lacks a character (a rare one in a name, 䶮 or 𠮷) drawn again with the whole fallback chain of
pdf_fonts.font_chain, fpdf2 taking each missing glyph from the first fallback that has it. A
character no font of the chain has is refused (:class:`MissingGlyphs`, naming it and its U+ code)
instead of printing as a box or a gap. The fonts that drew the text are returned with the PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar, cast

from fpdf import FPDF
from fpdf.enums import TextMode, WrapMode, XPos, YPos
from fpdf.fonts import TTFFont

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import language, t
from rm_desktop.io.pdf_fonts import FALLBACK_ENV, FontFile, font_chain

LOG = logging.getLogger(__name__)
FONT = "cjk"
BLUE = (31, 78, 121)
LIGHT_BLUE = (222, 234, 246)
ORANGE = (230, 126, 34)
GREEN = (46, 139, 87)
GREY = (120, 120, 120)
LINE = (190, 190, 190)
LINE_H = 5.6  # mm per text line at 10 pt
BODY_PT = 10


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    fonts: tuple[str, ...]  # the fonts that drew the text, "Family (file)", the CJK font first


class MissingGlyphs(UserError):
    """Characters of the document that no font of the chain can draw."""

    def __init__(self, characters: list[str], fonts: list[str], subject: tuple[str, str] = ("文档", "the document")):
        self.characters = characters
        named = "、".join(f"{c} (U+{ord(c):04X})" for c in characters)
        super().__init__(
            t(
                subject[0] + "中有 {} 个字符没有任何可用字体能显示：{}。已尝试的字体：{}。请安装含这些字符的字体"
                "（如花园明朝 HanaMinA/HanaMinB、Noto CJK；Windows：SimSun-ExtB），或用环境变量 {} 指定字体文件；"
                "未生成 PDF。",
                "{} characters of " + subject[1] + " are in none of the available fonts: {}. Fonts tried: {}. "
                "Install a font that has them (such as Hanazono HanaMinA/HanaMinB or Noto CJK; Windows: "
                "SimSun-ExtB) or name font files in the environment variable {}; no PDF was written.",
            ).format(len(characters), named, "; ".join(fonts), FALLBACK_ENV)
        )


def _font_label(font: TTFFont, file: FontFile) -> str:
    name = font.ttfont["name"].getBestFullName() or font.name
    return f"{name} ({file.path.name})"


class CjkPdf(FPDF):
    """An A4 page in mm with the font chain loaded, bold by stroking, and tables."""

    def __init__(self, fonts: list[FontFile], title: str, author: str):
        super().__init__(format="A4", unit="mm")
        # (headers, widths, right-aligned columns) of the table being drawn, repeated on a new page
        self.table_header: tuple[Sequence[str], list[float], frozenset[int]] | None = None
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
        self.set_title(title)
        self.set_author(author or "RM Desktop")
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

    @contextmanager
    def bold(self, color: tuple[int, int, int] = (0, 0, 0)) -> Iterator[None]:
        """Stroke the glyph outlines too: the embedded CJK font has no bold face. In a local
        graphics state (q … Q): fpdf2 emits the stroking mode (Tr) with the first bold text
        but no reset after it, so without one every later line was stroked too."""
        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.18):
            self.set_text_color(*color)
            self.set_draw_color(*color)
            yield

    def lines_for(self, width: float, text: str) -> int:
        # fpdf2 types the result as the union of every output mode; "LINES" gives the lines.
        lines = cast(
            "list[str]", self.multi_cell(width, LINE_H, text, dry_run=True, output="LINES", wrapmode=self.wrap)
        )
        return len(lines) or 1

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def heading(self, text: str, size: float = 14, color: tuple[int, int, int] = BLUE, *, rule: bool = True) -> None:
        self.set_font(FONT, size=size)
        with self.bold(color):
            self.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if rule:
            self.set_draw_color(*color)
            self.set_line_width(0.4)
            self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
            self.ln(2)
        self.set_font(FONT, size=BODY_PT)

    def row(
        self,
        cells: Sequence[str],
        widths: list[float],
        right: frozenset[int],
        *,
        header: bool = False,
        progress: Decimal | None = None,
    ) -> None:
        """One table row, as tall as its longest cell; on a new page the table's header first.
        ``progress``: a bar (0..1) before the last cell's text."""
        pad = 1.5
        bar_w = widths[-1] * 0.45 if progress is not None else 0
        room = [w - 2 * pad - (bar_w if k == len(cells) - 1 else 0) for k, w in enumerate(widths)]
        # Most cells fit on one line and are drawn with cell(); only one that does not is wrapped
        # (multi_cell, ~1 ms a cell: 20 s for a named month of a 10k book). No glyph of the CJK
        # fonts is wider than 1 em, so a short text fits without being measured at all.
        em = self.font_size
        single = all(
            len(text) * em <= r or self.get_string_width(text) <= r for r, text in zip(room, cells, strict=False)
        )
        if single:
            height = LINE_H + 2
        else:
            lines = max(self.lines_for(r, text) for r, text in zip(room, cells, strict=False))
            height = lines * LINE_H + 2
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
            if self.table_header:
                self.row(*self.table_header, header=True)
        top, x = self.get_y(), self.l_margin
        if header:
            self.set_fill_color(*LIGHT_BLUE)
            self.rect(x, top, sum(widths), height, style="F")
        for k, (width, text) in enumerate(zip(widths, cells, strict=False)):
            inset = bar_w + 1 if progress is not None and k == len(cells) - 1 else 0
            self.set_xy(x + pad + inset, top + 1)
            if single:
                self.cell(width - 2 * pad - inset, LINE_H, text, align="R" if k in right else "L")
            else:
                self.multi_cell(
                    width - 2 * pad - inset,
                    LINE_H,
                    text,
                    align="R" if k in right else "L",
                    wrapmode=self.wrap,
                    new_x=XPos.RIGHT,
                    new_y=YPos.TOP,
                )
            if inset and progress is not None:
                bar_top = top + height / 2 - 1.5
                self.set_fill_color(225, 225, 225)
                self.rect(x + pad, bar_top, bar_w, 3, style="F")
                self.set_fill_color(*GREEN)
                self.rect(x + pad, bar_top, bar_w * float(min(progress, Decimal(1))), 3, style="F")
            x += width
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        self.line(self.l_margin, top + height, self.l_margin + sum(widths), top + height)
        self.set_xy(self.l_margin, top + height)

    def draw_table(
        self,
        headers: Sequence[str],
        relative_widths: Sequence[float],
        right: frozenset[int],
        rows: Sequence[Sequence[str]],
        progress: dict[int, Decimal] | None = None,
    ) -> None:
        """A table across the page width (``relative_widths`` scaled to it), header repeated."""
        self.set_font(FONT, size=9.5)
        total = sum(relative_widths)
        widths = [self.epw * w / total for w in relative_widths]
        self.table_header = (headers, widths, right)
        self.row(headers, widths, right, header=True)
        for k, cells in enumerate(rows):
            self.row(cells, widths, right, progress=(progress or {}).get(k))
        self.table_header = None
        self.set_font(FONT, size=BODY_PT)
        self.ln(3)


P = TypeVar("P", bound=CjkPdf)


def render_with_chain(draw: Callable[[list[FontFile]], P], subject: tuple[str, str]) -> RenderedPdf:
    """Draw with the CJK font alone, again with the whole chain if it lacked a character; the
    PDF bytes and the fonts used. :class:`MissingGlyphs` (naming ``subject``, zh and en) when a
    character is in no font of the chain."""
    chain = font_chain()
    pdf = draw(chain[:1])
    if pdf.missing() and len(chain) > 1:
        pdf = draw(chain)
    if missing := pdf.missing():
        raise MissingGlyphs(missing, list(pdf.font_labels.values()), subject)
    return RenderedPdf(bytes(pdf.output()), pdf.used_fonts())
