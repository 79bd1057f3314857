"""The contact history (往来记录): add, edit (the earlier text is kept as a revision), list,
follow-ups; and the client's ``last_contact_at`` / ``next_follow_up`` kept in step.

Field names (CLI/import): at (ISO date-time, default now), channel (phone/sms/wechat/visit/
meeting/event or 电话/短信/微信/拜访/网点面谈/活动), purpose, content, outcome, next_step,
follow_up_date, follow_up_done.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rm_desktop.domain.client_fields import choice
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import CHANNELS
from rm_desktop.services.clients.records import ClientNotFound, jsonable
from rm_desktop.services.clients.values import (
    ClientValidationError,
    collect,
    is_before,
    parse_bool,
    parse_date,
    parse_datetime,
    text,
)
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Contact, ContactRevision

CONTACT_FIELDS = {
    "at": parse_datetime,
    "channel": choice(CHANNELS),
    "purpose": text(40),
    "content": text(5000, required=True),
    "outcome": text(2000),
    "next_step": text(2000),
    "follow_up_date": parse_date,
    "follow_up_done": parse_bool,
}
_KEPT = ("at", "channel", "purpose", "content", "outcome", "next_step", "follow_up_date", "follow_up_done")


@dataclass(frozen=True)
class ContactRecord:
    id: int
    client_id: int
    at: dt.datetime
    channel: str
    purpose: str | None
    content: str
    outcome: str | None
    next_step: str | None
    follow_up_date: dt.date | None
    follow_up_done: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    revisions: int  # how many earlier versions are kept

    @property
    def channel_label(self) -> str:
        return CHANNELS.label(self.channel)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class ContactRevisionRecord:
    id: int
    contact_id: int
    saved_at: dt.datetime
    fields: dict[str, Any]  # the contact's fields before that edit (dates as ISO text)


class ContactNotFound(UserError):
    def __init__(self, contact_id: int):
        super().__init__(t("找不到编号为 {} 的往来记录", "No contact record with id {}").format(contact_id))


def _record(session: Session, row: Contact, count: int | None = None) -> ContactRecord:
    if count is None:
        count = session.scalar(select(func.count()).where(ContactRevision.contact_id == row.id)) or 0
    return ContactRecord(
        row.id,
        row.client_id,
        row.at,
        row.channel,
        row.purpose,
        row.content,
        row.outcome,
        row.next_step,
        row.follow_up_date,
        bool(row.follow_up_done),
        row.created_at,
        row.updated_at,
        count,
    )


def _validated(values: Mapping[str, Any], before: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    parsed, errors = collect(values, CONTACT_FIELDS)
    merged = {**before, **parsed}
    if (not before and "channel" not in values) or ("channel" in parsed and parsed["channel"] is None):
        errors.setdefault("channel", t("不能为空", "is required"))
    if not before and "content" not in values:
        errors["content"] = t("不能为空", "is required")
    at = merged.get("at")
    if "at" not in errors and at is not None and at.date() > now.date():
        errors["at"] = t("联系时间在未来：{}", "the contact time is in the future: {}").format(at.isoformat(" "))
    if "follow_up_date" not in errors and at is not None and is_before(merged.get("follow_up_date"), at.date()):
        errors["follow_up_date"] = t("跟进日期早于联系日期", "the follow-up date is before the contact date")
    if errors:
        raise ClientValidationError(errors)
    return parsed


def refresh_contact_summary(session: Session, client_id: int) -> None:
    """The client's last contact and earliest open follow-up (overdue ones included)."""
    client = session.get_one(Client, client_id)
    client.last_contact_at = session.scalar(select(func.max(Contact.at)).where(Contact.client_id == client_id))
    client.next_follow_up = session.scalar(
        select(func.min(Contact.follow_up_date)).where(
            Contact.client_id == client_id, Contact.follow_up_done.is_(False), Contact.follow_up_date.is_not(None)
        )
    )


