"""A client's holdings (持有产品): add, update, remove, list, with maturities for highlighting.

Field names (CLI/import): product_type, name, code, amount (元), risk (R1–R5), start_date,
maturity_date, status (holding/matured/redeemed), notes. Types and statuses accept their
codes or labels (理财产品, 已到期 …), see services/clients/choices.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.client_fields import choice
from rm_desktop.domain.errors import UserError, check_version
from rm_desktop.domain.field_values import optional
from rm_desktop.domain.grades import normalize_product_risk
from rm_desktop.domain.money import YUAN, parse_amount
from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import HOLDING_STATUSES, PRODUCT_TYPES
from rm_desktop.services.clients.records import ClientNotFound, jsonable
from rm_desktop.services.clients.values import ClientValidationError, collect, is_before, parse_date, text
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Holding

HOLDING_FIELDS = {
    "product_type": choice(PRODUCT_TYPES),
    "name": text(200, required=True),
    "code": text(40),
    "amount": optional(lambda raw, field: parse_amount(raw, YUAN, field)),
    "risk": optional(normalize_product_risk),
    "start_date": parse_date,
    "maturity_date": parse_date,
    "status": choice(HOLDING_STATUSES),
    "notes": text(2000),
}


@dataclass(frozen=True)
class HoldingRecord:
    id: int
    client_id: int
    product_type: str
    name: str
    code: str | None
    amount: Decimal | None
    risk: str | None
    start_date: dt.date | None
    maturity_date: dt.date | None
    status: str
    notes: str | None
    row_version: int = 1  # what the editor sends back as expected_version

    @property
    def product_type_label(self) -> str:
        return PRODUCT_TYPES.label(self.product_type)

    @property
    def status_label(self) -> str:
        return HOLDING_STATUSES.label(self.status)

    def days_to_maturity(self, today: dt.date) -> int | None:
        return (self.maturity_date - today).days if self.maturity_date else None

    def maturing_within(self, today: dt.date, days: int) -> bool:
        """Still held and maturing between today and ``days`` ahead (the list highlights these)."""
        left = self.days_to_maturity(today)
        return self.status == "holding" and left is not None and 0 <= left <= days

    def as_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}


def _record(row: Holding) -> HoldingRecord:
    return HoldingRecord(
        row.id,
        row.client_id,
        row.product_type,
        row.name,
        row.code,
        row.amount,
        row.risk,
        row.start_date,
        row.maturity_date,
        row.status,
        row.notes,
        row.row_version,
    )


class HoldingNotFound(UserError):
    def __init__(self, holding_id: int):
        super().__init__(t("找不到编号为 {} 的持有产品", "No holding with id {}").format(holding_id))


def _validated(values: Mapping[str, Any], before: dict[str, Any], creating: bool) -> dict[str, Any]:
    parsed, errors = collect(values, HOLDING_FIELDS)
    merged = {**before, **parsed}
    for required in ("product_type", "name"):
        if (creating and required not in values) or (required in parsed and parsed[required] is None):
            errors[required] = t("不能为空", "is required")
    if "maturity_date" not in errors and is_before(merged.get("maturity_date"), merged.get("start_date")):
        errors["maturity_date"] = t("到期日早于起始日", "the maturity date is before the start date")
    if errors:
        raise ClientValidationError(errors)
    return parsed


def add_holding(vault: VaultHandle, client_id: int, values: Mapping[str, Any]) -> HoldingRecord:
    parsed = _validated(values, {}, creating=True)
    with vault.sessions.begin() as session:
        if session.get(Client, client_id) is None:
            raise ClientNotFound(client_id)
        row = Holding(client_id=client_id, status=parsed.pop("status", None) or "holding", **parsed)
        session.add(row)
        session.flush()
        return _record(row)


def _load(session: Session, holding_id: int) -> Holding:
    row = session.get(Holding, holding_id)
    if row is None:
        raise HoldingNotFound(holding_id)
    return row


def update_holding(
    vault: VaultHandle, holding_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
) -> HoldingRecord:
    """Change the given fields; StaleEdit (nothing stored) when the holding changed since the
    editor read ``expected_version`` and a given field differs from the stored value."""
    with vault.sessions.begin() as session:
        row = _load(session, holding_id)
        before = {key: getattr(row, key) for key in HOLDING_FIELDS}
        parsed = _validated(values, before, creating=False)
        if "status" in parsed:
            parsed["status"] = parsed["status"] or "holding"
        check_version(row.id, expected_version, row.row_version, parsed, before)
        for key, value in parsed.items():
            setattr(row, key, value)
        session.flush()
        return _record(row)


def remove_holding(vault: VaultHandle, holding_id: int) -> None:
    with vault.sessions.begin() as session:
        session.delete(_load(session, holding_id))


def list_holdings(vault: VaultHandle, client_id: int) -> list[HoldingRecord]:
    """Held products first, each group by maturity (undated last)."""
    with vault.sessions() as session:
        rows = session.scalars(
            select(Holding)
            .where(Holding.client_id == client_id)
            .order_by(Holding.status != "holding", Holding.maturity_date.is_(None), Holding.maturity_date, Holding.id)
        ).all()
        return [_record(row) for row in rows]
