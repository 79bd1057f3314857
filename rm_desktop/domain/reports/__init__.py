"""Reports (工作日志, 周报, 月报): the report as plain values and the counts-only rule. Pure: the
services (services/reports) gather the figures from the vault."""

from .model import (
    AMOUNT,
    COUNT,
    DAY,
    HOURS,
    KINDS,
    MONTH,
    SHARE,
    UNITS,
    WEEK,
    Detail,
    Kpi,
    Line,
    Period,
    Report,
    Section,
    TrendPoint,
    as_dict,
    counts_only,
)

__all__ = [
    "AMOUNT",
    "COUNT",
    "DAY",
    "HOURS",
    "KINDS",
    "MONTH",
    "SHARE",
    "UNITS",
    "WEEK",
    "Detail",
    "Kpi",
    "Line",
    "Period",
    "Report",
    "Section",
    "TrendPoint",
    "as_dict",
    "counts_only",
]
