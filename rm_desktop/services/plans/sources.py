"""What a plan pulls in from the client book: profile defaults, holdings as assets, the current
allocation by asset class, and links from recommended products to the holdings bought.

Holdings are read live (status "holding" only): a plan keeps a snapshot of them as balance-sheet
lines (with ``holding_id``) from its creation or its last refresh, while the target-versus-current
comparison always uses today's holdings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.planning import AssetClass, LifeStage, RiskGrade, amounts_by_class, default_target_allocation
from rm_desktop.i18n import t
from rm_desktop.services.clients.files import get_client
from rm_desktop.services.clients.holdings import HoldingRecord, list_holdings
from rm_desktop.services.plans.content import AssetItem, PlanContent, ReviewSchedule, life_stage_for
from rm_desktop.storage.handle import VaultHandle

DEFAULT_REVIEW_MONTHS = 12


def held(vault: VaultHandle, client_id: int) -> list[HoldingRecord]:
    """The client's holdings still held, with an amount."""
    return [h for h in list_holdings(vault, client_id) if h.status == "holding" and h.amount is not None]


def current_allocation(vault: VaultHandle, client_id: int) -> dict[AssetClass, Decimal]:
    """Today's holdings summed per asset class (every class present, 0 when none)."""
    return amounts_by_class((h.product_type, h.amount) for h in held(vault, client_id))


def holding_assets(holdings: list[HoldingRecord]) -> list[AssetItem]:
    return [AssetItem(h.name, h.product_type, str(h.amount), h.id) for h in holdings]


def refresh_from_holdings(content: PlanContent, holdings: list[HoldingRecord]) -> PlanContent:
    """The content with its holding lines replaced by today's holdings (lines typed in by hand
    stay), and each unlinked recommended product linked to a holding of the same name and type."""
    fresh = content.copy()
    fresh.assets = [a for a in fresh.assets if a.holding_id is None] + holding_assets(holdings)
    by_key = {(h.name.strip(), h.product_type): h.id for h in holdings}
    held_ids = {h.id for h in holdings}
    fresh.products = [
        p if p.holding_id in held_ids else replace(p, holding_id=by_key.get((p.name.strip(), p.product_type)))
        for p in fresh.products
    ]
    return fresh


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    return relativedelta(today, birth).years if birth else None


def initial_content(vault: VaultHandle, client_id: int, today: dt.date) -> PlanContent:
    """A new plan's content: the client's profile, holdings and a default target allocation."""
    client = get_client(vault, client_id)
    if client.in_trash:
        raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
    stage = life_stage_for(client.life_stage)
    grade = client.risk_grade if client.risk_grade in RiskGrade.__members__ else None
    target = (
        {cls.value: str(pct) for cls, pct in default_target_allocation(LifeStage(stage), RiskGrade(grade)).items()}
        if stage and grade
        else {}
    )
    content = PlanContent(
        title=t("{} 年理财规划", "{} financial plan").format(today.year),
        life_stage=stage,
        family=client.family or "",
        risk_grade=grade,
        target_allocation=target,
        review=ReviewSchedule(today + relativedelta(months=DEFAULT_REVIEW_MONTHS), str(DEFAULT_REVIEW_MONTHS)),
    )
    return refresh_from_holdings(content, held(vault, client_id))


def retirement_defaults(birth_date: dt.date | None, gender: str | None, today: dt.date) -> dict[str, str]:
    """Starting assumptions for the retirement calculator, for the RM to adjust with the client.

    Retirement at 60 (men) or 55 (women) follows the statutory ages still common for most of today's
    clients; returns and inflation are moderate long-run figures, not forecasts.
    """
    age = _age(birth_date, today)
    return {
        "current_age": "" if age is None else str(age),
        "retirement_age": "55" if gender == "女" else "60",
        "life_expectancy": "85",
        "annual_return": "0.04",
        "inflation": "0.03",
        "post_retirement_return": "0.03",
    }
