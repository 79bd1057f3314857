"""Starting a playbook for a client: its steps dated from the start day, stored as the
worklist items of kind ``playbook_step`` (:mod:`.steps`).

The same playbook is not started twice for the same client and start event: the event when
one is given (a salon), else the start day (a maturity, a complaint). The refusal names the
rule and the earlier run; nothing is stored then. Steps dated before today are not made
(a maturity playbook started at T-10 begins with its T-7 call); a run whose every step is
past is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.playbooks.model import dated_steps
from rm_desktop.i18n import t
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.playbooks.library import find_in
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_events import Event, PlaybookRun, PlaybookStep


@dataclass(frozen=True)
class StepRecord:
    id: int
    run_id: int
    due_on: dt.date
    title: str
    channel: str
    script: str
    done_at: dt.datetime | None
    contact_id: int | None

    @property
    def key(self) -> str:
        return f"playbook_step:{self.id}"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "due": self.due_on.isoformat(),
            "title": self.title,
            "channel": self.channel,
            "script": self.script,
            "done_at": self.done_at.isoformat(" ", "seconds") if self.done_at else None,
            "contact_id": self.contact_id,
        }


@dataclass(frozen=True)
class RunRecord:
    id: int
    ref: str
    name: str
    client_id: int
    event_id: int | None
    start_on: dt.date
    steps: tuple[StepRecord, ...]
    skipped_past: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        text = t("已启动“{}”：{} 个步骤加入工作清单", 'Started "{}": {} steps on the worklist').format(
            self.name, len(self.steps)
        )
        if self.skipped_past:
            text += t("（{} 个已过期的步骤未加入）", " ({} past steps left out)").format(self.skipped_past)
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "playbook": self.ref,
            "name": self.name,
            "client_id": self.client_id,
            "event_id": self.event_id,
            "start": self.start_on.isoformat(),
            "steps": [s.as_json() for s in self.steps],
            "skipped_past": self.skipped_past,
            "message": self.message(),
        }


def _step(row: PlaybookStep) -> StepRecord:
    return StepRecord(
        row.id, row.run_id, row.due_on, row.title, row.channel, row.script or "", row.done_at, row.contact_id
    )


def _refused(name: str, started: dt.date) -> ValidationError:
    return ValidationError(
        "playbook",
        t(
            "同一客户、同一开始事件不能重复启动同一流程：“{}”已于 {} 启动",
            'a playbook is started once per client and start event: "{}" was started on {}',
        ).format(name, started.isoformat()),
    )


def start_playbook(
    vault: VaultHandle,
    ref: str,
    client_id: int,
    start_on: dt.date | None = None,
    *,
    event_id: int | None = None,
    today: dt.date,
    now: dt.datetime | None = None,
) -> RunRecord:
    """Start ``ref`` for a client from ``start_on`` (default: the event's day, else today)."""
    now = (now or dt.datetime.combine(today, dt.time(9))).replace(microsecond=0)
    with vault.sessions.begin() as session:
        playbook = find_in(session, ref)
        client = session.get(Client, client_id)
        if client is None:
            raise ClientNotFound(client_id)
        if client.deleted_at is not None:
            raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
        if event_id is not None:
            event = session.get(Event, event_id)
            if event is None:
                raise UserError(t("找不到编号为 {} 的活动", "No event with id {}").format(event_id))
            start_on = start_on or event.starts_at.date()
        start_on = start_on or today
        anchor = f"event:{event_id}" if event_id is not None else start_on.isoformat()
        R = PlaybookRun
        earlier = session.scalar(select(R).where(R.ref == playbook.ref, R.client_id == client_id, R.anchor == anchor))
        if earlier is not None:
            raise _refused(playbook.name, earlier.started_at.date())
        dated = [(on, step) for on, step in dated_steps(playbook.steps, start_on)]
        kept = [(on, step) for on, step in dated if on >= today]
        if not kept:
            raise ValidationError(
                "start",
                t("该流程的所有步骤都已过期（开始日 {}）", "every step of this playbook is past (start {})").format(
                    start_on.isoformat()
                ),
            )
        run = R(
            ref=playbook.ref,
            name=playbook.name,
            client_id=client_id,
            event_id=event_id,
            anchor=anchor,
            start_on=start_on,
            started_at=now,
        )
        session.add(run)
        try:
            session.flush()
        except IntegrityError:  # another window started it a moment ago
            raise _refused(playbook.name, today) from None
        rows = [
            PlaybookStep(
                run_id=run.id, position=i, due_on=on, title=step.title, channel=step.channel, script=step.script or None
            )
            for i, (on, step) in enumerate(kept)
        ]
        session.add_all(rows)
        session.flush()
        return RunRecord(
            run.id, run.ref, run.name, client_id, event_id, start_on, tuple(map(_step, rows)), len(dated) - len(kept)
        )


def list_runs(vault: VaultHandle, client_id: int | None = None) -> list[RunRecord]:
    """The runs (of one client), the latest first, with their steps in date order."""
    with vault.sessions() as session:
        stmt = select(PlaybookRun).order_by(PlaybookRun.started_at.desc(), PlaybookRun.id.desc())
        if client_id is not None:
            stmt = stmt.where(PlaybookRun.client_id == client_id)
        runs = list(session.scalars(stmt))
        steps: dict[int, list[StepRecord]] = {run.id: [] for run in runs}
        if runs:
            for row in session.scalars(
                select(PlaybookStep)
                .where(PlaybookStep.run_id.in_(list(steps)))
                .order_by(PlaybookStep.due_on, PlaybookStep.position)
            ):
                steps[row.run_id].append(_step(row))
        return [RunRecord(r.id, r.ref, r.name, r.client_id, r.event_id, r.start_on, tuple(steps[r.id])) for r in runs]


def undo_start(vault: VaultHandle, run_id: int) -> int:
    """Take back a start (Ctrl+Z after 为客户启动): the run and its steps, the number of steps
    removed; refused once a step is done (its contact is history)."""
    with vault.sessions.begin() as session:
        run = session.get(PlaybookRun, run_id)
        if run is None:
            return 0
        done = session.scalars(
            select(PlaybookStep.id).where(PlaybookStep.run_id == run_id, PlaybookStep.done_at.is_not(None))
        )
        if done.first() is not None:
            raise UserError(
                t("该流程已有完成的步骤，不能撤销启动", "A step of this playbook is done; its start cannot be undone")
            )
        count = len(session.scalars(select(PlaybookStep.id).where(PlaybookStep.run_id == run_id)).all())
        session.delete(run)
        session.flush()
        session.execute(delete(PlaybookStep).where(PlaybookStep.run_id == run_id))
        return count
