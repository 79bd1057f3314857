"""Storing a checked import in ONE transaction: every accepted row lands, or none does.

New clients go through storage/bulk (explicit ids, search columns filled here, the FTS insert
trigger paused and the plain indexes built after: ``loading_new_clients``); updates are grouped by the set of changed columns and
sent as executemany. Cancelling (the progress callback returns False) or any failure rolls
everything back, the paused trigger included (DDL is transactional in SQLite).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.exc import SQLAlchemyError

from rm_desktop.domain.errors import UserError, import_cancelled
from rm_desktop.domain.pinyin import name_search_keys
from rm_desktop.domain.search_keys import digits_text
from rm_desktop.domain.tiers import tier_for
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.clients.search_columns import loading_new_clients, reindex_clients
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.exchange.children import Children
from rm_desktop.services.exchange.importing import MERGE, NEW, UPDATE, ImportPreview, Progress
from rm_desktop.services.exchange.matching import WRITTEN
from rm_desktop.storage import bulk
from rm_desktop.storage.db import writer
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import AumSnapshot, Client, ClientPhone, ClientTag, table_of

_ROW_FIELDS = WRITTEN  # client-row fields an import may set (phones and tags are child rows)
STEP = 5000


@dataclass
class ImportSummary:
    read: int = 0
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    holdings: int = 0
    contacts: int = 0
    relations: int = 0
    plans: int = 0
    appointments: int = 0
    opportunities: int = 0
    referrals: int = 0
    complaints: int = 0
    events: int = 0
    invitations: int = 0
    playbook_runs: int = 0
    consents: int = 0  # consent records written (services/exchange/consent_sheets: the later date wins)
    audit_received: int = 0  # a handover's audit entries stored as received (services/exchange/audit_sheets)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    client_ids: dict[int, int] = field(default_factory=dict)  # archive id → id in this vault

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data.pop("client_ids")
        return data


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, str]:
    """Pinyin readings per distinct name: client lists repeat names a lot, and the readings
    are the costliest part of a new client row (the name part of search_columns)."""
    return name_search_keys(name)


def _flat(row) -> dict[str, Any]:
    values = {**row.result.values, **row.extras}
    return {key: values[key] for key in _ROW_FIELDS if values.get(key) not in (None, "")}


@gc_paused()  # the preview's rows and the insert batches stay alive: see services/batch
def run_import(
    vault: VaultHandle,
    preview: ImportPreview,
    decisions: dict[int, str] | None = None,
    progress: Progress | None = None,
    *,
    today: dt.date | None = None,
    audit_action: str = "import",
    audit_counts: dict[str, Any] | None = None,
    also: Callable[[Connection, ImportSummary], None] | None = None,
) -> ImportSummary:
    """Store ``preview``; ``decisions`` overrides the decision of rows by row number. Its audit
    entry (``audit_action``: import, or handover_in) is written in the same transaction, and
    so is ``also`` (a handover's received audit entries)."""
    decisions = decisions or {}
    today = today or dt.date.today()
    now = dt.datetime.now().replace(microsecond=0)
    tiers = current_tiers(vault.settings)
    counts = preview.counts()
    summary = ImportSummary(
        read=counts["read"], rejected=counts["rejected"], rejects=preview.rejects(), conflicts=preview.conflicts()
    )
    chosen = [(row, decisions.get(row.result.row_number, row.decision)) for row in preview.rows if row.status == "ok"]
    total = len(chosen) + len(preview.children.holdings) + len(preview.children.contacts)

    def tick(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise import_cancelled()

    summary.skipped = counts["skipped"] + sum(1 for _, d in chosen if d not in (NEW, UPDATE, MERGE))
    try:
        with writer(vault.engine).begin() as conn:
            new_rows = [r for r, d in chosen if d == NEW]
            with loading_new_clients(conn, len(new_rows)):
                tick(0)
                _insert_new(conn, new_rows, tiers, now, today, summary, tick)
            _apply_updates(conn, [(r, d) for r, d in chosen if d in (UPDATE, MERGE)], tiers, now, today, summary)
            tick(len(chosen))
            _write_children(conn, preview.children, summary, now, lambda n: tick(len(chosen) + n))
            if also is not None:
                also(conn, summary)
            audit_log.record(conn, audit_action, counts={**_audit_counts(preview, summary), **(audit_counts or {})})
            tick(total)
    except (UserError, KeyboardInterrupt):
        raise
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc  # the driver's error, for the DBAPI errors that wrap one
        raise UserError(
            t("导入失败，客户档案未做任何改动：{}", "import failed, the vault was not changed: {}").format(
                type(cause).__name__ + ": " + str(cause).splitlines()[0]
            )
        ) from None
    return summary


def _write_children(conn, children: Children, summary: ImportSummary, now: dt.datetime, tick) -> None:
    """The archive's child sheets, in the order their links need (contacts before invitations).
    Each writer does nothing without rows of its own; a plain client list has none at all, so
    the writers (~0.1 s of imports: plans, sales, complaints, events) are not even loaded."""
    if not any(getattr(children, f.name) for f in fields(children) if f.name != "rejected"):
        return
    from rm_desktop.services.exchange import (
        children_write,
        complaint_sheets,
        consent_sheets,
        event_sheets,
        sales_sheets,
    )

    children_write.write_children(conn, children, summary, now, tick)
    sales_sheets.write_sales(conn, children, summary)
    complaint_sheets.write_complaints(conn, children, summary)
    event_sheets.write_events(conn, children, summary)
    consent_sheets.write_consents(conn, children, summary)


def _audit_counts(preview: ImportPreview, summary: ImportSummary) -> dict[str, Any]:
    """One entry per import, never per row: clients written, rows read, the mapped fields."""
    return {
        "clients": summary.imported + summary.updated,
        "rows": summary.read,
        "fields": [f for f in preview.columns.columns if audit_log.is_code(f)],
        "file": preview.file_name,
    }


# A new client row as values in this order (no dict per row: bulk.insert_values).
_NEW_KEYS = (*_ROW_FIELDS, "id", "tier", "created_at", "updated_at", "name_pinyin", "name_initials", "search_digits")
_LUNAR, _AUM, _NAME, _ID_NUMBER, _CUSTOMER_NO = (
    _ROW_FIELDS.index(key) for key in ("lunar_birthday", "aum", "name", "id_number", "customer_no")
)


def _insert_new(conn, rows, tiers, now, today, summary: ImportSummary, tick) -> None:
    next_id = bulk.next_id(conn, Client.__table__)
    for start in range(0, len(rows), STEP):
        clients, phones, tags, snapshots = [], [], [], []
        for row in rows[start : start + STEP]:
            cid, next_id = next_id, next_id + 1
            given = {**row.result.values, **row.extras} if row.extras else row.result.values
            client: list[Any] = list(map(given.get, _ROW_FIELDS))
            if "" in client:  # _flat's rule: an empty value ("" or None) is no value
                client = [None if v == "" else v for v in client]
            client[_LUNAR] = bool(client[_LUNAR])
            aum = client[_AUM]
            numbers = _phones(row)
            full, initials = _name_keys(client[_NAME] or "")  # (an imported row always has a name)
            digits = digits_text(numbers, client[_ID_NUMBER], client[_CUSTOMER_NO])
            client += (cid, tier_for(aum, tiers).code, now, now, full, initials, digits)
            clients.append(client)
            phones += [(cid, number, None, i) for i, number in enumerate(numbers)]
            tags += [(cid, tag) for tag in row.result.values.get("tags", ())]
            if aum is not None:
                snapshots.append((cid, today, aum))
            if row.archive_id is not None:
                summary.client_ids[row.archive_id] = cid
        bulk.insert_values(conn, Client, _NEW_KEYS, clients)
        bulk.insert_values(conn, ClientPhone, ("client_id", "number", "label", "position"), phones)
        bulk.insert_values(conn, ClientTag, ("client_id", "tag"), tags)
        bulk.insert_values(conn, AumSnapshot, ("client_id", "on", "aum"), snapshots)
        summary.imported += len(clients)
        tick(start + len(clients))


def _phones(row) -> list[str]:
    """The row's phone column (its first number, then any others it held), then the archive's
    其他电话 column, each number once."""
    values = row.result.values
    first = values.get("phone")
    listed = ([first] if first else []) + list(values.get("other_phones", ())) + list(row.extras.get("phones", ()))
    return list(dict.fromkeys(listed))


def _apply_updates(conn, rows, tiers, now, today, summary: ImportSummary) -> None:
    """Update: the file's non-empty values win. Merge: only the vault's empty fields are filled."""
    if not rows:
        return
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    snapshots, new_phones, new_tags = [], [], []
    conflicted = {(r.match_id, name) for r, _ in rows for name, _, _ in r.conflicts}
    phones_of: dict[int, list[str]] = defaultdict(list)
    ids = [r.match_id for r, _ in rows]
    for start in range(0, len(ids), 900):
        for cid, number in conn.execute(
            select(ClientPhone.client_id, ClientPhone.number).where(ClientPhone.client_id.in_(ids[start : start + 900]))
        ):
            phones_of[cid].append(number)
    for row, decision in rows:
        cid = row.match_id
        values = _flat(row)
        if decision == MERGE:
            values = {k: v for k, v in values.items() if (cid, k) not in conflicted}
        if "aum" in values:
            values["tier"] = tier_for(values["aum"], tiers).code
            snapshots.append({"client_id": cid, "on": today, "aum": values["aum"]})
        values["updated_at"] = now
        groups[tuple(sorted(values))].append({**{"v_" + k: v for k, v in values.items()}, "_cid": cid})
        for number in _phones(row):
            if number not in phones_of[cid]:
                phones_of[cid].append(number)
                new_phones.append(
                    {"client_id": cid, "number": number, "label": None, "position": len(phones_of[cid]) - 1}
                )
        new_tags += [{"client_id": cid, "tag": tag} for tag in row.result.values.get("tags", ())]
        if row.archive_id is not None:
            summary.client_ids[row.archive_id] = cid
    table = table_of(Client)
    for keys, params in groups.items():
        # The row version goes up as in an ORM save, so a form opened before the import is stale.
        changes: dict[str, Any] = {k: bindparam("v_" + k) for k in keys}
        changes["row_version"] = table.c.row_version + 1
        stmt = update(table).where(table.c.id == bindparam("_cid")).values(changes)
        conn.execute(stmt, params)
    bulk.insert_rows(conn, ClientPhone, new_phones)
    if new_tags:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO client_tags (client_id, tag) VALUES (?, ?)",
            [(tag["client_id"], tag["tag"]) for tag in new_tags],
        )
    bulk.insert_rows(conn, AumSnapshot, snapshots)
    reindex_clients(conn, sorted(set(ids)))
    summary.updated += len(rows)
