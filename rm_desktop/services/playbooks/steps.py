"""A playbook's dated steps as worklist items (kind ``playbook_step``, key
``playbook_step:<step id>``) and a step done.

:func:`candidates` gives services/worklist/build the open steps due by the day (overdue
included) as domain.worklist Candidates; snooze and dismissal go through the worklist's own
states as for its other items. A step done logs the contact (channel: the step's) through
services/clients/contacts and keeps its id; doing it again logs nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.worklist import Candidate
from rm_desktop.domain.worklist.model import ClientContext
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_events import PlaybookRun, PlaybookStep
from rm_desktop.storage.models_worklist import WorklistState

KIND = "playbook_step"
_KEY = re.compile(rf"^{KIND}:(?P<step>\d+)$")


def step_key(step_id: int) -> str:
    return f"{KIND}:{step_id}"


def step_of_key(key: str) -> int | None:
    """The step id of a ``playbook_step:<id>`` key, None for any other key."""
    match = _KEY.match((key or "").strip())
    return int(match["step"]) if match else None


def candidates(conn: Connection, today: dt.date, context: Callable[[int], ClientContext | None]) -> list[Candidate]:
    """The open steps due by ``today`` whose client the worklist knows (``context``)."""
    S, R = PlaybookStep, PlaybookRun
    rows = conn.execute(
        select(S.id, S.due_on, S.title, R.name, R.client_id)
        .join(R, R.id == S.run_id)
        .join(Client, Client.id == R.client_id)
        .where(S.done_at.is_(None), S.due_on <= today, Client.deleted_at.is_(None))
    )
    found: list[Candidate] = []
    for step_id, due, title, name, client_id in rows:
        client = context(client_id)
        if client is not None:
            head = f"{name} · {title}".replace("{", "{{").replace("}", "}}")
            found.append(Candidate(step_key(step_id), KIND, client, due, head, head, ref_id=step_id))
    return found


def due_candidates(
    vault: VaultHandle, today: dt.date, context: Callable[[int], ClientContext | None]
) -> list[Candidate]:
    """:func:`candidates` in a connection of its own (the worklist's build calls this)."""
    with vault.engine.connect() as conn:
        return candidates(conn, today, context)


@dataclass(frozen=True)
class OpenStep:
    """A step not done yet, with whom and which playbook it is for (the 流程模板 tab's list)."""

    id: int
    due_on: dt.date
    title: str
    channel: str
    script: str
    playbook: str
    client_id: int
    client_name: str


def open_steps(vault: VaultHandle, limit: int = 500) -> list[OpenStep]:
    """The open steps of every run, the earliest first (clients in the trash left out)."""
    S, R = PlaybookStep, PlaybookRun
    with vault.engine.connect() as conn:
        rows = conn.execute(
            select(S.id, S.due_on, S.title, S.channel, S.script, R.name, R.client_id, Client.name)
            .join(R, R.id == S.run_id)
            .join(Client, Client.id == R.client_id)
            .where(S.done_at.is_(None), Client.deleted_at.is_(None))
            .order_by(S.due_on, S.id)
            .limit(limit)
        )
        return [
            OpenStep(i, due, title, channel, script or "", name, cid, who)
            for i, due, title, channel, script, name, cid, who in rows
        ]


def _load(session: Session, step_id: int) -> PlaybookStep:
    row = session.get(PlaybookStep, step_id)
    if row is None:
        raise UserError(t("找不到编号为 {} 的流程步骤", "No playbook step with id {}").format(step_id))
    return row


def client_in(session: Session, step_id: int) -> int:
    """The client a step is for (the worklist's key → client)."""
    return session.get_one(PlaybookRun, _load(session, step_id).run_id).client_id


def mark_done_in(session: Session, step_id: int, contact_id: int | None, now: dt.datetime) -> bool:
    """The step done, answered by ``contact_id``; False when it was done already."""
    row = _load(session, step_id)
    if row.done_at is not None:
        return False
    row.done_at, row.contact_id = now, contact_id
    return True


def complete_step(
    vault: VaultHandle, step_id: int, values: Mapping[str, Any] | None = None, *, now: dt.datetime | None = None
) -> str:
    """Do a step: log the contact (the step's channel and title unless ``values`` say more)
    and count the item done today. Done already: nothing is logged again. The message."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with vault.sessions.begin() as session:
        row = _load(session, step_id)
        if row.done_at is not None:
            return t("该步骤已于 {} 完成", "This step was done on {}").format(row.done_at.date().isoformat())
        run = session.get_one(PlaybookRun, row.run_id)
        given = dict(values or {})
        given.setdefault("channel", row.channel)
        given.setdefault("purpose", run.name[:40])
        given.setdefault("content", row.title)
        logged = contacts.add_contact_in(session, run.client_id, given, now=now)
        mark_done_in(session, step_id, logged.id, now)
        key = step_key(step_id)
        state = session.get(WorklistState, key) or WorklistState(key=key, updated_at=now)
        state.done_on = now.date()
        session.add(state)
        return t("已完成：{}，已记录联系", "Done: {}; contact logged").format(row.title)
