"""Life-cycle stages (生命周期), client risk grades C1–C5, and a *default suggested* target allocation.

The default allocation is a starting point for the conversation with the client, never advice on
its own: :func:`default_allocation_note` says so in the UI and the plan document. It is built from
two small tables so that its reasoning stays visible and editable:

1. The **stage** fixes the reserves that come before investing (the family's needs): a cash share
   for liquidity (about 3–6 months of spending for most families) and an insurance share for
   protection, plus a cap on risk assets (equity + alternatives) reflecting capacity for loss:
   long horizons early in life, shorter and income-dependent ones near and in retirement.
2. The **risk grade** splits the rest between fixed income, equity and alternatives (the client's
   tolerance). C1 holds no equity: C1 clients may only buy R1 products. Equity shares for C2 must
   be filled with products whose R grade the client may buy (suitability, 适当性).

Risk assets above the stage cap move to fixed income. Shares are whole percent points totalling
exactly 100.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from rm_desktop.i18n import t

from .allocation import AssetClass, apportion
from .rules import calc_context


class LifeStage(StrEnum):
    SINGLE = "single"
    FORMATION = "formation"
    GROWTH = "growth"
    MATURITY = "maturity"
    RETIREMENT = "retirement"

    @property
    def label(self) -> str:
        return t(*_STAGE_TEXT[self][:2])

    @property
    def description(self) -> str:
        return t(*_STAGE_TEXT[self][2:])


# stage → (zh label, en label, zh description, en description)
_STAGE_TEXT = {
    LifeStage.SINGLE: ("单身期", "Single", "参加工作至结婚", "From first job to marriage"),
    LifeStage.FORMATION: ("家庭形成期", "Family formation", "结婚至子女出生", "From marriage to the first child"),
    LifeStage.GROWTH: (
        "家庭成长期",
        "Family growth",
        "子女出生至子女独立",
        "From the first child to the children's independence",
    ),
    LifeStage.MATURITY: (
        "家庭成熟期",
        "Family maturity",
        "子女独立至退休",
        "From the children's independence to retirement",
    ),
    LifeStage.RETIREMENT: ("退休期", "Retirement", "退休以后", "After retirement"),
}


class RiskGrade(StrEnum):
    """A client's risk tolerance; a client of grade Cn may buy products rated R1..Rn."""

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"

    @property
    def level(self) -> int:
        return int(self.value[1])

    @property
    def label(self) -> str:
        return t(*_GRADE_LABELS[self])

    def allows(self, product_risk_level: int) -> bool:
        """Suitability: may a client of this grade buy a product rated R``product_risk_level``?"""
        return product_risk_level <= self.level


_GRADE_LABELS = {
    RiskGrade.C1: ("C1 保守型", "C1 Conservative"),
    RiskGrade.C2: ("C2 稳健型", "C2 Moderately conservative"),
    RiskGrade.C3: ("C3 平衡型", "C3 Balanced"),
    RiskGrade.C4: ("C4 成长型", "C4 Growth"),
    RiskGrade.C5: ("C5 进取型", "C5 Aggressive"),
}

# stage → (cash %, insurance %, cap on equity + alternatives %)
_STAGE_RESERVES: dict[LifeStage, tuple[int, int, int]] = {
    LifeStage.SINGLE: (10, 5, 80),  # few obligations, long horizon
    LifeStage.FORMATION: (15, 10, 60),  # wedding, home purchase, first child: keep liquidity
    LifeStage.GROWTH: (10, 15, 60),  # dependants: protection first
    LifeStage.MATURITY: (10, 10, 50),  # peak income, retirement within reach
    LifeStage.RETIREMENT: (20, 5, 30),  # living on savings: liquidity, little room for loss
}

# grade → share of the investable rest in (fixed income, equity, alternatives), percent
_GRADE_SPLIT: dict[RiskGrade, tuple[int, int, int]] = {
    RiskGrade.C1: (100, 0, 0),
    RiskGrade.C2: (85, 10, 5),
    RiskGrade.C3: (60, 30, 10),
    RiskGrade.C4: (40, 50, 10),
    RiskGrade.C5: (25, 65, 10),
}


def default_target_allocation(stage: LifeStage, grade: RiskGrade) -> dict[AssetClass, Decimal]:
    """The default suggested target allocation (percent points, total 100) for a stage and grade."""
    cash, insurance, risk_cap = (Decimal(x) for x in _STAGE_RESERVES[LifeStage(stage)])
    _fixed_share, equity_share, alt_share = (Decimal(x) / 100 for x in _GRADE_SPLIT[RiskGrade(grade)])
    with calc_context():
        rest = 100 - cash - insurance
        equity, alternative = rest * equity_share, rest * alt_share
        if equity + alternative > risk_cap:  # scale risk assets down to the cap, keeping their ratio
            scale = risk_cap / (equity + alternative)
            equity, alternative = equity * scale, alternative * scale
        fixed = rest - equity - alternative
        weights = [cash, fixed, equity, alternative, insurance]
        classes = [
            AssetClass.CASH,
            AssetClass.FIXED_INCOME,
            AssetClass.EQUITY,
            AssetClass.ALTERNATIVE,
            AssetClass.INSURANCE,
        ]
        return dict(zip(classes, apportion(Decimal(100), weights, Decimal(1)), strict=True))


def default_allocation_table() -> dict[tuple[LifeStage, RiskGrade], dict[AssetClass, Decimal]]:
    """Every stage × grade default, for a reference table in the UI or the plan document."""
    return {(stage, grade): default_target_allocation(stage, grade) for stage in LifeStage for grade in RiskGrade}


def default_allocation_note() -> str:
    return t(
        "默认建议配置，仅供参考：须结合客户的实际情况、需求和风险承受能力调整。",
        "Default suggestion only: adjust it to the client's circumstances, needs and risk tolerance.",
    )
