"""The vault's tables (SQLAlchemy 2 declarative). Schema changes go through Alembic migrations.

Clients are never hard-deleted from the GUI: ``deleted_at`` puts them in the trash. Child rows
(phones, holdings, contacts …) cascade only when a client is purged from the trash.
``last_contact_at`` and ``next_follow_up`` are kept on the client row, updated by the services,
so the list can sort and filter 100k clients without joins.

Search (services/search/query.py) reads three derived columns on the client row, filled by
services/clients/search_columns.py: ``name_pinyin`` / ``name_initials`` (space-separated readings) and
``search_digits`` (phones, ID number, customer number). SQL triggers created by migration 0002
copy them into ``client_keys`` (one row per reading, for prefix look-ups) and the FTS5 trigram
table ``client_search_fts`` (fragment look-ups); a migration that rebuilds ``clients`` must
recreate those triggers (tests/test_migrations.py checks they exist at head).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from rm_desktop.storage.types import Money

# Stable constraint names so batch migrations can find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The Table a mapped class is stored in, for Core statements (``update(table_of(Client))``):
    SQLAlchemy types ``__table__`` as any FromClause, which ``update()`` does not accept."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def row_version_column() -> Mapped[int]:
    """The counter of a row people edit (migration 0006). The mapper's ``version_id_col`` makes
    every ORM UPDATE bump it and compare the old value in its WHERE (StaleDataError if another
    writer got there first); Core UPDATEs bump it themselves. A form keeps the version it read,
    and the service refuses a save against an older one (domain.errors.StaleEdit)."""
    return mapped_column(Integer, default=1, server_default="1")


def versioned_by(column: Any, *, counted: bool = True) -> dict[str, Any]:
    """``__mapper_args__`` for a row version column; ``counted=False`` when the service sets
    the next value itself (plans: the revision number)."""
    return {"version_id_col": column} if counted else {"version_id_col": column, "version_id_generator": False}


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


# The columns of ix_clients_day_facts (revision 0013).
_DAY_FACTS = (
    "last_contact_at",
    "tier",
    "cadence_days",
    "deleted_at",
    "risk_expires_on",
    "birth_date",
    "lunar_birthday",
    "aum",
    "risk_grade",
    "name",
)


class Client(Base):
    __tablename__ = "clients"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[dt.date | None] = mapped_column(Date, index=True)  # the list sorts by it (0012)
    lunar_birthday: Mapped[bool] = mapped_column(Boolean, default=False)
    id_type: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(40), index=True)
    address: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(String(100))
    employer: Mapped[str | None] = mapped_column(String(200))
    income_band: Mapped[str | None] = mapped_column(String(40))
    life_stage: Mapped[str | None] = mapped_column(String(40))
    family: Mapped[str | None] = mapped_column(Text)
    interests: Mapped[str | None] = mapped_column(Text)
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    dnd_hours: Mapped[str | None] = mapped_column(String(40))
    risk_grade: Mapped[str | None] = mapped_column(String(2))
    risk_assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    risk_expires_on: Mapped[dt.date | None] = mapped_column(Date)
    aum: Mapped[Decimal | None] = mapped_column(Money, index=True)
    tier: Mapped[str | None] = mapped_column(String(20), index=True)
    responsible_role: Mapped[str | None] = mapped_column(String(40))
    referrer_client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"))
    referrer_staff: Mapped[str | None] = mapped_column(String(100))
    salutation: Mapped[str | None] = mapped_column(String(40))
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    last_contact_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    next_follow_up: Mapped[dt.date | None] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    name_pinyin: Mapped[str | None] = mapped_column(Text)
    name_initials: Mapped[str | None] = mapped_column(Text)
    search_digits: Mapped[str | None] = mapped_column(Text)
    row_version: Mapped[int] = row_version_column()
    __mapper_args__ = versioned_by(row_version)

    # (column, deleted_at) indexes let a substring scan or a sorted page read the narrow index
    # alone instead of the wide client rows (measured ~4x faster on 100k clients).
    # The contact-state index covers the "contact overdue" filter (cadence by tier or override).
    __table_args__ = (
        Index("ix_clients_name_search", "name", "deleted_at"),
        Index("ix_clients_name_pinyin", "name_pinyin", "deleted_at"),
        Index("ix_clients_contact_state", "last_contact_at", "tier", "cadence_days", "deleted_at"),
        Index("ix_clients_risk_grade", "risk_grade", "deleted_at"),
        # The day's facts (worklist, Today page, insights) without the wide rows (0013).
        Index("ix_clients_day_facts", *_DAY_FACTS),
    )

    phones: Mapped[list[ClientPhone]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientPhone.position"
    )
    tags: Mapped[list[ClientTag]] = relationship(cascade="all, delete-orphan")
    holdings: Mapped[list[Holding]] = relationship(back_populates="client", cascade="all, delete-orphan")
    contacts: Mapped[list[Contact]] = relationship(back_populates="client", cascade="all, delete-orphan")
    important_dates: Mapped[list[ImportantDate]] = relationship(cascade="all, delete-orphan")


class ClientPhone(Base):
    __tablename__ = "client_phones"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    client: Mapped[Client] = relationship(back_populates="phones")


class ClientTag(Base):
    __tablename__ = "client_tags"
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class ClientKey(Base):
    """One pinyin reading (full or initials) of a client's name; filled by SQL triggers."""

    __tablename__ = "client_keys"
    __table_args__ = ({"sqlite_with_rowid": False},)  # a tuple: immutable, and not a ClassVar (mypy)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True, index=True)


