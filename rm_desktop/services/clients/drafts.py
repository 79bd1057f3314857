"""Drafts: unsaved form text written into the vault every few seconds (the quick contact entry,
a client form), so that a crash, a power cut after the commit, or an idle lock loses nothing.

The GUI keeps the id that :func:`save_draft` returns and passes it back on each autosave, so
one open form owns one row; after a restart :func:`load_drafts` offers them again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (imported by the editors' module, ui/widgets/unsaved, before the first paint;
    # the ORM is loaded after it: issue 19.1)
    from rm_desktop.storage.handle import VaultHandle


@dataclass(frozen=True)
class DraftRecord:
    id: int
    kind: str  # what form it belongs to, e.g. "contact" or "client"
    client_id: int | None
    payload: dict[str, Any]
    updated_at: dt.datetime


def save_draft(
    vault: VaultHandle, kind: str, client_id: int | None, payload: dict[str, Any], *, draft_id: int | None = None
) -> int:
    """Write (or overwrite ``draft_id``) and commit; returns the draft's id. Values that are not
    JSON (dates …) are stored as text: an autosave must never fail on what was typed."""
    text = json.dumps(dict(payload), ensure_ascii=False, default=str)
    now = dt.datetime.now().replace(microsecond=0)
    from rm_desktop.storage.models import Draft

    with vault.sessions.begin() as session:
        row = session.get(Draft, draft_id) if draft_id is not None else None
        if row is None:
            row = Draft(kind=kind, client_id=client_id, payload=text, updated_at=now)
            session.add(row)
        else:
            row.kind, row.client_id, row.payload, row.updated_at = kind, client_id, text, now
        session.flush()
        return row.id


def load_drafts(vault: VaultHandle, kind: str | None = None) -> list[DraftRecord]:
    """Every draft (or those of one kind), the most recent first."""
    from sqlalchemy import select

    from rm_desktop.storage.models import Draft

    with vault.sessions() as session:
        stmt = select(Draft).order_by(Draft.updated_at.desc(), Draft.id.desc())
        if kind is not None:
            stmt = stmt.where(Draft.kind == kind)
        return [
            DraftRecord(d.id, d.kind, d.client_id, json.loads(d.payload), d.updated_at) for d in session.scalars(stmt)
        ]


def discard_draft(vault: VaultHandle, draft_id: int) -> None:
    """Drop a draft once its form was saved or abandoned; an unknown id is not an error."""
    from sqlalchemy import delete

    from rm_desktop.storage.models import Draft

    with vault.sessions.begin() as session:
        session.execute(delete(Draft).where(Draft.id == draft_id))
