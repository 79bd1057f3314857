"""The records of an ended relationship past their own retention (issue 18.5): a client's
contacts (往来记录), plans (理财规划, with their versions) and complaints (投诉, with their
steps) are kept ``retention_contact_days``, ``retention_plan_days`` and
``retention_complaint_days`` after the relationship ended, counted from the day
services/privacy/retention names (lost or in the trash, the earlier one; default five years, as
the client's own), the IT policy's ``retention`` table fixing any of them.

Listed, never deleted by themselves: the issue names automatic deletion only for the trash and
the backups (services/privacy/housekeeping), so the records past their period are listed in
到期保留 and ``privacy retention`` with their counts per client, and go on the RM's say-so
(:func:`purge`): one transaction, one audit entry ``retention_records_delete`` holding the
counts and the categories' codes, never the data, from which the deletion receipt is drawn.

A client itself past the clients' period is listed with the clients and not here: anonymising
or deleting it covers its records. This rule matters when a category's period is shorter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.privacy.erasure import _secure_delete
from rm_desktop.services.privacy.retention import Ended, ended_in, retention_days
from rm_desktop.storage.db import writer
from rm_desktop.storage.handle import VaultHandle

CATEGORIES = ("contacts", "plans", "complaints")  # each a table with client_id; children cascade
_CHUNK = 500  # client ids per IN list (well under SQLite's variable limit)
Progress = Callable[[int, int], "bool | None"]


def category_label(category: str) -> str:
    return {
        "contacts": t("往来记录", "contacts"),
        "plans": t("理财规划", "plans"),
        "complaints": t("投诉", "complaints"),
    }.get(category, category)


@dataclass(frozen=True)
class RecordsDue:
    """One client's records past their period: rows per category and the day each ran out."""

    client_id: int
    name: str
    ended_on: dt.date
    why: str  # retention.LOST or retention.TRASH
    counts: dict[str, int] = field(default_factory=dict)  # category → rows (only those with rows)
    due_on: dict[str, dt.date] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict:
        return {
            "id": self.client_id,
            "ended_on": self.ended_on.isoformat(),
            "why": self.why,
            "records": dict(self.counts),
            "due_on": {c: d.isoformat() for c, d in self.due_on.items()},
        }


def _periods(vault: VaultHandle) -> dict[str, dt.timedelta]:
    return {c: dt.timedelta(days=retention_days(vault, c)) for c in ("clients", *CATEGORIES)}


def _count(conn: Connection, category: str, ids: Sequence[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        marks = ", ".join(str(int(i)) for i in part)  # ints only: no injection through the ids
        sql = f"SELECT client_id, count(*) FROM {category} WHERE client_id IN ({marks}) GROUP BY client_id"
        found.update((int(cid), int(n)) for cid, n in conn.execute(text(sql)))
    return found


def _due_in(conn: Connection, periods: dict[str, dt.timedelta], today: dt.date) -> list[RecordsDue]:
    candidates: list[tuple[Ended, list[str]]] = []
    for row in ended_in(conn):
        ended_on = row[2]
        if ended_on + periods["clients"] <= today:
            continue  # listed with the clients past retention
        late = [c for c in CATEGORIES if ended_on + periods[c] <= today]
        if late:
            candidates.append((row, late))
    counted = {c: _count(conn, c, [row[0] for row, late in candidates if c in late]) for c in CATEGORIES}
    found: list[RecordsDue] = []
    for (cid, name, ended_on, why), late in candidates:
        counts = {c: counted[c][cid] for c in late if counted[c].get(cid)}
        if counts:
            due = {c: ended_on + periods[c] for c in counts}
            found.append(RecordsDue(cid, name, ended_on, why, counts, due))
    return sorted(found, key=lambda r: (min(r.due_on.values()), r.client_id))


def records_due(vault: VaultHandle, today: dt.date) -> list[RecordsDue]:
    """The clients whose contacts, plans or complaints are past their period on ``today`` (the
    client itself not yet past its own), the longest over first."""
    periods = _periods(vault)
    with vault.engine.connect() as conn:
        return _due_in(conn, periods, today)


def purge(
    vault: VaultHandle,
    today: dt.date,
    client_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> dict:
    """Delete the records past their period (of ``client_ids`` only, when given: the ticked
    rows), read again inside the write transaction so only what is due on ``today`` goes; the
    counts of the one audit entry, and its seq. Nothing due: a UserError, and no entry."""
    periods = _periods(vault)
    wanted = None if client_ids is None else {int(i) for i in client_ids}
    with writer(vault.engine).connect() as conn:
        _secure_delete(conn, True)
        try:
            with conn.begin():
                due = [r for r in _due_in(conn, periods, today) if wanted is None or r.client_id in wanted]
                if not due:
                    raise UserError(t("没有超过保留期限的记录", "no records are past retention"))
                gone = dict.fromkeys(CATEGORIES, 0)
                for done, category in enumerate(CATEGORIES, 1):
                    ids = [r.client_id for r in due if category in r.counts]
                    for start in range(0, len(ids), _CHUNK):
                        marks = ", ".join(str(i) for i in ids[start : start + _CHUNK])
                        gone[category] += conn.execute(
                            text(f"DELETE FROM {category} WHERE client_id IN ({marks})")
                        ).rowcount
                        if category == "contacts":  # the list's 最近联系 and follow-up came from them
                            conn.execute(
                                text(
                                    "UPDATE clients SET last_contact_at = NULL, next_follow_up = NULL, "
                                    f"row_version = row_version + 1 WHERE id IN ({marks})"
                                )
                            )
                    if progress is not None and progress(done, len(CATEGORIES)) is False:
                        raise Cancelled(t("已取消：没有记录被删除", "cancelled: no record was deleted"))
                counts = {"clients": len(due), "rows": sum(gone.values())}
                kinds = [c for c in CATEGORIES if gone[c]]
                seq = audit_log.record(conn, "retention_records_delete", counts={**counts, "fields": kinds})
        finally:
            _secure_delete(conn, False)
    return {**counts, **gone, "seq": seq}
