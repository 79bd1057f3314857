"""Financial plans (理财规划): create, save revisions, change status, list, compare, review feed.

Every save that changes something adds the next immutable revision (storage/models_plans.py);
nothing is overwritten, so any version can be shown, exported or compared. Saving the content
and status the plan already has stores nothing (``PlanVersion.changed`` is False: 未更改). A plan
with problems (plan_checks.plan_problems) may be saved only as a draft: asking for another status
raises :class:`PlanProblems` listing them per field, and stores nothing.

草稿 / 定稿: 定稿 (PlanStatus.FINAL and the stages after it) is what the client was shown or
agreed to. Changing a final plan's content makes a new *draft* version rather than altering the
final one: the version the client saw stays in the history as it was, and the changed plan has to
pass the checks and be finalised again before it counts as agreed (and feeds review reminders).

Content lives in services/plans/content.py, checks and figures in plan_checks.py, what is pulled
from the client book in plan_sources.py, the PDF in plan_document.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, check_version
from rm_desktop.domain.planning import Problem
from rm_desktop.i18n import t
from rm_desktop.services.plans.checks import plan_problems
from rm_desktop.services.plans.compare import FieldDiff, diff_values
from rm_desktop.services.plans.content import PlanContent, PlanStatus
from rm_desktop.services.plans.sources import current_allocation, initial_content
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_plans import Plan, PlanRevision

__all__ = [
    "PlanNotFound",
    "PlanProblems",
    "PlanReview",
    "PlanSummary",
    "PlanVersion",
    "RevisionInfo",
    "compare",
    "count_plans",
    "create_plan",
    "current_allocation",
    "delete_plan",
    "demo_plans",
    "finalise",
    "get_plan",
    "get_summary",
    "list_plans",
    "list_versions",
    "plan_reviews",
    "save_revision",
    "set_status",
]

# Plans whose review schedule is agreed with the client and so feeds the reminders.
REVIEWED_STATUSES = (PlanStatus.ACCEPTED, PlanStatus.IN_PROGRESS, PlanStatus.REVIEW_DUE)


class PlanNotFound(UserError):
    def __init__(self, plan_id: int, version: int | None = None):
        if version is None:
            super().__init__(t("找不到编号为 {} 的理财规划", "No financial plan with id {}").format(plan_id))
        else:
            super().__init__(
                t("理财规划 {} 没有第 {} 版", "Financial plan {} has no version {}").format(plan_id, version)
            )


class PlanProblems(UserError):
    """The plan has problems, so it can only be saved as a draft; ``problems`` lists them."""

    def __init__(self, problems: list[Problem]):
        lines = "; ".join(f"{p.field}: {p.message}" for p in problems[:5])
        more = t("（另有 {} 项）", " (and {} more)").format(len(problems) - 5) if len(problems) > 5 else ""
        super().__init__(
            t(
                "规划中有 {} 处问题，只能保存为草稿：{}{}",
                "The plan has {} problem(s) and can only be saved as a draft: {}{}",
            ).format(len(problems), lines, more)
        )
        self.problems = problems


@dataclass(frozen=True)
class PlanSummary:
    id: int
    client_id: int
    title: str
    status: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    next_review: dt.date | None

    @property
    def status_label(self) -> str:
        """草稿 / 定稿 (with a final plan's stage), as the lists show it."""
        return PlanStatus(self.status).badge

    def review_overdue(self, today: dt.date) -> bool:
        return self.status in REVIEWED_STATUSES and self.next_review is not None and self.next_review <= today

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client_id": self.client_id,
            "title": self.title,
            "status": self.status,
            "version": self.version,
            "created": self.created_at.isoformat(),
            "updated": self.updated_at.isoformat(),
            "next_review": self.next_review.isoformat() if self.next_review else None,
        }


@dataclass(frozen=True)
class RevisionInfo:
    version: int
    saved_at: dt.datetime
    status: str
    problems: int


@dataclass(frozen=True)
class PlanVersion:
    """One revision of a plan, with its content."""

    plan_id: int
    client_id: int
    version: int
    latest_version: int
    saved_at: dt.datetime
    status: str
    content: PlanContent
    changed: bool = True  # False: a save found nothing new and stored nothing

    @property
    def is_latest(self) -> bool:
        return self.version == self.latest_version


