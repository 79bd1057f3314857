"""Reading the stored plans: a client's plans, one plan's versions, a version's content, what
changed between two versions, the plans whose review is due (the reminders' feed)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rm_desktop.services.plans.compare import FieldDiff, diff_values
from rm_desktop.services.plans.content import PlanContent
from rm_desktop.services.plans.records import (
    REVIEWED_STATUSES,
    PlanNotFound,
    PlanReview,
    PlanSummary,
    PlanVersion,
    RevisionInfo,
)
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_plans import Plan, PlanRevision


def load_plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise PlanNotFound(plan_id)
    return plan


def summary_of(plan: Plan) -> PlanSummary:
    return PlanSummary(
        plan.id,
        plan.client_id,
        plan.title,
        plan.status,
        plan.version,
        plan.created_at,
        plan.updated_at,
        plan.next_review,
    )


def list_plans(vault: VaultHandle, client_id: int) -> list[PlanSummary]:
    """The client's plans, most recently changed first."""
    with vault.sessions() as session:
        rows = session.scalars(
            select(Plan).where(Plan.client_id == client_id).order_by(Plan.updated_at.desc(), Plan.id.desc())
        ).all()
        return [summary_of(plan) for plan in rows]


def get_summary(vault: VaultHandle, plan_id: int) -> PlanSummary:
    with vault.sessions() as session:
        return summary_of(load_plan(session, plan_id))


def list_versions(vault: VaultHandle, plan_id: int) -> list[RevisionInfo]:
    """Every version of the plan, newest first."""
    with vault.sessions() as session:
        load_plan(session, plan_id)
        rows = session.execute(
            select(PlanRevision.version, PlanRevision.saved_at, PlanRevision.status, PlanRevision.problems)
            .where(PlanRevision.plan_id == plan_id)
            .order_by(PlanRevision.version.desc())
        ).all()
        return [RevisionInfo(*row) for row in rows]


def revision_row(session: Session, plan_id: int, version: int | None) -> tuple[Plan, PlanRevision]:
    plan = load_plan(session, plan_id)
    wanted = plan.version if version is None else version
    row = session.scalars(
        select(PlanRevision).where(PlanRevision.plan_id == plan_id, PlanRevision.version == wanted)
    ).one_or_none()
    if row is None:
        raise PlanNotFound(plan_id, wanted)
    return plan, row


def get_plan(vault: VaultHandle, plan_id: int, version: int | None = None) -> PlanVersion:
    """A version of the plan (the latest when ``version`` is None)."""
    with vault.sessions() as session:
        plan, row = revision_row(session, plan_id, version)
        return PlanVersion(
            plan.id,
            plan.client_id,
            row.version,
            plan.version,
            row.saved_at,
            row.status,
            PlanContent.from_json(row.content),
        )


def compare(vault: VaultHandle, plan_id: int, v1: int, v2: int) -> list[FieldDiff]:
    """What changed from version ``v1`` to ``v2``, field by field (status included)."""
    with vault.sessions() as session:
        sides = []
        for version in (v1, v2):
            _, row = revision_row(session, plan_id, version)
            sides.append({"status": row.status, **PlanContent.from_json(row.content).to_dict()})
    return diff_values(*sides)


def plan_reviews(vault: VaultHandle) -> list[PlanReview]:
    """(client, plan, next review date) of every plan under way, by date; clients in the trash left out."""
    with vault.sessions() as session:
        rows = session.execute(
            select(Plan.client_id, Plan.id, Plan.next_review)
            .join(Client, Client.id == Plan.client_id)
            .where(
                Plan.next_review.is_not(None),
                Plan.status.in_([s.value for s in REVIEWED_STATUSES]),
                Client.deleted_at.is_(None),
            )
            .order_by(Plan.next_review, Plan.id)
        ).all()
        # (the query keeps only dated plans; the test says so to the type checker)
        return [PlanReview(client_id, plan_id, due) for client_id, plan_id, due in rows if due is not None]


def count_plans(vault: VaultHandle) -> int:
    with vault.sessions() as session:
        return session.scalar(select(func.count()).select_from(Plan)) or 0
