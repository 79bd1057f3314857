"""Creating and updating client files, and the trash (delete, restore, purge).

A save parses every given field, runs the checks across fields and against the database, and
raises one ``ClientValidationError`` with all problems, or stores everything in one
transaction: nothing is ever half-saved. Field names are those of client_fields.CLIENT_FIELDS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rm_desktop.domain.client_fields import ImportantDateValue, check_dates, check_identity
from rm_desktop.domain.errors import UserError, check_version
from rm_desktop.domain.search_keys import search_columns
from rm_desktop.domain.tiers import tier_for
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.clients.fields import PARSERS
from rm_desktop.services.clients.records import ClientNotFound, ClientRecord, build_record
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.clients.values import ClientValidationError, collect
from rm_desktop.storage.models import AumSnapshot, Client, ClientPhone, ClientTag, Draft, ImportantDate

LIST_FIELDS = ("phone", "tags", "important_dates")
SCALAR_FIELDS = tuple(key for key in PARSERS if key not in LIST_FIELDS)
_IDENTITY_FIELDS = {"id_type", "id_number", "birth_date", "gender"}
_SEARCHED_FIELDS = {"name", "phone", "id_number", "customer_no", "id_type"}


def get_client(vault, client_id: int) -> ClientRecord:
    with vault.sessions() as session:
        return build_record(session, _load(session, client_id), current_tiers(vault.settings))


def create_client(vault, values: Mapping[str, Any], *, today: dt.date | None = None) -> ClientRecord:
    """A new client from field values (name required); ClientValidationError lists every problem."""
    return _save(vault, None, values, today or dt.date.today())


def update_client(
    vault,
    client_id: int,
    values: Mapping[str, Any],
    *,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> ClientRecord:
    """Change the given fields only; an empty value clears a field (the name cannot be cleared).
    ``phone``, ``tags`` and ``important_dates`` replace the whole list when given.

    ``expected_version`` is the ``row_version`` the caller's form read: when the client has
    changed since and a given field would store something other than what is stored now,
    StaleEdit lists those fields (mine, theirs) and nothing is stored."""
    return _save(vault, client_id, values, today or dt.date.today(), expected_version)


def _load(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ClientNotFound(client_id)
    return client


def _current_values(client: Client) -> dict[str, Any]:
    values = {key: getattr(client, key) for key in SCALAR_FIELDS}
    values["phone"] = [p.number for p in client.phones]
    return values


def _comparable(client: Client, before: dict[str, Any], parsed: Mapping[str, Any]) -> tuple[dict, dict]:
    """(mine, theirs) for the stale check: lists in a stable order, since the stored tags are
    sorted and a re-ordered list is no change worth a conflict."""
    theirs = {**before, "tags": sorted(tag.tag for tag in client.tags)}
    theirs["important_dates"] = sorted(
        (ImportantDateValue(d.label, d.date, bool(d.lunar)) for d in client.important_dates), key=_date_key
    )
    mine = dict(parsed)
    if "tags" in mine:
        mine["tags"] = sorted(mine["tags"] or [])
    if "important_dates" in mine:
        mine["important_dates"] = sorted(mine["important_dates"] or [], key=_date_key)
    return mine, theirs


def stale_base(record: ClientRecord) -> dict[str, Any]:
    """The values of a record as a form read them, in the form StaleEdit's values take: a
    conflicting field whose stored value still equals this one was changed by the form alone."""
    base: dict[str, Any] = {key: getattr(record, key) for key in SCALAR_FIELDS}
    base["phone"] = list(record.phones)
    base["tags"] = sorted(record.tags)
    base["important_dates"] = sorted(record.important_dates, key=_date_key)
    return base


def _date_key(value: ImportantDateValue) -> tuple:
    return (value.date, value.label, value.lunar)


def _save(
    vault, client_id: int | None, values: Mapping[str, Any], today: dt.date, expected_version: int | None = None
) -> ClientRecord:
    tiers = current_tiers(vault.settings)
    parsed, errors = collect(values, PARSERS)
    given = set(values)
    try:
        with vault.sessions.begin() as session:
            client = _load(session, client_id) if client_id is not None else None
            if client is not None and client.deleted_at is not None:
                raise UserError(t("该客户在回收站中，请先恢复", "This client is in the trash; restore it first"))
            before = _current_values(client) if client else {}
            if client is not None and expected_version is not None and not errors:
                check_version(client.id, expected_version, client.row_version, *_comparable(client, before, parsed))
            merged = {**before, **parsed}
            if client is None and "name" not in given:
                errors["name"] = t("不能为空", "is required")
            if client is None or given & _IDENTITY_FIELDS:
                check_identity(merged, given, errors)
            check_dates(merged, errors)
            if "customer_no" in parsed:
                _check_customer_no(session, merged["customer_no"], client_id, errors)
            if parsed.get("referrer_client_id") is not None:
                _check_referrer(session, merged["referrer_client_id"], client_id, errors)
            if errors:
                raise ClientValidationError(errors)
            if client is None:
                client = Client(name=merged["name"], lunar_birthday=False)
                session.add(client)
            _apply(session, client, merged, given, before, today, tiers)
            if client_id is not None:
                # Tags and important dates are child rows: changing only them would not UPDATE
                # the client row, so the version is bumped by hand (the UPDATE still checks it).
                client.row_version = client.row_version + 1
            session.flush()
            return build_record(session, client, tiers)
    except IntegrityError as exc:
        if "customer_no" not in str(exc.orig):
            raise
        # Two saves racing for one customer number: the pre-check above missed the other one.
        raise ClientValidationError({"customer_no": _duplicate_message(parsed.get("customer_no"))}) from None


def _apply(
    session: Session,
    client: Client,
    merged: dict[str, Any],
    given: set[str],
    before: dict[str, Any],
    today: dt.date,
    tiers,
) -> None:
    for key in SCALAR_FIELDS:
        if key in merged:  # given values, plus what check_identity filled in or normalised
            setattr(client, key, merged[key])
    client.lunar_birthday = bool(client.lunar_birthday)
    if "phone" in given:
        client.phones = [ClientPhone(number=number, position=i) for i, number in enumerate(merged["phone"])]
    if "tags" in given:
        _replace_tags(client, merged["tags"])
    if "important_dates" in given:
        client.important_dates = [
            ImportantDate(label=d.label, date=d.date, lunar=d.lunar) for d in merged["important_dates"]
        ]
    client.tier = tier_for(client.aum, tiers).code
    if not before or given & _SEARCHED_FIELDS:
        for key, value in search_columns(
            client.name, merged.get("phone", []), client.id_number, client.customer_no
        ).items():
            setattr(client, key, value)
    if "aum" in given and client.aum is not None and client.aum != before.get("aum"):
        session.flush()  # a new client needs its id for the snapshot
        _snapshot_aum(session, client, client.aum, today)


def _replace_tags(client: Client, tags: list[str]) -> None:
    # Keep the rows of tags that stay: deleting and re-inserting the same (client, tag) key in
    # one flush would collide on the primary key.
    wanted = set(tags)
    client.tags = [row for row in client.tags if row.tag in wanted]
    have = {row.tag for row in client.tags}
    client.tags.extend(ClientTag(tag=tag) for tag in tags if tag not in have)


def _snapshot_aum(session: Session, client: Client, aum: Decimal, today: dt.date) -> None:
    """One snapshot per day: a second change on the same day corrects that day's figure."""
    row = session.scalars(
        select(AumSnapshot).where(AumSnapshot.client_id == client.id, AumSnapshot.on == today)
    ).first()
    if row is None:
        session.add(AumSnapshot(client_id=client.id, on=today, aum=aum))
    else:
        row.aum = aum


