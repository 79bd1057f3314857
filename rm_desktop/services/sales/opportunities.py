"""Opportunities (商机): add, edit, move between stages, list, history.

A move into 成交 runs the suitability check (domain/sales.suitability_refusal) against the
client's risk grade and assessment expiry on ``today``; a waivable refusal goes through only
with the client's written acknowledgement, which is stored on the opportunity and in its
history. 成交 then creates the holding through the holdings service (services/clients), and
the opportunity points at it. 未成交 needs a reason. Every refusal names the field and the
rule and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.errors import UserError, ValidationError, check_version
from rm_desktop.domain.field_values import text
from rm_desktop.domain.sales import (
    OPEN_STAGES,
    SOURCES,
    STAGE_INTENT,
    STAGE_LOST,
    STAGE_WON,
    STAGES,
    Refusal,
    check_close_date,
    check_move,
    suitability_refusal,
)
from rm_desktop.domain.sales.fields import OPPORTUNITY_FIELDS, REQUIRED_OPPORTUNITY
from rm_desktop.i18n import t
from rm_desktop.services.clients import holdings
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.clients.values import ClientValidationError, collect
from rm_desktop.services.sales import referrals
from rm_desktop.services.sales.records import HistoryStep, OpportunityRecord
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_sales import Opportunity, OpportunityHistory

_REASON = text(500)
EDITABLE = tuple(key for key in OPPORTUNITY_FIELDS if key != "stage")


class OpportunityNotFound(UserError):
    def __init__(self, opportunity_id: int):
        super().__init__(t("找不到编号为 {} 的商机", "No opportunity with id {}").format(opportunity_id))


def columns() -> tuple:
    """The columns of a record, in OpportunityRecord's order (the board reads them in bulk)."""
    o = Opportunity
    return (
        o.id, o.client_id, Client.name, o.product_type, o.product_name, o.product_code, o.product_risk, o.amount,
        o.expected_close, o.stage, o.source, o.next_step, o.next_step_on, o.notes, o.lost_reason,
        o.acknowledgement, o.holding_id, o.created_on, o.closed_on, o.row_version,
    )  # fmt: skip


def query() -> Select:
    """Opportunities of clients not in the trash (a trashed client's stay with it, hidden)."""
    return select(*columns()).join(Client, Client.id == Opportunity.client_id).where(Client.deleted_at.is_(None))


def _record(session: Session, row: Opportunity) -> OpportunityRecord:
    name = session.scalar(select(Client.name).where(Client.id == row.client_id)) or ""
    values: list[Any] = [getattr(row, c.key) if c.key != "name" else name for c in columns()]
    return OpportunityRecord(*values)


def _validated(values: Mapping[str, Any], before: Mapping[str, Any], created_on: dt.date, creating: bool):
    parsed, errors = collect(values, OPPORTUNITY_FIELDS)
    for key in REQUIRED_OPPORTUNITY:
        if (creating and key not in values) or (key in parsed and parsed[key] is None and key not in errors):
            errors[key] = t("不能为空", "is required")
    merged = {**before, **parsed}
    if "expected_close" not in errors:
        try:
            check_close_date(merged.get("expected_close"), created_on)
        except ValidationError as exc:
            errors[exc.field] = exc.message
    if merged.get("next_step_on") is not None and not merged.get("next_step") and "next_step" not in errors:
        errors["next_step"] = t("有下一步日期时须写明下一步", "a next-step date needs the next step")
    if errors:
        raise ClientValidationError(errors)
    return parsed


