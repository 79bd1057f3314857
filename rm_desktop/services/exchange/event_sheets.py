"""The archive's and the handover's 活动, 活动邀请 and 工作流程 sheets: events, their
invitations and the playbooks started for clients, written by the exporter and read back by
the importer.

活动 rows carry 活动号, the event's id in the exporting vault (unique inside one file): the
invitations and runs point at it. An event goes into the file when one of the file's clients
is invited to it or runs a playbook for it, or when nobody is (an archive keeps every event).
Statuses show their Chinese labels; the importer takes labels or codes (domain/events). A
run's steps are one JSON cell, ``[[due, title, channel, script, done at], …]``.

Merging never doubles: an event the receiver has (same name, same start) is that event; an
invitation of the same client to it, or a run of the same playbook for the same client and
start event, is kept as the receiver has it. An imported attendee's invitation is linked
again to its 活动 contact (carried by the 往来记录 sheet), so marking it attended once more
logs nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.events.model import ATTENDED, STATUS_LABELS, EventFields, check_event, parse_status
from rm_desktop.i18n import t
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.children import Children, ChildRow, _key, _sheet_rows
from rm_desktop.services.exchange.children_write import _client_of
from rm_desktop.storage.models import Client, Contact
from rm_desktop.storage.models_events import Event, EventInvitation, PlaybookRun, PlaybookStep

EVENTS_SHEET, INVITATIONS_SHEET, RUNS_SHEET = "活动", "活动邀请", "工作流程"
EVENT_KEY = "活动号"
Column = lay.Column
EVENT_COLUMNS = (
    Column(EVENT_KEY, "event_key"),
    Column("名称", "name"),
    Column("主题", "topic"),
    Column("时间", "starts_at"),
    Column("地点", "place"),
    Column("名额", "capacity"),
    Column("备注", "note"),
)
INVITATION_COLUMNS = (
    Column(lay.ARCHIVE_KEY, "archive_id"),
    Column(lay.CUSTOMER_NO, "customer_no", True),
    Column(EVENT_KEY, "event_key"),
    Column("状态", "status"),
    Column("候补", "waitlisted"),
    Column("邀请时间", "invited_at"),
)
RUN_COLUMNS = (
    Column(lay.ARCHIVE_KEY, "archive_id"),
    Column(lay.CUSTOMER_NO, "customer_no", True),
    Column("流程", "ref"),
    Column("流程名称", "name"),
    Column(EVENT_KEY, "event_key"),
    Column("开始日", "start_on"),
    Column("启动时间", "started_at"),
    Column("步骤(JSON)", "steps"),
)
YES, NO = "是", "否"


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="minutes") if value is not None else None


# -- export -----------------------------------------------------------------------------------


def export_sheets(conn, customer_nos: dict[int, str | None]) -> list[tuple[str, tuple[Column, ...], list[list[Any]]]]:
    """The three sheets for the clients of ``customer_nos``."""
    Inv, R, S = EventInvitation, PlaybookRun, PlaybookStep
    invitations = [
        [cid, customer_nos[cid], eid, STATUS_LABELS.get(status, (status,))[0], YES if wait else NO, _stamp(at)]
        for cid, eid, status, wait, at in conn.execute(
            select(Inv.client_id, Inv.event_id, Inv.status, Inv.waitlisted, Inv.invited_at).order_by(
                Inv.event_id, Inv.id
            )
        )
        if cid in customer_nos
    ]
    steps: dict[int, list[list[Any]]] = {}
    for run_id, due, title, channel, script, done in conn.execute(
        select(S.run_id, S.due_on, S.title, S.channel, S.script, S.done_at).order_by(S.run_id, S.position)
    ):
        steps.setdefault(run_id, []).append([due.isoformat(), title, channel, script or "", _stamp(done)])
    runs = [
        [cid, customer_nos[cid], ref, name, eid, start.isoformat(), _stamp(started),
         json.dumps(steps.get(run_id, []), ensure_ascii=False)]
        for run_id, cid, ref, name, eid, start, started in conn.execute(
            select(R.id, R.client_id, R.ref, R.name, R.event_id, R.start_on, R.started_at).order_by(R.id)
        )
        if cid in customer_nos
    ]  # fmt: skip
    used = {row[2] for row in invitations} | {row[4] for row in runs if row[4] is not None}
    anyone = {eid for (eid,) in conn.execute(select(Inv.event_id).distinct())} | {
        eid for (eid,) in conn.execute(select(R.event_id).where(R.event_id.is_not(None)).distinct())
    }
    events = [
        [e.id, e.name, e.topic, _stamp(e.starts_at), e.place, e.capacity, e.note]
        for e in conn.execute(select(Event).order_by(Event.starts_at, Event.id))
        if e.id in used or e.id not in anyone
    ]
    return [
        (EVENTS_SHEET, EVENT_COLUMNS, events),
        (INVITATIONS_SHEET, INVITATION_COLUMNS, invitations),
        (RUNS_SHEET, RUN_COLUMNS, runs),
    ]


# -- import: reading --------------------------------------------------------------------------


def _when(value: object, field: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0)
    try:
        return dt.datetime.fromisoformat(str(value or "").strip()).replace(tzinfo=None, second=0, microsecond=0)
    except ValueError:
        raise ValidationError(
            field, t("时间格式应为 YYYY-MM-DD HH:MM：{}", "a time is YYYY-MM-DD HH:MM: {}").format(value)
        ) from None


def _day(value: object, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        raise ValidationError(
            field, t("日期格式应为 YYYY-MM-DD：{}", "a date is YYYY-MM-DD: {}").format(value)
        ) from None


def _event_key(cells: dict[str, object], required: bool) -> int | None:
    raw = cells.get("event_key")
    if raw in (None, "") and not required:
        return None
    if not isinstance(raw, int):
        raise ValidationError(
            "event_key", t("活动号须为整数：{}", "the event number is a whole number: {}").format(raw)
        )
    return raw


def _event(cells: dict[str, object]) -> dict[str, Any]:
    capacity = cells.get("capacity")
    fields = check_event(
        EventFields(
            str(cells.get("name") or ""),
            _when(cells.get("starts_at"), "starts_at"),
            str(cells.get("place") or ""),
            capacity if isinstance(capacity, int) else -1,
            str(cells.get("topic") or ""),
            str(cells.get("note") or ""),
        )
    )
    return {"event_key": _event_key(cells, True), "fields": fields}


def _run_steps(cell: object) -> list[tuple[dt.date, str, str, str, dt.datetime | None]]:
    try:
        raw = json.loads(str(cell)) if cell not in (None, "") else []
        return [
            (_day(due, "steps"), str(title), CHANNELS.parse(channel, "steps"), str(script or ""),
             _when(done, "steps") if done else None)
            for due, title, channel, script, done in raw
        ]  # fmt: skip
    except (ValueError, TypeError):
        raise ValidationError("steps", t("步骤不是有效的 JSON", "the steps are not valid JSON")) from None


def _client_rows(book, sheet: str, columns, parse, into: list[ChildRow], found: Children) -> None:
    for number, cells in _sheet_rows(book, sheet, columns):
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
            into.append(ChildRow(number, archive_id, customer_no, parse(cells)))
        except ValidationError as exc:
            found.rejected.append((sheet, number, [f"{exc.field}: {exc.message}"]))


def read_events(book, found: Children) -> None:
    """Fill ``found.events``, ``found.invitations`` and ``found.playbook_runs``; a bad row is a
    reject naming its field (an invitation or run of an event the file lacks too)."""
    for number, cells in _sheet_rows(book, EVENTS_SHEET, EVENT_COLUMNS):
        try:
            found.events.append(ChildRow(number, None, None, _event(cells)))
        except ValidationError as exc:
            found.rejected.append((EVENTS_SHEET, number, [f"{exc.field}: {exc.message}"]))
    known = {row.values["event_key"] for row in found.events}

    def event_of(cells: dict[str, object], required: bool) -> int | None:
        key = _event_key(cells, required)
        if key is not None and key not in known:
            raise ValidationError("event_key", t("文件中没有活动号 {}", "the file has no event {}").format(key))
        return key

    def invitation(cells: dict[str, object]) -> dict[str, Any]:
        return {
            "event_key": event_of(cells, True),
            "status": parse_status(cells.get("status")),
            "waitlisted": str(cells.get("waitlisted") or "").strip() in (YES, "1", "true", "True"),
            "invited_at": _when(cells.get("invited_at"), "invited_at"),
        }

    def run(cells: dict[str, object]) -> dict[str, Any]:
        ref = str(cells.get("ref") or "").strip()
        if not ref:
            raise ValidationError("ref", t("不能为空", "is required"))
        return {
            "ref": ref[:40],
            "name": str(cells.get("name") or ref).strip()[:60],
            "event_key": event_of(cells, False),
            "start_on": _day(cells.get("start_on"), "start_on"),
            "started_at": _when(cells.get("started_at"), "started_at"),
            "steps": _run_steps(cells.get("steps")),
        }

    _client_rows(book, INVITATIONS_SHEET, INVITATION_COLUMNS, invitation, found.invitations, found)
    _client_rows(book, RUNS_SHEET, RUN_COLUMNS, run, found.playbook_runs, found)


# -- import: writing --------------------------------------------------------------------------


def _events(conn, children: Children, summary) -> dict[int, int]:
    """file event number → the receiver's event id (an existing one when the same)."""
    have = {(name, at): eid for eid, name, at in conn.execute(select(Event.id, Event.name, Event.starts_at))}
    ids: dict[int, int] = {}
    for child in children.events:
        fields: EventFields = child.values["fields"]
        same = have.get((fields.name, fields.starts_at))
        if same is None:
            same = conn.execute(
                insert(Event).values(
                    name=fields.name, topic=fields.topic or None, starts_at=fields.starts_at, place=fields.place or None,
                    capacity=fields.capacity, note=fields.note or None, created_at=fields.starts_at,
                )
            ).inserted_primary_key[0]  # fmt: skip
            have[(fields.name, fields.starts_at)] = same
            summary.events += 1
        ids[child.values["event_key"]] = same
    return ids


