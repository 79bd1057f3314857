"""Events and their invitations: add, read, list. Invitations are made in :mod:`.invites`,
statuses changed in :mod:`.attendance`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.events.model import HOLDS_SEAT, EventFields, check_event, status_label
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_events import Event, EventInvitation


@dataclass(frozen=True)
class EventRecord:
    id: int
    name: str
    topic: str
    starts_at: dt.datetime
    place: str
    capacity: int
    note: str
    counts: dict[str, int]  # status → invitees
    waitlisted: int

    @property
    def invited(self) -> int:
        return sum(self.counts.values())

    @property
    def seats_taken(self) -> int:
        return sum(n for status, n in self.counts.items() if status in HOLDS_SEAT) - self.waitlisted

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "topic": self.topic,
            "starts_at": self.starts_at.isoformat(" ", "minutes"),
            "place": self.place,
            "capacity": self.capacity,
            "note": self.note,
            "invited": self.invited,
            "statuses": dict(self.counts),
            "waitlisted": self.waitlisted,
        }


@dataclass(frozen=True)
class InvitationRecord:
    id: int
    event_id: int
    client_id: int
    client_name: str
    status: str
    waitlisted: bool
    invited_at: dt.datetime
    contact_id: int | None

    @property
    def status_label(self) -> str:
        return status_label(self.status) + (t("（候补）", " (waiting list)") if self.waitlisted else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_id": self.event_id,
            "client_id": self.client_id,
            "client": self.client_name,
            "status": self.status,
            "waitlisted": self.waitlisted,
            "invited_at": self.invited_at.isoformat(" ", "seconds"),
            "contact_id": self.contact_id,
        }


class EventNotFound(UserError):
    def __init__(self, event_id: object):
        super().__init__(t("找不到编号为 {} 的活动", "No event with id {}").format(event_id))


def load_event(session: Session, event_id: int) -> Event:
    row = session.get(Event, event_id)
    if row is None:
        raise EventNotFound(event_id)
    return row


def seats_held(session: Session, event_id: int) -> int:
    """The seats the event's invitees hold: a client in the trash holds none, as the event's
    counts (``_counts``) show it; restored, the client holds it again (even over the capacity)."""
    Inv = EventInvitation
    held = session.scalar(
        select(func.count())
        .select_from(Inv)
        .join(Client, Client.id == Inv.client_id)
        .where(
            Inv.event_id == event_id, Inv.status.in_(HOLDS_SEAT), Inv.waitlisted.is_(False), Client.deleted_at.is_(None)
        )
    )
    return held or 0


def _counts(session: Session, ids: list[int]) -> tuple[dict[int, Counter[str]], dict[int, int]]:
    counts: dict[int, Counter[str]] = {i: Counter() for i in ids}
    waiting: dict[int, int] = dict.fromkeys(ids, 0)
    Inv = EventInvitation
    rows = session.execute(
        select(Inv.event_id, Inv.status, Inv.waitlisted, func.count())
        .join(Client, Client.id == Inv.client_id)
        .where(Inv.event_id.in_(ids), Client.deleted_at.is_(None))
        .group_by(Inv.event_id, Inv.status, Inv.waitlisted)
    )
    for event_id, status, waitlisted, n in rows:
        counts[event_id][status] += n
        if waitlisted:
            waiting[event_id] += n
    return counts, waiting


def _record(row: Event, counts: Counter[str], waitlisted: int) -> EventRecord:
    return EventRecord(
        row.id,
        row.name,
        row.topic or "",
        row.starts_at,
        row.place or "",
        row.capacity,
        row.note or "",
        dict(counts),
        waitlisted,
    )


def add_event(vault: VaultHandle, fields: EventFields) -> EventRecord:
    """A new event; ValidationError naming the field (nothing stored then)."""
    checked = check_event(fields)
    with vault.sessions.begin() as session:
        row = Event(
            name=checked.name,
            topic=checked.topic or None,
            starts_at=checked.starts_at,
            place=checked.place or None,
            capacity=checked.capacity,
            note=checked.note or None,
        )
        session.add(row)
        session.flush()
        return _record(row, Counter(), 0)


def update_event(vault: VaultHandle, event_id: int, fields: EventFields) -> EventRecord:
    checked = check_event(fields)
    with vault.sessions.begin() as session:
        row = load_event(session, event_id)
        row.name, row.topic, row.starts_at = checked.name, checked.topic or None, checked.starts_at
        row.place, row.capacity, row.note = checked.place or None, checked.capacity, checked.note or None
        session.flush()
        counts, waiting = _counts(session, [row.id])
        return _record(row, counts[row.id], waiting[row.id])


def get_event(vault: VaultHandle, event_id: int) -> EventRecord:
    with vault.sessions() as session:
        row = load_event(session, event_id)
        counts, waiting = _counts(session, [row.id])
        return _record(row, counts[row.id], waiting[row.id])


def list_events(vault: VaultHandle) -> list[EventRecord]:
    """Every event, the latest first."""
    with vault.sessions() as session:
        rows = list(session.scalars(select(Event).order_by(Event.starts_at.desc(), Event.id.desc())))
        counts, waiting = _counts(session, [row.id for row in rows])
        return [_record(row, counts[row.id], waiting[row.id]) for row in rows]


def list_invitations(vault: VaultHandle, event_id: int) -> list[InvitationRecord]:
    """The event's invitees: seated ones first, then the waiting list, each in invitation order.
    A client in the trash is hidden with it (and back at restore)."""
    Inv = EventInvitation
    with vault.sessions() as session:
        load_event(session, event_id)
        rows = session.execute(
            select(Inv, Client.name)
            .join(Client, Client.id == Inv.client_id)
            .where(Inv.event_id == event_id, Client.deleted_at.is_(None))
            .order_by(Inv.waitlisted, Inv.id)
        )
        return [
            InvitationRecord(
                i.id, i.event_id, i.client_id, name, i.status, bool(i.waitlisted), i.invited_at, i.contact_id
            )
            for i, name in rows
        ]
