"""Read views of a client file for the GUI and the CLI: ``ClientRecord`` (the whole profile,
with masked forms and a JSON-ready dict) and the errors for a missing client.

Records are plain frozen dataclasses, detached from the database session, so the GUI can hold
them in models and worker threads can hand them over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.identity import mask_id_number
from rm_desktop.domain.phones import mask_phone
from rm_desktop.domain.tiers import Tier, tier_for
from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import CHANNELS, ID_TYPES
from rm_desktop.services.clients.tiers import contact_due, tier_by_code  # (their home since issue 19.1)

if TYPE_CHECKING:  # only build_record reads the ORM; the command line's list imports the rest
    from sqlalchemy.orm import Session

    from rm_desktop.domain.client_fields import ImportantDateValue
    from rm_desktop.storage.models import Client


class ClientNotFound(UserError):
    def __init__(self, client_id: int):
        super().__init__(t("找不到编号为 {} 的客户", "No client with id {}").format(client_id))
        self.client_id = client_id


@dataclass(frozen=True)
class ClientRecord:
    id: int
    customer_no: str | None
    name: str
    name_pinyin: str | None
    name_initials: str | None
    gender: str | None
    birth_date: dt.date | None
    lunar_birthday: bool
    id_type: str | None
    id_number: str | None
    phones: tuple[str, ...]
    address: str | None
    occupation: str | None
    employer: str | None
    income_band: str | None
    life_stage: str | None
    family: str | None
    interests: str | None
    preferred_channel: str | None
    dnd_hours: str | None
    risk_grade: str | None
    risk_assessed_on: dt.date | None
    risk_expires_on: dt.date | None
    aum: Decimal | None
    tier: str | None
    tier_name: str
    responsible_role: str | None
    tags: tuple[str, ...]
    referrer_client_id: int | None
    referrer_name: str | None
    referrer_staff: str | None
    salutation: str | None
    cadence_days: int | None
    notes: str | None
    important_dates: tuple[ImportantDateValue, ...]
    last_contact_at: dt.datetime | None
    next_follow_up: dt.date | None
    contact_due: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    row_version: int = 1  # what a form sends back as expected_version (domain.errors.StaleEdit)

    @property
    def phone(self) -> str | None:
        return self.phones[0] if self.phones else None

    @property
    def phones_masked(self) -> tuple[str, ...]:
        return tuple(mask_phone(number) for number in self.phones)

    @property
    def phone_masked(self) -> str | None:
        return mask_phone(self.phones[0]) if self.phones else None

    @property
    def id_number_masked(self) -> str | None:
        return mask_id_number(self.id_number) if self.id_number else None

    @property
    def id_type_label(self) -> str:
        return ID_TYPES.label(self.id_type)

    @property
    def preferred_channel_label(self) -> str:
        return CHANNELS.label(self.preferred_channel)

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    def contact_overdue(self, today: dt.date) -> bool:
        return self.contact_due is not None and self.contact_due < today

    def risk_expired(self, today: dt.date) -> bool:
        return self.risk_expires_on is not None and self.risk_expires_on < today

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates ISO, money as exact strings, IDs and phones in full; ``phone`` is
        every number comma-separated (the form ``--set phone=`` takes), ``phones`` the list."""
        data = {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}
        data["phone"] = ",".join(self.phones)
        return data


def jsonable(value: Any) -> Any:
    """A record field as JSON: dates ISO (``date.min``, "due since ever", as null), money as
    exact strings, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return None if value == dt.date.min else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    # A client file's important dates: client_fields (its parsers, ~10 ms) is imported only when
    # something else is asked, not by the client list's first page (issue 19.1).
    from rm_desktop.domain.client_fields import ImportantDateValue

    if isinstance(value, ImportantDateValue):
        return {"label": value.label, "date": value.date.isoformat(), "lunar": value.lunar}
    return value


def build_record(session: Session, client: Client, tiers: tuple[Tier, ...]) -> ClientRecord:
    from sqlalchemy import select

    from rm_desktop.domain.client_fields import ImportantDateValue
    from rm_desktop.storage.models import Client, ImportantDate

    tier = tier_by_code(client.tier, tiers) or tier_for(client.aum, tiers)
    referrer = session.get(Client, client.referrer_client_id) if client.referrer_client_id else None
    dates = session.scalars(
        select(ImportantDate).where(ImportantDate.client_id == client.id).order_by(ImportantDate.date, ImportantDate.id)
    ).all()
    return ClientRecord(
        id=client.id,
        customer_no=client.customer_no,
        name=client.name,
        name_pinyin=client.name_pinyin,
        name_initials=client.name_initials,
        gender=client.gender,
        birth_date=client.birth_date,
        lunar_birthday=bool(client.lunar_birthday),
        id_type=client.id_type,
        id_number=client.id_number,
        phones=tuple(p.number for p in client.phones),
        address=client.address,
        occupation=client.occupation,
        employer=client.employer,
        income_band=client.income_band,
        life_stage=client.life_stage,
        family=client.family,
        interests=client.interests,
        preferred_channel=client.preferred_channel,
        dnd_hours=client.dnd_hours,
        risk_grade=client.risk_grade,
        risk_assessed_on=client.risk_assessed_on,
        risk_expires_on=client.risk_expires_on,
        aum=client.aum,
        tier=client.tier,
        tier_name=tier.name(),
        responsible_role=client.responsible_role,
        tags=tuple(sorted(tag.tag for tag in client.tags)),
        referrer_client_id=client.referrer_client_id,
        referrer_name=referrer.name if referrer else None,
        referrer_staff=client.referrer_staff,
        salutation=client.salutation,
        cadence_days=client.cadence_days,
        notes=client.notes,
        important_dates=tuple(ImportantDateValue(d.label, d.date, d.lunar) for d in dates),
        last_contact_at=client.last_contact_at,
        next_follow_up=client.next_follow_up,
        contact_due=contact_due(client.last_contact_at, client.cadence_days, tier, client.created_at),
        created_at=client.created_at,
        updated_at=client.updated_at,
        deleted_at=client.deleted_at,
        row_version=client.row_version,
    )
