"""Hand-built reports for the page's widget tests: a day with contacts naming two clients, an empty
day, and a week with KPIs (one with a target, one without, one amount)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.reports import (
    AMOUNT,
    COUNT,
    DAY,
    SHARE,
    WEEK,
    Detail,
    Kpi,
    Line,
    Period,
    Report,
    Section,
    TrendPoint,
)

NOW = dt.datetime(2026, 12, 2, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PLANTED = "欧阳娜娜"  # a client's name: never in a counts-only output, hidden under 客户在场


def day_report(*, locked: bool = False, revision: int = 0, note: str = "") -> Report:
    contacts = Section(
        "contacts",
        "联系",
        (
            Line(
                "contacts.phone",
                "电话",
                2,
                details=(Detail("1", PLANTED, "电话 · 到期续作"), Detail("2", "王芳", "电话")),
            ),
            Line("contacts.visit", "拜访", 0),
        ),
    )
    sales = Section(
        "opportunities",
        "商机",
        (
            Line(
                "opportunities.won",
                "成交",
                1,
                Decimal("200000"),
                (Detail("1", PLANTED, "成长基金", Decimal("200000")),),
            ),
        ),
    )
    complaints = Section("complaints", "投诉", (Line("complaints.opened", "新投诉", 0),), "今日无投诉")
    return Report(
        Period(DAY, dt.date(2026, 12, 2), dt.date(2026, 12, 2), "2026-12-02"),
        "张经理",
        "城东支行",
        NOW,
        (contacts, sales, complaints),
        warnings=("2 个承诺回电未回",),
        note=note,
        tomorrow=("回电 王芳", "准备沙龙邀请"),
        locked=locked,
        revision=revision,
    )


def empty_day() -> Report:
    return Report(
        Period(DAY, dt.date(2026, 12, 6), dt.date(2026, 12, 6), "2026-12-06"),
        "张经理",
        "城东支行",
        NOW,
        (Section("contacts", "联系", (Line("contacts.phone", "电话", 0),), "今日无联系"),),
    )


def trend(*values: int | None) -> tuple[TrendPoint, ...]:
    return tuple(TrendPoint(f"2026-W{38 + i}", None if v is None else Decimal(v)) for i, v in enumerate(values))


def week_report() -> Report:
    kpis = (
        Kpi("contacts", "联系次数", COUNT, Decimal(42), Decimal(30), Decimal(50), trend(20, 25, None, 30, 42)),
        Kpi("tier_coverage.A", "A 层覆盖率", SHARE, Decimal("0.8"), Decimal("0.9"), None, trend(1, 1)),
        Kpi("new_clients_aum", "新客户资产", AMOUNT, Decimal("1500000"), None, Decimal("1000000")),
    )
    return Report(
        Period(WEEK, dt.date(2026, 11, 30), dt.date(2026, 12, 6), "2026-W49"),
        "张经理",
        "城东支行",
        NOW,
        day_report().sections,
        kpis,
    )
