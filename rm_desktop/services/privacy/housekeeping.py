"""What expires by itself, run at each unlock (issue 18.5): clients in the trash longer than
``trash_empty_days`` are deleted for good, and backups older than ``backup_retention_days`` are
removed (the newest is always kept: storage/backups.prune_older_than). Each run that removes
something leaves one audit entry with its count; a run that finds nothing writes none, so the
log does not grow by an entry per unlock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select

from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.privacy.erasure import delete_clients
from rm_desktop.services.privacy.retention import retention_days
from rm_desktop.storage import backups
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client


def trash_due(vault: VaultHandle, now: dt.datetime) -> list[int]:
    cutoff = now - dt.timedelta(days=retention_days(vault, "trash"))
    with vault.sessions() as session:
        found = session.execute(
            select(Client.id).where(Client.deleted_at.is_not(None), Client.deleted_at <= cutoff).order_by(Client.id)
        )
        return list(found.scalars())


def empty_old_trash(vault: VaultHandle, now: dt.datetime) -> int:
    """Delete the clients in the trash for longer than the setting; how many went."""
    due = trash_due(vault, now)
    if due:
        delete_clients(vault, due, now.date(), action="trash_auto_empty", sweep=False)
    return len(due)


def expire_backups(vault: VaultHandle, folders: Iterable[Path], now: dt.datetime) -> int:
    """Remove the backups older than the retention period in each folder; how many went."""
    cutoff = now - dt.timedelta(days=retention_days(vault, "backups"))
    removed = 0
    for folder in folders:
        removed += len(backups.prune_older_than(Path(folder), cutoff))
    if removed:
        audit_log.record_now(vault, "backup_expire", counts={"rows": removed})
    return removed


def at_unlock(vault: VaultHandle, backup_folders: Iterable[Path], now: dt.datetime | None = None) -> dict[str, int]:
    now = now or dt.datetime.now()
    return {"trash": empty_old_trash(vault, now), "backups": expire_backups(vault, backup_folders, now)}
