"""Reading and setting a client's consent record. A set is one write transaction: the fields
parsed first (domain/consent), the row written, and the audit entry when the audit log knows
the action (services/audit), so a refused value leaves the record as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.consent import Consent, parse_consent_values
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_consent import ConsentRow

AUDIT_ACTION = "consent_change"
CHUNK = 500


def _consent(row: ConsentRow) -> Consent:
    return Consent(
        marketing=bool(row.marketing),
        given_on=row.given_on,
        given_by=row.given_by,
        channels=tuple(code for code in (row.channels or "").split(",") if code),
        sensitive=bool(row.sensitive),
        sensitive_on=row.sensitive_on,
    )


def consents_of(session: Session, client_ids: Iterable[int]) -> dict[int, Consent]:
    """The records of the given clients that have one (chunked: any number of ids)."""
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))
    found: dict[int, Consent] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.scalars(select(ConsentRow).where(ConsentRow.client_id.in_(ids[start : start + CHUNK])))
        found.update({row.client_id: _consent(row) for row in rows})
    return found


def _dated(consent: Consent, before: Consent | None, raw: Mapping[str, Any], today: dt.date) -> Consent:
    """A yes/no that changed without its day is dated today (the day it was recorded)."""
    changes: dict[str, Any] = {}
    for flag, day in (("marketing", "given_on"), ("sensitive", "sensitive_on")):
        changed = before is None or getattr(before, flag) != getattr(consent, flag)
        if changed and raw.get(day) in (None, "") and (flag == "marketing" or getattr(consent, flag)):
            changes[day] = today
    return replace(consent, **changes)


def get_consent(vault: VaultHandle, client_id: int) -> Consent | None:
    """The client's record, None when none was recorded; ClientNotFound for an unknown id."""
    with vault.sessions() as session:
        if session.get(Client, client_id) is None:
            raise ClientNotFound(client_id)
        row = session.get(ConsentRow, client_id)
        return None if row is None else _consent(row)


def set_consent(
    vault: VaultHandle, client_id: int, raw: Mapping[str, Any], *, now: dt.datetime | None = None
) -> Consent:
    """Set the given fields (domain/consent.CONSENT_FIELDS names; the rest kept). A first record
    must say yes or no to marketing: an empty one would read as consent recorded."""
    with vault.sessions.begin() as session:
        return _set(session, client_id, raw, now or dt.datetime.now())


def set_many(
    vault: VaultHandle, client_ids: Iterable[int], raw: Mapping[str, Any], *, now: dt.datetime | None = None
) -> int:
    """The same fields for several clients (记录同意 for a selection), all or none: one
    transaction, the first refusal rolls every row back. Returns how many were set."""
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))
    with vault.sessions.begin() as session:
        for client_id in ids:
            _set(session, client_id, raw, now or dt.datetime.now())
    return len(ids)


def _set(session: Session, client_id: int, raw: Mapping[str, Any], now: dt.datetime) -> Consent:
    client = session.get(Client, client_id)
    if client is None:
        raise ClientNotFound(client_id)
    if client.deleted_at is not None:
        raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
    row = session.get(ConsentRow, client_id)
    if row is None and raw.get("marketing") in (None, ""):
        raise UserError(
            t("首次记录同意须写明是否同意营销（--marketing 是/否）", "A first consent record needs marketing yes or no")
        )
    before = None if row is None else _consent(row)
    consent = _dated(parse_consent_values(raw, before), before, raw, now.date())
    if row is None:
        row = ConsentRow(client_id=client_id)
        session.add(row)
    row.marketing, row.given_on, row.given_by = consent.marketing, consent.given_on, consent.given_by
    row.channels = ",".join(consent.channels)
    row.sensitive, row.sensitive_on = consent.sensitive, consent.sensitive_on
    fields = sorted(field for field in raw if raw[field] is not None)
    audit_log.record(
        session,
        AUDIT_ACTION,
        object=audit_log.client_object(client_id, client.name),
        counts={"fields": fields},
        now=now,
    )
    return consent
