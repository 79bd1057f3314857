"""The counts-only report as plain text, ready to paste into a WeChat work group.

It always renders ``counts_only(report)`` itself: whatever it is given, no client name, id,
phone or per-client amount can reach the text (domain/reports decides what is safe, here only
how it reads). Short lines, no tables: a chat window is narrow and not monospaced.
"""

from __future__ import annotations

from rm_desktop.domain.money import amount_with_unit
from rm_desktop.domain.reports import Report, counts_only
from rm_desktop.i18n import t
from rm_desktop.services.report_outputs.figures import byline, change_text, counts_only_label, target_text, title
from rm_desktop.services.report_outputs.figures import value_text as figure


def counts_text(report: Report) -> str:
    safe = counts_only(report)
    colon = t("：", ": ")
    lines = [f"【{title(safe)}】", byline(safe), t("（{}）", "({})").format(counts_only_label())]
    if safe.empty:
        lines.append(t("本期无记录。", "Nothing was recorded in this period."))
    for section in safe.sections:
        lines.append("")
        lines.append(f"■ {section.title}")
        if not any(line.count for line in section.lines):
            lines.append("  " + (section.empty_text or t("无", "none")))
            continue
        for line in section.lines:
            total = (
                t("，合计 {}", ", total {}").format(amount_with_unit(line.amount)) if line.amount is not None else ""
            )
            lines.append(f"  {line.label}{colon}{line.count}{total}")
    if safe.kpis:
        lines.append("")
        lines.append("■ " + t("指标", "KPIs"))
        for kpi in safe.kpis:
            parts = [figure(kpi.unit, kpi.value)]
            if kpi.change is not None:
                parts.append(t("较上期 {}", "vs last {}").format(change_text(kpi)))
            if kpi.target is not None:
                parts.append(t("目标 {}", "target {}").format(target_text(kpi)))
            more = t("（{}）", " ({})").format(t("，", ", ").join(parts[1:])) if parts[1:] else ""
            lines.append(f"  {kpi.label}{colon}{parts[0]}{more}")
    if safe.warnings:
        lines.append("")
        lines.append("■ " + t("提醒", "Warnings"))
        lines.extend(f"  ! {warning}" for warning in safe.warnings)
    return "\n".join(lines) + "\n"
