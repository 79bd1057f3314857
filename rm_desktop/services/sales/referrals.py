"""Referrals (推荐): who referred a client (or one of its opportunities), the referrers' lists
of referred clients with their conversion, and the 输送 flow: a lobby manager's walk-in note
becomes a new client with the referrer set.

A referrer is another client, or a colleague by role (大堂经理 / 柜员 / 客户经理) and name
(domain/sales/fields.check_referrer). A client-referrer is also written to the client row's
``referrer_client_id`` and a colleague to ``referrer_staff`` when the client is created here,
so the client file shows it as before.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.sales import REFERRER_ROLES, STAGE_WON
from rm_desktop.domain.sales.fields import REFERRAL_FIELDS, check_referrer
from rm_desktop.i18n import t
from rm_desktop.services.clients import files
from rm_desktop.services.clients.records import ClientNotFound, ClientRecord
from rm_desktop.services.clients.values import ClientValidationError, collect
from rm_desktop.services.sales.records import ReferralRecord, ReferrerSummary
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_sales import Opportunity, Referral


def parse_referral(values: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """The referrer fields checked (every problem at once); ``referred_on`` defaults to today."""
    parsed, errors = collect(values, REFERRAL_FIELDS)
    if not errors:
        try:
            check_referrer(parsed)
        except ValidationError as exc:
            errors[exc.field] = exc.message
    if errors:
        raise ClientValidationError(errors)
    parsed["referred_on"] = parsed.get("referred_on") or today
    return parsed


def insert_referral(
    session: Session,
    client_id: int,
    values: Mapping[str, Any],
    today: dt.date,
    *,
    opportunity_id: int | None = None,
    at: dt.datetime | None = None,
) -> Referral:
    """A referral row inside the caller's transaction (an opportunity's add uses it)."""
    parsed = parse_referral(values, today)
    referrer = parsed.get("referrer_client_id")
    if referrer is not None:
        if referrer == client_id:
            raise ValidationError("referrer_client_id", t("推荐人不能是客户本人", "a client cannot refer themselves"))
        if session.get(Client, referrer) is None:
            raise ValidationError(
                "referrer_client_id", t("没有编号为 {} 的客户", "no client with id {}").format(referrer)
            )
    row = Referral(client_id=client_id, opportunity_id=opportunity_id, created_at=at or _midnight(today), **parsed)
    session.add(row)
    session.flush()
    return row


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def add_referral(
    vault: VaultHandle, client_id: int, values: Mapping[str, Any], *, today: dt.date, opportunity_id: int | None = None
) -> ReferralRecord:
    with vault.sessions.begin() as session:
        if session.get(Client, client_id) is None:
            raise ClientNotFound(client_id)
        row = insert_referral(session, client_id, values, today, opportunity_id=opportunity_id)
        return _records(session, select(Referral.id).where(Referral.id == row.id))[0]


def walk_in(
    vault: VaultHandle, client_values: Mapping[str, Any], referrer: Mapping[str, Any], *, today: dt.date
) -> tuple[ClientRecord, ReferralRecord]:
    """输送: a walk-in note (name, phone, a note …) from a colleague or a client becomes a new
    client, created through the client file service, with the referrer set and a referral
    recorded. The referrer is checked before the client is created; nothing is half-saved."""
    parsed = parse_referral(referrer, today)
    values = dict(client_values)
    if parsed.get("referrer_client_id") is not None:
        values["referrer_client_id"] = parsed["referrer_client_id"]
    else:
        values["referrer_staff"] = f"{REFERRER_ROLES.label(parsed['referrer_role'])} {parsed['referrer_name']}"
    client = files.create_client(vault, values, today=today)
    try:
        return client, add_referral(vault, client.id, referrer, today=today)
    except BaseException:
        files.trash_client(vault, client.id)
        files.purge_client(vault, client.id)
        raise


def _records(session: Session, ids) -> list[ReferralRecord]:
    referred, by = aliased(Client), aliased(Client)
    rows = session.execute(
        select(
            Referral.id, Referral.client_id, referred.name, Referral.referrer_client_id, by.name,
            Referral.referrer_role, Referral.referrer_name, Referral.referred_on, Referral.opportunity_id, Referral.note,
        )
        .join(referred, referred.id == Referral.client_id)
        .outerjoin(by, by.id == Referral.referrer_client_id)
        .where(Referral.id.in_(ids), referred.deleted_at.is_(None))
        .order_by(Referral.referred_on.desc(), Referral.id.desc())
    ).all()  # fmt: skip
    return [ReferralRecord(*tuple[Any, ...](row)) for row in rows]


def list_referrals(
    vault: VaultHandle,
    *,
    client_id: int | None = None,
    referrer_client_id: int | None = None,
    referrer_name: str | None = None,
) -> list[ReferralRecord]:
    """Newest first; narrowed to a referred client, a referring client or a colleague's name."""
    ids = select(Referral.id)
    if client_id is not None:
        ids = ids.where(Referral.client_id == client_id)
    if referrer_client_id is not None:
        ids = ids.where(Referral.referrer_client_id == referrer_client_id)
    if referrer_name:
        ids = ids.where(Referral.referrer_name == referrer_name.strip())
    with vault.sessions() as session:
        return _records(session, ids)


def referrer_summaries(vault: VaultHandle) -> list[ReferrerSummary]:
    """Each referrer with the clients it referred and their conversion: the opportunities of
    those clients, how many were won and for how much. Most referred first."""
    with vault.sessions() as session:
        records = _records(session, select(Referral.id))
        referred_ids = sorted({r.client_id for r in records})
        opportunities: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
        for start in range(0, len(referred_ids), 900):
            part = referred_ids[start : start + 900]
            for cid, stage, amount in session.execute(
                select(Opportunity.client_id, Opportunity.stage, Opportunity.amount).where(
                    Opportunity.client_id.in_(part)
                )
            ):
                opportunities[cid].append((stage, amount))
    groups: dict[str, list[ReferralRecord]] = defaultdict(list)
    for record in records:
        key = (
            f"client:{record.referrer_client_id}"
            if record.referrer_client_id is not None
            else f"staff:{record.referrer_role}:{record.referrer_name}"
        )
        groups[key].append(record)
    out = []
    for key, found in groups.items():
        clients = tuple(dict.fromkeys((r.client_id, r.client_name) for r in found))
        opened = [o for cid, _name in clients for o in opportunities[cid]]
        won = [amount for stage, amount in opened if stage == STAGE_WON]
        out.append(
            ReferrerSummary(
                key, found[0].referrer_label, len(clients), clients, len(opened), len(won), sum(won, Decimal(0))
            )
        )
    return sorted(out, key=lambda s: (-s.referred, -s.won_amount, s.label))
