"""A complaint on the worklist: its follow-up deadline as an item of kind ``complaint`` (red,
a hard deadline, on its day and once missed) and, while it is open, the churn signal "open complaint"
(domain/worklist/churn.complaint_signal).

services/worklist/build.py calls :func:`complaint_candidates` with its connection and its
book's client contexts, so a client in the trash (no context) or marked lost has no item.
The deadline item goes once the follow-up step is recorded; the churn signal once the
complaint is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from sqlalchemy import exists, select
from sqlalchemy.engine import Connection

from rm_desktop.domain.service_requests import KIND_COMPLAINT, STEP_FOLLOW_UP
from rm_desktop.domain.worklist import Candidate, ClientContext, ComplaintFacts
from rm_desktop.domain.worklist.churn import complaint_signal
from rm_desktop.storage.models_complaints import ComplaintRow, ComplaintStepRow

SUMMARY_CHARS = 30


def deadline_key(complaint_id: int) -> str:
    return f"{KIND_COMPLAINT}:{complaint_id}"


def complaint_of_key(key: str) -> int | None:
    """The complaint of a deadline item's key ("complaint:<id>"), else None."""
    kind, _, rest = key.partition(":")
    return int(rest) if kind == KIND_COMPLAINT and rest.isdigit() else None


def deadline_candidate(
    client: ClientContext, complaint_id: int, deadline: dt.datetime, summary: str, now: dt.datetime
) -> Candidate:
    """Hard (red, first in the plan) from the deadline's day on, as a 48-hour follow-up is
    (domain/worklist/items); "overdue" in its reason once the deadline has passed."""
    missed = deadline < now
    when = deadline.strftime("%m-%d %H:%M")
    state_zh, state_en = ("已逾期", "overdue") if missed else ("截止", "due")
    return Candidate(
        key=deadline_key(complaint_id),
        kind=KIND_COMPLAINT,
        client=client,
        due=deadline.date(),
        head_zh=f"投诉回访{state_zh} {when}：{summary}",
        head_en=f"complaint follow-up {state_en} {when}: {summary}",
        hard=missed or deadline.date() <= now.date(),
        ref_id=complaint_id,
        numbers={"complaint_id": complaint_id, "deadline": deadline.isoformat(" "), "overdue": missed},
    )


def complaint_candidates(
    conn: Connection,
    today: dt.date,
    context: Callable[[int], ClientContext | None],
    lost: Collection[int] = (),
    now: dt.datetime | None = None,
) -> list[Candidate]:
    """The open complaints' deadline items and churn signals. Without ``now`` (the worklist is
    built for a day) a deadline counts as missed from the day after it."""
    clock = now if now is not None else dt.datetime.combine(today, dt.time())
    followed = exists().where(ComplaintStepRow.complaint_id == ComplaintRow.id, ComplaintStepRow.step == STEP_FOLLOW_UP)
    rows = conn.execute(
        select(
            ComplaintRow.id,
            ComplaintRow.client_id,
            ComplaintRow.received_at,
            ComplaintRow.deadline_at,
            ComplaintRow.description,
            followed,
        ).where(
            ComplaintRow.closed_at.is_(None),
            ComplaintRow.received_at < dt.datetime.combine(today + dt.timedelta(days=1), dt.time()),
        )
    )
    found: list[Candidate] = []
    for cid, client_id, received_at, deadline_at, description, done in rows:
        client = context(client_id)
        if client is None or client_id in lost:
            continue
        summary = " ".join((description or "").split())[:SUMMARY_CHARS]
        if not done:
            found.append(deadline_candidate(client, cid, deadline_at, summary, clock))
        found.append(complaint_signal(client, ComplaintFacts(cid, client_id, received_at.date(), summary), today))
    return found
