"""The financial plan area's tables: one row per plan and one immutable row per revision.

A revision (``plan_revisions``) is never updated: saving a plan or changing its status adds the
next version with the whole plan content as JSON (services/plans/content.py defines it), so every
earlier state can be shown, exported or compared. The ``plans`` row mirrors the latest revision's
status, version and next review date so that lists and the reminder feed need no JSON parsing.
Plans belong to a client and go with it when the client is purged from the trash.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now, versioned_by


class Plan(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # The latest revision's number, and the row's version: every save and status change adds a
    # revision (services/plans/store.py sets it), and the UPDATE compares the old number.
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned_by(version, counted=False)
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    # The reminder feed asks "which plans are due for review, by date" across the whole book.
    __table_args__ = (Index("ix_plans_review", "next_review", "status"),)


class PlanRevision(Base):
    __tablename__ = "plan_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    status: Mapped[str] = mapped_column(String(20))
    problems: Mapped[int] = mapped_column(Integer, default=0)  # how many problems it was saved with
    content: Mapped[str] = mapped_column(Text)  # JSON, see services/plans/content.py

    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_plan_revisions_version"),)
