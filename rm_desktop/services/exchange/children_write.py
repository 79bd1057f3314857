"""Writing an archive's holdings, contacts, relationships, plans and appointments inside the
import's transaction.

Merging never loses history: a contact already stored (same time, channel and content) is
skipped, every other contact is added; a holding with the same product code and name as one
the client already has is kept as the receiver has it; the rest are added. Afterwards each
touched client's last-contact time and next follow-up are recomputed from its contacts.
A plan is added as a new plan (with its status) unless its content equals one of the
receiver's plan versions for that client, so the receiver's own plans are never overwritten;
an appointment is added unless one with the same start, title and client exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.services.plans import store as plan_service
from rm_desktop.services.plans.content import PlanContent
from rm_desktop.storage import bulk
from rm_desktop.storage.models import Client, Contact, Holding, Relationship
from rm_desktop.storage.models_plans import Plan, PlanRevision
from rm_desktop.storage.models_reminders import Appointment

_REFRESH_SUMMARY = (
    "UPDATE clients SET last_contact_at = (SELECT max(at) FROM contacts WHERE client_id = clients.id), "
    "next_follow_up = (SELECT min(follow_up_date) FROM contacts WHERE client_id = clients.id "
    "AND follow_up_done = 0 AND follow_up_date IS NOT NULL) WHERE id = ?"
)


def _client_of(child, summary, by_no: dict[str, int]) -> int | None:
    if child.archive_id is not None and child.archive_id in summary.client_ids:
        return summary.client_ids[child.archive_id]
    return by_no.get(child.customer_no) if child.customer_no else None


def _in_chunks(conn, stmt_for, ids: list[int]):
    for start in range(0, len(ids), 900):
        yield from conn.execute(stmt_for(ids[start : start + 900]))


def write_children(conn, children, summary, now: dt.datetime, tick: Callable[[int], None]) -> None:
    if not (children.holdings or children.contacts or children.relations or children.plans or children.appointments):
        return
    by_no = {no: cid for cid, no in conn.execute(select(Client.id, Client.customer_no)) if no}
    targets = sorted(
        {
            cid
            for cid in (_client_of(c, summary, by_no) for c in children.holdings + children.contacts)
            if cid is not None
        }
    )
    have_holdings = set(
        _in_chunks(
            conn,
            lambda part: select(Holding.client_id, Holding.code, Holding.name).where(Holding.client_id.in_(part)),
            targets,
        )
    )
    have_contacts = set(
        _in_chunks(
            conn,
            lambda part: select(Contact.client_id, Contact.at, Contact.channel, Contact.content).where(
                Contact.client_id.in_(part)
            ),
            targets,
        )
    )
    holdings, contacts, touched = [], [], set()
    for child in children.holdings:
        cid = _client_of(child, summary, by_no)
        holding_key = (cid, child.values.get("code"), child.values.get("name"))
        if cid is None or holding_key in have_holdings:
            continue
        have_holdings.add(holding_key)
        holdings.append({"client_id": cid, "status": "holding", **child.values})
    for child in children.contacts:
        cid = _client_of(child, summary, by_no)
        values = {"at": now, **child.values}
        key = (cid, values["at"], values["channel"], values["content"])
        if cid is None or key in have_contacts:
            continue
        have_contacts.add(key)
        touched.add(cid)
        contacts.append({"client_id": cid, "created_at": values["at"], "updated_at": values["at"], **values})
    _insert_uniform(conn, Holding, holdings)
    tick(len(children.holdings))
    _insert_uniform(conn, Contact, contacts)
    if touched:
        conn.exec_driver_sql(_REFRESH_SUMMARY, [(cid,) for cid in sorted(touched)])
    summary.holdings += len(holdings)
    summary.contacts += len(contacts)
    summary.relations += _write_relations(conn, children.relations, summary)
    summary.plans += _write_plans(conn, children.plans, summary, by_no, now)
    summary.appointments += _write_appointments(conn, children.appointments, summary, by_no)
    tick(len(children.holdings) + len(children.contacts))


def _write_plans(conn, rows, summary, by_no: dict[str, int], now: dt.datetime) -> int:
    wanted = [(cid, row.values) for row in rows if (cid := _client_of(row, summary, by_no)) is not None]
    if not wanted:
        return 0
    # Every version the receiver holds counts: re-importing a plan they have since revised adds nothing.
    have = {
        (cid, PlanContent.from_json(text).to_json())
        for cid, text in _in_chunks(
            conn,
            lambda part: (
                select(Plan.client_id, PlanRevision.content)
                .join(Plan, Plan.id == PlanRevision.plan_id)
                .where(Plan.client_id.in_(part))
            ),
            sorted({cid for cid, _ in wanted}),
        )
    }
    added = 0
    # A session on the import's connection joins its transaction: cancelling still rolls back.
    with Session(bind=conn) as session:
        for cid, values in wanted:
            key = (cid, values["content"].to_json())
            if key in have:
                continue
            have.add(key)
            plan_service.add_received_plan(session, cid, values["content"], values["status"], now.date())
            added += 1
        session.flush()
    return added


def _write_appointments(conn, rows, summary, by_no: dict[str, int]) -> int:
    wanted = [(cid, row.values) for row in rows if (cid := _client_of(row, summary, by_no)) is not None]
    if not wanted:
        return 0
    have = set(
        _in_chunks(
            conn,
            lambda part: select(Appointment.client_id, Appointment.start, Appointment.title).where(
                Appointment.client_id.in_(part)
            ),
            sorted({cid for cid, _ in wanted}),
        )
    )
    new = []
    for cid, values in wanted:
        key = (cid, values["start"], values["title"])
        if key not in have:
            have.add(key)
            new.append({"client_id": cid, **values})
    bulk.insert_rows(conn, Appointment, new)
    return len(new)


def _insert_uniform(conn, model, rows: list[dict]) -> None:
    """bulk.insert_rows needs one key set per call: rows are grouped by their keys."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for group in groups.values():
        bulk.insert_rows(conn, model, group)


def _write_relations(conn, relations, summary) -> int:
    ids = summary.client_ids
    wanted = {
        (ids[r.archive_id], ids[r.values["other"]], r.values["kind"])
        for r in relations
        if r.archive_id in ids and r.values["other"] in ids
    }
    if not wanted:
        return 0
    have = set(conn.execute(select(Relationship.client_id, Relationship.other_id, Relationship.kind)))
    new = sorted(wanted - have)
    bulk.insert_rows(conn, Relationship, [{"client_id": a, "other_id": b, "kind": k} for a, b, k in new])
    return len(new)
