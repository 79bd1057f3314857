"""Retention periods (issue 18.5) and the clients past theirs.

A client's relationship has ended when the client is marked lost (services/worklist/outcomes
``mark_lost``) or is in the trash; it ended on the earlier of those two days. The client is past
retention ``retention_client_days`` after that day (default five years, the usual keeping of
client records after a relationship ends). A client already anonymised (tag 已匿名化) holds no
personal data and is not listed again.

Each period is a vault setting unless the IT policy's ``retention`` table names its category
(security/policy): then the policy's days are the period, whatever the vault says. The clients'
period is here; the contacts', plans' and complaints' (the same ended relationship, shorter
periods) are services/privacy/records'; the trash's, backups' and audit log's housekeeping's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, text

from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.handle import VaultHandle

# policy category → vault setting: clients, contacts, plans, complaints, trash, backups, audit
SETTING_OF = policy_rules.RETENTION_SETTINGS
ANONYMISED_TAG = "已匿名化"
LOST, TRASH = "lost", "trash"


def retention_days(vault: VaultHandle, category: str) -> int:
    """The period of ``category`` in days: the IT policy's when it sets one (the setting's read
    applies it: policy_rules.fix_of), else the setting."""
    return int(vault.settings.get(SETTING_OF[category]))


def fixed_by_policy(category: str) -> bool:
    return policy_rules.fix_of(SETTING_OF[category]) is not None


@dataclass(frozen=True)
class PastRetention:
    client_id: int
    name: str
    ended_on: dt.date
    why: str  # LOST or TRASH
    due_on: dt.date  # the day retention ran out


def _day(value) -> dt.date | None:
    if value is None:
        return None
    return dt.date.fromisoformat(str(value)[:10])


_ENDED = text(
    "SELECT c.id, c.name, l.lost_at, c.deleted_at FROM clients c "
    "LEFT JOIN lost_clients l ON l.client_id = c.id "
    "WHERE (l.client_id IS NOT NULL OR c.deleted_at IS NOT NULL) "
    "AND NOT EXISTS (SELECT 1 FROM client_tags t WHERE t.client_id = c.id AND t.tag = :tag) "
    "ORDER BY c.id"
)


Ended = tuple[int, str, dt.date, str]  # client id, name, the day it ended, LOST or TRASH


def ended_in(conn: Connection) -> list[Ended]:
    """Every ended relationship of a client not yet anonymised, on ``conn`` (a purge reads it in
    its own write transaction): the one rule the clients' and the records' retention count from."""
    found: list[Ended] = []
    for cid, name, lost_at, deleted_at in conn.execute(_ENDED, {"tag": ANONYMISED_TAG}):
        ends = [(d, why) for d, why in ((_day(lost_at), LOST), (_day(deleted_at), TRASH)) if d is not None]
        ended_on, why = min(ends)
        found.append((cid, name, ended_on, why))
    return found


def ended(vault: VaultHandle) -> list[Ended]:
    with vault.engine.connect() as conn:
        return ended_in(conn)


def past_retention(vault: VaultHandle, today: dt.date) -> list[PastRetention]:
    """Clients whose relationship ended more than the clients' retention period before ``today``,
    longest over first."""
    keep = dt.timedelta(days=retention_days(vault, "clients"))
    found = [
        PastRetention(cid, name, ended_on, why, ended_on + keep)
        for cid, name, ended_on, why in ended(vault)
        if ended_on + keep <= today
    ]
    return sorted(found, key=lambda p: (p.due_on, p.client_id))
