"""How a report's figures read in every output (text, PDF, xlsx, summary): the title, a KPI's
value by its unit, its change and its target. One place, so the pasted text and the PDF agree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rm_desktop.domain.money import YUAN, amount_with_unit
from rm_desktop.domain.reports import AMOUNT, DAY, HOURS, MONTH, SHARE, WEEK, Kpi, Report
from rm_desktop.i18n import t

_ONE = Decimal("0.1")


def kind_label(kind: str) -> str:
    return {DAY: t("工作日志", "Work log"), WEEK: t("周报", "Weekly report"), MONTH: t("月报", "Monthly report")}.get(
        kind, kind
    )


def title(report: Report) -> str:
    """'工作日志 2026-12-01', '周报 2026-W49', '月报 2026-12'."""
    return f"{kind_label(report.period.kind)} {report.period.key}"


def byline(report: Report) -> str:
    """The author (allowed in every version: they are the RM's own) and the span of days."""
    who = " · ".join(part for part in (report.rm_name, report.branch) if part)
    span = report.period.start.isoformat()
    if report.period.end != report.period.start:
        span += " – " + report.period.end.isoformat()
    return " · ".join(part for part in (who, span) if part)


def counts_only_label() -> str:
    return t("仅含汇总数字", "counts only")


def _plain(value: Decimal) -> str:
    """A count or hours without trailing zeros: 12, 3.5."""
    shown = value.quantize(_ONE, rounding=ROUND_HALF_UP) if value != value.to_integral_value() else value
    text = f"{shown:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(unit: str, value: Decimal | None, *, signed: bool = False, money: str = YUAN) -> str:
    """A figure as it reads: 85.0% for a share, 1,234.00 元 for an amount, 3.5 小时, 120.
    ``signed``: a change, with its + or −. "—" when there is no figure. ``money``: the unit an
    amount reads in (the page's cards use 万元, as its sections do; the files keep 元)."""
    if value is None:
        return "—"
    sign = "+" if signed and value > 0 else ""
    if unit == SHARE:
        return f"{sign}{(value * 100).quantize(_ONE, rounding=ROUND_HALF_UP)}%"
    if unit == AMOUNT:
        return sign + amount_with_unit(value, money)
    if unit == HOURS:
        return t("{}{} 小时", "{}{} h").format(sign, _plain(value))
    return sign + _plain(value)


def change_text(kpi: Kpi, money: str = YUAN) -> str:
    # A share's change is in percentage points: "+5.0%" would read as a relative change.
    text = value_text(kpi.unit, kpi.change, signed=True, money=money)
    return text.replace("%", t(" 个百分点", " pts")) if kpi.unit == SHARE and kpi.change is not None else text


def target_text(kpi: Kpi) -> str:
    return "" if kpi.target is None else value_text(kpi.unit, kpi.target)


def attainment(kpi: Kpi) -> Decimal | None:
    """The figure against its target (0..), None without a target or a figure."""
    if kpi.value is None or not kpi.target:
        return None
    return kpi.value / kpi.target


def shown_number(unit: str, value: Decimal | None) -> Decimal | None:
    """The number a spreadsheet cell holds: a share as a percentage (85.0), others as they are."""
    if value is None:
        return None
    return (value * 100).quantize(_ONE, rounding=ROUND_HALF_UP) if unit == SHARE else value


def unit_label(unit: str) -> str:
    return {SHARE: "%", AMOUNT: t("元", "CNY"), HOURS: t("小时", "hours")}.get(unit, t("个", "count"))
