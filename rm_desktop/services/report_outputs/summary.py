"""The supervisor's summary workbook: several RMs' bundles in one xlsx, no server needed.

汇总: a row per RM per period with the KPIs as columns (a KPI is a column by its key, so RMs whose
reports list KPIs in another order still line up), then a 合计 row (counts and amounts add up;
shares and hours do not, so they are left out of it). Then a sheet per RM: each report's lines
and KPIs. The same report received twice (same RM, branch, period) is counted once, the latest. Rows go by RM, then
day logs, weeks, months, each oldest first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import AMOUNT, COUNT, KINDS, Report
from rm_desktop.i18n import t
from rm_desktop.io.xlsx_look import write_table
from rm_desktop.io.xlsx_safe import book_bytes, discard_book, new_book
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.marks import Mark
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.report_outputs import marking
from rm_desktop.services.report_outputs.bundle import ReportBundle
from rm_desktop.services.report_outputs.figures import counts_only_label, shown_number, title, unit_label
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

_ADDS_UP = (COUNT, AMOUNT)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _rank(report: Report) -> tuple[dt.datetime, bool]:
    return report.generated_at, not report.counts_only


def _latest(bundles: Sequence[ReportBundle]) -> list[Report]:
    found: dict[tuple[str, str, str, str], Report] = {}
    for bundle in bundles:
        for report in bundle.reports:
            key = (report.rm_name, report.branch, report.period.kind, report.period.key)
            # The newest wins; of two made at the same moment, the RM's own copy over its
            # counts-only twin (the summary's register entry counts the named one's clients).
            if key not in found or _rank(found[key]) < _rank(report):
                found[key] = report
    return sorted(found.values(), key=lambda r: (r.rm_name, r.branch, KINDS.index(r.period.kind), r.period.start))


def _kpi_columns(reports: Sequence[Report]) -> dict[str, tuple[str, str]]:
    """KPI key → (header label, unit), in order of first appearance."""
    columns: dict[str, tuple[str, str]] = {}
    for report in reports:
        for kpi in report.kpis:
            columns.setdefault(kpi.key, (f"{kpi.label}（{unit_label(kpi.unit)}）", kpi.unit))
    return columns


def summary_rows(reports: Sequence[Report]) -> tuple[list[str], list[list[Any]]]:
    """The 汇总 sheet's header and rows, the 合计 row last."""
    columns = _kpi_columns(reports)
    header = [
        t("客户经理", "RM"),
        t("网点", "Branch"),
        t("报告", "Report"),
        t("期间", "Period"),
        counts_only_label().capitalize(),
    ]
    header += [label for label, _unit in columns.values()]
    rows: list[list[Any]] = []
    totals: dict[str, Decimal] = {}
    for report in reports:
        values = {kpi.key: kpi for kpi in report.kpis}
        span = f"{report.period.start.isoformat()} – {report.period.end.isoformat()}"
        row: list[Any] = [
            report.rm_name,
            report.branch,
            title(report),
            span,
            t("是", "yes") if report.counts_only else t("否", "no"),
        ]
        for key, (_label, unit) in columns.items():
            kpi = values.get(key)
            row.append(shown_number(unit, kpi.value) if kpi else None)
            if kpi and kpi.value is not None and unit in _ADDS_UP:
                totals[key] = totals.get(key, Decimal(0)) + kpi.value
        rows.append(row)
    rows.append([t("合计", "Total"), None, None, None, None, *(totals.get(key) for key in columns)])
    return header, rows


def _rm_rows(reports: Sequence[Report]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for report in reports:
        name = title(report)
        for section in report.sections:
            rows.extend(
                [name, section.title, line.label, line.count, None, line.amount, None] for line in section.lines
            )
        for kpi in report.kpis:
            value, target = shown_number(kpi.unit, kpi.value), shown_number(kpi.unit, kpi.target)
            rows.append([name, t("指标", "KPIs"), kpi.label, value, unit_label(kpi.unit), None, target])
    return rows


def sheet_name(name: str, taken: set[str]) -> str:
    """An Excel sheet name for ``name``: no []:*?/\\, at most 31 characters, unique (any case)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("' ") or t("客户经理", "RM")
    candidate, n = base[:31], 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def collect_summary(
    bundles: Sequence[ReportBundle],
    path: str | Path,
    *,
    vault: VaultHandle | None = None,
    control: ExportControl | None = None,
) -> int | None:
    """Write the summary workbook atomically (a plain file: the IT policy's gate first). With a
    vault: registered, watermarked and audited in one transaction; its register id."""
    policy_rules.check_export("report")
    reports = _latest(bundles)
    if not reports:
        raise UserError(t("没有可汇总的报告", "no reports to collect"))
    chain = marking.chain_hash(vault)
    with (
        export_register.recorded_export(
            vault, "report", control, marking.ACTION, **marking.register_args(reports, path)
        )
        if vault is not None
        else marking.unregistered()
    ) as mark:
        _write_summary(reports, path, mark, chain)
    return None if mark is None else mark.register_id


def _write_summary(reports: list[Report], path: str | Path, mark: Mark | None, chain: str | None) -> None:
    header, rows = summary_rows(reports)
    money = {k for k, (_label, unit) in enumerate(_kpi_columns(reports).values(), start=5) if unit == AMOUNT}
    book = new_book()
    try:
        first = t("汇总", "Summary")
        taken = {first.lower()}
        write_table(book.create_sheet(first), header, rows, money_columns=money)
        by_rm: dict[tuple[str, str], list[Report]] = {}
        for report in reports:
            by_rm.setdefault((report.rm_name, report.branch), []).append(report)
        heads = (
            t("报告", "Report"),
            t("分组", "Section"),
            t("项目", "Item"),
            t("数值", "Figure"),
            t("单位", "Unit"),
            t("合计金额（元）", "Total (CNY)"),
            t("目标", "Target"),
        )
        for (rm_name, _branch), own in by_rm.items():
            write_table(book.create_sheet(sheet_name(rm_name, taken)), heads, _rm_rows(own), money_columns={5})
        marking.stamp_book(book, mark, chain)
    except BaseException:
        discard_book(book)
        raise
    atomic_write_bytes(Path(path), book_bytes(book))
