"""A reveal's audit entry: the client by id and masked name, the field kinds shown, the reason
code and, for 其他 only, the RM's words (digit runs of 6+ stripped). Never the revealed value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import text

from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.reveals.reasons import FIELD_KINDS, check_reason
from rm_desktop.storage.handle import VaultHandle


def record_reveal(
    vault: VaultHandle,
    client_id: int,
    field_kind: str | Sequence[str],
    reason: str,
    *,
    note: str | None = None,
    name: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Write the entry in a short transaction of its own (a reveal changes nothing else) and
    return its seq. ``name`` saves the lookup when the caller has the client on show; a bad
    reason is a UserError raised before anything is written."""
    kinds = [field_kind] if isinstance(field_kind, str) else list(field_kind)
    unknown = [kind for kind in kinds if kind not in FIELD_KINDS]
    if unknown or not kinds:
        raise ValueError(f"reveal field kinds must be some of {FIELD_KINDS}: {kinds!r}")
    code, words = check_reason(reason, note)
    counts: dict[str, object] = {"fields": kinds, "reason": code}
    if words is not None:
        counts["note"] = words
    with vault.sessions.begin() as session:
        if name is None:
            name = session.execute(text("SELECT name FROM clients WHERE id = :id"), {"id": client_id}).scalar()
        obj = audit_log.client_object(client_id, name)
        return audit_log.record(session, "reveal", object=obj, counts=counts, now=now)


def record_list_reveal(
    vault: VaultHandle,
    clients: int,
    field_kinds: Sequence[str],
    reason: str,
    *,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """One entry for a list shown in full (``client list --json --reveal``): how many clients and
    which field kinds, with the reason; no client is named (the list may be the whole book)."""
    unknown = [kind for kind in field_kinds if kind not in FIELD_KINDS]
    if unknown or not field_kinds:
        raise ValueError(f"reveal field kinds must be some of {FIELD_KINDS}: {list(field_kinds)!r}")
    code, words = check_reason(reason, note)
    counts: dict[str, object] = {"clients": int(clients), "fields": list(field_kinds), "reason": code}
    if words is not None:
        counts["note"] = words
    with vault.sessions.begin() as session:
        return audit_log.record(session, "reveal", counts=counts, now=now)
