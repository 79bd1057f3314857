"""A report as an xlsx workbook: 概要 (sections, lines, counts, totals, then the report's facts),
明细 (the named lines; absent from a counts-only report) and 指标 (KPIs with a column per trend
period). Written like every export: write-only sheets built in memory (io/xlsx_safe: formula-safe
text, nothing in a temp folder), io/xlsx_look's widths and bold frozen header, one atomic write.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from rm_desktop.domain.reports import Kpi, Report
from rm_desktop.i18n import t
from rm_desktop.io.xlsx_look import write_table
from rm_desktop.io.xlsx_safe import book_bytes, discard_book, new_book
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.report_outputs import marking
from rm_desktop.services.report_outputs.figures import byline, counts_only_label, shown_number, title, unit_label
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle


def summary_sheet_name() -> str:
    return t("概要", "Summary")


def _summary_rows(report: Report) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for section in report.sections:
        if not section.lines:
            rows.append([section.title, section.empty_text, 0, None])
        rows.extend([section.title, line.label, line.count, line.amount] for line in section.lines)
    yes, no = t("是", "yes"), t("否", "no")
    facts: list[tuple[str, object]] = [
        (t("报告", "Report"), title(report)),
        (t("客户经理", "RM"), byline(report)),
        (t("生成时间", "Generated"), report.generated_at.strftime("%Y-%m-%d %H:%M")),
        (counts_only_label().capitalize(), yes if report.counts_only else no),  # a label among labels
    ]
    if report.revision:
        facts.append((t("修订", "Revision"), str(report.revision)))
    facts += [(t("提醒", "Warning"), warning) for warning in report.warnings]
    if report.note:
        facts.append((t("备注", "Note"), report.note))
    facts += [(t("明日计划", "Tomorrow"), item) for item in report.tomorrow]
    rows.append([None, None, None, None])  # a blank row between the figures and the facts
    rows.extend([label, value, None, None] for label, value in facts)
    return rows


def _periods(kpis: Sequence[Kpi]) -> list[str]:
    """Every trend period of the KPIs, in order of first appearance (oldest first)."""
    seen: dict[str, None] = {}
    for kpi in kpis:
        seen.update((point.label, None) for point in kpi.trend)
    return list(seen)


def kpi_rows(kpis: Sequence[Kpi], periods: Sequence[str]) -> list[list[Any]]:
    rows = []
    for kpi in kpis:
        trend = {p.label: shown_number(kpi.unit, p.value) for p in kpi.trend}
        figures = (kpi.value, kpi.previous, kpi.change, kpi.target)
        rows.append(
            [kpi.label, unit_label(kpi.unit), *(shown_number(kpi.unit, v) for v in figures)]
            + [trend.get(period) for period in periods]
        )
    return rows


def fill_book(book: Workbook, report: Report) -> None:
    headers = (t("分组", "Section"), t("项目", "Item"), t("数量", "Count"), t("合计金额（元）", "Total (CNY)"))
    write_table(book.create_sheet(summary_sheet_name()), headers, _summary_rows(report), money_columns={3})
    details = [
        [section.title, line.label, d.client_id, d.name, d.text, d.amount]
        for section in report.sections
        for line in section.lines
        for d in line.details
    ]
    if not report.counts_only:
        heads = (
            t("分组", "Section"),
            t("项目", "Item"),
            t("客户编号", "Client no."),
            t("客户", "Client"),
            t("说明", "What"),
            t("金额（元）", "Amount (CNY)"),
        )
        write_table(book.create_sheet(t("明细", "Details")), heads, details, text_columns={2}, money_columns={5})
    periods = _periods(report.kpis)
    kpi_heads = (
        t("指标", "KPI"),
        t("单位", "Unit"),
        t("本期", "This period"),
        t("上期", "Previous"),
        t("变化", "Change"),
        t("目标", "Target"),
        *periods,
    )
    write_table(book.create_sheet(t("指标", "KPIs")), kpi_heads, kpi_rows(report.kpis, periods))


def export_xlsx(
    report: Report, path: str | Path, *, vault: VaultHandle | None = None, control: ExportControl | None = None
) -> int | None:
    """Write the workbook atomically. A counts-only report (``counts_only(r)``) has no 明细 sheet;
    its other sheets hold only what the counts-only rule kept. The IT policy's gate first. With
    a vault: registered, watermarked (headers, footers, properties, the audit hash) and audited
    in one transaction; its register id."""
    policy_rules.check_export("report")
    chain = marking.chain_hash(vault)
    with (
        export_register.recorded_export(
            vault, "report", control, marking.ACTION, **marking.register_args([report], path)
        )
        if vault is not None
        else marking.unregistered()
    ) as mark:
        book = new_book()
        try:
            fill_book(book, report)
            marking.stamp_book(book, mark, chain)
        except BaseException:
            discard_book(book)
            raise
        atomic_write_bytes(Path(path), book_bytes(book))
    return None if mark is None else mark.register_id
