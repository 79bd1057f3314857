"""The consent table (revision 0016_consent): one row per client who has a consent record.

- ``client_consents``: keyed by the client's id (no row: consent not recorded, which bulk
  marketing sends treat as no); ``marketing`` with the day given or withdrawn and how it was
  given (domain/consent.METHODS code), the allowed channels as comma-separated
  domain/choices.CHANNELS codes, ``sensitive`` with its day. Purging the client removes it
  (ON DELETE CASCADE); the clients table itself is not changed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now


class ConsentRow(Base):
    __tablename__ = "client_consents"
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    marketing: Mapped[bool] = mapped_column(Boolean)
    given_on: Mapped[dt.date | None] = mapped_column(Date)
    given_by: Mapped[str | None] = mapped_column(String(20))
    channels: Mapped[str] = mapped_column(String(200), default="")
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    sensitive_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
