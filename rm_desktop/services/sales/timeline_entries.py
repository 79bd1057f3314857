"""The client timeline's sales entries (services/timeline provider contract): each stage change
of the client's opportunities (created, moved, won with the holding, lost with the reason),
who referred the client, and the clients this client referred."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from rm_desktop.domain.money import format_amount
from rm_desktop.domain.sales import REFERRER_ROLES, STAGES
from rm_desktop.i18n import t
from rm_desktop.services.timeline.model import TimelineEntry, as_datetime
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_sales import Opportunity, OpportunityHistory, Referral


def sales_entries(session: Session, client_id: int) -> list[TimelineEntry]:
    entries = []
    for oid, at, before, after, note, product, amount in session.execute(
        select(OpportunityHistory.opportunity_id, OpportunityHistory.at, OpportunityHistory.from_stage,
               OpportunityHistory.to_stage, OpportunityHistory.note, Opportunity.product_name, Opportunity.amount)
        .join(Opportunity, Opportunity.id == OpportunityHistory.opportunity_id)
        .where(Opportunity.client_id == client_id)
    ):  # fmt: skip
        if before is None:
            title = t("商机 · 新建（{}）· {}", "Opportunity · new ({}) · {}").format(STAGES.label(after), product)
        else:
            title = t("商机 · {} → {} · {}", "Opportunity · {} → {} · {}").format(
                STAGES.label(before), STAGES.label(after), product
            )
        detail = t("{} 元", "{} CNY").format(format_amount(amount)) + (f" · {note}" if note else "")
        entries.append(TimelineEntry(at, "opportunity", title, detail, oid))
    other, referred = aliased(Client), aliased(Client)
    for rid, on, by_id, by_name, role, name, note in session.execute(
        select(Referral.id, Referral.referred_on, Referral.referrer_client_id, other.name, Referral.referrer_role,
               Referral.referrer_name, Referral.note)
        .outerjoin(other, other.id == Referral.referrer_client_id)
        .where(Referral.client_id == client_id)
    ):  # fmt: skip
        who = by_name if by_id is not None else f"{REFERRER_ROLES.label(role)} {name or ''}".strip()
        entries.append(
            TimelineEntry(
                as_datetime(on), "referral", t("推荐 · 由{}推荐", "Referral · by {}").format(who), note or "", rid
            )
        )
    for rid, on, name in session.execute(
        select(Referral.id, Referral.referred_on, referred.name)
        .join(referred, referred.id == Referral.client_id)
        .where(Referral.referrer_client_id == client_id)
    ):
        entries.append(
            TimelineEntry(
                as_datetime(on), "referral", t("推荐 · 推荐了{}", "Referral · referred {}").format(name), "", rid
            )
        )
    return entries
