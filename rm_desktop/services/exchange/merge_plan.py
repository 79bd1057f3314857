"""What an import or handover merge will do, client by client, before it runs (a dry run).

The preview (importing.preview_import) already holds every decision of the merge: the match
and the decision of each row (matching.decide, the one matcher), the fields that differ and the
empty ones the file fills (matching._fill_conflicts, over every field the write sets). This
module only groups them by client name and reads the numbers and tags the vault already has,
so it says exactly what writing.run_import then does:

* new: a client the vault does not have (added);
* matching: the same client with no differing field (the file may fill empty fields and add
  phone numbers or tags: listed with it);
* conflicting: a field holds another value in the vault than in the file, kept as the vault has
  it by a merge, replaced by an update;
* skipped: matched and skipped; rejected: a row the checks refused.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from rm_desktop.domain.choices import CHANNELS, ID_TYPES
from rm_desktop.domain.errors import import_cancelled
from rm_desktop.i18n import t
from rm_desktop.io.rows import OK, REJECTED
from rm_desktop.services.clients.fields import field_label
from rm_desktop.services.exchange.importing import MERGE, NEW, UPDATE, ImportPreview, PreviewRow
from rm_desktop.services.exchange.writing import _phones
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import ClientPhone, ClientTag

NEW_GROUP, MATCHING, CONFLICTING, SKIPPED, REJECTED_GROUP = "new", "matching", "conflicting", "skipped", "rejected"
GROUPS = (NEW_GROUP, MATCHING, CONFLICTING, SKIPPED, REJECTED_GROUP)
_CHUNK = 900  # SQLite's bound-parameter limit, with room to spare
_STEP = 2000  # rows between progress ticks


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    in_vault: str  # as shown ("" when empty)
    in_file: str
    kept: bool  # True: the vault's value stays (merge); False: the file's value is written


@dataclass
class ClientPlan:
    row_number: int
    name: str
    group: str
    decision: str  # importing.NEW / UPDATE / MERGE / SKIP, "" for a rejected row
    client_id: int | None  # the matched client in the vault
    differing: list[FieldChange] = field(default_factory=list)
    filled: list[FieldChange] = field(default_factory=list)  # written: empty fields, new numbers, tags
    reasons: list[str] = field(default_factory=list)  # why a row was rejected


@dataclass
class MergePlan:
    clients: list[ClientPlan]

    def group(self, name: str) -> list[ClientPlan]:
        return [plan for plan in self.clients if plan.group == name]

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(GROUPS, 0)
        for plan in self.clients:
            found[plan.group] += 1
        return found


def shown(name: str, value: Any) -> str:
    """A field's value as the client file shows it (labels, not codes)."""
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return t("是", "yes") if value else t("否", "no")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if name == "id_type":
        return ID_TYPES.label(str(value))
    if name == "preferred_channel":
        return CHANNELS.label(str(value))
    if isinstance(value, (list, tuple)):
        return "，".join(map(str, value))
    return str(value)


def plan_merge(
    vault: VaultHandle,
    preview: ImportPreview,
    decisions: dict[int, str] | None = None,
    progress: Callable[[int, int], bool | None] | None = None,
) -> MergePlan:
    """Each row of ``preview`` as the client it adds, leaves, fills or conflicts with, under the
    row's decision (``decisions`` overrides it by row number, as run_import takes them).
    ``progress(done, total)`` returning False cancels with domain.errors.Cancelled."""
    decisions = decisions or {}
    rows = [row for row in preview.rows if row.status in (OK, REJECTED)]
    matched = sorted({row.match_id for row in rows if row.status == OK and row.match_id is not None})
    phones, tags = _children_of(vault, matched)
    plans = []
    for done, row in enumerate(rows):
        if progress is not None and done % _STEP == 0 and progress(done, len(rows)) is False:
            raise import_cancelled()
        plans.append(_plan_row(row, decisions.get(row.result.row_number, row.decision), phones, tags))
    return MergePlan(plans)


def _children_of(vault: VaultHandle, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, set[str]]]:
    phones: dict[int, list[str]] = defaultdict(list)
    tags: dict[int, set[str]] = defaultdict(set)
    with vault.engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            for cid, number in conn.execute(
                select(ClientPhone.client_id, ClientPhone.number).where(ClientPhone.client_id.in_(part))
            ):
                phones[cid].append(number)
            for cid, tag in conn.execute(
                select(ClientTag.client_id, ClientTag.tag).where(ClientTag.client_id.in_(part))
            ):
                tags[cid].add(tag)
    return phones, tags


def _plan_row(row: PreviewRow, decision: str, phones: dict[int, list[str]], tags: dict[int, set[str]]) -> ClientPlan:
    name = str(row.result.values.get("name") or "")
    if row.status != OK:
        return ClientPlan(row.result.row_number, name, REJECTED_GROUP, "", None, reasons=list(row.result.reasons))
    if row.match_id is None or decision == NEW:
        return ClientPlan(row.result.row_number, name, NEW_GROUP, NEW, row.match_id)
    if decision not in (UPDATE, MERGE):
        return ClientPlan(row.result.row_number, name, SKIPPED, decision, row.match_id)
    keep = decision == MERGE
    differing = [
        FieldChange(key, field_label(key), shown(key, kept), shown(key, incoming), keep)
        for key, kept, incoming in row.conflicts
    ]
    filled = [FieldChange(key, field_label(key), "", shown(key, incoming), False) for key, incoming in row.fills]
    filled += _added(row.match_id, "phone", _phones(row), phones)
    incoming_tags = row.result.values.get("tags")
    filled += _added(row.match_id, "tags", incoming_tags if isinstance(incoming_tags, list) else [], tags)
    group = CONFLICTING if differing else MATCHING
    return ClientPlan(row.result.row_number, name, group, decision, row.match_id, differing, filled)


def _added(cid: int, key: str, incoming: Iterable[str], have: dict[int, Any]) -> list[FieldChange]:
    """The numbers or tags of the file the client does not have yet (both writes add them)."""
    new = [value for value in dict.fromkeys(incoming) if value not in have.get(cid, ())]
    if not new:
        return []
    return [FieldChange(key, field_label(key), shown(key, sorted(have.get(cid, ()))), shown(key, new), False)]
