"""What the complaint services hand out: a complaint with its steps, read in one query each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.service_requests import CATEGORIES, CHANNELS, SEVERITIES, STEP_FOLLOW_UP, STEPS, TYPES
from rm_desktop.i18n import t
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_complaints import ComplaintRow, ComplaintStepRow


class ComplaintNotFound(UserError):
    def __init__(self, complaint_id: int):
        super().__init__(t("找不到编号为 {} 的投诉", "No complaint with id {}").format(complaint_id))


@dataclass(frozen=True)
class StepRecord:
    step: str
    done_at: dt.datetime
    note: str | None = None

    @property
    def label(self) -> str:
        return STEPS.label(self.step)


@dataclass(frozen=True)
class ComplaintRecord:
    id: int
    client_id: int
    client_name: str
    type: str
    channel: str
    category: str
    severity: str
    description: str
    received_at: dt.datetime
    deadline_at: dt.datetime
    closed_at: dt.datetime | None
    outcome: str | None
    satisfaction: int | None
    steps: tuple[StepRecord, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def step(self, code: str) -> StepRecord | None:
        return next((s for s in self.steps if s.step == code), None)

    @property
    def followed_up(self) -> bool:
        return self.step(STEP_FOLLOW_UP) is not None

    def overdue(self, now: dt.datetime) -> bool:
        """Open, not followed up, and the deadline has passed: shown red."""
        return self.is_open and not self.followed_up and self.deadline_at < now

    def status_label(self, now: dt.datetime) -> str:
        if not self.is_open:
            return t("已结案", "Closed")
        if self.overdue(now):
            return t("已逾期", "Overdue")
        return t("处理中", "Open")

    @property
    def type_label(self) -> str:
        return TYPES.label(self.type)

    @property
    def channel_label(self) -> str:
        return CHANNELS.label(self.channel)

    @property
    def category_label(self) -> str:
        return CATEGORIES.label(self.category)

    @property
    def severity_label(self) -> str:
        return SEVERITIES.label(self.severity)

    def as_dict(self) -> dict[str, Any]:
        def iso(value: dt.datetime | None) -> str | None:
            return value.isoformat(" ") if value is not None else None

        return {
            "id": self.id,
            "client_id": self.client_id,
            "client": self.client_name,
            "type": self.type,
            "channel": self.channel,
            "category": self.category,
            "severity": self.severity,
            "description": self.description,
            "received_at": iso(self.received_at),
            "deadline_at": iso(self.deadline_at),
            "closed_at": iso(self.closed_at),
            "outcome": self.outcome,
            "satisfaction": self.satisfaction,
            "steps": [{"step": s.step, "done_at": iso(s.done_at), "note": s.note} for s in self.steps],
        }


def _order(steps: list[StepRecord]) -> tuple[StepRecord, ...]:
    rank = {code: i for i, code in enumerate(STEPS.codes)}
    return tuple(sorted(steps, key=lambda s: rank.get(s.step, len(rank))))


def load_records(session: Session, *where: Any) -> list[ComplaintRecord]:
    """Complaints matching ``where`` (SQLAlchemy clauses on ComplaintRow), newest received first."""
    rows = session.execute(
        select(ComplaintRow, Client.name)
        .join(Client, Client.id == ComplaintRow.client_id)
        .where(*where)
        .order_by(ComplaintRow.received_at.desc(), ComplaintRow.id.desc())
    ).all()
    ids = [row.id for row, _name in rows]
    steps: dict[int, list[StepRecord]] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for s in session.scalars(select(ComplaintStepRow).where(ComplaintStepRow.complaint_id.in_(chunk))):
            steps.setdefault(s.complaint_id, []).append(StepRecord(s.step, s.done_at, s.note))
    return [
        ComplaintRecord(
            row.id,
            row.client_id,
            name,
            row.type,
            row.channel,
            row.category,
            row.severity,
            row.description,
            row.received_at,
            row.deadline_at,
            row.closed_at,
            row.outcome,
            row.satisfaction,
            _order(steps.get(row.id, [])),
        )
        for row, name in rows
    ]


def load_one(session: Session, complaint_id: int) -> ComplaintRecord:
    found = load_records(session, ComplaintRow.id == complaint_id)
    if not found:
        raise ComplaintNotFound(complaint_id)
    return found[0]
