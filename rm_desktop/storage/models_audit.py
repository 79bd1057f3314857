"""The audit log's tables (revision 0015_audit): a hash chain of what was done in the vault.

- ``audit_log``: this vault's own entries. ``seq`` is allocated inside the writing
  transaction (BEGIN IMMEDIATE: max + 1), so two writers (GUI and CLI) never take the same
  number; ``hash`` is the SHA-256 of the entry's canonical form, which includes ``prev_hash``
  (services/audit/chain.py). No ID number, phone or note text is ever stored: a client is
  "client:<id> <masked name>" and ``counts`` holds numbers, field codes and a file's base name.
- ``audit_received``: entries that came with a handover from another vault, kept apart (they
  are never part of this vault's chain) and verified as their sender's own chain.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rm_desktop.storage.models import Base


class AuditRow(Base):
    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32), index=True)  # UTC ISO-8601, milliseconds
    action: Mapped[str] = mapped_column(String(40), index=True)
    object: Mapped[str | None] = mapped_column(String(120), index=True)
    counts: Mapped[str] = mapped_column(Text)  # canonical JSON (sorted keys, no spaces)
    origin: Mapped[str] = mapped_column(String(80))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ReceivedAuditRow(Base):
    __tablename__ = "audit_received"
    sender: Mapped[str] = mapped_column(String(64), primary_key=True)  # the sender's vault id
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(40))
    object: Mapped[str | None] = mapped_column(String(120))
    counts: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(80))  # as the sender wrote it (its hash covers it)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