class ImportantDate(Base):
    __tablename__ = "important_dates"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(60))
    date: Mapped[dt.date] = mapped_column(Date)
    lunar: Mapped[bool] = mapped_column(Boolean, default=False)


class AumSnapshot(Base):
    __tablename__ = "aum_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    on: Mapped[dt.date] = mapped_column(Date)
    aum: Mapped[Decimal] = mapped_column(Money)

    # Covers "each client's latest snapshot on or before a day" (revision 0008); its client_id
    # prefix serves the foreign key.
    __table_args__ = (Index("ix_aum_snapshots_client_on", "client_id", "on", "aum"),)


class Holding(Base):
    __tablename__ = "holdings"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    product_type: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(40))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    risk: Mapped[str | None] = mapped_column(String(2))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    maturity_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="holding")
    notes: Mapped[str | None] = mapped_column(Text)
    row_version: Mapped[int] = row_version_column()
    __mapper_args__ = versioned_by(row_version)
    client: Mapped[Client] = relationship(back_populates="holdings")

    # Covers the "maturing within N days" filter without reading the holding rows.
    __table_args__ = (
        Index("ix_holdings_maturing", "status", "maturity_date", "client_id"),
        # Held products by maturity with what the reminders show (0013).
        Index(
            "ix_holdings_held_maturities",
            "maturity_date",
            "client_id",
            "amount",
            "name",
            sqlite_where=text("status = 'holding'"),
        ),
    )


class Relationship(Base):
    __tablename__ = "relationships"
    __table_args__ = (UniqueConstraint("client_id", "other_id", "kind", name="uq_relationships_pair"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))


class Contact(Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str | None] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    client: Mapped[Client] = relationship(back_populates="contacts")
    revisions: Mapped[list[ContactRevision]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        Index("ix_contacts_client_at", "client_id", "at"),
        # The open follow-ups alone, with what their reminders show (0013).
        Index(
            "ix_contacts_open_follow_ups",
            "follow_up_date",
            "client_id",
            "next_step",
            "purpose",
            sqlite_where=text("follow_up_done = 0 AND follow_up_date IS NOT NULL"),
        ),
    )


class ContactRevision(Base):
    """The text of a contact record before an edit: editing keeps the earlier text."""

    __tablename__ = "contact_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    snapshot: Mapped[str] = mapped_column(Text)  # JSON of the fields before the edit


class Draft(Base):
    """Unsaved form text, written every few seconds so a crash or a lock loses nothing."""

    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    client_id: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
