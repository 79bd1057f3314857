"""What the sales services hand out: an opportunity, one step of its history, a referral."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.sales import OPEN_STAGES, REFERRER_ROLES, SOURCES, STAGES
from rm_desktop.services.clients.records import jsonable


@dataclass(frozen=True, slots=True)
class OpportunityRecord:
    id: int
    client_id: int
    client_name: str
    product_type: str
    product_name: str
    product_code: str | None
    product_risk: str | None
    amount: Decimal
    expected_close: dt.date | None
    stage: str
    source: str | None
    next_step: str | None
    next_step_on: dt.date | None
    notes: str | None
    lost_reason: str | None
    acknowledgement: str | None
    holding_id: int | None
    created_on: dt.date
    closed_on: dt.date | None
    row_version: int = 1

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def stage_label(self) -> str:
        return STAGES.label(self.stage)

    @property
    def source_label(self) -> str:
        return SOURCES.label(self.source)

    @property
    def product_type_label(self) -> str:
        return PRODUCT_TYPES.label(self.product_type)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class HistoryStep:
    at: dt.datetime
    from_stage: str | None
    to_stage: str
    note: str | None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ReferralRecord:
    id: int
    client_id: int
    client_name: str
    referrer_client_id: int | None
    referrer_client_name: str | None
    referrer_role: str | None
    referrer_name: str | None
    referred_on: dt.date
    opportunity_id: int | None
    note: str | None

    @property
    def referrer_label(self) -> str:
        """ "张三" for a client, "大堂经理 李四" for a colleague."""
        if self.referrer_client_id is not None:
            return self.referrer_client_name or f"#{self.referrer_client_id}"
        return f"{REFERRER_ROLES.label(self.referrer_role)} {self.referrer_name or ''}".strip()

    def as_dict(self) -> dict[str, Any]:
        data = {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}
        data["referrer"] = self.referrer_label
        return data


@dataclass(frozen=True, slots=True)
class ReferrerSummary:
    """One referrer's referred clients and their conversion: opportunities won, amount won."""

    key: str  # "client:<id>" or "staff:<role>:<name>"
    label: str
    referred: int
    clients: tuple[tuple[int, str], ...]
    opportunities: int
    won: int
    won_amount: Decimal

    @property
    def conversion(self) -> float:
        """Of the opportunities opened for the referred clients, the share won (0 when none)."""
        return self.won / self.opportunities if self.opportunities else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "referrer": self.label,
            "referred": self.referred,
            "clients": [{"id": cid, "name": name} for cid, name in self.clients],
            "opportunities": self.opportunities,
            "won": self.won,
            "won_amount": str(self.won_amount),
            "conversion": round(self.conversion, 4),
        }
