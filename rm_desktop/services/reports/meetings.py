"""The appointments (约见, services/reminders/appointments) held in a report's period: meetings
as much as a logged visit, for 拜访与面谈.

An appointment keeps no "held" flag; its occurrence (a repeating one expanded in the period) is
taken as held when the RM ticked it done in the reminders, or when its start has passed and it
was not dismissed (a dismissed occurrence was called off). Only appointments with a client
count (a branch meeting without one is no client meeting), and an occurrence whose client also
has a visit or meeting contact logged that day is left out: that contact already counts it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.types import String

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.reminders import KIND_APPOINTMENT, occurrences
from rm_desktop.services.reminders.facts import load_appointments
from rm_desktop.services.reports.facts import LIVE, C, K, day_bounds
from rm_desktop.storage.models import Client, Contact
from rm_desktop.storage.models_reminders import ReminderState

VISIT_CHANNELS = ("visit", "meeting")
S = ReminderState.__table__.c
CHUNK = 500  # keys per IN (SQLite's bound-parameter limit)


@dataclass(frozen=True)
class AppointmentRow:
    appointment_id: int
    client_id: int
    name: str
    at: dt.datetime
    title: str

    @property
    def key(self) -> str:
        """The reminders' key of this occurrence (domain/reminders/scheduled)."""
        return f"{KIND_APPOINTMENT}:{self.appointment_id}:{self.at:%Y-%m-%dT%H:%M}"


def _occurrences(conn: Connection, start: dt.date, end: dt.date) -> list[AppointmentRow]:
    found = []
    for a in load_appointments(conn, start, end):
        if a.client_id is None:
            continue
        try:
            whens = occurrences(a.rrule, a.start, start, end)
        except ValidationError:  # a rule that no longer parses: its first date, as the calendar does
            whens = occurrences(None, a.start, start, end)
        found += [AppointmentRow(a.appointment_id, a.client_id, a.client_name, w, a.title) for w in whens]
    return found


def _states(conn: Connection, keys: list[str]) -> dict[str, tuple[bool, bool]]:
    """key → (done, dismissed)."""
    states: dict[str, tuple[bool, bool]] = {}
    for i in range(0, len(keys), CHUNK):
        query = select(S.key, S.done, S.dismissed_at).where(S.key.in_(keys[i : i + CHUNK]))
        states.update((key, (bool(done), dismissed is not None)) for key, done, dismissed in conn.execute(query))
    return states


def _visited(conn: Connection, start: dt.date, end: dt.date) -> set[tuple[int, str]]:
    """(client id, day) of every visit or meeting contact in the period."""
    low, high = day_bounds(start, end)
    query = (
        select(K.client_id, func.substr(type_coerce(K.at, String), 1, 10))
        .join_from(Contact.__table__, Client.__table__, C.id == K.client_id)
        .where(K.at >= low, K.at < high, K.channel.in_(VISIT_CHANNELS), LIVE)
        .distinct()
    )
    return {(cid, day) for cid, day in conn.execute(query)}


def appointments_held(conn: Connection, start: dt.date, end: dt.date, now: dt.datetime) -> list[AppointmentRow]:
    """The period's held appointment occurrences not already counted by a contact, by time.
    ``now``: naive local time (as the vault stores times)."""
    found = _occurrences(conn, start, end)
    if not found:
        return []
    states = _states(conn, [row.key for row in found])
    visited = _visited(conn, start, end)
    held = []
    for row in found:
        done, dismissed = states.get(row.key, (False, False))
        if not (done or (row.at <= now and not dismissed)):
            continue
        if (row.client_id, row.at.date().isoformat()) in visited:
            continue
        held.append(row)
    return sorted(held, key=lambda r: (r.at, r.client_id))
