"""Invitation statuses: confirmed, declined, attended, no-show (domain/events/model's flow).

Attending logs one contact (channel 活动) on the client's history through
services/clients/contacts, with a follow-up due within 48 hours of the event: the reminder
engine and the worklist carry it as every follow-up. Marking an attendee attended again logs
nothing more (the invitation keeps the contact it logged); attended → no-show (a mis-click)
removes that contact again. Attendance is marked from the event's day on, not before.
A decline frees a seat: the first on the waiting list takes it. All clients in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.events.model import ATTENDED, DECLINED, HOLDS_SEAT, NO_SHOW, check_move, follow_up_on
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.services.events.store import load_event, seats_held
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Contact
from rm_desktop.storage.models_events import Event, EventInvitation

PURPOSE = "活动"


@dataclass(frozen=True)
class StatusResult:
    status: str
    changed: tuple[int, ...]  # client ids
    unchanged: tuple[int, ...]  # already in that status
    contacts_logged: int
    promoted: tuple[int, ...]  # from the waiting list to a seat
    event_id: int = 0
    before: tuple[tuple[int, str, bool], ...] = ()  # (client, status, waitlisted) of the changed: the undo

    def message(self) -> str:
        text = t("已更新 {} 位", "Updated {}").format(len(self.changed))
        if self.contacts_logged:
            text += t("，记录往来 {} 条（48 小时内回访）", ", {} contacts logged (follow up within 48 h)").format(
                self.contacts_logged
            )
        if self.unchanged:
            text += t("；{} 位状态未变", "; {} unchanged").format(len(self.unchanged))
        if self.promoted:
            text += t("；候补转正 {} 位", "; {} moved up from the waiting list").format(len(self.promoted))
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "changed": list(self.changed),
            "unchanged": list(self.unchanged),
            "contacts_logged": self.contacts_logged,
            "promoted": list(self.promoted),
            "message": self.message(),
        }


def _log(session: Session, event: Event, invitation: EventInvitation, now: dt.datetime) -> None:
    at = min(event.starts_at, now)
    text = t("出席活动：{}", "Attended the event: {}").format(event.name)
    if event.topic:
        text += f"（{event.topic}）"
    record = contacts.add_contact_in(
        session,
        invitation.client_id,
        {
            "at": at,
            "channel": "event",
            "purpose": PURPOSE,
            "content": text,
            "next_step": t("活动后回访", "Follow up after the event"),
            "follow_up_date": follow_up_on(event.starts_at),
        },
        now=now,
    )
    invitation.contact_id = record.id


def _unlog(session: Session, invitation: EventInvitation) -> None:
    if invitation.contact_id is not None:
        row = session.get(Contact, invitation.contact_id)
        invitation.contact_id = None
        if row is not None:
            session.delete(row)
            session.flush()
            contacts.refresh_contact_summary(session, invitation.client_id)


def fill_free_seats(session: Session, event: Event, now: dt.datetime) -> list[int]:
    """Free seats (a decline, a client moved to the trash) go to the waiting list in invitation
    order; a client in the trash neither holds a seat nor takes one. The clients seated."""
    Inv = EventInvitation
    free = event.capacity - seats_held(session, event.id)
    if free <= 0:
        return []
    waiting = session.scalars(
        select(Inv)
        .join(Client, Client.id == Inv.client_id)
        .where(
            Inv.event_id == event.id,
            Inv.waitlisted.is_(True),
            Inv.status.in_(HOLDS_SEAT),
            Client.deleted_at.is_(None),
        )
        .order_by(Inv.id)
        .limit(free)
    ).all()
    for row in waiting:
        row.waitlisted, row.updated_at = False, now
    return [row.client_id for row in waiting]


def set_status(
    vault: VaultHandle, event_id: int, client_ids: Iterable[int], status: str, *, now: dt.datetime | None = None
) -> StatusResult:
    """Move the invitees ``client_ids`` to ``status`` (see the module notes); ValidationError
    for a move the flow has not, UserError for a client not invited; nothing changed then."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))
    changed: list[int] = []
    unchanged: list[int] = []
    logged = 0
    Inv = EventInvitation
    with vault.sessions.begin() as session:
        event = load_event(session, event_id)
        if status in (ATTENDED, NO_SHOW) and event.starts_at.date() > now.date():
            raise ValidationError(
                "status",
                t("活动在 {} 举行，之前不能登记出席", "the event is on {}; attendance is marked from that day").format(
                    event.starts_at.date().isoformat()
                ),
            )
        rows = {
            row.client_id: row
            for row in session.scalars(select(Inv).where(Inv.event_id == event_id, Inv.client_id.in_(ids)))
        }
        strangers = [cid for cid in ids if cid not in rows]
        if strangers:
            raise UserError(
                t("客户 {} 未被邀请参加该活动", "Client {} is not invited to this event").format(
                    ", ".join(map(str, strangers[:10]))
                )
            )
        for cid in ids:
            row = rows[cid]
            check_move(row.status, status)
            if row.status == status:
                unchanged.append(cid)
            else:
                changed.append(cid)
        before = tuple((cid, rows[cid].status, bool(rows[cid].waitlisted)) for cid in changed)
        for cid in changed:
            row = rows[cid]
            if status == ATTENDED:
                row.waitlisted = False  # the client came: a seat was found
                if row.contact_id is None:
                    _log(session, event, row, now)
                    logged += 1
            elif row.status == ATTENDED:
                _unlog(session, row)
            row.status, row.updated_at = status, now
        session.flush()
        promoted = fill_free_seats(session, event, now) if status == DECLINED and changed else []
        return StatusResult(status, tuple(changed), tuple(unchanged), logged, tuple(promoted), event_id, before)
