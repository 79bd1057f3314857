"""The report's exchange format: ``domain.reports.as_dict`` read back into a :class:`Report`.

This JSON is what the supervisor's bundle carries (bundle.py) and what a later branch server
would accept unchanged: one object per report, decimals as strings, dates ISO 8601, the keys of
as_dict (kind, period, start, end, rm_name, branch, generated_at, counts_only, locked, revision,
warnings, note, tomorrow, sections[key, title, empty_text, lines[key, label, count, amount,
details[client_id, name, text, amount]]], kpis[key, label, unit, value, previous, target,
trend[period, value]]). Derived keys (empty, change) are recomputed, not trusted.

The input is hostile until shown otherwise (it came in a file): every field is type-checked and
a bad one is a :class:`BadReport` naming where it is, never a KeyError or a traceback.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import KINDS, UNITS, Detail, Kpi, Line, Period, Report, Section, TrendPoint
from rm_desktop.i18n import t

MAX_TEXT = 4000  # characters in one label, note or detail: a report's texts are short
MAX_ITEMS = 200_000  # sections, lines, details or KPIs in one list


class BadReport(UserError):
    def __init__(self, where: str, reason: str):
        super().__init__(t("报告内容无效：{}：{}", "invalid report content: {}: {}").format(where, reason))


def _get(data: Any, key: str, where: str) -> Any:
    if not isinstance(data, dict):
        raise BadReport(where, t("应为对象", "an object was expected"))
    if key not in data:
        raise BadReport(f"{where}.{key}", t("缺少该字段", "missing"))
    return data[key]


def _text(data: Any, key: str, where: str, *, optional: bool = False) -> Any:
    value = _get(data, key, where)
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise BadReport(
            f"{where}.{key}", t("应为不超过 {} 字的文本", "text of at most {} characters expected").format(MAX_TEXT)
        )
    return value


def _int(data: Any, key: str, where: str) -> int:
    value = _get(data, key, where)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**12:
        raise BadReport(f"{where}.{key}", t("应为非负整数", "a non-negative whole number expected"))
    return value


def _bool(data: Any, key: str, where: str) -> bool:
    value = _get(data, key, where)
    if not isinstance(value, bool):
        raise BadReport(f"{where}.{key}", t("应为 true 或 false", "true or false expected"))
    return value


def _decimal(data: Any, key: str, where: str) -> Decimal | None:
    value = _get(data, key, where)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise InvalidOperation
        number = Decimal(value)
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise BadReport(
            f"{where}.{key}", t('应为数字文本，如 "12.50"', 'a number as text expected, e.g. "12.50"')
        ) from None
    return number


def _list(data: Any, key: str, where: str) -> list[Any]:
    value = _get(data, key, where)
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise BadReport(f"{where}.{key}", t("应为列表", "a list expected"))
    return value


def _texts(data: Any, key: str, where: str) -> tuple[str, ...]:
    items = _list(data, key, where)
    return tuple(_text({key: item}, key, f"{where}[{k}]") for k, item in enumerate(items))


def _date(data: Any, key: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(data, key, where))
    except ValueError:
        raise BadReport(f"{where}.{key}", t("应为日期，如 2026-12-01", "a date expected, e.g. 2026-12-01")) from None


def _detail(data: Any, where: str) -> Detail:
    return Detail(
        _text(data, "client_id", where, optional=True),
        _text(data, "name", where),
        _text(data, "text", where),
        _decimal(data, "amount", where),
    )


def _line(data: Any, where: str) -> Line:
    details = _list(data, "details", where)
    return Line(
        _text(data, "key", where),
        _text(data, "label", where),
        _int(data, "count", where),
        _decimal(data, "amount", where),
        tuple(_detail(d, f"{where}.details[{k}]") for k, d in enumerate(details)),
    )


def _section(data: Any, where: str) -> Section:
    lines = _list(data, "lines", where)
    return Section(
        _text(data, "key", where),
        _text(data, "title", where),
        tuple(_line(line, f"{where}.lines[{k}]") for k, line in enumerate(lines)),
        _text(data, "empty_text", where),
    )


def _kpi(data: Any, where: str) -> Kpi:
    unit = _text(data, "unit", where)
    if unit not in UNITS:
        raise BadReport(f"{where}.unit", t("未知单位 {}", "unknown unit {}").format(unit[:20]))
    trend = tuple(
        TrendPoint(_text(p, "period", f"{where}.trend[{k}]"), _decimal(p, "value", f"{where}.trend[{k}]"))
        for k, p in enumerate(_list(data, "trend", where))
    )
    return Kpi(
        _text(data, "key", where),
        _text(data, "label", where),
        unit,
        _decimal(data, "value", where),
        _decimal(data, "previous", where),
        _decimal(data, "target", where),
        trend,
    )


def report_from_dict(data: Any, where: str = "report") -> Report:
    """The :class:`Report` an ``as_dict`` object describes; :class:`BadReport` for anything else."""
    kind = _text(data, "kind", where)
    if kind not in KINDS:
        raise BadReport(f"{where}.kind", t("未知报告类型 {}", "unknown report kind {}").format(kind[:20]))
    start, end = _date(data, "start", where), _date(data, "end", where)
    if end < start:
        raise BadReport(f"{where}.end", t("结束日期早于开始日期", "the end is before the start"))
    try:
        generated = dt.datetime.fromisoformat(_text(data, "generated_at", where))
    except ValueError:
        raise BadReport(f"{where}.generated_at", t("应为时间", "a date and time expected")) from None
    return Report(
        period=Period(kind, start, end, _text(data, "period", where)),
        rm_name=_text(data, "rm_name", where),
        branch=_text(data, "branch", where),
        generated_at=generated,
        sections=tuple(_section(s, f"{where}.sections[{k}]") for k, s in enumerate(_list(data, "sections", where))),
        kpis=tuple(_kpi(s, f"{where}.kpis[{k}]") for k, s in enumerate(_list(data, "kpis", where))),
        warnings=_texts(data, "warnings", where),
        note=_text(data, "note", where),
        tomorrow=_texts(data, "tomorrow", where),
        locked=_bool(data, "locked", where),
        revision=_int(data, "revision", where),
        counts_only=_bool(data, "counts_only", where),
    )
