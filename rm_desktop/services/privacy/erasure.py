"""Anonymising and deleting clients (issue 18.5), each batch in one transaction with one audit
entry that counts what went (never the data itself, nor the masked name).

Anonymising keeps the client as a row of figures: AUM, tier, risk grade, holdings' amounts and
dates, contacts' channels and times, so the book's totals and history counts stay right. What
could name the person goes:

- the profile's name becomes its pinyin initials (欧阳明月 → O.Y.M.Y.); customer number, ID,
  address, birthday, occupation, employer, family, interests, salutation and notes are emptied;
  phones, important dates, tags and drafts are deleted (the tag 已匿名化 marks the row);
- every free-text (TEXT) column of every row tied to the client (contacts, holdings' notes,
  complaints and their steps, opportunities, referrals, appointments, reminders, invitations,
  playbooks, and any table a later feature adds) is emptied, and appointments' and reminders'
  titles become their kind; plans and their versions are deleted (their content is the person's
  finances in words);
- the search columns are recomputed, so ``client_keys`` and the FTS table hold only the initials,
  and the FTS index is optimised so no old segment keeps the phone or ID fragments;
- finally the name (two characters or more), ID number, customer number and phones are replaced
  wherever else they were typed in any text column of any table (another client's notes, a day
  log, a setting), with SQLite's secure_delete on so freed pages are zeroed. The audit log is
  left as it is: it never held more than the first character of a name (services/audit/log).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, String, Table, Text, delete, func, or_, select, text, update

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.domain.pinyin import client_initials
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.clients.search_columns import reindex_clients
from rm_desktop.services.privacy.person_data import DERIVED_COLUMNS, SKIPPED_TABLES, load_all_models
from rm_desktop.services.privacy.retention import ANONYMISED_TAG
from rm_desktop.storage.db import writer
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Base

Progress = Callable[[int, int], "bool | None"]
_PROFILE_EMPTIED = (
    "customer_no", "id_type", "id_number", "address", "birth_date", "occupation", "employer", "income_band",
    "family", "interests", "salutation", "notes", "referrer_staff", "dnd_hours",
)  # fmt: skip
_DELETED = ("client_phones", "important_dates", "client_tags", "plans", "drafts", "contact_revisions")
_TITLES = {"appointments": ("title", "约见"), "custom_reminders": ("title", "提醒")}
_NOT_SWEPT = frozenset({"audit_log", "audit_received", "alembic_version", "client_keys"})
# Another person's own identifiers may equal the secret (a shared landline, a namesake): kept.
_NOT_SWEPT_COLUMNS = frozenset(
    {"clients.name", "clients.id_number", "clients.customer_no", "client_phones.number"}
    | {f"clients.{c}" for c in DERIVED_COLUMNS}
)
_CHUNK = 40  # secrets per statement (the nested replace() is compiled recursively)


def _tied_tables() -> list[tuple[Table, Any]]:
    """(table, a WHERE over client ids) for every table whose rows belong to a client, and
    (child, WHERE over its parent's ids) one level down."""
    load_all_models()
    found: list[tuple[Table, Any]] = []
    direct: dict[str, Table] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in SKIPPED_TABLES or table.name == "clients":
            continue
        cols = [fk.parent for fk in table.foreign_keys if fk.column.table.name == "clients"]
        if not cols and "client_id" in table.c:
            cols = [table.c.client_id]
        if cols:
            direct[table.name] = table
            found.append((table, lambda ids, cols=cols: or_(*(c.in_(ids) for c in cols))))
    for table in Base.metadata.sorted_tables:
        if table.name in direct or table.name in SKIPPED_TABLES or table.name == "clients":
            continue
        for fk in table.foreign_keys:
            parent = direct.get(fk.column.table.name)
            if parent is not None and "client_id" in parent.c:
                found.append((table, lambda ids, col=fk.parent, p=parent, to=fk.column: col.in_(
                    select(to).where(p.c.client_id.in_(ids))
                )))  # fmt: skip
                break
    return found


def _secrets(conn: Connection, ids: Sequence[int]) -> tuple[list[tuple[str, str]], dict[int, str]]:
    clients = Base.metadata.tables["clients"]
    phones = Base.metadata.tables["client_phones"]
    pairs: list[tuple[str, str]] = []
    names: dict[int, str] = {}
    for cid, name, id_number, customer_no in conn.execute(
        select(clients.c.id, clients.c.name, clients.c.id_number, clients.c.customer_no).where(clients.c.id.in_(ids))
    ):
        names[cid] = name or ""
        initials = client_initials(name or "")
        if name and len(name.strip()) >= 2 and not _namesake(conn, name.strip(), ids):
            pairs.append((name.strip(), initials))
        for value in (id_number, customer_no):
            if value and len(value) >= 4:
                pairs.append((value, "****"))
    for (number,) in conn.execute(select(phones.c.number).where(phones.c.client_id.in_(ids))):
        if number and len(number) >= 4:
            pairs.append((number, "****"))
    # Longest first: a phone inside an ID number is not replaced before the ID is.
    return sorted(set(pairs), key=lambda p: -len(p[0])), names


def _namesake(conn: Connection, name: str, ids: Sequence[int]) -> bool:
    """Another client has this name: it stays in the text that may be about them."""
    clients = Base.metadata.tables["clients"]
    query = select(clients.c.id).where(clients.c.name == name, clients.c.id.not_in(ids)).limit(1)
    return conn.execute(query).first() is not None


def _empty(column) -> Any:
    return None if column.nullable else ""


def _strip_tied(conn: Connection, ids: Sequence[int]) -> int:
    rows = 0
    for table, where in _tied_tables():
        if table.name in _DELETED:
            rows += conn.execute(delete(table).where(where(ids))).rowcount
            continue
        values: dict[str, Any] = {c.name: _empty(c) for c in table.c if isinstance(c.type, Text)}
        if table.name in _TITLES:
            column, kind = _TITLES[table.name]
            values[column] = kind
        if "location" in table.c:
            values["location"] = None
        if "referrer_name" in table.c:
            values["referrer_name"] = None
        if values:
            rows += conn.execute(update(table).where(where(ids)).values(**values)).rowcount
    return rows


def _sweep(conn: Connection, pairs: Sequence[tuple[str, str]]) -> None:
    """Replace each secret wherever else it was typed: one UPDATE per text column per chunk of
    secrets (SQLite caps an expression's depth at 1000: the chunk bounds the replace() nesting
    and the OR of the WHERE)."""
    for table in Base.metadata.sorted_tables:
        if table.name in _NOT_SWEPT:
            continue
        for column in table.c:
            if not isinstance(column.type, String | Text) or f"{table.name}.{column.name}" in _NOT_SWEPT_COLUMNS:
                continue
            for start in range(0, len(pairs), _CHUNK):
                part = pairs[start : start + _CHUNK]
                expr: Any = column
                for secret, mask in part:
                    expr = func.replace(expr, secret, mask)
                hits = or_(*(column.contains(secret, autoescape=True) for secret, _ in part))
                conn.execute(update(table).where(column.is_not(None), hits).values({column.name: expr}))


def _secure_delete(conn: Connection, on: bool) -> None:
    """Freed pages zeroed while the rows go (a per-connection switch, outside a transaction)."""
    conn.exec_driver_sql(f"PRAGMA secure_delete = {'ON' if on else 'OFF'}")
    conn.commit()


def _live_ids(conn: Connection, ids: Iterable[int]) -> list[int]:
    clients = Base.metadata.tables["clients"]
    wanted = sorted({int(i) for i in ids})
    found = set(conn.execute(select(clients.c.id).where(clients.c.id.in_(wanted))).scalars())
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UserError(t("没有编号为 {} 的客户", "no client with id {}").format(", ".join(map(str, missing))))
    return wanted


def anonymise(vault: VaultHandle, client_ids: Iterable[int], today: dt.date, progress: Progress | None = None) -> dict:
    """Anonymise the clients in one transaction; returns the counts the audit entry holds."""
    load_all_models()
    clients = Base.metadata.tables["clients"]
    tags = Base.metadata.tables["client_tags"]
    with writer(vault.engine).connect() as conn:
        _secure_delete(conn, True)
        try:
            with conn.begin():
                ids = _live_ids(conn, client_ids)
                pairs, names = _secrets(conn, ids)
                rows = _strip_tied(conn, ids)
                for done, cid in enumerate(ids, 1):
                    conn.execute(
                        update(clients)
                        .where(clients.c.id == cid)
                        .values(
                            name=client_initials(names[cid]),
                            lunar_birthday=False,
                            updated_at=dt.datetime.combine(today, dt.time()),
                            row_version=clients.c.row_version + 1,
                            **dict.fromkeys(_PROFILE_EMPTIED),
                        )
                    )
                    if progress is not None and progress(done, len(ids)) is False:
                        raise Cancelled(t("已取消：没有客户被匿名化", "cancelled: no client was anonymised"))
                conn.execute(tags.insert(), [{"client_id": cid, "tag": ANONYMISED_TAG} for cid in ids])
                reindex_clients(conn, ids)
                conn.execute(text("INSERT INTO client_search_fts(client_search_fts) VALUES ('optimize')"))
                _sweep(conn, pairs)
                counts = {"clients": len(ids), "rows": rows}
                audit_log.record(conn, "anonymise", counts=counts)
        finally:
            _secure_delete(conn, False)
    return counts


def delete_clients(
    vault: VaultHandle,
    client_ids: Iterable[int],
    today: dt.date,
    *,
    action: str = "retention_delete",
    sweep: bool = True,
) -> dict:
    """Delete the clients for good, every child row by ON DELETE CASCADE, their drafts too; the
    same sweep of their name, ID and phones elsewhere as anonymising. ``action``: the audit code
    (the trash emptied by its age is ``trash_auto_empty``). ``sweep`` False skips the search for
    the name elsewhere: the trash emptied at unlock does what 彻底删除 in the trash does, and a
    whole-vault scan per unlock would slow every start of a large book."""
    load_all_models()
    clients = Base.metadata.tables["clients"]
    drafts = Base.metadata.tables["drafts"]
    with writer(vault.engine).connect() as conn:
        _secure_delete(conn, True)
        try:
            with conn.begin():
                ids = _live_ids(conn, client_ids)
                pairs, _names = _secrets(conn, ids)
                rows = conn.execute(delete(drafts).where(drafts.c.client_id.in_(ids))).rowcount
                rows += conn.execute(delete(clients).where(clients.c.id.in_(ids))).rowcount
                conn.execute(text("INSERT INTO client_search_fts(client_search_fts) VALUES ('optimize')"))
                if sweep:
                    _sweep(conn, pairs)
                counts = {"clients": len(ids), "rows": rows}
                audit_log.record(conn, action, counts=counts)
        finally:
            _secure_delete(conn, False)
    return counts
