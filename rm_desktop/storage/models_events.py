"""The events and playbooks tables (revision 0011_events_playbooks).

- ``events``: a salon or other client event (活动): name, topic, start, place, capacity.
- ``event_invitations``: one row per invited client (unique per event); ``status`` is
  domain/events/model.STATUSES, ``waitlisted`` a place on the waiting list (候补) beyond the
  capacity, ``contact_id`` the contact attending logged (so marking twice logs once).
- ``playbooks``: an RM's own playbook (a copy of a built-in or of another copy); ``steps`` is
  the JSON list of domain/playbooks/model.Step. Built-ins live in code, not here.
- ``playbook_runs``: a playbook started for a client from a start day; ``anchor`` is the start
  event (``event:<id>`` for a salon, else the start day), unique with the playbook and client:
  the same playbook is not started twice for the same client and event.
- ``playbook_steps``: a run's dated steps, the worklist items of kind ``playbook_step``;
  ``done_at`` / ``contact_id`` once done (the contact it logged).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now


class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    topic: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class EventInvitation(Base):
    __tablename__ = "event_invitations"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    waitlisted: Mapped[bool] = mapped_column(Boolean, default=False)
    invited_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))


class PlaybookRow(Base):
    __tablename__ = "playbooks"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    start_label: Mapped[str] = mapped_column(String(100))
    steps: Mapped[str] = mapped_column(Text)  # JSON list of {offset, title, channel, script}
    copied_from: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class PlaybookRun(Base):
    __tablename__ = "playbook_runs"
    __table_args__ = (UniqueConstraint("ref", "client_id", "anchor"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    anchor: Mapped[str] = mapped_column(String(40))
    start_on: Mapped[dt.date] = mapped_column(Date)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class PlaybookStep(Base):
    __tablename__ = "playbook_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("playbook_runs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    script: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
