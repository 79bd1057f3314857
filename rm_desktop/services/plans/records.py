"""What the plans service hands out: a plan's summary, a version with its content, the version
list, the review feed, and the two failures (no such plan or version; problems that keep a plan a
draft)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.planning import Problem
from rm_desktop.i18n import t
from rm_desktop.services.plans.content import PlanContent, PlanStatus

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
