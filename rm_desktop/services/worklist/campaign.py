"""A list of clients (an insights bar or segment, a selection) turned into worklist items.

Each item is a custom reminder (services/reminders) for one client on one day, so it reaches
the worklist, the 今日 page and the calendar as every reminder does, and is snoozed, dismissed
or done like one. The whole list is one transaction: all items or none. A client who already
has the same item open (same title, not repeating, neither done nor dismissed: such an item
stays on the worklist, overdue, however old) is skipped, so pressing the button twice adds nothing; so
are clients marked lost (the worklist leaves them out) and clients gone or in the trash. The
result names what was skipped and why, and carries the undo handle: exactly the rows made.
Custom reminders have no field for a 话术, so none is attached; the worklist page offers the
script library when the contact is logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import delete, select

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reminders import KIND_CUSTOM
from rm_desktop.i18n import t
from rm_desktop.services.reminders.appointments import parse_title
from rm_desktop.services.worklist.facts import load_lost
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_reminders import CustomReminder, ReminderState
from rm_desktop.storage.models_worklist import WorklistState

MAX_CLIENTS = 5000  # a click on a whole-book bar (80k basic clients) is a mistake, not a day's work
MAX_NOTE = 1000
_CHUNK = 900  # SQLite's bound-parameter limit, with room to spare

T = TypeVar("T")

SKIP_OPEN, SKIP_LOST, SKIP_MISSING = "open", "lost", "missing"
SKIP_REASONS = {
    SKIP_OPEN: ("已有相同的未完成事项", "already has this item open"),
    SKIP_LOST: ("已标记为流失", "marked lost"),
    SKIP_MISSING: ("客户不存在或在回收站中", "client gone or in the trash"),
}


def default_title(list_name: str) -> str:
    """The title offered for a list's items ("重要挽留客户 回访"), in the GUI and the CLI."""
    return t("{} 回访", "{}: follow-up").format(list_name)


def item_key(reminder_id: int, on: dt.date) -> str:
    """The worklist key of a one-day custom reminder (domain/reminders/scheduled)."""
    return f"{KIND_CUSTOM}:{reminder_id}:{on.isoformat()}"


@dataclass(frozen=True)
class CampaignUndo:
    """What :func:`undo_campaign` removes: exactly the reminders one call made."""

    reminder_ids: tuple[int, ...]
    on: dt.date


@dataclass(frozen=True)
class CampaignResult:
    title: str
    on: dt.date
    created: int
    skipped: dict[str, tuple[int, ...]] = field(default_factory=dict)  # reason → client ids
    undo: CampaignUndo = field(default_factory=lambda: CampaignUndo((), dt.date.min))

    @property
    def skipped_count(self) -> int:
        return sum(len(ids) for ids in self.skipped.values())

    def message(self) -> str:
        """ "已加入工作清单 3 项（2026-12-02）；跳过 2 位：已有相同的未完成事项 2" """
        text = t("已加入工作清单 {} 项（{}）", "Added {} items to the worklist ({})").format(
            self.created, self.on.isoformat()
        )
        if self.skipped_count:
            parts = [f"{t(*SKIP_REASONS[reason])} {len(ids)}" for reason, ids in self.skipped.items()]
            text += t("；跳过 {} 位：{}", "; skipped {}: {}").format(self.skipped_count, t("，", ", ").join(parts))
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.on.isoformat(),
            "created": self.created,
            "created_keys": [item_key(rid, self.on) for rid in self.undo.reminder_ids],
            "skipped": {reason: list(ids) for reason, ids in self.skipped.items()},
            "message": self.message(),
        }


def _chunks(items: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _check(title: str, on: dt.date, note: str, today: dt.date, count: int) -> tuple[str, str]:
    title = parse_title(title)
    if on < today:
        raise ValidationError(
            "date", t("日期不能早于今天（{}）", "the date cannot be before today ({})").format(today.isoformat())
        )
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError("note", t("备注最多 {} 个字", "the note is at most {} characters").format(MAX_NOTE))
    if count > MAX_CLIENTS:
        raise UserError(
            t(
                "一次最多加入 {} 位客户（这里有 {} 位），请选小一些的分组",
                "at most {} clients at a time ({} here); pick a smaller segment",
            ).format(MAX_CLIENTS, count)
        )
    return title, note


def _open_items(session, ids: list[int], title: str) -> set[int]:
    """The clients of ``ids`` that already have ``title`` open (see the module notes)."""
    R = CustomReminder
    found: dict[str, int] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(R.id, R.client_id, R.start).where(R.client_id.in_(chunk), R.title == title, R.rrule.is_(None))
        )
        found.update({item_key(rid, start): cid for rid, cid, start in rows})
    closed: set[str] = set()
    S = ReminderState
    for keys in _chunks(list(found)):
        closed.update(
            session.scalars(select(S.key).where(S.key.in_(keys), (S.done.is_(True)) | (S.dismissed_at.is_not(None))))
        )
    return {cid for key, cid in found.items() if key not in closed}


def add_to_worklist(
    vault: VaultHandle,
    client_ids: Iterable[int],
    title: str,
    on: dt.date,
    *,
    note: str = "",
    today: dt.date | None = None,
) -> CampaignResult:
    """One item ``title`` on ``on`` for each client of ``client_ids`` (see the module notes);
    ValidationError for a bad title, a past date or a long note, UserError for too many
    clients, and nothing is stored then."""
    today = today or dt.date.today()
    ids = list(dict.fromkeys(int(cid) for cid in client_ids))  # once each, in the given order
    title, note = _check(title, on, note, today, len(ids))
    skipped: dict[str, list[int]] = {SKIP_OPEN: [], SKIP_LOST: [], SKIP_MISSING: []}
    with vault.sessions.begin() as session:
        live: set[int] = set()
        for chunk in _chunks(ids):
            live.update(
                session.execute(select(Client.id).where(Client.id.in_(chunk), Client.deleted_at.is_(None))).scalars()
            )
        lost = load_lost(session.connection())
        already = _open_items(session, [cid for cid in ids if cid in live], title)
        rows: list[CustomReminder] = []
        for cid in ids:
            reason = (
                SKIP_MISSING if cid not in live else SKIP_LOST if cid in lost else SKIP_OPEN if cid in already else None
            )
            if reason is not None:
                skipped[reason].append(cid)
            else:
                rows.append(CustomReminder(start=on, title=title, client_id=cid, note=note or None))
        session.add_all(rows)
        session.flush()
        made = tuple(row.id for row in rows)
    return CampaignResult(
        title,
        on,
        len(made),
        {reason: tuple(found) for reason, found in skipped.items() if found},
        CampaignUndo(made, on),
    )


def undo_campaign(vault: VaultHandle, undo: CampaignUndo) -> int:
    """Delete exactly the reminders of one :func:`add_to_worklist`, with whatever was done to
    them since (snoozed, dismissed, counted as done today); the number removed."""
    removed = 0
    with vault.sessions.begin() as session:
        for chunk in _chunks(undo.reminder_ids):
            keys = [item_key(rid, undo.on) for rid in chunk]
            session.execute(delete(ReminderState).where(ReminderState.key.in_(keys)))
            session.execute(delete(WorklistState).where(WorklistState.key.in_(keys)))
            gone = session.execute(delete(CustomReminder).where(CustomReminder.id.in_(chunk)))
            removed += gone.rowcount  # type: ignore[attr-defined]  # a DELETE's result is a CursorResult
    return removed
