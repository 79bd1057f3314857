"""Hand-built reports for the output tests: names, 18-digit resident IDs and phones planted in
the named details and in the RM's note and plan, none of them anywhere else."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.reports import (
    AMOUNT,
    COUNT,
    DAY,
    HOURS,
    MONTH,
    SHARE,
    Detail,
    Kpi,
    Line,
    Period,
    Report,
    Section,
)
from rm_desktop.domain.reports import TrendPoint as P

NAMES = ("欧阳明珠", "司马青云", "诸葛晓燕")
IDS = ("110105198001010016", "310104198503120021", "440305199012310059")
PHONES = ("13912345678", "18698765432", "13700001111")
PLANTED = NAMES + IDS + PHONES
NOW = dt.datetime(2026, 12, 31, 17, 30)


def _trend(values: list[int | str | None], months: int = 12) -> tuple[P, ...]:
    return tuple(
        P(f"{2026 if m >= 1 else 2025}-{(m - 1) % 12 + 1:02d}", None if v is None else Decimal(v))
        for m, v in zip(range(13 - months, 13), values, strict=True)
    )


def month_report(rm_name: str = "王经理", branch: str = "城东支行", *, scale: int = 1) -> Report:
    """A month's report; ``scale`` repeats the named details (the benchmark's sizes)."""
    a, b, c = (Detail(IDS[k], NAMES[k], f"电话 · 到期续作 {PHONES[k]}", Decimal("50000.00")) for k in range(3))
    contacts = Section(
        "contacts",
        "往来客户",
        (
            Line("contacts.phone", "电话", 120, details=(a, b) * scale),
            Line("contacts.wechat", "微信", 45, details=(c,) * scale),
            Line("contacts.visit", "面谈", 18),
        ),
    )
    won = Section(
        "opportunities",
        "商机",
        (
            Line("opportunities.opened", "新建商机", 9, Decimal("1800000.00"), (a,) * scale),
            Line("opportunities.won", "成交", 3, Decimal("650000.00"), (b, c) * scale),
        ),
    )
    quiet = Section("complaints", "投诉", (Line("complaints.opened", "新增投诉", 0),), "本月无投诉")
    kpis = (
        Kpi(
            "contacts",
            "联系客户数",
            COUNT,
            Decimal(183),
            Decimal(160),
            Decimal(200),
            _trend([150, 162, 170, None, 140, 155, 168, 172, 190, 175, 160, 183]),
        ),
        Kpi(
            "tier_coverage.A",
            "A 层按周期联系率",
            SHARE,
            Decimal("0.82"),
            Decimal("0.77"),
            Decimal("0.9"),
            _trend(["0.7", "0.72", "0.75", "0.8", "0.78", "0.74", "0.79", "0.81", "0.76", "0.8", "0.77", "0.82"]),
        ),
        Kpi(
            "aum_change",
            "管户资产变化",
            AMOUNT,
            Decimal("-1250000.00"),
            Decimal("300000.00"),
            None,
            _trend(
                [
                    "500000",
                    "-200000",
                    "800000",
                    "100000",
                    "0",
                    "300000",
                    "-50000",
                    "250000",
                    "400000",
                    "-100000",
                    "300000",
                    "-1250000",
                ]
            ),
        ),
        Kpi("complaint_hours", "投诉平均处理时长", HOURS, None, Decimal("5.5"), Decimal(24)),
    )
    return Report(
        Period(MONTH, dt.date(2026, 12, 1), dt.date(2026, 12, 31), "2026-12"),
        rm_name,
        branch,
        NOW,
        (contacts, won, quiet),
        kpis,
        ("2 个承诺回电未回",),
        note=f"{NAMES[0]} 想了解养老规划，回电 {PHONES[0]}",
        tomorrow=(f"约见 {NAMES[1]}（证件 {IDS[1]}）",),
    )


def empty_day() -> Report:
    section = Section("contacts", "往来客户", (Line("contacts.phone", "电话", 0),), "今日无往来记录")
    return Report(
        Period(DAY, dt.date(2026, 12, 1), dt.date(2026, 12, 1), "2026-12-01"), "王经理", "城东支行", NOW, (section,)
    )