class PlanReview(NamedTuple):
    client_id: int
    plan_id: int
    next_review: dt.date


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _load(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise PlanNotFound(plan_id)
    return plan


def _add_revision(session: Session, plan: Plan, content: PlanContent, status: PlanStatus, problems: int) -> PlanVersion:
    saved = _now()
    version = plan.version + 1
    plan.status, plan.version, plan.updated_at = status.value, version, saved
    plan.title, plan.next_review = content.title, content.review.next_review
    session.add(plan)
    session.flush()
    session.add(
        PlanRevision(
            plan_id=plan.id,
            version=version,
            saved_at=saved,
            status=status.value,
            problems=problems,
            content=content.to_json(),
        )
    )
    return PlanVersion(plan.id, plan.client_id, version, version, saved, status.value, content.copy())


def add_received_plan(
    session: Session, client_id: int, content: PlanContent, status: PlanStatus, today: dt.date
) -> PlanVersion:
    """A plan that arrived in a handover or archive, as a new plan of ``client_id`` in the
    caller's session (and so its transaction). The sender's status is kept as it was, even one
    the checks would now refuse: the receiver sees what the sender had, problems counted."""
    plan = Plan(client_id=client_id, version=0, created_at=_now())
    return _add_revision(session, plan, content, status, len(plan_problems(content, today)))


def _checked(content: PlanContent, status: PlanStatus, today: dt.date) -> int:
    problems = plan_problems(content, today)
    if problems and status is not PlanStatus.DRAFT:
        raise PlanProblems(problems)
    return len(problems)


def create_plan(vault: VaultHandle, client_id: int, *, today: dt.date | None = None) -> PlanVersion:
    """A new draft plan (version 1) filled from the client's file and holdings."""
    today = today or dt.date.today()
    content = initial_content(vault, client_id, today)
    with vault.sessions.begin() as session:
        plan = Plan(client_id=client_id, version=0, created_at=_now())
        return _add_revision(session, plan, content, PlanStatus.DRAFT, len(plan_problems(content, today)))


def save_revision(
    vault: VaultHandle,
    plan_id: int,
    content: PlanContent,
    *,
    status: str | None = None,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> PlanVersion:
    """Store ``content`` as the next version when it or the status differs from the latest one;
    otherwise nothing is stored and the latest version comes back with ``changed`` False.

    ``status`` None keeps the plan's status, except that changed content of a final plan becomes
    a draft (see the module's note on 草稿 / 定稿). Raises PlanProblems (and stores nothing) when
    the content has problems and the status is not draft. ``expected_version`` is the version the
    editor opened: when a later one was saved since and differs from ``content``, StaleEdit lists
    the differing fields (mine, theirs), nothing stored.
    """
    today = today or dt.date.today()
    with vault.sessions.begin() as session:
        plan, latest = _revision(session, plan_id, None)
        same_content = PlanContent.from_json(latest.content).to_json() == content.to_json()
        if status is not None:
            target = PlanStatus(status)
        elif same_content or plan.status == PlanStatus.DRAFT.value:
            target = PlanStatus(plan.status)
        else:
            target = PlanStatus.DRAFT
        if same_content and target.value == plan.status:
            return PlanVersion(
                plan.id, plan.client_id, plan.version, plan.version, latest.saved_at, latest.status, content, False
            )
        if expected_version is not None and expected_version != plan.version:
            _check_stale(plan, latest, content, target, expected_version)
        return _add_revision(session, plan, content, target, _checked(content, target, today))


def _check_stale(
    plan: Plan, latest: PlanRevision, content: PlanContent, status: PlanStatus, expected_version: int
) -> None:
    """StaleEdit keyed by the fields' labels (compare.diff_values: the comparison's own texts)."""
    theirs = {"status": latest.status, **PlanContent.from_json(latest.content).to_dict()}
    mine = {"status": status.value, **content.to_dict()}
    conflicts: dict[str, tuple[str, str]] = {}
    for diff in diff_values(theirs, mine):
        key = diff.label or diff.path
        conflicts[key if key not in conflicts else f"{key} ({diff.path})"] = (diff.new, diff.old)
    check_version(
        plan.id,
        expected_version,
        plan.version,
        {k: v[0] for k, v in conflicts.items()},
        {k: v[1] for k, v in conflicts.items()},
    )


def set_status(vault: VaultHandle, plan_id: int, status: str, *, today: dt.date | None = None) -> PlanVersion:
    """Record a status change as the next version (same content); no-op when unchanged. The
    latest content is read in the writing transaction, so a save in between is never undone."""
    target = PlanStatus(status)
    today = today or dt.date.today()
    with vault.sessions.begin() as session:
        plan, latest = _revision(session, plan_id, None)
        content = PlanContent.from_json(latest.content)
        if plan.status == target.value:
            return PlanVersion(
                plan.id, plan.client_id, plan.version, plan.version, latest.saved_at, latest.status, content, False
            )
        return _add_revision(session, plan, content, target, _checked(content, target, today))


def finalise(vault: VaultHandle, plan_id: int, *, today: dt.date | None = None) -> PlanVersion:
    """定稿 the latest version (PlanProblems unless its checks pass); a plan already final, at any
    stage, stays as it is (``changed`` False) rather than being put back to FINAL."""
    current = get_summary(vault, plan_id)
    if PlanStatus(current.status).is_final:
        return replace(get_plan(vault, plan_id), changed=False)
    return set_status(vault, plan_id, PlanStatus.FINAL.value, today=today)


def delete_plan(vault: VaultHandle, plan_id: int) -> None:
    """Remove a plan with all its versions (for a plan started by mistake)."""
    with vault.sessions.begin() as session:
        session.delete(_load(session, plan_id))


def _summary(plan: Plan) -> PlanSummary:
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
        return [_summary(plan) for plan in rows]


def get_summary(vault: VaultHandle, plan_id: int) -> PlanSummary:
    with vault.sessions() as session:
        return _summary(_load(session, plan_id))


def list_versions(vault: VaultHandle, plan_id: int) -> list[RevisionInfo]:
    """Every version of the plan, newest first."""
    with vault.sessions() as session:
        _load(session, plan_id)
        rows = session.execute(
            select(PlanRevision.version, PlanRevision.saved_at, PlanRevision.status, PlanRevision.problems)
            .where(PlanRevision.plan_id == plan_id)
            .order_by(PlanRevision.version.desc())
        ).all()
        return [RevisionInfo(*row) for row in rows]


def _revision(session: Session, plan_id: int, version: int | None) -> tuple[Plan, PlanRevision]:
    plan = _load(session, plan_id)
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
        plan, row = _revision(session, plan_id, version)
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
            _, row = _revision(session, plan_id, version)
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


def demo_plans(vault: VaultHandle, share: float = 0.2, *, seed: int = 7, today: dt.date | None = None) -> int:
    """Add synthetic plans for ``share`` of the book's clients (see plan_demo); returns how many."""
    from rm_desktop.services.plans.demo import add_demo_plans

    return add_demo_plans(vault, share, seed=seed, today=today or dt.date.today())
