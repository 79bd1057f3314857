"""Receiving, handling and closing a complaint; listing them.

Each write is one transaction that checks everything first (domain/service_requests), so a
refused step or close leaves the complaint as it was. ``now`` is a parameter (the fake clock of
the tests); the GUI and CLI pass the real time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.service_requests import STEP_FOLLOW_UP, deadline_of, parse_close, parse_new, parse_step
from rm_desktop.i18n import t
from rm_desktop.services.complaints.records import ComplaintNotFound, ComplaintRecord, load_one, load_records
from rm_desktop.services.complaints.settings import deadline_hours
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_complaints import ComplaintRow, ComplaintStepRow

STATUSES = ("open", "closed", "all")


def _live_client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ValidationError("client", t("找不到编号为 {} 的客户", "No client with id {}").format(client_id))
    if client.deleted_at is not None:
        raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
    return client


def _open_row(session: Session, complaint_id: int) -> ComplaintRow:
    row = session.get(ComplaintRow, complaint_id)
    if row is None:
        raise ComplaintNotFound(complaint_id)
    if row.closed_at is not None:
        raise UserError(
            t("投诉 {} 已于 {} 结案", "Complaint {} was closed on {}").format(
                complaint_id, row.closed_at.isoformat(" ")
            )
        )
    return row


def add_complaint(
    vault: VaultHandle, client_id: int, values: Mapping[str, Any], *, now: dt.datetime
) -> ComplaintRecord:
    """A new complaint; its deadline is the setting's hours after receipt, fixed now."""
    fields = parse_new(values, now)
    hours = deadline_hours(vault)
    with vault.sessions.begin() as session:
        _live_client(session, client_id)
        row = ComplaintRow(
            client_id=client_id,
            deadline_at=deadline_of(fields["received_at"], hours),
            created_at=now,
            updated_at=now,
            **fields,
        )
        session.add(row)
        session.flush()
        return load_one(session, row.id)


def mark_step(
    vault: VaultHandle,
    complaint_id: int,
    step: str,
    *,
    now: dt.datetime,
    at: object = None,
    note: str | None = None,
) -> ComplaintRecord:
    """Records a handling step done at ``at`` (default now); recording it again moves its time."""
    with vault.sessions.begin() as session:
        row = _open_row(session, complaint_id)
        code, when = parse_step(step, at, row.received_at, now)
        done = session.get(ComplaintStepRow, (complaint_id, code))
        text = (note or "").strip() or None
        if done is None:
            session.add(ComplaintStepRow(complaint_id=complaint_id, step=code, done_at=when, note=text))
        else:
            done.done_at, done.note = when, text or done.note
        row.updated_at = now
        session.flush()
        return load_one(session, complaint_id)


def follow_up_in(session: Session, complaint_id: int, at: dt.datetime, note: str | None = None) -> bool:
    """A contact logged from the complaint's worklist item is its 48-hour follow-up: the step is
    recorded at the contact's time unless already done or the complaint is closed. True if recorded."""
    row = session.get(ComplaintRow, complaint_id)
    if row is None or row.closed_at is not None:
        return False
    if session.get(ComplaintStepRow, (complaint_id, STEP_FOLLOW_UP)) is not None:
        return False  # already followed up: its time stays
    done_at = max(at.replace(microsecond=0), row.received_at)
    session.add(ComplaintStepRow(complaint_id=complaint_id, step=STEP_FOLLOW_UP, done_at=done_at, note=note))
    row.updated_at = done_at
    return True


def undo_step(vault: VaultHandle, complaint_id: int, step: str, *, now: dt.datetime) -> ComplaintRecord:
    """Unticks a step (a wrong click in the checklist)."""
    with vault.sessions.begin() as session:
        row = _open_row(session, complaint_id)
        code, _when = parse_step(step, None, row.received_at, now)
        done = session.get(ComplaintStepRow, (complaint_id, code))
        if done is not None:
            session.delete(done)
        row.updated_at = now
        session.flush()
        return load_one(session, complaint_id)


def close_complaint(
    vault: VaultHandle,
    complaint_id: int,
    outcome: object,
    satisfaction: object,
    *,
    now: dt.datetime,
) -> ComplaintRecord:
    """Closes with the outcome and the client's satisfaction (1–5); refused otherwise."""
    text, score = parse_close(outcome, satisfaction)
    with vault.sessions.begin() as session:
        row = _open_row(session, complaint_id)
        row.closed_at = max(now.replace(microsecond=0), row.received_at)
        row.outcome, row.satisfaction, row.updated_at = text, score, now
        session.flush()
        return load_one(session, complaint_id)


def get_complaint(vault: VaultHandle, complaint_id: int) -> ComplaintRecord:
    with vault.sessions() as session:
        return load_one(session, complaint_id)


def list_complaints(
    vault: VaultHandle,
    *,
    status: str = "all",
    client_id: int | None = None,
    since: dt.date | None = None,
    include_trashed: bool = False,
) -> list[ComplaintRecord]:
    """Complaints newest first: open, closed or all; of one client; received on or after ``since``.
    A client in the trash takes its complaints with it (they come back when it is restored)."""
    if status not in STATUSES:
        raise ValidationError("status", t("只能是：{}", "must be one of: {}").format(" / ".join(STATUSES)))
    where: list[Any] = []
    if status == "open":
        where.append(ComplaintRow.closed_at.is_(None))
    elif status == "closed":
        where.append(ComplaintRow.closed_at.is_not(None))
    if client_id is not None:
        where.append(ComplaintRow.client_id == client_id)
    if since is not None:
        where.append(ComplaintRow.received_at >= dt.datetime.combine(since, dt.time()))
    if not include_trashed:
        where.append(Client.deleted_at.is_(None))
    with vault.sessions() as session:
        return load_records(session, *where)


def open_count(vault: VaultHandle, client_id: int) -> int:
    return len(list_complaints(vault, status="open", client_id=client_id))
