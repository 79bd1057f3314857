"""The export register (导出登记): one row per file let out, written in the export's own
transaction (no row for a file that was never written, no file without its row).

:func:`recorded_export` is what an export wraps its file write in: it opens the write
transaction, registers the export, hands the block the :class:`~.marks.Mark` to stamp into the
file (the register id is the hidden mark, so it must exist before the bytes do), and on the
block's success writes the export's audit entry in the same transaction, the register id among
its counts when the audit log takes one. An exception in the block rolls all of it back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.export_controls import marks
from rm_desktop.services.export_controls.purposes import OTHER, ExportControl, default_control, purpose
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models_export_register import ExportRegisterRow


def _audit_takes_register() -> bool:
    try:
        audit_log.canonical_counts({"register": 1})
    except ValueError:
        return False  # services/audit does not know the key yet: the entry goes without it
    return True


def register_export(
    session: Session,
    kind: str,
    control: ExportControl,
    fields: Sequence[str],
    client_count: int,
    file_name: str | PurePath,
    *,
    now: dt.datetime | None = None,
) -> int:
    """Add one register row in the caller's transaction; returns its id (the hidden mark)."""
    if kind not in policy_rules.EXPORT_KINDS:
        raise ValueError(kind)  # a typo at a call site is a bug
    row = ExportRegisterRow(
        at=(now or audit_log.utc_now()).astimezone(dt.UTC).replace(tzinfo=None),
        kind=kind,
        purpose=control.purpose,
        note=control.note,
        fields=",".join(fields),
        client_count=int(client_count),
        file_name=audit_log.safe_file_name(file_name),
    )
    session.add(row)
    session.flush()
    return row.id


@contextlib.contextmanager
def recorded_export(
    vault: VaultHandle,
    kind: str,
    control: ExportControl | None,
    action: str,
    *,
    fields: Sequence[str],
    clients: int,
    file: str | PurePath,
    object: str | None = None,
    now: dt.datetime | None = None,
    **counts: Any,
) -> Iterator[marks.Mark]:
    """Register the export, yield its mark for the block to stamp and write the file, then its
    audit entry (``action`` with clients, fields, file and ``counts``): one transaction."""
    control = control or default_control(kind)
    with vault.sessions.begin() as session:
        register_id = register_export(session, kind, control, fields, clients, file, now=now)
        mark = marks.mark_for(vault, register_id, control, now=now)
        yield mark
        extra = {**mark.counts, **({"register": register_id} if _audit_takes_register() else {})}
        audit_log.record(
            session,
            action,
            object=object,
            counts={"clients": clients, "fields": list(fields), "file": file, **counts, **extra},
            now=now,
        )


@dataclass(frozen=True)
class Entry:
    id: int
    at: dt.datetime  # UTC
    kind: str
    purpose: str
    note: str | None
    fields: tuple[str, ...]
    client_count: int
    file_name: str

    def purpose_label(self) -> str:
        return (
            ExportControl(self.purpose, self.note or "-").label()
            if self.purpose == OTHER
            else (purpose(self.purpose).label() + (f"：{self.note}" if self.note else ""))
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "kind": self.kind,
            "purpose": self.purpose,
            "note": self.note,
            "fields": list(self.fields),
            "clients": self.client_count,
            "file": self.file_name,
        }


def entries(vault: VaultHandle, *, kind: str | None = None, limit: int | None = None) -> list[Entry]:
    """The register, newest first."""
    stmt = select(ExportRegisterRow).order_by(ExportRegisterRow.id.desc())
    if kind is not None:
        stmt = stmt.where(ExportRegisterRow.kind == kind)
    if limit is not None:
        stmt = stmt.limit(limit)
    with vault.sessions() as session:
        return [
            Entry(
                r.id,
                r.at,
                r.kind,
                r.purpose,
                r.note,
                tuple(f for f in r.fields.split(",") if f),
                r.client_count,
                r.file_name,
            )
            for r in session.scalars(stmt)
        ]
