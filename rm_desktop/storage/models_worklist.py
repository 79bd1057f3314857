"""The worklist area's tables (revision 0007): maturity outcomes, lost clients, item states.

- ``maturity_outcomes``: what happened to a matured holding's money (到期承接), one row per
  holding; ``matured`` is the holding's amount when the outcome was recorded (a later edit of
  the holding does not rewrite the month's retention), ``into_holding_id`` the holding the money
  went into, if any.
- ``lost_clients``: a client marked lost (流失) and why; one row per client.
- ``worklist_states``: snooze / dismissal of the worklist's own items (churn signals, outcome
  prompts) by item key, and ``done_on`` for any item acted on from the worklist (the day's
  progress bar counts them). Items that are reminders keep their snooze / dismissal in
  ``reminder_states``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now
from rm_desktop.storage.types import Money


class MaturityOutcome(Base):
    __tablename__ = "maturity_outcomes"
    holding_id: Mapped[int] = mapped_column(ForeignKey("holdings.id", ondelete="CASCADE"), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(20))  # domain/worklist/outcomes.OUTCOMES
    matured: Mapped[Decimal | None] = mapped_column(Money)
    kept: Mapped[Decimal] = mapped_column(Money)
    into_holding_id: Mapped[int | None] = mapped_column(ForeignKey("holdings.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)


class LostClient(Base):
    __tablename__ = "lost_clients"
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    lost_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class WorklistState(Base):
    __tablename__ = "worklist_states"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    snoozed_until: Mapped[dt.date | None] = mapped_column(Date)
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