def _duplicate_message(customer_no: str | None) -> str:
    return t("客户号 {} 已被其他客户使用", "customer number {} is already used by another client").format(customer_no)


def _check_customer_no(session: Session, customer_no: str | None, client_id: int | None, errors: dict) -> None:
    if customer_no is None:
        return
    other = session.execute(select(Client.id, Client.name).where(Client.customer_no == customer_no)).first()
    if other is not None and other.id != client_id:
        errors["customer_no"] = t(
            "客户号 {} 已被 {}（编号 {}）使用", "customer number {} is already used by {} (id {})"
        ).format(customer_no, other.name, other.id)


def _check_referrer(session: Session, referrer_id: int, client_id: int | None, errors: dict) -> None:
    if referrer_id == client_id:
        errors["referrer_client_id"] = t("推荐人不能是客户本人", "a client cannot refer themselves")
    elif session.get(Client, referrer_id) is None:
        errors["referrer_client_id"] = t("没有编号为 {} 的客户", "no client with id {}").format(referrer_id)


def aum_history(vault, client_id: int) -> list[tuple[dt.date, Any]]:
    """(date, AUM in 元) snapshots, oldest first."""
    with vault.sessions() as session:
        rows = session.execute(
            select(AumSnapshot.on, AumSnapshot.aum).where(AumSnapshot.client_id == client_id).order_by(AumSnapshot.on)
        ).all()
    return [(row.on, row.aum) for row in rows]


def trash_client(vault, client_id: int, *, now: dt.datetime | None = None) -> None:
    """Move to the trash: hidden from lists and search, everything kept for restore_client."""
    with vault.sessions.begin() as session:
        client = _load(session, client_id)
        if client.deleted_at is None:
            client.deleted_at = (now or dt.datetime.now()).replace(microsecond=0)
            audit_log.record(
                session, "client_trash", object=audit_log.client_object(client_id, client.name), counts={"clients": 1}
            )


def restore_client(vault, client_id: int) -> None:
    with vault.sessions.begin() as session:
        client = _load(session, client_id)
        client.deleted_at = None
        audit_log.record(
            session, "client_restore", object=audit_log.client_object(client_id, client.name), counts={"clients": 1}
        )


def purge_client(vault, client_id: int) -> None:
    """Delete a client in the trash for good, with every child row (phones, holdings, contacts,
    relationships …) by ON DELETE CASCADE; the client's drafts go too."""
    with vault.sessions.begin() as session:
        client = _load(session, client_id)
        if client.deleted_at is None:
            raise UserError(t("只能彻底删除回收站中的客户", "Only a client in the trash can be deleted for good"))
        session.execute(delete(Draft).where(Draft.client_id == client_id))
        # Counts only: the deleted client's data never goes into the log (not even the masked name).
        audit_log.record(session, "trash_empty", object=f"client:{int(client_id)}", counts={"clients": 1})
        # Core DELETE so that the database's cascades do the work (the ORM would load every child).
        session.execute(delete(Client).where(Client.id == client_id))
        session.expunge_all()
