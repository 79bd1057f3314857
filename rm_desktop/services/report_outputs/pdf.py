"""A report as an A4 PDF on the app's fpdf2 document base (io/pdf_draw: the CJK font chain, a
character no font has refused, tables whose header repeats on a new page).

Sections are tables of counts and totals; the RM's own copy adds each section's named lines
below it. KPIs are a table (figure, change, target, attainment bar) and a small trend chart each
(pdf_charts). A counts-only report says so in its header and on every page's foot: the version
is decided by ``report.counts_only`` (``export_pdf(counts_only(r), path)``), never here.
Given a vault, the export is registered and watermarked and its foot names the audit chain's
latest hash (report_outputs/marking).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fpdf.enums import XPos, YPos

from rm_desktop.domain.money import format_amount
from rm_desktop.domain.reports import Report
from rm_desktop.i18n import t
from rm_desktop.io.pdf_draw import BLUE, BODY_PT, FONT, GREY, LINE_H, ORANGE, CjkPdf, render_with_chain
from rm_desktop.io.pdf_fonts import FontFile
from rm_desktop.io.watermark import stamp_pdf
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.report_outputs import marking
from rm_desktop.services.report_outputs.figures import (
    attainment,
    byline,
    change_text,
    counts_only_label,
    target_text,
    title,
    value_text,
)
from rm_desktop.services.report_outputs.pdf_charts import trend_charts
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

SUBJECT = ("报告", "the report")
BADGE_FILL = (253, 243, 231)


class _ReportPdf(CjkPdf):
    def __init__(self, report: Report, fonts: list[FontFile], chain: str = ""):
        super().__init__(fonts, f"{title(report)} - {report.rm_name}", report.rm_name)
        self.report = report
        self.chain = chain  # "审计链 …<12 hex>" on an export's every page

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        foot = title(self.report)
        if self.report.counts_only:
            foot += " · " + counts_only_label()
        if self.chain:
            foot += " · " + self.chain
        self.cell(0, 5, foot, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, t("第 {} 页 / 共 {} 页", "Page {} of {}").format(self.page_no(), "{nb}"), align="R")


def _header(pdf: _ReportPdf, report: Report) -> None:
    pdf.set_font(FONT, size=20)
    with pdf.bold(BLUE):
        pdf.cell(0, 11, title(report), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_text_color(*GREY)
    stamp = t("生成于 {}", "made {}").format(report.generated_at.strftime("%Y-%m-%d %H:%M"))
    if report.revision:
        stamp += " · " + t("第 {} 次修订", "revision {}").format(report.revision)
    pdf.cell(0, LINE_H, f"{byline(report)} · {stamp}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    if report.counts_only:
        pdf.ln(1.5)
        label = counts_only_label() + t(
            "：不含客户姓名、证件号、电话及单户金额", ": no client name, ID, phone or per-client amount"
        )
        pdf.set_fill_color(*BADGE_FILL)
        pdf.set_draw_color(*ORANGE)
        pdf.set_line_width(0.3)
        with pdf.bold(ORANGE):
            pdf.cell(pdf.get_string_width(label) + 6, 7, label, border=1, fill=True, align="C")
        pdf.ln(8)
    pdf.ln(3)


def _warnings(pdf: _ReportPdf, report: Report) -> None:
    if report.empty:
        _grey(pdf, t("本期无记录。", "Nothing was recorded in this period."))
    if not report.warnings:
        return
    pdf.heading(t("提醒", "Warnings"), 12, ORANGE)
    for warning in report.warnings:
        pdf.multi_cell(0, LINE_H, "! " + warning, wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _grey(pdf: _ReportPdf, text: str) -> None:
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, LINE_H, text, wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _sections(pdf: _ReportPdf, report: Report) -> None:
    for section in report.sections:
        pdf.ensure_space(30)
        pdf.heading(section.title, 12)
        if not any(line.count for line in section.lines):
            _grey(pdf, section.empty_text or t("无", "none"))
            continue
        rows = [(line.label, str(line.count), format_amount(line.amount)) for line in section.lines]
        headers = (t("项目", "Item"), t("数量", "Count"), t("合计金额（元）", "Total (CNY)"))
        pdf.draw_table(headers, (6, 1.6, 2.6), frozenset({1, 2}), rows)
        details = [
            (line.label, d.name, d.text, format_amount(d.amount)) for line in section.lines for d in line.details
        ]
        if details:
            pdf.ensure_space(22)
            pdf.set_font(FONT, size=9)
            with pdf.bold():
                pdf.cell(0, 6, t("明细", "Details"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            heads = (t("项目", "Item"), t("客户", "Client"), t("说明", "What"), t("金额（元）", "Amount (CNY)"))
            pdf.draw_table(heads, (2.6, 2.2, 5, 2), frozenset({3}), details)


def _kpis(pdf: _ReportPdf, report: Report) -> None:
    if not report.kpis:
        return
    pdf.ensure_space(40)
    pdf.heading(t("指标", "KPIs"), 12)
    rows: list[tuple[str, ...]] = []
    progress: dict[int, Decimal] = {}
    for k, kpi in enumerate(report.kpis):
        share = attainment(kpi)
        done = "" if share is None else value_text("share", share)
        rows.append((kpi.label, value_text(kpi.unit, kpi.value), change_text(kpi), target_text(kpi), done))
        if share is not None:
            progress[k] = max(share, Decimal(0))  # a negative figure draws no bar
    headers = (
        t("指标", "KPI"),
        t("本期", "This period"),
        t("较上期", "Change"),
        t("目标", "Target"),
        t("完成", "Done"),
    )
    pdf.draw_table(headers, (3.6, 2.9, 2.9, 2.2, 2.4), frozenset({1, 2, 3, 4}), rows, progress)
    trend_charts(pdf, report.kpis)


def _own_words(pdf: _ReportPdf, report: Report) -> None:
    if report.note:
        pdf.ensure_space(20)
        pdf.heading(t("备注", "Note"), 12)
        pdf.multi_cell(0, LINE_H, report.note, wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    if report.tomorrow:
        pdf.ensure_space(20)
        pdf.heading(t("明日计划", "Tomorrow"), 12)
        for item in report.tomorrow:
            pdf.multi_cell(0, LINE_H, "· " + item, wrapmode=pdf.wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _draw(report: Report, fonts: list[FontFile], mark: tuple[str, str] | None = None, chain: str = "") -> _ReportPdf:
    pdf = _ReportPdf(report, fonts, chain)
    if mark is not None:
        stamp_pdf(pdf, *mark, font=FONT)
    pdf.add_page()
    _header(pdf, report)
    _warnings(pdf, report)
    _sections(pdf, report)
    _kpis(pdf, report)
    _own_words(pdf, report)
    return pdf


def render_pdf(report: Report, mark: tuple[str, str] | None = None, chain: str = "") -> bytes:
    """The report as PDF bytes (A4, fonts embedded as subsets). ``MissingGlyphs`` (a UserError)
    when a character is in no font of the chain. ``mark``: the export's (visible, hidden)."""
    return render_with_chain(lambda fonts: _draw(report, fonts, mark, chain), SUBJECT).data


def export_pdf(
    report: Report, path: str | Path, *, vault: VaultHandle | None = None, control: ExportControl | None = None
) -> int | None:
    """Write the PDF atomically: a refused or failed drawing leaves no file (nor half of one).
    The IT policy's gate first: a PDF cannot be encrypted, so ``password_required`` refuses it.
    With a vault: registered, watermarked and audited in one transaction; its register id."""
    policy_rules.check_export("report")
    chain = marking.chain_hash(vault)
    with (
        export_register.recorded_export(
            vault, "report", control, marking.ACTION, **marking.register_args([report], path)
        )
        if vault is not None
        else marking.unregistered()
    ) as mark:
        atomic_write_bytes(Path(path), render_pdf(report, marking.pair(mark), marking.chain_line(chain)))
    return None if mark is None else mark.register_id
