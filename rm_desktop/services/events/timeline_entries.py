"""A client's events and playbook steps on the client file's timeline (services/timeline's
provider contract): each invitation at its event's start (kind ``event``, ref the event) with
its status, and each playbook step at its day, or at the time it was done (kind ``playbook``,
ref the step)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.events.model import status_label
from rm_desktop.i18n import t
from rm_desktop.services.timeline.model import TimelineEntry, as_datetime
from rm_desktop.storage.models_events import Event, EventInvitation, PlaybookRun, PlaybookStep


def event_entries(session: Session, client_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    Inv = EventInvitation
    for event_id, name, starts_at, place, status, waitlisted in session.execute(
        select(Event.id, Event.name, Event.starts_at, Event.place, Inv.status, Inv.waitlisted)
        .join(Inv, Inv.event_id == Event.id)
        .where(Inv.client_id == client_id)
    ):
        shown = status_label(status) + (t("（候补）", " (waiting list)") if waitlisted else "")
        entries.append(TimelineEntry(starts_at, "event", t("活动 · {} · {}", "Event · {} · {}").format(name, shown),
                                     place or "", event_id))  # fmt: skip
    S, R = PlaybookStep, PlaybookRun
    for step_id, name, title, due, done_at in session.execute(
        select(S.id, R.name, S.title, S.due_on, S.done_at).join(R, R.id == S.run_id).where(R.client_id == client_id)
    ):
        when: dt.datetime = done_at or as_datetime(due)
        state = t("已完成", "done") if done_at else t("待办", "to do")
        entries.append(TimelineEntry(when, "playbook", f"{name} · {title}", state, step_id))
    return entries
