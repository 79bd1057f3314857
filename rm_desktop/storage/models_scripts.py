"""The scripts (话术) library table: the RM's templates, the shipped ones among them.

Shipped scripts are copied in on first use (services/scripts/library.py ``ensure_builtins``) and carry
their stable ``builtin_id``; the RM may edit them (``edited`` set, a later version's new wording
is then not applied over theirs) and reset them to the shipped text. User templates have no
``builtin_id``. Deleting puts a template in the trash (``deleted_at``), so a deleted builtin is
not seeded again. ``problems`` is a JSON list of the body's problems at the last save
(kind, position, name): messages are built from it in the current language.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base, _now, row_version_column, versioned_by


class ScriptTemplateRow(Base):
    __tablename__ = "script_templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    builtin_id: Mapped[str | None] = mapped_column(String(60), unique=True)
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    is_draft: Mapped[bool] = mapped_column(Boolean, default=False)
    problems: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    row_version: Mapped[int] = row_version_column()
    __mapper_args__ = versioned_by(row_version)

    __table_args__ = (Index("ix_script_templates_category", "category", "deleted_at"),)
