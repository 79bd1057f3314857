"""Reading the audit log: entries by filter (this vault's and those received with handovers),
the latest hash, and the chain checks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from rm_desktop.services.audit.chain import (
    CHANGED,
    GENESIS,
    PRUNE,
    Anchor,
    Row,
    VerifyResult,
    anchor_of,
    entry_hash,
    verify_rows,
)
from rm_desktop.services.audit.log import LOCAL, RECEIVED_PREFIX
from rm_desktop.storage.handle import VaultHandle

_COLUMNS = "seq, at, action, object, counts, origin, prev_hash, hash"
_STREAM = 5000  # rows fetched at a time by verify (1M entries never sit in memory at once)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # UTC ISO-8601
    action: str
    object: str | None
    counts: dict[str, Any]
    origin: str  # "local" or "received:<sender vault id>"
    prev_hash: str
    hash: str

    @property
    def client_id(self) -> int | None:
        if not self.object or not self.object.startswith("client:"):
            return None
        head = self.object[len("client:") :].split(" ", 1)[0]
        return int(head) if head.isdigit() else None

    def as_json(self) -> dict[str, Any]:
        return {**self.__dict__}


def utc_stamp(since: dt.date | dt.datetime) -> str:
    """A local date (or time) as the UTC stamp the log compares with (its ``at`` sorts as text)."""
    moment = since if isinstance(since, dt.datetime) else dt.datetime.combine(since, dt.time())
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def entries(
    vault: VaultHandle,
    since: dt.date | dt.datetime | None = None,
    action: str | None = None,
    client: int | None = None,
    limit: int | None = 1000,
    *,
    received: bool = True,
) -> list[AuditEntry]:
    """Entries newest first: this vault's, and (``received``) those received with handovers.
    A ``client`` filter reads this vault's entries only: a received ``client:1`` is the sender's
    client 1, another person than ours."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if since is not None:
        where.append("at >= :since")
        params["since"] = utc_stamp(since)
    if action is not None:
        where.append("action = :action")
        params["action"] = action
    if client is not None:
        where.append("(object = :client OR object LIKE :client || ' %')")
        params["client"] = f"client:{int(client)}"
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    local = f"SELECT {_COLUMNS}, '' AS sender FROM audit_log{cond}"
    union = f" UNION ALL SELECT {_COLUMNS}, sender FROM audit_received{cond}" if received and client is None else ""
    bound = "" if limit is None else " LIMIT :limit"
    if limit is not None:
        params["limit"] = int(limit)
    sql = f"SELECT * FROM ({local}{union}) ORDER BY at DESC, seq DESC{bound}"
    with vault.engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    return [_entry(row) for row in rows]


def _entry(row: Any) -> AuditEntry:
    seq, at, action, obj, counts, origin, prev_hash, digest, sender = row
    shown = f"{RECEIVED_PREFIX}{sender}" if sender else origin
    return AuditEntry(seq, at, action, obj, json.loads(counts), shown, prev_hash, digest)


def latest_hash(vault: VaultHandle) -> str:
    """The hash of this vault's last entry (GENESIS for an empty log): what a handover receipt
    or a report export carries, so a later reader can check the history before it."""
    with vault.engine.connect() as conn:
        found = conn.execute(text("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")).scalar()
    return found or GENESIS


def latest_seq(vault: VaultHandle) -> int:
    with vault.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM audit_log")).scalar() or 0)


def _anchor(conn: Any, table: str, sender: str | None) -> tuple[Anchor | None, VerifyResult | None]:
    """The latest ``audit_prune`` entry's anchor (None when the chain was never pruned), or the
    verdict when that entry is not what was written (its hash no longer matches)."""
    where, args = ("", ()) if sender is None else (" AND sender = ?", (sender,))
    sql = f"SELECT {_COLUMNS} FROM {table} WHERE action = ?{where} ORDER BY seq DESC LIMIT 1"
    row = conn.exec_driver_sql(sql, (PRUNE, *args)).first()
    if row is None:
        return None, None
    seq, at, action, obj, counts, origin, prev_hash, stored = row
    anchor = anchor_of(counts)
    if anchor is None or entry_hash(seq, at, action, obj, counts, origin, prev_hash) != stored:
        return None, VerifyResult(0, int(seq), CHANGED)
    return anchor, None


def _walk(vault: VaultHandle, table: str, sender: str | None = None) -> VerifyResult:
    with vault.engine.connect() as conn:
        anchor, broken = _anchor(conn, table, sender)
        if broken is not None:
            return broken
        mine: tuple[Any, ...] = () if sender is None else (sender,)
        # A pruned chain is read from after its anchor; an unpruned one whole (a row put before
        # seq 1 is an insertion to name).
        kept = ([] if sender is None else ["sender = ?"]) + ([] if anchor is None else ["seq > ?"])
        where = (" WHERE " + " AND ".join(kept)) if kept else ""
        args = (*mine, *(() if anchor is None else (anchor.through,)))

        def find(digest: str) -> int | None:
            sql = f"SELECT seq FROM {table} WHERE hash = ?" + (" AND sender = ?" if sender else "")
            found = conn.exec_driver_sql(sql, (digest, *mine)).scalar()
            return None if found is None else int(found)

        # The driver's own cursor: plain tuples, without a SQLAlchemy Row built per entry (1M of them).
        cursor = conn.connection.cursor()
        try:
            cursor.execute(f"SELECT {_COLUMNS} FROM {table}{where} ORDER BY seq", args)
            return verify_rows(_rows(cursor), find, anchor)
        finally:
            cursor.close()


def _rows(cursor: Any) -> Iterator[Row]:
    while batch := cursor.fetchmany(_STREAM):
        yield from batch


def verify(vault: VaultHandle) -> VerifyResult:
    """Walk this vault's chain from the first entry (or from the anchor its latest prune left:
    chain.py); the first broken one and why."""
    return _walk(vault, "audit_log")


def senders(vault: VaultHandle) -> list[str]:
    with vault.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT DISTINCT sender FROM audit_received ORDER BY sender"))]


def verify_received(vault: VaultHandle) -> dict[str, VerifyResult]:
    """Each sender's received entries, checked as that sender's own chain."""
    return {s: _walk(vault, "audit_received", s) for s in senders(vault)}


__all__ = ["LOCAL", "AuditEntry", "entries", "latest_hash", "latest_seq", "verify", "verify_received"]
