"""The pipeline board (商机看板): the opportunities by stage with each column's count, amount
and amount weighted by the stage's probability (the ``sales_stage_probabilities`` setting).

The open columns hold every open opportunity that passes the filters; the closed ones (成交,
未成交) those closed in the filtered month, or, without a month, in the last
``CLOSED_DAYS`` days: a year of won deals is history, not the pipeline. One query reads the
rows (a board of 5,000 opportunities is read in one pass: benchmarks/bench_pipeline.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rm_desktop.domain.sales import CLOSED_STAGES, OPEN_STAGES, STAGE_WON, STAGES, weighted
from rm_desktop.services.sales import opportunities
from rm_desktop.services.sales.records import OpportunityRecord
from rm_desktop.services.sales.settings import load_probabilities
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models_sales import Opportunity

CLOSED_DAYS = 30


@dataclass(frozen=True)
class BoardFilter:
    product_type: str | None = None
    source: str | None = None
    month: str | None = None  # "2026-12"


@dataclass
class BoardColumn:
    stage: str
    probability: Decimal  # percent
    cards: list[OpportunityRecord] = field(default_factory=list)
    amount: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)

    @property
    def count(self) -> int:
        return len(self.cards)

    @property
    def label(self) -> str:
        return STAGES.label(self.stage)


@dataclass
class Board:
    columns: list[BoardColumn]

    def column(self, stage: str) -> BoardColumn:
        return next(c for c in self.columns if c.stage == stage)

    @property
    def open_weighted(self) -> Decimal:
        return sum((c.weighted for c in self.columns if c.stage in OPEN_STAGES), Decimal(0))

    def as_dict(self) -> dict:
        return {
            "columns": [
                {
                    "stage": c.stage,
                    "label": c.label,
                    "probability": str(c.probability),
                    "count": c.count,
                    "amount": str(c.amount),
                    "weighted": str(c.weighted),
                    "ids": [card.id for card in c.cards],
                }
                for c in self.columns
            ],
            "open_weighted": str(self.open_weighted),
        }


def _columns(percents: dict[str, Decimal]) -> dict[str, BoardColumn]:
    return {
        stage: BoardColumn(stage, percents.get(stage, Decimal(100 if stage == STAGE_WON else 0)))
        for stage in (*OPEN_STAGES, *CLOSED_STAGES)
    }


def empty_board() -> Board:
    """A board with its columns and no cards (a locked vault shows nothing)."""
    return Board(list(_columns({}).values()))


def load_board(vault: VaultHandle, today: dt.date, filters: BoardFilter | None = None) -> Board:
    filters = filters or BoardFilter()
    percents = load_probabilities(vault)
    by_stage = _columns(percents)
    stmt = opportunities.filtered(
        opportunities.query(), product_type=filters.product_type, source=filters.source, month=filters.month
    )
    if not filters.month:
        since = today - dt.timedelta(days=CLOSED_DAYS)
        stmt = stmt.where(Opportunity.closed_on.is_(None) | (Opportunity.closed_on >= since))
    stmt = stmt.order_by(Opportunity.expected_close.is_(None), Opportunity.expected_close, Opportunity.id)
    with vault.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    for row in rows:
        card = OpportunityRecord(*row)
        column = by_stage.get(card.stage)
        if column is None:
            continue  # a stage this version does not know
        column.cards.append(card)
    for column in by_stage.values():
        column.amount = sum((c.amount for c in column.cards), Decimal(0))
        column.weighted = sum((weighted(c.stage, c.amount, percents) for c in column.cards), Decimal(0))
    return Board(list(by_stage.values()))
