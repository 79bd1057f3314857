"""What expires by itself (issue 18.5), once a local day per vault, at the day's first unlock:
clients in the trash longer than ``trash_empty_days`` are deleted for good, backups older than
``backup_retention_days`` are removed (the newest is always kept: storage/backups
.prune_older_than), and audit log entries older than ``audit_retention_days`` are pruned behind
an anchor (services/audit/chain). Each run that removes something leaves one audit entry with
its count; a run that finds nothing writes none.

Contacts, plans and complaints past their period are not here: the issue names automatic
deletion for the trash and the backups only, so those are listed and go on the RM's say-so
(services/privacy/records).

Once a day, not at every unlock: each CLI command unlocks, and paid the old-trash query and the
backup folders' listing every time (issue 19.2). The day is remembered without a write: it is
the day of the vault's previous ``unlock`` entry (lifecycle.unlock records the current one
first), one indexed read. A marker row would be a write per day, and would change what the
vault holds on a command that otherwise changes nothing. A run that fails is tried again the
next day. The check itself needs no SQLAlchemy: a command on the bare driver (services/vault/
driver_vault) asks :func:`due_before_unlock` before it records its unlock, and leaves a day's
first unlock, whose housekeeping has work to look at, to the full unlock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rm_desktop.services.audit import log as audit_log

if TYPE_CHECKING:
    from rm_desktop.storage.handle import VaultHandle

# The unlock entries, newest first: OFFSET 1 is the one before the unlock just recorded, OFFSET 0
# the latest when the unlock is not recorded yet. (The housekeeping's own modules, SQLAlchemy's
# among them, are imported by the steps that run: the daily check needs none of them.)
_UNLOCK_AT = "SELECT at FROM audit_log WHERE action = 'unlock' ORDER BY seq DESC LIMIT 1 OFFSET {}"


def trash_due(vault: VaultHandle, now: dt.datetime) -> list[int]:
    from sqlalchemy import select

    from rm_desktop.services.privacy.retention import retention_days
    from rm_desktop.storage.models import Client

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
        from rm_desktop.services.privacy.erasure import delete_clients

        delete_clients(vault, due, now.date(), action="trash_auto_empty", sweep=False)
    return len(due)


def expire_backups(vault: VaultHandle, folders: Iterable[Path], now: dt.datetime) -> int:
    """Remove the backups older than the retention period in each folder; how many went."""
    from rm_desktop.services.privacy.retention import retention_days
    from rm_desktop.storage import backups

    cutoff = now - dt.timedelta(days=retention_days(vault, "backups"))
    removed = 0
    for folder in folders:
        removed += len(backups.prune_older_than(Path(folder), cutoff))
    if removed:
        audit_log.record_now(vault, "backup_expire", counts={"rows": removed})
    return removed


def prune_audit(vault: VaultHandle, now: dt.datetime) -> int:
    """Delete the log's oldest entries, those before the first one younger than the period, in
    one transaction with the ``audit_prune`` entry that anchors the rest (the last pruned seq and
    its hash): ``audit verify`` starts from it. How many went."""
    from sqlalchemy import text

    from rm_desktop.services.audit.chain import PRUNE, Anchor
    from rm_desktop.services.audit.reading import utc_stamp
    from rm_desktop.services.privacy.retention import retention_days
    from rm_desktop.storage.db import writer

    cutoff = utc_stamp(now - dt.timedelta(days=retention_days(vault, "audit")))
    with vault.engine.connect() as conn:  # the daily check: a read, no write lock
        first = conn.execute(text("SELECT at FROM audit_log ORDER BY seq LIMIT 1")).scalar()
    if first is None or first >= cutoff:
        return 0
    with writer(vault.engine).connect() as conn, conn.begin():
        # "+at": walk by seq from the oldest, not the at index (the young entries are the many).
        keep = conn.execute(
            text("SELECT seq FROM audit_log WHERE +at >= :cutoff ORDER BY seq LIMIT 1"), {"cutoff": cutoff}
        ).scalar()
        newest = conn.execute(text("SELECT max(seq) FROM audit_log")).scalar() or 0
        through = int(keep - 1 if keep is not None else newest)
        last = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": through}).scalar()
        gone = int(conn.execute(text("SELECT count(*) FROM audit_log WHERE seq <= :s"), {"s": through}).scalar() or 0)
        if last is None or not gone:
            return 0  # the oldest entry young after all (another process pruned first)
        # The anchor first: record() numbers it after the latest entry, which may be among those pruned.
        audit_log.record(conn, PRUNE, counts=Anchor(through, str(last)).counts(gone), now=now)
        conn.execute(text("DELETE FROM audit_log WHERE seq <= :s"), {"s": through})
    return gone


def _local_day(stamp: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC).astimezone().date()
    except (TypeError, ValueError):
        return None


def _first_of_day(before: str | None, now: dt.datetime) -> bool:
    """Whether an unlock at ``now`` is the vault's first of its local day, the unlock before it
    having been at ``before`` (None: none)."""
    return before is None or _local_day(before) != now.date()


def due_today(vault: VaultHandle, now: dt.datetime) -> bool:
    """Whether the unlock just recorded is the vault's first of ``now``'s local day."""
    with vault.engine.connect() as conn:
        before = conn.exec_driver_sql(_UNLOCK_AT.format(1)).scalar()
    return _first_of_day(before, now)


def due_before_unlock(dbapi_conn: Any, now: dt.datetime) -> bool:
    """:func:`due_today` on a bare sqlcipher3 connection, asked before the unlock is recorded:
    whether the unlock about to be recorded at ``now`` is the day's first (its housekeeping runs)."""
    found = dbapi_conn.execute(_UNLOCK_AT.format(0)).fetchone()
    return _first_of_day(None if found is None else found[0], now)


def local_now() -> dt.datetime:
    """The local time as the audit log's clock gives it (one clock: tests set it once)."""
    return audit_log.utc_now().astimezone().replace(tzinfo=None)


def at_unlock(
    vault: VaultHandle, backup_folders: Iterable[Path], now: dt.datetime | None = None, *, force: bool = False
) -> dict[str, int]:
    """The day's housekeeping, right after the unlock's entry; {} when this day's has run
    (``force``: run anyway). What went, by kind."""
    now = now or local_now()
    if not force and not due_today(vault, now):
        return {}
    return {
        "trash": empty_old_trash(vault, now),
        "backups": expire_backups(vault, backup_folders, now),
        "audit": prune_audit(vault, now),
    }
