"""Exporting the book: the full archive workbook and any filtered client list.

Everything is written with openpyxl's write-only mode through io/xlsx_safe: strings are text
cells (never formulas), a leading = + - @ is neutralised, IDs, phones and customer numbers are
text. The archive's layout (exchange_layout) is what the importer reads back, so importing an
archive into an empty vault reproduces its clients, holdings and contacts.

The workbook is built in memory (:func:`archive_book`) so it can be encrypted (ECMA-376, as the
handover is) before anything reaches the disk; a plain archive is the caller's explicit choice
(``password=None``: the GUI asks once per export, the CLI needs ``--plain``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select

from rm_desktop.domain.errors import UserError, export_cancelled
from rm_desktop.i18n import t
from rm_desktop.io.office_crypto import encrypt_xlsx
from rm_desktop.io.sheet_digest import sheets_digest
from rm_desktop.io.watermark import stamp_workbook
from rm_desktop.io.xlsx_look import write_table
from rm_desktop.io.xlsx_safe import book_bytes, discard_book, new_book
from rm_desktop.services.clients.choices import (
    CHANNELS,
    HOLDING_STATUSES,
    ID_TYPES,
    PRODUCT_TYPES,
    RELATION_KINDS,
    ChoiceSet,
)
from rm_desktop.services.exchange import complaint_sheets, consent_sheets, event_sheets, sales_sheets
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.export_controls import purposes
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.plans.content import PlanStatus
from rm_desktop.services.search.query import ClientQuery, iter_clients
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, ClientPhone, ClientTag, Contact, Holding, Relationship
from rm_desktop.storage.models_plans import Plan, PlanRevision
from rm_desktop.storage.models_reminders import Appointment
from rm_desktop.storage.models_scripts import ScriptTemplateRow

Progress = Callable[[int, int], "bool | None"]
_ID_TYPE_ZH = {choice.code: choice.zh for choice in ID_TYPES.choices}


def _zh_labels(choices: ChoiceSet) -> dict[str, str]:
    return {choice.code: choice.zh for choice in choices.choices}


# Closed-list columns of the child sheets show their Chinese labels (保险, 微信), not the stored
# codes: the importer's parsers for these fields (ChoiceSet.parse) take codes and labels alike.
_CHILD_LABELS = {
    "product_type": _zh_labels(PRODUCT_TYPES),
    "status": _zh_labels(HOLDING_STATUSES),
    "channel": _zh_labels(CHANNELS),
}
_RELATION_ZH = _zh_labels(RELATION_KINDS)
_CHUNK = 900  # SQLite's bound-parameter limit, with room to spare


def _yes_no(value: bool | None) -> str:
    return "是" if value else "否"


def add_sheet(
    book: Workbook,
    title: str,
    columns: Sequence[lay.Column],
    rows: Sequence[Sequence[Any]],
    written: list[list[object]] | None = None,
) -> None:
    """A sheet with the columns' headers (bold, frozen), widths that fit, money formatted;
    ``written`` collects the rows as written (io/xlsx_safe.write_rows)."""
    write_table(
        book.create_sheet(title),
        lay.headers(columns),
        rows,
        lay.text_indexes(columns),
        lay.money_indexes(columns),
        written,
    )


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
            preferred_channel=_CHILD_LABELS["channel"].get(values["preferred_channel"], values["preferred_channel"]),
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
        values = [
            _CHILD_LABELS[key].get(value, value) if key in _CHILD_LABELS else value
            for key, value in zip(keys, stored[1:], strict=True)
        ]
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
    extra: Sequence[tuple[str, tuple[lay.Column, ...], list[list[Any]]]] = (),
) -> tuple[Workbook, dict[str, object]]:
    """The archive workbook (not yet saved) and its row counts by sheet, plus "sha256": the
    digest of every sheet as written (io/sheet_digest; the handover's receipt, which the
    receiver recomputes from the file). ``extra`` sheets (the handover's 审计日志) go last,
    inside the digest."""
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
            *sales_sheets.export_sheets(conn, customer_nos),
            *complaint_sheets.export_sheets(conn, customer_nos),
            *event_sheets.export_sheets(conn, customer_nos),
            *consent_sheets.export_sheets(conn, customer_nos),
        ]
        if with_templates:
            sheets.append((lay.TEMPLATES_SHEET, lay.TEMPLATE_COLUMNS, _template_rows(conn)))
    sheets += extra
    # The receipt digests each sheet's header and rows as written (what a reader gets back), the
    # values collected while writing them rather than worked out a second time.
    as_written: list[tuple[str, list[Sequence[object]]]] = []
    try:
        for done, (title, columns, rows) in enumerate(sheets):
            written: list[list[object]] = []
            add_sheet(book, title, columns, rows, written)
            as_written.append((title, [lay.headers(columns), *written]))
            counts[title] = len(rows)
            if progress is not None and progress(done + 1, len(sheets)) is False:
                raise export_cancelled()
    except BaseException:
        discard_book(book)  # a cancelled export leaves no half-written book for the garbage collector
        raise
    counts["sha256"] = sheets_digest(as_written)
    return book, counts


def check_file_password(password: str, again: str | None = None, what: str | None = None) -> None:
    """The password of an encrypted export (archive or handover): the one strength rule
    (domain/passwords) with the IT policy's minimum and, when ``again`` is given, the same twice."""
    policy_rules.check_password(password, what or t("文件密码", "the file password"))
    if again is not None and again != password:
        raise UserError(t("两次输入的密码不一致", "the two passwords differ"))


def _relation_rows(conn, customer_nos) -> list[list[Any]]:
    return [
        [a, b, _RELATION_ZH.get(kind, kind)]
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
        [cid, customer_nos[cid], title, _plan_status_zh(status), version, review, contents.get(pid)]
        for pid, cid, title, status, version, review in conn.execute(
            select(Plan.id, Plan.client_id, Plan.title, Plan.status, Plan.version, Plan.next_review).order_by(Plan.id)
        )
        if cid in customer_nos
    ]


def _plan_status_zh(status: str) -> str:
    try:
        return PlanStatus(status).zh
    except ValueError:
        return status  # a status this version does not know is shown as stored


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


def export_archive(
    vault: VaultHandle,
    path: str | Path,
    progress: Progress | None = None,
    *,
    password: str | None = None,
    control: purposes.ExportControl | None = None,
) -> dict[str, object]:
    """Write the whole book as an archive workbook, encrypted with ``password`` (Excel and WPS
    open it with the password; the importer asks for it). ``password=None`` writes it in the
    clear: only when the user chose so. Returns the row counts by sheet, "sha256" and
    "register" (the export register id, stamped into the file with the watermark). Every
    column is written whatever ``control`` says: the archive is read back whole."""
    policy_rules.check_export("archive", vault, encrypted=password is not None)
    if password is not None:
        check_file_password(password)
    book, counts = archive_book(vault, progress=progress)
    audit = archive_audit(counts, path)
    with export_register.recorded_export(
        vault, "archive", control, "export_archive", fields=audit.pop("fields"), **audit
    ) as mark:
        stamp_workbook(book, mark.visible, mark.hidden, note_sheet=False)  # the receipt's digest stays true
        data = book_bytes(book)
        atomic_write_bytes(Path(path), data if password is None else encrypt_xlsx(data, password))
    counts["register"] = mark.register_id
    return counts


def archive_audit(counts: dict[str, object], path: str | Path) -> dict[str, Any]:
    """An archive-shaped export's audit counts: clients, rows, the client fields, the file name."""
    rows = sum(v for k, v in counts.items() if k not in ("sha256", "register") and isinstance(v, int))
    fields = [c.key for c in lay.CLIENT_COLUMNS]
    return {"clients": counts[lay.CLIENTS_SHEET], "rows": rows, "fields": fields, "file": Path(path).name}


LIST_COLUMNS = (
    lay.Column(lay.CUSTOMER_NO, "customer_no", True),
    lay.Column("姓名", "name"),
    lay.Column("性别", "gender"),
    lay.Column("出生日期", "birth_date"),
    lay.Column("证件号码", "id_number", True),
    lay.Column("手机号码", "phone", True),
    lay.Column("金融资产(元)", "aum", money=True),
    lay.Column("客户层级", "tier_name"),
    lay.Column("风险等级", "risk_grade"),
    lay.Column("职业", "occupation"),
    lay.Column("最近联系", "last_contact_at"),
    lay.Column("下次跟进", "next_follow_up"),
    lay.Column("标签", "tags"),
)


_LIST_PAGE = 5000  # rows per keyset page; the progress is told after each


def export_list(
    vault: VaultHandle,
    query: ClientQuery,
    path: str | Path,
    progress: Progress | None = None,
    only_ids: Iterable[int] | None = None,
    *,
    control: purposes.ExportControl | None = None,
) -> int:
    """Write the clients matching ``query`` (the list as filtered in the GUI), and among them only
    ``only_ids`` when given (the clients behind an insights bar); returns the count.
    The columns are ``control``'s fields (name and customer number always; the purpose's minimum
    when it chose none); no control is the RM's own work copy, every column as before."""
    policy_rules.check_export("list", vault)
    available = [c.key for c in LIST_COLUMNS]
    keys = set(purposes.chosen_fields(control, available) if control is not None else available)
    columns = [c for c in LIST_COLUMNS if c.key in keys]
    rows: list[list[Any]] = []
    wanted = None if only_ids is None else set(only_ids)
    read = 0
    # Keyset pages (not OFFSET): the last page of a large book costs what the first does.
    for found in iter_clients(vault, query, page=_LIST_PAGE):
        read += 1
        if wanted is None or found.id in wanted:
            values = {**found.__dict__, "phone": (found.phones or (None,))[0], "tags": "，".join(found.tags) or None}
            rows.append([values.get(c.key) for c in columns])
        if read % _LIST_PAGE == 0 and progress is not None and progress(read, 0) is False:
            raise export_cancelled()
    if (read % _LIST_PAGE or not read) and progress is not None and progress(read, 0) is False:
        raise export_cancelled()
    book = new_book()
    add_sheet(book, t("客户名单", "Clients"), columns, rows)
    fields = [c.key for c in columns]
    with export_register.recorded_export(
        vault, "list", control, "export_list", fields=fields, clients=len(rows), file=Path(path).name
    ) as mark:
        stamp_workbook(book, mark.visible, mark.hidden)
        atomic_write_bytes(Path(path), book_bytes(book))
    return len(rows)


def today_stamp() -> str:
    return dt.date.today().strftime("%Y%m%d")