def write_events(conn, children: Children, summary) -> None:
    """Store the read events, invitations and runs inside the import's transaction, after the
    contacts (an attendee's invitation is linked to its 活动 contact)."""
    if not (children.events or children.invitations or children.playbook_runs):
        return
    events = _events(conn, children, summary)
    by_no = {no: cid for cid, no in conn.execute(select(Client.id, Client.customer_no)) if no}
    starts = dict(conn.execute(select(Event.id, Event.starts_at)).all())
    Inv = EventInvitation
    invited = {tuple(r) for r in conn.execute(select(Inv.event_id, Inv.client_id))}
    for child in children.invitations:
        cid = _client_of(child, summary, by_no)
        eid = events[child.values["event_key"]]
        if cid is None or (eid, cid) in invited:
            continue
        invited.add((eid, cid))
        v = child.values
        contact = None
        if v["status"] == ATTENDED:
            contact = conn.execute(
                select(Contact.id).where(
                    Contact.client_id == cid, Contact.channel == "event", Contact.at == starts[eid]
                )
            ).scalar()
        conn.execute(
            insert(Inv).values(
                event_id=eid, client_id=cid, status=v["status"], waitlisted=v["waitlisted"], invited_at=v["invited_at"],
                updated_at=v["invited_at"], contact_id=contact,
            )
        )  # fmt: skip
        summary.invitations += 1
    R = PlaybookRun
    started = {tuple(r) for r in conn.execute(select(R.ref, R.client_id, R.anchor))}
    for child in children.playbook_runs:
        cid = _client_of(child, summary, by_no)
        v = child.values
        run_event = events[v["event_key"]] if v["event_key"] is not None else None
        anchor = f"event:{run_event}" if run_event is not None else v["start_on"].isoformat()
        if cid is None or (v["ref"], cid, anchor) in started:
            continue
        started.add((v["ref"], cid, anchor))
        run_id = conn.execute(
            insert(R).values(
                ref=v["ref"], name=v["name"], client_id=cid, event_id=run_event, anchor=anchor, start_on=v["start_on"],
                started_at=v["started_at"],
            )
        ).inserted_primary_key[0]  # fmt: skip
        if v["steps"]:
            conn.execute(
                insert(PlaybookStep),
                [
                    {"run_id": run_id, "position": i, "due_on": due, "title": title, "channel": channel,
                     "script": script or None, "done_at": done}
                    for i, (due, title, channel, script, done) in enumerate(v["steps"])
                ],
            )  # fmt: skip
        summary.playbook_runs += 1
