"""Undoing the page's last bulk action on an event (Ctrl+Z): an invitation batch, a status
change. Each removes or restores exactly what the action did, in one transaction.

An invitation is taken back only while it is untouched (still 已邀请, no contact logged); a
status change goes back to each client's earlier status and place (seat or waiting list): the
活动 contacts it logged are removed, the ones it removed (attended → no-show) logged again, and
the clients it moved up from the waiting list go back on it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from rm_desktop.domain.events.model import ATTENDED, INVITED
from rm_desktop.services.events.attendance import StatusResult, _log, _unlog
from rm_desktop.services.events.invites import InviteResult
from rm_desktop.services.events.store import load_event
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models_events import EventInvitation


def undo_invite(vault: VaultHandle, result: InviteResult) -> int:
    """Remove the invitations one :func:`invites.invite` made, if untouched; how many."""
    Inv = EventInvitation
    ids = [*result.invited, *result.waitlisted]
    removed = 0
    with vault.sessions.begin() as session:
        for start in range(0, len(ids), 900):
            gone = session.execute(
                delete(Inv).where(
                    Inv.event_id == result.event_id,
                    Inv.client_id.in_(ids[start : start + 900]),
                    Inv.status == INVITED,
                    Inv.contact_id.is_(None),
                )
            )
            removed += gone.rowcount  # type: ignore[attr-defined]  # a DELETE's result is a CursorResult
    return removed


def undo_status(vault: VaultHandle, result: StatusResult, *, now: dt.datetime | None = None) -> int:
    """Put the clients of one :func:`attendance.set_status` back as they were; how many."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    Inv = EventInvitation
    with vault.sessions.begin() as session:
        event = load_event(session, result.event_id)
        clients = [cid for cid, _status, _wait in result.before] + list(result.promoted)
        rows = {
            row.client_id: row
            for row in session.scalars(select(Inv).where(Inv.event_id == event.id, Inv.client_id.in_(clients)))
        }
        for cid, status, waitlisted in result.before:
            row = rows.get(cid)
            if row is None:
                continue
            if row.status == ATTENDED and status != ATTENDED:
                _unlog(session, row)
            elif status == ATTENDED and row.contact_id is None:
                _log(session, event, row, now)
            row.status, row.waitlisted, row.updated_at = status, waitlisted, now
        for cid in result.promoted:
            if cid in rows:
                rows[cid].waitlisted = True
        return len(result.before)
