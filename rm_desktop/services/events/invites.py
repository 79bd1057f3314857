"""Inviting clients to an event and the invitation 话术 for all of them.

Clients come as ids, as a client-list filter (services/search ClientQuery: tier, risk grade,
tag, text, what the client list filters by) or as an insights segment (经营洞察 bar or RFM
segment by key or name). One transaction: all the invitations or none. Clients already
invited, in the trash or gone are skipped and counted. Beyond the capacity the new invitees
go on the waiting list (候补): the result warns, it does not refuse (domain/events/model).
A client in the trash holds no seat; the waiting list takes a seat so freed before newcomers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.events.model import INVITED, split_by_seats
from rm_desktop.domain.scripts.model import EVENT_INVITE
from rm_desktop.domain.scripts.placeholders import EventInfo
from rm_desktop.i18n import t
from rm_desktop.services.events.attendance import fill_free_seats
from rm_desktop.services.events.store import get_event, list_invitations, load_event, seats_held
from rm_desktop.services.insights import figures, segments
from rm_desktop.services.scripts import library, render
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_events import EventInvitation

MAX_INVITE = 5000  # as the scripts' bulk limit: more is a mailing, not a salon
_CHUNK = 900


@dataclass(frozen=True)
class InviteResult:
    event_id: int
    invited: tuple[int, ...]
    waitlisted: tuple[int, ...]
    already: tuple[int, ...]
    missing: tuple[int, ...]
    capacity: int

    def message(self) -> str:
        text = t("已邀请 {} 位", "Invited {}").format(len(self.invited) + len(self.waitlisted))
        if self.already:
            text += t("；{} 位已在邀请名单中", "; {} already invited").format(len(self.already))
        if self.missing:
            text += t("；{} 位不存在或在回收站中", "; {} gone or in the trash").format(len(self.missing))
        if self.waitlisted:
            text += t(
                "。超出名额 {}：{} 位列入候补名单",
                ". Over the capacity of {}: {} on the waiting list",
            ).format(self.capacity, len(self.waitlisted))
        return text

    @property
    def over_capacity(self) -> bool:
        return bool(self.waitlisted)

    def as_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "invited": list(self.invited),
            "waitlisted": list(self.waitlisted),
            "already": list(self.already),
            "missing": list(self.missing),
            "over_capacity": self.over_capacity,
            "message": self.message(),
        }


def invite(
    vault: VaultHandle, event_id: int, client_ids: Iterable[int], *, now: dt.datetime | None = None
) -> InviteResult:
    """Invite ``client_ids`` (see the module notes)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))
    if len(ids) > MAX_INVITE:
        raise UserError(
            t("一次最多邀请 {} 位客户（这里有 {} 位）", "at most {} clients at a time ({} here)").format(
                MAX_INVITE, len(ids)
            )
        )
    Inv = EventInvitation
    with vault.sessions.begin() as session:
        event = load_event(session, event_id)
        live: set[int] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            live.update(session.scalars(select(Client.id).where(Client.id.in_(chunk), Client.deleted_at.is_(None))))
        there = set(session.scalars(select(Inv.client_id).where(Inv.event_id == event_id)))
        fill_free_seats(session, event, now)  # a seat a trashed client left goes to the waiting list first
        new = [cid for cid in ids if cid in live and cid not in there]
        seated, _waiting = split_by_seats(event.capacity, seats_held(session, event_id), len(new))
        session.add_all(
            Inv(
                event_id=event_id,
                client_id=cid,
                status=INVITED,
                waitlisted=index >= seated,
                invited_at=now,
                updated_at=now,
            )
            for index, cid in enumerate(new)
        )
        return InviteResult(
            event_id,
            tuple(new[:seated]),
            tuple(new[seated:]),
            tuple(cid for cid in ids if cid in there),
            tuple(cid for cid in ids if cid not in live),
            event.capacity,
        )


def clients_of_query(vault: VaultHandle, query: ClientQuery) -> list[int]:
    """The clients a client-list filter selects (at most :data:`MAX_INVITE`)."""
    return render.query_client_ids(vault, query, MAX_INVITE + 1)


def clients_of_segment(vault: VaultHandle, name: str, today: dt.date) -> list[int]:
    """The clients of an insights bar or RFM segment, by key or name (``rfm:important_value``,
    ``tier:wealth``, 重要价值 …)."""
    return list(segments.find_bar(figures.book_insights(vault, today), name).client_ids)


def event_info(vault: VaultHandle, event_id: int) -> EventInfo:
    event = get_event(vault, event_id)
    return EventInfo(event.name, event.starts_at, event.place or None)


def default_template_id(vault: VaultHandle) -> int:
    """The first invitation script of the library (活动邀请); UserError when there is none."""
    found = library.list_templates(vault, category=EVENT_INVITE)
    if not found:
        raise UserError(t("话术库中没有活动邀请话术", "The script library has no event invitation"))
    return found[0].id


def render_invitations(
    vault: VaultHandle,
    event_id: int,
    *,
    template_id: int | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> render.BulkRows:
    """The invitation 话术 for every invitee (the waiting list too), in the list's order, the
    event's name, time and place filled in; through services/scripts/render, so invitees a
    marketing send may not reach are left out and counted in ``skipped`` (services/consent)."""
    ids = [inv.client_id for inv in list_invitations(vault, event_id)]
    return render.bulk_render(
        vault,
        template_id if template_id is not None else default_template_id(vault),
        ids,
        event=event_info(vault, event_id),
        today=today,
        now=now,
        progress=progress,
    )
