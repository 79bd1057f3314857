"""The sales area's tables (revision 0009_opportunities): opportunities, their stage history,
referrals.

- ``opportunities``: a 商机 per client; ``amount`` in 元 (fen in the store); ``stage`` a code of
  domain/sales.STAGES; ``next_step_on`` a dated next step (a worklist item while open);
  ``holding_id`` the holding 成交 created; ``acknowledgement`` the client's written
  acknowledgement that let an unsuitable or expired case close (also in the history).
  A client in the trash keeps its opportunities (the trash is a flag on the client): they are
  hidden with it and come back at restore; a purge deletes them by ON DELETE CASCADE.
- ``opportunity_history``: one row per change of stage (and the creation), with its note (the
  lost reason, the acknowledgement).
- ``referrals``: who referred a client (and optionally which opportunity): another client, or a
  colleague by role (大堂经理 / 柜员 / 客户经理) and name, on a day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now, row_version_column, versioned_by
from rm_desktop.storage.types import Money


class Opportunity(Base):
    __tablename__ = "opportunities"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    product_type: Mapped[str] = mapped_column(String(20))
    product_name: Mapped[str] = mapped_column(String(200))
    product_code: Mapped[str | None] = mapped_column(String(40))
    product_risk: Mapped[str | None] = mapped_column(String(2))
    amount: Mapped[Decimal] = mapped_column(Money)
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(20))
    next_step: Mapped[str | None] = mapped_column(Text)
    next_step_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    acknowledgement: Mapped[str | None] = mapped_column(Text)
    holding_id: Mapped[int | None] = mapped_column(ForeignKey("holdings.id", ondelete="SET NULL"))
    created_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    row_version: Mapped[int] = row_version_column()
    __mapper_args__ = versioned_by(row_version)
    # The board reads the open ones by stage; the worklist the open dated next steps.
    __table_args__ = (
        Index("ix_opportunities_stage", "stage", "expected_close"),
        Index("ix_opportunities_next_step_on", "next_step_on", "stage"),
    )


class OpportunityHistory(Base):
    __tablename__ = "opportunity_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    from_stage: Mapped[str | None] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)


class Referral(Base):
    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunities.id", ondelete="SET NULL"))
    referrer_client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), index=True)
    referrer_role: Mapped[str | None] = mapped_column(String(20))
    referrer_name: Mapped[str | None] = mapped_column(String(100), index=True)
    referred_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