def add_opportunity(
    vault: VaultHandle,
    client_id: int,
    values: Mapping[str, Any],
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    referral: Mapping[str, Any] | None = None,
) -> OpportunityRecord:
    """A new opportunity at an open stage (意向 unless given); ``referral`` (referrer fields,
    see services/sales/referrals) records who referred it, in the same transaction."""
    parsed = _validated(values, {}, today, creating=True)
    stage = parsed.pop("stage", None) or STAGE_INTENT
    if stage not in OPEN_STAGES:
        raise ValidationError(
            "stage",
            t("新商机从进行中的阶段开始（意向、方案、风评/双录）；成交或未成交请用“移动”", "a new opportunity "
              "starts at an open stage (interest, proposal, assessment); close it with a move"),
        )  # fmt: skip
    at = (now or dt.datetime.combine(today, dt.time())).replace(microsecond=0)
    with vault.sessions.begin() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise ClientNotFound(client_id)
        if client.deleted_at is not None:
            raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
        row = Opportunity(client_id=client_id, stage=stage, created_on=today, created_at=at, updated_at=at, **parsed)
        session.add(row)
        session.flush()
        session.add(OpportunityHistory(opportunity_id=row.id, at=at, from_stage=None, to_stage=stage))
        if referral:
            referrals.insert_referral(session, client_id, referral, today, opportunity_id=row.id, at=at)
        session.flush()
        return _record(session, row)


def _load(session: Session, opportunity_id: int) -> Opportunity:
    row = session.get(Opportunity, opportunity_id)
    if row is None:
        raise OpportunityNotFound(opportunity_id)
    return row


def get_opportunity(vault: VaultHandle, opportunity_id: int) -> OpportunityRecord:
    with vault.sessions() as session:
        return _record(session, _load(session, opportunity_id))


def update_opportunity(
    vault: VaultHandle, opportunity_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
) -> OpportunityRecord:
    """Change the given fields (not the stage: :func:`move_opportunity`); StaleEdit when the
    opportunity changed since the form read ``expected_version`` and a given field differs."""
    if "stage" in values:
        raise ValidationError("stage", t("阶段请用“移动”修改", "change the stage with a move"))
    with vault.sessions.begin() as session:
        row = _load(session, opportunity_id)
        before = {key: getattr(row, key) for key in EDITABLE}
        parsed = _validated(values, before, row.created_on, creating=False)
        check_version(row.id, expected_version, row.row_version, parsed, before)
        for key, value in parsed.items():
            setattr(row, key, value)
        session.flush()
        return _record(session, row)


def move_opportunity(
    vault: VaultHandle,
    opportunity_id: int,
    stage: str,
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    reason: str | None = None,
    acknowledgement: str | None = None,
    expected_version: int | None = None,
) -> OpportunityRecord:
    """Move to ``stage`` (a code or label). 未成交 needs ``reason``; 成交 passes the suitability
    check or carries the client's written ``acknowledgement``, and creates the holding."""
    target = STAGES.parse(stage, "stage")
    note = _REASON(reason, "reason")
    ack = _REASON(acknowledgement, "acknowledgement")
    at = (now or dt.datetime.combine(today, dt.time())).replace(microsecond=0)
    with vault.sessions() as session:
        row = _load(session, opportunity_id)
        client = session.get(Client, row.client_id)
        assert client is not None  # the foreign key
        check_move(row.stage, target)
        if expected_version is not None and expected_version != row.row_version:
            check_version(row.id, expected_version, row.row_version, {"stage": target}, {"stage": row.stage})
        if today < row.created_on and target in (STAGE_WON, STAGE_LOST):
            raise ValidationError(
                "closed_on",
                t("结案日早于商机创建日 {}", "the close day is before the creation day {}").format(row.created_on),
            )
        if target == STAGE_LOST and not note:
            raise ValidationError("reason", t("未成交须写明原因", "a lost opportunity needs a reason"))
        if target == STAGE_WON:
            refusal = suitability_refusal(row.product_risk, client.risk_grade, client.risk_expires_on, today)
            if refusal is not None and not (refusal.waivable and ack):
                raise refusal.error()
            if refusal is not None:
                note = t("客户书面确认（{}）：{}", "client's written acknowledgement ({}): {}").format(
                    refusal.rule, ack
                )
            else:
                ack = None  # nothing was waived: an acknowledgement given anyway is not kept
        version = row.row_version
        holding_values = {
            "product_type": row.product_type,
            "name": row.product_name,
            "code": row.product_code,
            "amount": row.amount,
            "risk": row.product_risk,
            "start_date": today,
            "notes": t("商机 #{} 成交", "won opportunity #{}").format(row.id),
        }
    # The holdings service writes in its own transaction: the holding is removed again if the
    # stage change cannot be stored, so nothing is half-saved.
    holding = holdings.add_holding(vault, row.client_id, holding_values) if target == STAGE_WON else None
    try:
        with vault.sessions.begin() as session:
            row = _load(session, opportunity_id)
            if row.row_version != version:
                raise UserError(
                    t("商机已被其他窗口修改，请刷新后重试", "the opportunity changed elsewhere: reload and retry")
                )
            from_stage, row.stage = row.stage, target
            if target in (STAGE_WON, STAGE_LOST):
                row.closed_on = today
            if target == STAGE_LOST:
                row.lost_reason = note
            if holding is not None:
                row.holding_id = holding.id
                row.acknowledgement = ack
            session.add(
                OpportunityHistory(opportunity_id=row.id, at=at, from_stage=from_stage, to_stage=target, note=note)
            )
            session.flush()
            return _record(session, row)
    except BaseException:
        if holding is not None:
            holdings.remove_holding(vault, holding.id)
        raise


