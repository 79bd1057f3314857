"""The complaints area's tables (revision 0010_complaints): complaints / service requests and
their handling steps.

- ``complaints``: one complaint or service request (``type``) of a client; ``deadline_at`` is
  fixed at receipt from the setting then in force (a later change of the setting does not move
  an open complaint's deadline); ``closed_at`` with ``outcome`` and ``satisfaction`` (1–5)
  once closed. A client in the trash keeps its complaints; purging the client removes them.
- ``complaint_steps``: the fixed handling steps done (domain/service_requests.STEPS), one row
  per step with the time it was done.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now


class ComplaintRow(Base):
    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))  # complaint / request
    channel: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    deadline_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    outcome: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class ComplaintStepRow(Base):
    __tablename__ = "complaint_steps"
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[str] = mapped_column(String(20), primary_key=True)
    done_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
