"""The KPIs' small trend charts (the last 12 periods), drawn with fpdf2's rectangles and lines.

Two charts a row. Bars, not a line: a period with no figure (None) is then a visible gap rather
than a line bridging it. The current period is the dark bar, the target a dashed orange line, named beside the scale's max;
the scale always includes zero, so a fall (book AUM change) hangs below the axis, and a share's
scale is 0–100%.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rm_desktop.domain.reports import SHARE, Kpi
from rm_desktop.i18n import t
from rm_desktop.io.pdf_draw import BLUE, FONT, GREY, LINE, ORANGE, CjkPdf
from rm_desktop.services.report_outputs.figures import value_text

CHART_H = 40.0  # mm, title and period labels included
GAP = 6.0
PER_ROW = 2
_PALE_BLUE = (150, 180, 212)


def trend_charts(pdf: CjkPdf, kpis: Sequence[Kpi]) -> None:
    charted = [kpi for kpi in kpis if any(p.value is not None for p in kpi.trend)]
    if not charted:
        return
    pdf.ensure_space(CHART_H + 12)
    pdf.set_font(FONT, size=9)
    with pdf.bold():
        pdf.cell(0, 6, t("趋势（近 {} 期）", "Trend (last {} periods)").format(max(len(k.trend) for k in charted)))
    pdf.ln(7)
    width = (pdf.epw - GAP * (PER_ROW - 1)) / PER_ROW
    for start in range(0, len(charted), PER_ROW):
        pdf.ensure_space(CHART_H + 2)
        top = pdf.get_y()
        for k, kpi in enumerate(charted[start : start + PER_ROW]):
            _chart(pdf, kpi, pdf.l_margin + k * (width + GAP), top, width)
        pdf.set_xy(pdf.l_margin, top + CHART_H + 3)


def _chart(pdf: CjkPdf, kpi: Kpi, x: float, top: float, width: float) -> None:
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.rect(x, top, width, CHART_H)
    pdf.set_font(FONT, size=8.5)
    pdf.set_xy(x + 2, top + 1)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(width - 4, 5, kpi.label)
    values = [p.value for p in kpi.trend]
    known = [v for v in values if v is not None]
    marks = [*known, *([kpi.target] if kpi.target is not None else [])]
    if kpi.unit == SHARE:
        marks.append(Decimal(1))  # a share reads against the whole: 20% is a fifth of the height
    low, high = min(Decimal(0), *marks), max(Decimal(0), *marks)
    if high == low:
        high = low + 1
    plot_top, plot_bottom = top + 11, top + CHART_H - 7
    left, right = x + 3, x + width - 3

    def y_of(value: Decimal) -> float:
        return plot_bottom - float((value - low) / (high - low)) * (plot_bottom - plot_top)

    pdf.set_font(FONT, size=7)
    pdf.set_text_color(*GREY)
    pdf.set_xy(x + 2, top + 6)
    scale = t("最高 {}", "max {}").format(value_text(kpi.unit, max(known)))
    if kpi.target is not None:  # the dashed line says what it is: above the bars it would read as the max
        scale += t(" · 目标 {}", " · target {}").format(value_text(kpi.unit, kpi.target))
    pdf.cell(width - 4, 4, scale, align="R")
    slot = (right - left) / max(len(values), 1)
    zero = y_of(Decimal(0))
    for k, value in enumerate(values):
        if value is None:
            continue
        pdf.set_fill_color(*(BLUE if k == len(values) - 1 else _PALE_BLUE))
        bar_top, bar_bottom = sorted((y_of(value), zero))
        pdf.rect(left + k * slot + slot * 0.18, bar_top, slot * 0.64, max(bar_bottom - bar_top, 0.3), style="F")
    pdf.set_draw_color(*GREY)
    pdf.line(left, zero, right, zero)
    if kpi.target is not None:
        pdf.set_draw_color(*ORANGE)
        pdf.set_line_width(0.35)
        pdf.set_dash_pattern(dash=1.2, gap=0.8)
        pdf.line(left, y_of(kpi.target), right, y_of(kpi.target))
        pdf.set_dash_pattern()
    if kpi.trend:  # the first and the last period name the span
        pdf.set_xy(left, plot_bottom + 1)
        pdf.cell((right - left) / 2, 4, kpi.trend[0].label, align="L")
        pdf.set_xy(left + (right - left) / 2, plot_bottom + 1)
        pdf.cell((right - left) / 2, 4, kpi.trend[-1].label, align="R")
    pdf.set_text_color(0, 0, 0)