def add_contact(
    vault: VaultHandle, client_id: int, values: Mapping[str, Any], *, now: dt.datetime | None = None
) -> ContactRecord:
    with vault.sessions.begin() as session:
        return add_contact_in(session, client_id, values, now=now)


def add_contact_in(
    session: Session, client_id: int, values: Mapping[str, Any], *, now: dt.datetime | None = None
) -> ContactRecord:
    """:func:`add_contact` inside the caller's transaction (a bulk action logs many in one)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    parsed = _validated(values, {}, now)
    client = session.get(Client, client_id)
    if client is None:
        raise ClientNotFound(client_id)
    if client.deleted_at is not None:
        raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
    parsed["at"] = parsed.get("at") or now
    parsed["follow_up_done"] = bool(parsed.get("follow_up_done"))
    row = Contact(client_id=client_id, created_at=now, updated_at=now, **parsed)
    session.add(row)
    session.flush()
    refresh_contact_summary(session, client_id)
    return _record(session, row)


def _load(session: Session, contact_id: int) -> Contact:
    row = session.get(Contact, contact_id)
    if row is None:
        raise ContactNotFound(contact_id)
    return row


def _snapshot(row: Contact) -> dict[str, Any]:
    return {key: getattr(row, key) for key in _KEPT}


def edit_contact(
    vault: VaultHandle, contact_id: int, values: Mapping[str, Any], *, now: dt.datetime | None = None
) -> ContactRecord:
    """Change the given fields; the record as it was is kept in contact_revisions first."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with vault.sessions.begin() as session:
        row = _load(session, contact_id)
        before = _snapshot(row)
        parsed = _validated(values, before, now)
        if "at" in parsed and parsed["at"] is None:
            parsed["at"] = before["at"]  # a contact always has a time
        changed = {key: value for key, value in parsed.items() if value != before[key]}
        if changed:
            session.add(
                ContactRevision(
                    contact_id=row.id, saved_at=now, snapshot=json.dumps(before, ensure_ascii=False, default=_iso)
                )
            )
            for key, value in changed.items():
                setattr(row, key, value)
            row.updated_at = now
            session.flush()
            refresh_contact_summary(session, row.client_id)
        return _record(session, row)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def set_follow_up_done(vault: VaultHandle, contact_id: int, done: bool = True) -> ContactRecord:
    """Close (or reopen) a contact's follow-up; the client's next follow-up moves on."""
    with vault.sessions.begin() as session:
        return set_follow_up_done_in(session, contact_id, done)


def set_follow_up_done_in(session: Session, contact_id: int, done: bool = True) -> ContactRecord:
    """:func:`set_follow_up_done` inside the caller's transaction."""
    row = _load(session, contact_id)
    row.follow_up_done = done
    session.flush()
    refresh_contact_summary(session, row.client_id)
    return _record(session, row)


def list_contacts(vault: VaultHandle, client_id: int) -> list[ContactRecord]:
    """The client's contact timeline, newest first."""
    with vault.sessions() as session:
        rows = session.scalars(
            select(Contact).where(Contact.client_id == client_id).order_by(Contact.at.desc(), Contact.id.desc())
        ).all()
        counts = dict(
            session.execute(
                select(ContactRevision.contact_id, func.count())
                .join(Contact, Contact.id == ContactRevision.contact_id)
                .where(Contact.client_id == client_id)
                .group_by(ContactRevision.contact_id)
            ).all()
        )
        return [_record(session, row, counts.get(row.id, 0)) for row in rows]


def contact_revisions(vault: VaultHandle, contact_id: int) -> list[ContactRevisionRecord]:
    """Earlier versions of a contact record, oldest first."""
    with vault.sessions() as session:
        _load(session, contact_id)
        rows = session.scalars(
            select(ContactRevision)
            .where(ContactRevision.contact_id == contact_id)
            .order_by(ContactRevision.saved_at, ContactRevision.id)
        ).all()
        return [ContactRevisionRecord(r.id, r.contact_id, r.saved_at, json.loads(r.snapshot)) for r in rows]
