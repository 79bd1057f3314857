"""The archive's and the handover's 投诉 sheet: complaints and service requests with their
handling steps, written by the exporter and read back by the importer.

Closed-list cells show their Chinese labels (电话, 收费); the importer takes labels or codes
(domain/service_requests). The steps are one JSON cell, ``[[step, done at, note], …]``. A row
is checked with the complaint rules themselves: a closed complaint needs its outcome and a
satisfaction from 1 to 5. Merging never doubles: a complaint the receiver already has (same
client, received at the same minute, same description) is kept as the receiver has it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.service_requests import (
    CATEGORIES,
    CHANNELS,
    DEFAULT_DEADLINE_HOURS,
    SEVERITIES,
    STEPS,
    TYPES,
    deadline_of,
    parse_close,
)
from rm_desktop.i18n import t
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.children import Children, ChildRow, _key, _sheet_rows
from rm_desktop.services.exchange.children_write import _client_of
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_complaints import ComplaintRow, ComplaintStepRow

COMPLAINTS_SHEET = "投诉"
Column = lay.Column
COMPLAINT_COLUMNS = (
    Column(lay.ARCHIVE_KEY, "archive_id"),
    Column(lay.CUSTOMER_NO, "customer_no", True),
    Column("类型", "type"),
    Column("受理渠道", "channel"),
    Column("类别", "category"),
    Column("严重程度", "severity"),
    Column("内容", "description"),
    Column("受理时间", "received_at"),
    Column("回访截止", "deadline_at"),
    Column("结案时间", "closed_at"),
    Column("处理结果", "outcome"),
    Column("满意度", "satisfaction"),
    Column("处理步骤(JSON)", "steps"),
)
_CHOICES = {"type": TYPES, "channel": CHANNELS, "category": CATEGORIES, "severity": SEVERITIES}
_STORED = ("type", "channel", "category", "severity", "description", "received_at", "deadline_at", "closed_at",
           "outcome", "satisfaction")  # fmt: skip


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value is not None else None


# -- export -----------------------------------------------------------------------------------


def export_sheets(conn, customer_nos: dict[int, str | None]) -> list[tuple[str, tuple[Column, ...], list[list[Any]]]]:
    """The 投诉 sheet for the clients in ``customer_nos`` (a trashed client's rows stay with it)."""
    steps: dict[int, list[list[Any]]] = {}
    for cid, step, done_at, note in conn.execute(
        select(ComplaintStepRow.complaint_id, ComplaintStepRow.step, ComplaintStepRow.done_at, ComplaintStepRow.note)
    ):
        steps.setdefault(cid, []).append([step, _stamp(done_at), note])
    order = {code: i for i, code in enumerate(STEPS.codes)}
    zh = {key: {c.code: c.zh for c in choices.choices} for key, choices in _CHOICES.items()}
    rows = []
    for row in conn.execute(
        select(ComplaintRow.id, ComplaintRow.client_id, *[getattr(ComplaintRow, k) for k in _STORED]).order_by(
            ComplaintRow.received_at, ComplaintRow.id
        )
    ):
        complaint_id, client_id, *values = row
        if client_id not in customer_nos:
            continue
        shown = dict(zip(_STORED, values, strict=True))
        for key in _CHOICES:
            shown[key] = zh[key].get(shown[key], shown[key])
        for key in ("received_at", "deadline_at", "closed_at"):
            shown[key] = _stamp(shown[key])
        done = sorted(steps.get(complaint_id, []), key=lambda s: order.get(s[0], len(order)))
        shown["steps"] = json.dumps(done, ensure_ascii=False) if done else None
        rows.append([client_id, customer_nos[client_id], *[shown[c.key] for c in COMPLAINT_COLUMNS[2:]]])
    return [(COMPLAINTS_SHEET, COMPLAINT_COLUMNS, rows)]


# -- import: reading --------------------------------------------------------------------------


def _when(value: object, field: str, *, required: bool) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    text = str(value or "").strip()
    if not text:
        if required:
            raise ValidationError(field, t("不能为空", "is required"))
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("T", " ")).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise ValidationError(
            field, t("时间格式应为 YYYY-MM-DD HH:MM：{}", "a time is YYYY-MM-DD HH:MM: {}").format(text)
        ) from None


def _steps(cell: object) -> list[tuple[str, dt.datetime, str | None]]:
    try:
        raw = json.loads(str(cell)) if cell not in (None, "") else []
        found = [(STEPS.parse(step, "steps"), dt.datetime.fromisoformat(at), note or None) for step, at, note in raw]
    except (ValueError, TypeError):
        raise ValidationError("steps", t("处理步骤不是有效的 JSON", "the handling steps are not valid JSON")) from None
    return found


def _complaint(cells: dict[str, object]) -> dict[str, Any]:
    values: dict[str, Any] = {key: choices.parse(cells.get(key) or "", key) for key, choices in _CHOICES.items()}
    description = str(cells.get("description") or "").strip()
    if not description:
        raise ValidationError("description", t("不能为空", "is required"))
    received = _when(cells.get("received_at"), "received_at", required=True)
    assert received is not None
    deadline = _when(cells.get("deadline_at"), "deadline_at", required=False)
    closed = _when(cells.get("closed_at"), "closed_at", required=False)
    values.update(description=description, received_at=received, closed_at=closed, outcome=None, satisfaction=None)
    values["deadline_at"] = deadline or deadline_of(received, DEFAULT_DEADLINE_HOURS)
    if closed is not None:
        values["outcome"], values["satisfaction"] = parse_close(cells.get("outcome"), cells.get("satisfaction"))
    values["steps"] = _steps(cells.get("steps"))
    return values


def read_complaints(book, found: Children) -> None:
    """Fill ``found.complaints``; a bad row is a reject naming its field."""
    for number, cells in _sheet_rows(book, COMPLAINTS_SHEET, COMPLAINT_COLUMNS):
        archive_id, customer_no = _key(cells)
        try:
            if archive_id is None and customer_no is None:
                raise ValidationError(
                    "archive_id",
                    t(
                        "没有档案号或客户编号，不知道属于哪位客户",
                        "no archive number or customer number: the row belongs to no client",
                    ),
                )
            found.complaints.append(ChildRow(number, archive_id, customer_no, _complaint(cells)))
        except ValidationError as exc:
            found.rejected.append((COMPLAINTS_SHEET, number, [f"{exc.field}: {exc.message}"]))


# -- import: writing --------------------------------------------------------------------------


def write_complaints(conn, children: Children, summary) -> None:
    """Store the read complaints inside the import's transaction (count into ``summary``)."""
    if not children.complaints:
        return
    by_no = {no: cid for cid, no in conn.execute(select(Client.id, Client.customer_no)) if no}
    have = {
        tuple(r)
        for r in conn.execute(select(ComplaintRow.client_id, ComplaintRow.received_at, ComplaintRow.description))
    }
    for child in children.complaints:
        cid = _client_of(child, summary, by_no)
        values = dict(child.values)
        steps = values.pop("steps")
        identity = (cid, values["received_at"], values["description"])
        if cid is None or identity in have:
            continue
        have.add(identity)
        stamp = values["closed_at"] or values["received_at"]
        new_id = conn.execute(
            insert(ComplaintRow).values(client_id=cid, created_at=stamp, updated_at=stamp, **values)
        ).inserted_primary_key[0]
        if steps:
            conn.execute(
                insert(ComplaintStepRow),
                [{"complaint_id": new_id, "step": s, "done_at": at, "note": note} for s, at, note in steps],
            )
        summary.complaints += 1
