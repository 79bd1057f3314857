"""Recording what happened to a matured product's money (到期承接) and marking a client lost.

``record_outcome`` derives the outcome from the kept amount (domain/worklist/outcomes.classify);
money rolled over or moved (or the kept part, when a product is named) becomes a new holding
through services/clients/holdings, and the matured holding is set to "matured". The outcome
row stores the matured amount at that moment, so the month's retention does not change when
the holding is edited later. ``mark_lost`` records a client as lost (流失) with one of the
reasons of the ``churn_lost_reasons`` setting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.money import YUAN, parse_amount
from rm_desktop.domain.worklist.outcomes import MOVED, PARTLY_KEPT, ROLLED_OVER, check_reason, classify, outcome_name
from rm_desktop.i18n import t
from rm_desktop.services.clients import holdings
from rm_desktop.services.worklist.settings import lost_reasons
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Holding
from rm_desktop.storage.models_worklist import LostClient, MaturityOutcome


@dataclass(frozen=True)
class OutcomeRecord:
    holding_id: int
    client_id: int
    outcome: str
    matured: Decimal | None
    kept: Decimal
    into_holding_id: int | None
    reason: str | None

    def message(self) -> str:
        return t("已记录到期去向：{}，留存 {} 元", "Maturity outcome recorded: {}, {} CNY kept").format(
            outcome_name(self.outcome), self.kept
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "holding_id": self.holding_id,
            "client_id": self.client_id,
            "outcome": self.outcome,
            "matured": None if self.matured is None else str(self.matured),
            "kept": str(self.kept),
            "into_holding_id": self.into_holding_id,
            "reason": self.reason,
        }


def _live_client(vault: VaultHandle, client_id: int) -> None:
    with vault.sessions() as session:
        client = session.get(Client, client_id)
        if client is None or client.deleted_at is not None:
            raise UserError(
                t("客户不存在或已在回收站：{}", "No such client, or it is in the trash: {}").format(client_id)
            )


def record_outcome(
    vault: VaultHandle,
    holding_id: int,
    kept: str | int | Decimal,
    *,
    into: str | None = None,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> OutcomeRecord:
    """Record the outcome of a matured holding; ``kept`` in 元 (a text may say 万)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    held = next((h for h in _find(vault, holding_id)), None)
    if held is None:
        raise holdings.HoldingNotFound(holding_id)
    _live_client(vault, held.client_id)
    if held.maturity_date is None or held.maturity_date > now.date():
        raise UserError(
            t("该产品尚未到期，不能记录到期去向：{}", "This product has not matured yet: {}").format(holding_id)
        )
    amount = parse_amount(kept, YUAN, "kept")
    into = " ".join((into or "").split()) or None
    outcome = classify(held.amount, amount, into, held.name)
    text = check_reason(outcome, reason)
    with vault.sessions() as session:
        if session.get(MaturityOutcome, holding_id) is not None:
            raise UserError(
                t("该产品的到期去向已记录：{}", "The outcome of this holding is already recorded: {}").format(
                    holding_id
                )
            )
    new_id = None
    if outcome in (ROLLED_OVER, MOVED) or (outcome == PARTLY_KEPT and into):
        values: dict[str, object] = {
            "product_type": held.product_type,
            "name": into or held.name,
            "amount": str(amount),
            "start_date": held.maturity_date.isoformat(),
        }
        if outcome == ROLLED_OVER:
            values.update(code=held.code or "", risk=held.risk or "")
        new_id = holdings.add_holding(vault, held.client_id, values).id
    try:
        holdings.update_holding(vault, holding_id, {"status": "matured"})
        with vault.sessions.begin() as session:
            session.add(
                MaturityOutcome(
                    holding_id=holding_id,
                    outcome=outcome,
                    matured=held.amount,
                    kept=amount,
                    into_holding_id=new_id,
                    reason=text,
                    recorded_at=now,
                )
            )
    except Exception:
        if new_id is not None:  # no new holding without its outcome
            holdings.remove_holding(vault, new_id)
        raise
    return OutcomeRecord(holding_id, held.client_id, outcome, held.amount, amount, new_id, text)


def _find(vault: VaultHandle, holding_id: int) -> list[holdings.HoldingRecord]:
    with vault.sessions() as session:
        client_id = session.execute(select(Holding.client_id).where(Holding.id == holding_id)).scalar()
    if client_id is None:
        return []
    return [h for h in holdings.list_holdings(vault, client_id) if h.id == holding_id]


def mark_lost(
    vault: VaultHandle, client_id: int, reason: str, *, note: str | None = None, now: dt.datetime | None = None
) -> str:
    """Record the client as lost with one of the setting's reasons; the reason stored."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    allowed = lost_reasons(vault)
    chosen = (reason or "").strip()
    if chosen not in allowed:
        raise ValidationError(
            "reason", t("流失原因只能是：{}", "the reason must be one of: {}").format(" / ".join(allowed))
        )
    _live_client(vault, client_id)
    with vault.sessions.begin() as session:
        session.merge(LostClient(client_id=client_id, reason=chosen, note=(note or "").strip() or None, lost_at=now))
    return chosen


def unmark_lost(vault: VaultHandle, client_id: int) -> bool:
    """The client is kept after all; whether it was marked lost."""
    with vault.sessions.begin() as session:
        row = session.get(LostClient, client_id)
        if row is not None:
            session.delete(row)
        return row is not None


def lost_clients(vault: VaultHandle) -> dict[int, str]:
    with vault.sessions() as session:
        return dict(session.execute(select(LostClient.client_id, LostClient.reason)).all())
