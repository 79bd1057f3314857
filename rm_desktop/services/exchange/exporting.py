"""Exporting the book: the full archive workbook and any filtered client list.

Everything is written with openpyxl's write-only mode through io/xlsx_safe: strings are text
cells (never formulas), a leading = + - @ is neutralised, IDs, phones and customer numbers are
text. The archive's layout (exchange_layout) is what the importer reads back, so importing an
archive into an empty vault reproduces its clients, holdings and contacts.

The workbook is built in memory (:func:`archive_bytes`) so the handover can encrypt it before
anything reaches the disk; the plain exports are then written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select

from rm_desktop.domain.errors import export_cancelled
from rm_desktop.i18n import t
from rm_desktop.io.xlsx_safe import book_bytes, discard_book, new_book, write_rows
from rm_desktop.services.clients.choices import ID_TYPES
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, ClientPhone, ClientTag, Contact, Holding, Relationship
from rm_desktop.storage.models_plans import Plan, PlanRevision
from rm_desktop.storage.models_reminders import Appointment
from rm_desktop.storage.models_scripts import ScriptTemplateRow

Progress = Callable[[int, int], "bool | None"]
_ID_TYPE_ZH = {choice.code: choice.zh for choice in ID_TYPES.choices}
_CHUNK = 900  # SQLite's bound-parameter limit, with room to spare


def _yes_no(value: bool | None) -> str:
    return "是" if value else "否"


def add_sheet(book: Workbook, title: str, columns: Sequence[lay.Column], rows: Iterable[Sequence[Any]]) -> None:
    sheet = book.create_sheet(title)
    write_rows(sheet, [lay.headers(columns)])
    write_rows(sheet, rows, lay.text_indexes(columns))


def _chunked(conn, stmt_for, ids: list[int] | None):
    if ids is None:
        yield from conn.execute(stmt_for(None))
        return
    for start in range(0, len(ids), _CHUNK):
        yield from conn.execute(stmt_for(ids[start : start + _CHUNK]))


def _where(stmt, column, part):
    return stmt if part is None else stmt.where(column.in_(part))


def client_rows(conn, ids: list[int] | None) -> list[list[Any]]:
    phones: dict[int, list[str]] = defaultdict(list)
    for cid, number in _chunked(
        conn,
        lambda p: _where(select(ClientPhone.client_id, ClientPhone.number), ClientPhone.client_id, p).order_by(
            ClientPhone.client_id, ClientPhone.position, ClientPhone.id
        ),
        ids,
    ):
        phones[cid].append(number)
    tags: dict[int, list[str]] = defaultdict(list)
    for cid, tag in _chunked(
        conn, lambda p: _where(select(ClientTag.client_id, ClientTag.tag), ClientTag.client_id, p), ids
    ):
        tags[cid].append(tag)
    fields = [c.key for c in lay.CLIENT_COLUMNS[1:] if c.key not in ("phone", "tags", "other_phones")]

    def stmt_for(p):
        return _where(
            select(Client.id, *[getattr(Client, f) for f in fields]).where(Client.deleted_at.is_(None)), Client.id, p
        ).order_by(Client.id)

    rows = []
    for stored in _chunked(conn, stmt_for, ids):
        values = dict(zip(fields, stored[1:], strict=True))
        cid = stored[0]
        values.update(
            archive_id=cid,
            phone=phones[cid][0] if phones[cid] else None,
            other_phones=", ".join(phones[cid][1:]) or None,
            tags="，".join(sorted(tags[cid])) or None,
            lunar_birthday=_yes_no(values["lunar_birthday"]),
            id_type=_ID_TYPE_ZH.get(values["id_type"], values["id_type"]),
        )
        rows.append([values.get(c.key) for c in lay.CLIENT_COLUMNS])
    return rows


def _child_rows(conn, model, columns, ids, order, customer_nos: dict[int, str | None]) -> list[list[Any]]:
    keys = [c.key for c in columns[2:]]

    def stmt_for(p):
        return _where(
            select(model.client_id, *[getattr(model, k) for k in keys]),
            model.client_id,
            p,
        ).order_by(model.client_id, *order)

    rows = []
    for stored in _chunked(conn, stmt_for, ids):
        if stored[0] not in customer_nos:
            continue  # a trashed client's rows stay with it
        values = list(stored[1:])
        if "follow_up_done" in keys:
            values[keys.index("follow_up_done")] = _yes_no(values[keys.index("follow_up_done")])
        rows.append([stored[0], customer_nos[stored[0]], *values])
    return rows


def archive_book(
    vault: VaultHandle,
    client_ids: Sequence[int] | None = None,
    *,
    with_templates: bool = True,
    progress: Progress | None = None,
) -> tuple[Workbook, dict[str, object]]:
    """The archive workbook (not yet saved) and its row counts by sheet, plus "sha256": a digest
    of every sheet's rows (the handover's receipt)."""
    ids = sorted(set(client_ids)) if client_ids is not None else None
    book = new_book()
    counts: dict[str, object] = {}
    with vault.engine.connect() as conn:
        clients = client_rows(conn, ids)
        customer_nos = {row[0]: row[1] for row in clients}
        sheets = [
            (lay.CLIENTS_SHEET, lay.CLIENT_COLUMNS, clients),
            (
                lay.HOLDINGS_SHEET,
                lay.HOLDING_COLUMNS,
                _child_rows(conn, Holding, lay.HOLDING_COLUMNS, ids, (Holding.id,), customer_nos),
            ),
            (
                lay.CONTACTS_SHEET,
                lay.CONTACT_COLUMNS,
                _child_rows(conn, Contact, lay.CONTACT_COLUMNS, ids, (Contact.at, Contact.id), customer_nos),
            ),
            (lay.RELATIONS_SHEET, lay.RELATION_COLUMNS, _relation_rows(conn, customer_nos)),
            (lay.PLANS_SHEET, lay.PLAN_COLUMNS, _plan_rows(conn, customer_nos)),
            (lay.APPOINTMENTS_SHEET, lay.APPOINTMENT_COLUMNS, _appointment_rows(conn, customer_nos)),
        ]
        if with_templates:
            sheets.append((lay.TEMPLATES_SHEET, lay.TEMPLATE_COLUMNS, _template_rows(conn)))
    digest = hashlib.sha256()
    try:
        for done, (title, columns, rows) in enumerate(sheets):
            add_sheet(book, title, columns, rows)
            counts[title] = len(rows)
            digest.update(json.dumps([title, lay.headers(columns), rows], ensure_ascii=False, default=str).encode())
            if progress is not None and progress(done + 1, len(sheets)) is False:
                raise export_cancelled()
    except BaseException:
        discard_book(book)  # a cancelled export leaves no half-written book for the garbage collector
        raise
    counts["sha256"] = digest.hexdigest()
    return book, counts


def _relation_rows(conn, customer_nos) -> list[list[Any]]:
    return [
        [a, b, kind]
        for a, b, kind in conn.execute(
            select(Relationship.client_id, Relationship.other_id, Relationship.kind).order_by(Relationship.id)
        )
        if a in customer_nos and b in customer_nos
    ]


def _plan_rows(conn, customer_nos) -> list[list[Any]]:
    latest = (
        select(PlanRevision.plan_id, PlanRevision.content)
        .join(Plan, Plan.id == PlanRevision.plan_id)
        .where(PlanRevision.version == Plan.version)
    )
    contents = dict(conn.execute(latest).all())
    return [
        [cid, customer_nos[cid], title, status, version, review, contents.get(pid)]
        for pid, cid, title, status, version, review in conn.execute(
            select(Plan.id, Plan.client_id, Plan.title, Plan.status, Plan.version, Plan.next_review).order_by(Plan.id)
        )
        if cid in customer_nos
    ]


def _appointment_rows(conn, customer_nos) -> list[list[Any]]:
    return [
        list(row)
        for row in conn.execute(
            select(
                Appointment.client_id,
                Appointment.start,
                Appointment.duration_minutes,
                Appointment.title,
                Appointment.rrule,
                Appointment.location,
                Appointment.notes,
            ).order_by(Appointment.start)
        )
        if row[0] in customer_nos
    ]


def _template_rows(conn) -> list[list[Any]]:
    return [
        list(row)
        for row in conn.execute(
            select(
                ScriptTemplateRow.name, ScriptTemplateRow.category, ScriptTemplateRow.channel, ScriptTemplateRow.body
            )
            .where(ScriptTemplateRow.deleted_at.is_(None))
            .order_by(ScriptTemplateRow.id)
        )
    ]


def export_archive(vault: VaultHandle, path: str | Path, progress: Progress | None = None) -> dict[str, object]:
    """Write the whole book as an archive workbook; returns the row counts by sheet."""
    book, counts = archive_book(vault, progress=progress)
    atomic_write_bytes(Path(path), book_bytes(book))
    return counts


LIST_COLUMNS = (
    lay.Column(lay.CUSTOMER_NO, "customer_no", True),
    lay.Column("姓名", "name"),
    lay.Column("性别", "gender"),
    lay.Column("出生日期", "birth_date"),
    lay.Column("证件号码", "id_number", True),
    lay.Column("手机号码", "phone", True),
    lay.Column("金融资产(元)", "aum"),
    lay.Column("客户层级", "tier_name"),
    lay.Column("风险等级", "risk_grade"),
    lay.Column("职业", "occupation"),
    lay.Column("最近联系", "last_contact_at"),
    lay.Column("下次跟进", "next_follow_up"),
    lay.Column("标签", "tags"),
)


def export_list(vault: VaultHandle, query: ClientQuery, path: str | Path, progress: Progress | None = None) -> int:
    """Write the clients matching ``query`` (the list as filtered in the GUI); returns the count.
    IDs and phones are written in full: the file is for the RM's own work."""
    rows: list[list[Any]] = []
    while True:
        page = search_clients(vault, query, offset=len(rows), limit=5000)
        for found in page:
            values = {**found.__dict__, "phone": (found.phones or (None,))[0], "tags": "，".join(found.tags) or None}
            rows.append([values.get(c.key) for c in LIST_COLUMNS])
        if progress is not None and progress(len(rows), 0) is False:
            raise export_cancelled()
        if len(page) < 5000:
            break
    book = new_book()
    add_sheet(book, t("客户名单", "Clients"), LIST_COLUMNS, rows)
    atomic_write_bytes(Path(path), book_bytes(book))
    return len(rows)


def today_stamp() -> str:
    return dt.date.today().strftime("%Y%m%d")
