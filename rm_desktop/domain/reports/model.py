"""A report (工作日志 / 周报 / 月报) as plain values: what services/reports builds from the vault
and what every output draws (the PDF, the xlsx, the counts-only text, the supervisor's bundle,
the GUI page, ``report ... --json``).

One shape for all of them, so the counts-only rule lives in one place: :func:`counts_only` drops
every :class:`Detail` (the lines that name a client) and keeps only each line's totals. An output
that wants a safe version renders ``counts_only(report)``; nothing else decides what is safe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

DAY = "day"
WEEK = "week"
MONTH = "month"
KINDS = (DAY, WEEK, MONTH)

# How a KPI's figure reads: a count, a share (0..1, shown as a percentage), an amount (yuan), hours.
COUNT = "count"
SHARE = "share"
AMOUNT = "amount"
HOURS = "hours"
UNITS = (COUNT, SHARE, AMOUNT, HOURS)


@dataclass(frozen=True)
class Period:
    """A report's span of days, both ends included (Asia/Shanghai calendar days)."""

    kind: str  # DAY, WEEK or MONTH
    start: dt.date
    end: dt.date
    key: str  # "2026-12-01", "2026-W49", "2026-12": the CLI's spelling and the stored key

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.end < self.start:
            raise ValueError(f"bad period {self.kind} {self.start}..{self.end}")


@dataclass(frozen=True)
class Detail:
    """One named line under a :class:`Line`: the RM's own copy only (never in counts-only)."""

    client_id: str | None  # internal id (None for a walk-in or a colleague)
    name: str  # the client's name as the RM sees it
    text: str = ""  # what happened ("电话 · 到期续作", "承诺回电 15:00 未回")
    amount: Decimal | None = None  # a per-client amount: never leaves the RM's copy


@dataclass(frozen=True)
class Line:
    """One figure of a section: a count and, where it means something, the line's total amount."""

    key: str  # stable code ("contacts.phone", "maturities.kept")
    label: str  # in the current language
    count: int
    amount: Decimal | None = None  # a total over the line's clients (allowed in counts-only)
    details: tuple[Detail, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str  # "contacts", "visits", "followups", "callbacks", "new_clients", "opportunities", ...
    title: str
    lines: tuple[Line, ...] = ()
    empty_text: str = ""  # what the section says when nothing happened ("今日无新增客户")


@dataclass(frozen=True)
class TrendPoint:
    label: str  # the period's key ("2026-W48")
    value: Decimal | None


@dataclass(frozen=True)
class Kpi:
    key: str  # "contacts", "tier_coverage.A", "new_clients", "new_clients_aum", "aum_change", ...
    label: str
    unit: str  # one of UNITS
    value: Decimal | None  # None: not computable (no snapshots, nothing matured)
    previous: Decimal | None = None  # the previous period's figure
    target: Decimal | None = None  # from settings; None: no target, the figure is shown alone
    trend: tuple[TrendPoint, ...] = ()  # the last periods, oldest first, this one last

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class Report:
    period: Period
    rm_name: str
    branch: str
    generated_at: dt.datetime
    sections: tuple[Section, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    warnings: tuple[str, ...] = ()  # said before leaving: "2 个承诺回电未回"
    note: str = ""  # the RM's free note (daily)
    tomorrow: tuple[str, ...] = ()  # tomorrow's plan, pre-filled from the worklist's top items
    locked: bool = False  # a past day's log: later edits are revisions
    revision: int = 0
    counts_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def empty(self) -> bool:
        """Nothing recorded in the period (the report still renders and says so)."""
        return all(line.count == 0 for section in self.sections for line in section.lines)


def counts_only(report: Report) -> Report:
    """The version safe to paste where colleagues read: no client name, id, phone or per-client
    amount; totals only. The free note and tomorrow's plan are the RM's own words and may name
    clients, so they are dropped too; the warnings keep their counts only (they are built from
    counts by services/reports)."""
    sections = tuple(
        replace(section, lines=tuple(replace(line, details=()) for line in section.lines))
        for section in report.sections
    )
    return replace(report, sections=sections, note="", tomorrow=(), counts_only=True, extra={})


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def as_dict(report: Report) -> dict[str, Any]:
    """The JSON shape (``report ... --json``, the supervisor's bundle): decimals as strings."""
    return {
        "kind": report.period.kind,
        "period": report.period.key,
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
        "rm_name": report.rm_name,
        "branch": report.branch,
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "counts_only": report.counts_only,
        "locked": report.locked,
        "revision": report.revision,
        "empty": report.empty,
        "warnings": list(report.warnings),
        "note": report.note,
        "tomorrow": list(report.tomorrow),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "empty_text": s.empty_text,
                "lines": [
                    {
                        "key": line.key,
                        "label": line.label,
                        "count": line.count,
                        "amount": _num(line.amount),
                        "details": [
                            {"client_id": d.client_id, "name": d.name, "text": d.text, "amount": _num(d.amount)}
                            for d in line.details
                        ],
                    }
                    for line in s.lines
                ],
            }
            for s in report.sections
        ],
        "kpis": [
            {
                "key": k.key,
                "label": k.label,
                "unit": k.unit,
                "value": _num(k.value),
                "previous": _num(k.previous),
                "change": _num(k.change),
                "target": _num(k.target),
                "trend": [{"period": p.label, "value": _num(p.value)} for p in k.trend],
            }
            for k in report.kpis
        ],
    }