def close_refusal(vault: VaultHandle, opportunity_id: int, today: dt.date) -> Refusal | None:
    """What would stop 成交 today (the GUI asks for the written acknowledgement before moving)."""
    with vault.sessions() as session:
        row = _load(session, opportunity_id)
        client = session.get(Client, row.client_id)
        assert client is not None  # the foreign key
        return suitability_refusal(row.product_risk, client.risk_grade, client.risk_expires_on, today)


def list_opportunities(
    vault: VaultHandle,
    *,
    client_id: int | None = None,
    stage: str | None = None,
    open_only: bool = False,
    product_type: str | None = None,
    source: str | None = None,
    month: str | None = None,
) -> list[OpportunityRecord]:
    """Filtered, by expected close (undated last), then id. ``month`` "2026-12" matches the
    expected close of an open opportunity and the close day of a closed one."""
    stmt = filtered(query(), client_id=client_id, stage=stage, open_only=open_only, product_type=product_type,
                    source=source, month=month)  # fmt: skip
    stmt = stmt.order_by(Opportunity.expected_close.is_(None), Opportunity.expected_close, Opportunity.id)
    with vault.engine.connect() as conn:
        return [OpportunityRecord(*row) for row in conn.execute(stmt)]


def filtered(stmt: Select, *, client_id=None, stage=None, open_only=False, product_type=None, source=None, month=None):
    """``stmt`` (over opportunities) narrowed by the board's and the CLI's filters."""
    if client_id is not None:
        stmt = stmt.where(Opportunity.client_id == client_id)
    if stage:
        stmt = stmt.where(Opportunity.stage == STAGES.parse(stage, "stage"))
    if open_only:
        stmt = stmt.where(Opportunity.stage.in_(OPEN_STAGES))
    if product_type:
        stmt = stmt.where(Opportunity.product_type == PRODUCT_TYPES.parse(product_type, "product_type"))
    if source:
        stmt = stmt.where(Opportunity.source == SOURCES.parse(source, "source"))
    if month:
        first, after = month_range(month)
        closed, expected = Opportunity.closed_on, Opportunity.expected_close
        stmt = stmt.where(
            (closed.is_not(None) & (closed >= first) & (closed < after))
            | (closed.is_(None) & (expected >= first) & (expected < after))
        )
    return stmt


def month_range(raw: str) -> tuple[dt.date, dt.date]:
    """ "2026-12", "2026/12" or "2026年12月" → (its first day, the next month's first day)."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", str(raw))
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ValidationError("month", t("月份应写成 2026-12：{}", "a month is written 2026-12: {}").format(raw))
    year, month = int(match[1]), int(match[2])
    return dt.date(year, month, 1), dt.date(year + month // 12, month % 12 + 1, 1)


def history(vault: VaultHandle, opportunity_id: int) -> list[HistoryStep]:
    with vault.sessions() as session:
        _load(session, opportunity_id)
        rows = session.execute(
            select(OpportunityHistory.at, OpportunityHistory.from_stage, OpportunityHistory.to_stage,
                   OpportunityHistory.note)
            .where(OpportunityHistory.opportunity_id == opportunity_id)
            .order_by(OpportunityHistory.at, OpportunityHistory.id)
        ).all()  # fmt: skip
    return [HistoryStep(*row) for row in rows]
