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
from the client book in plan_sources.py, the PDF in plan_document.py; the value types in
records.py, the reads (lists, versions, comparison, review feed) in reading.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy.orm import Session

from rm_desktop.domain.errors import check_version
from rm_desktop.services.plans.checks import plan_problems
from rm_desktop.services.plans.compare import diff_values
from rm_desktop.services.plans.content import PlanContent, PlanStatus

# The read side and the value types live in their own modules; callers keep using this one.
from rm_desktop.services.plans.reading import (
    compare,
    count_plans,
    get_plan,
    get_summary,
    list_plans,
    list_versions,
    load_plan,
    plan_reviews,
    revision_row,
)
from rm_desktop.services.plans.records import (
    PlanNotFound,
    PlanProblems,
    PlanReview,
    PlanSummary,
    PlanVersion,
    RevisionInfo,
)
from rm_desktop.services.plans.sources import current_allocation, initial_content
from rm_desktop.storage.handle import VaultHandle
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


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


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
        plan, latest = revision_row(session, plan_id, None)
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
        plan, latest = revision_row(session, plan_id, None)
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
        session.delete(load_plan(session, plan_id))


def demo_plans(vault: VaultHandle, share: float = 0.2, *, seed: int = 7, today: dt.date | None = None) -> int:
    """Add synthetic plans for ``share`` of the book's clients (see plan_demo); returns how many."""
    from rm_desktop.services.plans.demo import add_demo_plans

    return add_demo_plans(vault, share, seed=seed, today=today or dt.date.today())
