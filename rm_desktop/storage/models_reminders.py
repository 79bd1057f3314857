"""The reminder area's tables: appointments, custom reminders and the state of shown reminders.

Reminders themselves are never stored: the engine (domain/reminders) computes them from the
client book each time. What the RM did to one is stored under the reminder's stable key in
``reminder_states`` (snoozed until a date, dismissed with a reason, or done), so it keeps
applying on every later day. Appointment times are naive local times (Asia/Shanghai); repeat
rules are stored in the checked, normalised RRULE form (domain/reminders/recurrence).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now, row_version_column, versioned_by


class Appointment(Base):
    __tablename__ = "appointments"
    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    title: Mapped[str] = mapped_column(String(200))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    rrule: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    row_version: Mapped[int] = row_version_column()
    __mapper_args__ = versioned_by(row_version)


class CustomReminder(Base):
    """A reminder the RM typed in for a day (no time), maybe repeating."""

    __tablename__ = "custom_reminders"
    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    rrule: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class ReminderState(Base):
    """What the RM did with one reminder (by its key). ``shown_on`` is the reminder's own date
    when it was snoozed: the service widens the engine's look-back far enough to find it again."""

    __tablename__ = "reminder_states"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    snoozed_until: Mapped[dt.date | None] = mapped_column(Date)
    shown_on: Mapped[dt.date | None] = mapped_column(Date)
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)  # the dismissal's reason; "done" items have none
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
