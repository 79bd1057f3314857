"""Issue 16: a client in the trash holds no seat when an event counts its capacity: a new
invitation, a decline's promotion and the event's counts all see the same free seats, and the
waiting list (in invitation order) takes a seat a trashed client left before newcomers do."""

from __future__ import annotations

import datetime as dt

from rm_desktop.domain.events.model import DECLINED, EventFields
from rm_desktop.services.clients.files import create_client, restore_client, trash_client
from rm_desktop.services.events import attendance, invites, store

TODAY = dt.date(2026, 12, 2)
EVENT_AT = dt.datetime(2026, 12, 10, 14, 0)
AFTER = dt.datetime(2026, 12, 10, 17, 0)


def _setup(vault, clients: int, capacity: int):
    ids = [create_client(vault, {"name": f"客户{k}", "aum": "300000"}, today=TODAY).id for k in range(clients)]
    event_id = store.add_event(vault, EventFields("沙龙", EVENT_AT, "网点", capacity)).id
    return ids, event_id


def _waiting(vault, event_id):
    return [i.client_id for i in store.list_invitations(vault, event_id) if i.waitlisted]


def test_a_trashed_invitee_frees_the_seat_for_a_new_invitation(vault):
    ids, event_id = _setup(vault, 3, capacity=2)
    invites.invite(vault, event_id, ids[:2], now=AFTER)
    trash_client(vault, ids[0])
    event = store.get_event(vault, event_id)
    assert event.seats_taken == 1
    result = invites.invite(vault, event_id, [ids[2]], now=AFTER)
    assert (result.invited, result.waitlisted) == ((ids[2],), ())  # the seat the trash freed
    assert _waiting(vault, event_id) == []
    assert store.get_event(vault, event_id).seats_taken == 2


def test_the_waiting_list_takes_a_trashed_clients_seat_before_a_newcomer(vault):
    ids, event_id = _setup(vault, 4, capacity=2)
    invites.invite(vault, event_id, ids[:3], now=AFTER)  # ids[2] waits
    trash_client(vault, ids[0])
    result = invites.invite(vault, event_id, [ids[3]], now=AFTER)
    assert result.waitlisted == (ids[3],)
    assert _waiting(vault, event_id) == [ids[3]]  # ids[2] took the seat, in invitation order
    assert store.get_event(vault, event_id).seats_taken == 2


def test_a_decline_promotes_by_the_live_seats_and_never_a_trashed_client(vault):
    ids, event_id = _setup(vault, 5, capacity=2)
    invites.invite(vault, event_id, ids[:2], now=AFTER)
    invites.invite(vault, event_id, ids[2:], now=AFTER)  # ids[2:] wait
    trash_client(vault, ids[2])  # first on the waiting list, now in the trash
    trash_client(vault, ids[1])  # a seat freed
    moved = attendance.set_status(vault, event_id, [ids[0]], DECLINED, now=AFTER)
    assert moved.promoted == (ids[3], ids[4])  # both seats, skipping the trashed ids[2]
    assert store.get_event(vault, event_id).seats_taken == 2
    restore_client(vault, ids[2])
    assert ids[2] in _waiting(vault, event_id)  # back where it was: still waiting
